"""The home page: what the catalogue is, counts, latest entries, busiest regions."""

from __future__ import annotations

from ..catalogue import Catalogue
from .spec import PageSpec
from .views import entry_dep
from .views import Views

LATEST_NEWS = 4
RECENT_INNOVATIONS = 6
TOP_REGIONS = 8


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    t = views.t
    e = cat.entries
    kabkota = [(code, r) for code, r in cat.by_region.items() if "." in code]
    kabkota.sort(key=lambda item: (-item[1].total, cat.regions.get(item[0]).name))
    top = [{**views.region_ref(code), "count": r.total,
            "province": cat.regions.get(code[:2]).name} for code, r in kabkota[:TOP_REGIONS]]
    counts = [
        {"label": t("kind.innovation.plural"), "value": len(e["innovation"]), "url": views.link("inovasi/")},
        {"label": t("kind.visit.plural"), "value": len(e["visit"]), "url": views.link("kunjungan/")},
        {"label": t("kind.news.plural"), "value": len(e["news"]), "url": views.link("berita/")},
        {"label": t("home.regions_count"), "value": len(kabkota), "url": views.link("wilayah/")},
    ]
    browse = [
        {"label": t(f"taxonomy.{name}.plural"), "url": views.link(f"{folder}/")}
        for name, folder in (("stage", "tahap"), ("sector", "urusan"), ("form", "bentuk"), ("type", "jenis"), ("tag", "tag"))
    ]
    context = lambda: {  # noqa: E731 - built where the page is rendered
        "site": views.site,
        "title": cat.config.title,
        "is_home": True,
        "counts": counts,
        "news": views.cards(e["news"][:LATEST_NEWS]),
        "innovations": views.cards(e["innovation"][:RECENT_INNOVATIONS]),
        "visits": views.cards(e["visit"][:3]),
        "top_regions": top,
        "browse": browse,
        "links": {"innovations": views.link("inovasi/"), "news": views.link("berita/"),
                  "regions": views.link("wilayah/")},
    }
    shown = e["news"][:LATEST_NEWS] + e["innovation"][:RECENT_INNOVATIONS] + e["visit"][:3]
    deps = ("site", "regions", *(entry_dep(x) for x in shown), *(f"count:{c['url']}:{c['value']}" for c in counts),
            *(f"count:{r['code']}:{r['count']}" for r in top))
    return [PageSpec("", "home.html", context, deps)]
