"""Region pages: /wilayah/ (every province), one page per province and kabupaten/kota with content."""

from __future__ import annotations

from ..catalogue import Catalogue, RegionEntries
from ..regions import Region
from .spec import PageSpec
from .views import Views

EMPTY = RegionEntries()


def _counts(r: RegionEntries) -> dict[str, int]:
    return {"innovations": len(r.innovations), "visits": len({e.key for e in r.hosted + r.made}),
            "news": len(r.news), "total": r.total}


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    t = views.t
    provinces = []
    for p in sorted(cat.regions.provinces(), key=lambda r: r.name):
        entries = cat.by_region.get(p.code, EMPTY)
        provinces.append({**views.region_ref(p.code), **_counts(entries)})
    index = PageSpec("wilayah/", "regions.html", {
        "site": views.site, "section": "wilayah", "title": t("regions.title"),
        "intro": t("regions.intro"), "provinces": provinces,
        "with_content": sum(1 for p in provinces if p["total"]),
    }, ("site", "regions"))
    pages = [index]
    for code in sorted(cat.by_region):
        region = cat.regions.get(code)
        pages.append(_region_page(cat, views, region, cat.by_region[code]))
    return pages


def _region_page(cat: Catalogue, views: Views, region: Region, entries: RegionEntries) -> PageSpec:
    t = views.t
    sections = []
    for key, items in (("region.innovations", entries.innovations), ("region.hosted", entries.hosted),
                       ("region.made", entries.made), ("region.news", entries.news)):
        sections.append({"title": t(key), "cards": views.cards(items), "empty": t(f"{key}.empty"),
                         "id": key.split(".")[1]})
    children = []
    if region.is_province:
        for code in cat.regions.children.get(region.code, ()):
            child = cat.by_region.get(code, EMPTY)
            children.append({**views.region_ref(code), **_counts(child)})
        children.sort(key=lambda c: (-c["total"], c["name"]))
    level = t(f"level.{region.level}")
    crumbs = [{"name": t("nav.home"), "url": views.link("")}, {"name": t("regions.title"), "url": views.link("wilayah/")}]
    if not region.is_province:
        crumbs.append(views.region_ref(region.province))
    context = {
        "site": views.site,
        "section": "wilayah",
        "title": region.name,
        "description": region.description or t("region.description", name=region.name),
        "region": {"code": region.code, "name": region.name, "level": level,
                   "description": region.description, "website": region.website,
                   "province": views.region_ref(region.province) if not region.is_province else None},
        "counts": _counts(entries),
        "children": children,
        "children_with_content": sum(1 for c in children if c["total"]),
        "sections": sections,
        "breadcrumbs": crumbs,
    }
    return PageSpec(region.path, "region.html", context, ("site", f"region:{region.code}", "regions"))
