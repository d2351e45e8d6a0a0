"""Region pages: /wilayah/ (every province), one page per province and kabupaten/kota with content."""

from __future__ import annotations

from functools import partial

from .. import jsonld, urls
from ..catalogue import Catalogue, RegionEntries
from ..regions import Region
from . import maps, network, statistics
from .iid import export_link
from .opendata import region_links
from .paginate import list_pages, preview
from .spec import PageSpec
from .views import Views

# The sections of a region's page, in order (see urls.REGION_SECTIONS): id -> title key
SECTIONS = (("innovations", "region.innovations"), ("hosted", "region.hosted"), ("made", "region.made"),
            ("news", "region.news"))

EMPTY = RegionEntries()


def _counts(r: RegionEntries) -> dict[str, int]:
    return {"innovations": len(r.innovations), "visits": len({e.key for e in r.hosted + r.made}),
            "news": len(r.news), "total": r.total}


# What a region's line in a list says, by kind: count key -> label key ("Inovasi 11 · Kunjungan 2")
KIND_COUNTS = (("innovations", "kind.innovation.plural"), ("visits", "kind.visit.plural"), ("news", "kind.news.plural"))


def _row(views: Views, code: str) -> dict:
    """A region in a list: name, link, counts, and the non-zero counts labelled for display."""
    counts = _counts(views.cat.by_region.get(code, EMPTY))
    parts = [{"label": views.t(key), "value": counts[cid]} for cid, key in KIND_COUNTS if counts[cid]]
    return {**views.region_ref(code), **counts, "parts": parts}


BAR_STEPS = 10  # an inline bar's length, in tenths of the longest (CSS classes region-bar-0..10)


def _ranked(rows: list[dict]) -> list[dict]:
    """Kabupaten/kota ranked by innovations: each row with its rank and a bar as long as its share of the first."""
    top = max((r["innovations"] for r in rows), default=0)
    return [{**r, "rank": i, "bar": round(BAR_STEPS * r["innovations"] / top) if top else 0}
            for i, r in enumerate(rows, 1)]


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    t = views.t
    provinces = [_row(views, p.code) for p in sorted(cat.regions.provinces(), key=lambda r: r.name)]
    # provinces with entries first; the others behind one disclosure
    listed = [p for p in provinces if p["total"]]
    others = [p for p in provinces if not p["total"]]
    index = PageSpec(urls.regions_path(), "regions.html", lambda: {
        "site": views.site, "section": urls.REGIONS, "title": t("regions.title"),
        "intro": t("regions.intro"), "provinces": listed, "others": others,
        "head": views.head(urls.regions_path(), t("regions.title"), t("regions.intro")),
        "summary": t("regions.summary", count=len(listed), total=len(provinces)),
        "others_label": t("regions.others", count=len(others)),
        "map": maps.province_map(cat, views),
    })
    pages = [index]
    for code in sorted(cat.by_region):
        pages += _region_pages(cat, views, cat.regions.get(code), cat.by_region[code])
    return pages


def _region_pages(cat: Catalogue, views: Views, region: Region, entries: RegionEntries) -> list[PageSpec]:
    """The region's page, and the full lists behind sections too long to show whole."""
    t = views.t
    crumbs = [{"name": t("nav.home"), "url": views.link(urls.HOME)},
              {"name": t("regions.title"), "url": views.link(urls.regions_path())}]
    if not region.is_province:
        crumbs.append(views.region_ref(region.province))
    limit = cat.config.per_page
    pages = []
    for sid, key in SECTIONS:
        items = getattr(entries, sid)
        if len(items) > limit:
            pages += list_pages(views, urls.region_section_path(region.path, sid), items,
                                heading=f"{t(key)} · {region.name}", intro=t("region.description", name=region.name),
                                section=urls.REGIONS,
                                breadcrumbs=crumbs + [{"name": region.name, "url": views.link(region.path)}],
                                omit_region=region.code)
    page = PageSpec(region.path, "region.html", partial(_context, cat, views, region, entries, crumbs))
    return [page] + pages


def _context(cat: Catalogue, views: Views, region: Region, entries: RegionEntries, crumbs: list[dict]) -> dict:
    t = views.t
    sections = []
    for sid, key in SECTIONS:
        items = getattr(entries, sid)
        section = preview(views, items, urls.region_section_path(region.path, sid), t("more", count=len(items)))
        sections.append({"title": t(key), "empty": t(f"{key}.empty"), "id": urls.region_section_id(sid), **section})
    children = []
    if region.is_province:
        children = [_row(views, code) for code in cat.regions.children.get(region.code, ())]
        children.sort(key=lambda c: (-c["innovations"], -c["total"], c["name"]))
    listed = _ranked([c for c in children if c["total"]])
    others = [c for c in children if not c["total"]]
    description = region.description or t("region.description", name=region.name)
    return {
        "site": views.site,
        "section": urls.REGIONS,
        "title": region.name,
        "description": description,
        "head": views.head(region.path, region.name, description, breadcrumbs=crumbs,
                           data=(jsonld.region(views, region.code, region.description),)),
        "region": {"code": region.code, "name": region.name, "level": t(f"level.{region.level}"),
                   "description": region.description, "website": region.website,
                   "province": views.region_ref(region.province) if not region.is_province else None},
        "counts": _counts(entries),
        "children": listed,
        "children_others": others,
        "children_summary": t("region.children_summary", count=len(listed), total=len(children)),
        "children_others_label": t("region.children_others", count=len(others)),
        "sections": sections,
        "iid_export": export_link(cat, views, region.code),
        "open_data": region_links(cat, views, region.code),
        "search_within": views.search_within(urls.SEARCH_PROVINCE if region.is_province else urls.SEARCH_REGION,
                                             region.name, region.name),
        "breadcrumbs": crumbs,
        "stats": statistics.region_block(cat, views, region),
        "network": network.region_network(cat, views, region),
    }
