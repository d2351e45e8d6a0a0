"""The home page: what the catalogue is, counts, latest entries, busiest regions."""

from __future__ import annotations

from .. import jsonld, urls
from ..catalogue import Catalogue
from . import maps
from .spec import PageSpec
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
    counts = [{"label": t(f"kind.{kind}.plural"), "value": len(e[kind]), "url": views.link(urls.kind_path(kind))}
              for kind in ("innovation", "visit", "news")]
    counts.append({"label": t("home.regions_count"), "value": len(kabkota), "url": views.link(urls.regions_path())})
    browse = [{"label": t(f"taxonomy.{name}.plural"), "url": views.link(urls.taxonomy_path(name))}
              for name in ("stage", "sector", "form", "type", "tag")]
    context = lambda: {  # noqa: E731 - built where the page is rendered
        "site": views.site,
        "title": cat.config.title,
        "is_home": True,
        "head": views.head(urls.HOME, cat.config.title, cat.config.description, data=(jsonld.website(views),)),
        "counts": counts,
        "news": views.cards(e["news"][:LATEST_NEWS]),
        "innovations": views.cards(e["innovation"][:RECENT_INNOVATIONS]),
        "visits": views.cards(e["visit"][:3]),
        "top_regions": top,
        "browse": browse,
        "map": maps.province_map(cat, views),
        "links": {"innovations": views.link(urls.kind_path("innovation")), "news": views.link(urls.kind_path("news")),
                  "regions": views.link(urls.regions_path())},
    }
    return [PageSpec(urls.HOME, "home.html", context)]
