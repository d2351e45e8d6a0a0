"""The map of Indonesia's 38 provinces (home page and 'wilayah/'), shaded by innovations.

A tile-grid map (katalog/provincegrid.py, katalog/data/provinces-grid.json): one square per
province placed roughly where it lies, shaded by its number of innovations (its
kabupaten/kota's included) in about five classes whose breaks come from the data, each a
link to the province's page when it has one. Planned once per build and shared by the two
pages that show it (memoised on ``views.memo``).
"""

from __future__ import annotations

from math import ceil
from typing import Any

from .. import provincegrid
from ..catalogue import Catalogue
from ..i18n import format_number
from .shared import Shared
from .views import Views

CELL = 40  # a grid cell in SVG units; the square inside leaves a gap of GAP
GAP = 4
TOP_TIES = 3  # the map's text names the provinces with the most innovations when at most this many share it
CLASSES = 4  # classes of provinces with innovations (the class "0" comes on top)
NICE = (1, 2, 3, 5)  # breaks are these times a power of ten
MEMO_KEY = "maps.province_map"


def nice_up(n: int) -> int:
    """The smallest of 1, 2, 3, 5, 10, 20, 30, 50, ... that is at least ``n``."""
    scale = 1
    while True:
        for step in NICE:
            if step * scale >= n:
                return step * scale
        scale *= 10


def breaks(counts: list[int]) -> list[int]:
    """Upper bounds of the classes of non-zero counts: the quartiles rounded up to nice numbers
    (1, 2, 3, 5, 10, 20, ...), the top one the largest count itself."""
    values = sorted(c for c in counts if c > 0)
    bounds: list[int] = []
    for q in range(1, CLASSES + 1):
        bound = nice_up(values[ceil(q * len(values) / CLASSES) - 1]) if values else 0
        if values and (not bounds or bound > bounds[-1]):
            bounds.append(bound)
    if bounds:  # the top class ends at the largest count, not past it (it stays above the class below)
        bounds[-1] = values[-1]
    return bounds


def _num(v: float) -> int | float:
    """A coordinate rounded to one decimal, written without '.0' when whole."""
    v = round(v, 1)
    return int(v) if v == int(v) else v


def _shade(index: int, total: int) -> int:
    """The shade (1..CLASSES) of class ``index`` (1-based) of ``total``: spread over the whole ramp."""
    return max(1, round(index * CLASSES / total))


def province_map(cat: Catalogue, views: Views) -> dict[str, Any] | None:
    """The map's tiles, classes, legend and the same numbers as a list (one object per build)."""
    if MEMO_KEY not in views.memo:
        views.memo[MEMO_KEY] = _plan(cat, views)
    return views.memo[MEMO_KEY]


def _plan(cat: Catalogue, views: Views) -> Shared | None:
    t, lang = views.t, views.lang
    grid = provincegrid.load()
    tiles = [tile for tile in grid.tiles if cat.regions.get(tile.code) is not None]
    if not tiles:
        return None
    counts = {tile.code: len(r.innovations) if (r := cat.by_region.get(tile.code)) else 0 for tile in tiles}
    bounds = breaks(list(counts.values()))
    legend = [{"cls": "map-c0", "label": format_number(0, lang), "low": 0, "high": 0}]
    low = 1
    for i, high in enumerate(bounds, 1):
        label = format_number(low, lang) if low == high else f"{format_number(low, lang)}–{format_number(high, lang)}"
        legend.append({"cls": f"map-c{_shade(i, len(bounds))}", "label": label, "low": low, "high": high})
        low = high + 1

    def cls(n: int) -> str:
        return next(c["cls"] for c in legend if c["low"] <= n <= c["high"])

    size = CELL - GAP
    shown = []
    for tile in tiles:
        ref = views.region_ref(tile.code)
        n = counts[tile.code]
        text = format_number(n, lang)
        x, y = tile.col * CELL + GAP / 2, tile.row * CELL + GAP / 2
        shown.append({"code": tile.code, "abbr": tile.abbr, "name": ref["name"], "url": ref["url"], "count": n,
                      "count_text": text, "cls": cls(n), "label": t("map.province", name=ref["name"], count=text),
                      "x": _num(x), "y": _num(y), "cx": _num(x + size / 2), "cy": _num(y + size / 2)})
    ranked = sorted(shown, key=lambda s: (-s["count"], s["name"]))
    with_innovations = sum(1 for s in shown if s["count"])
    desc = t("map.desc", count=with_innovations, total=len(shown))
    top = [s["name"] for s in ranked if ranked[0]["count"] and s["count"] == ranked[0]["count"]]
    if 0 < len(top) <= TOP_TIES:  # "Terbanyak: Jawa Barat dan Jawa Timur, 4 inovasi."; a wider tie says nothing
        names = top[0] if len(top) == 1 else f"{', '.join(top[:-1])} {t('map.and')} {top[-1]}"
        desc += " " + t("map.desc_top", name=names, count=ranked[0]["count_text"])
    return Shared({
        "id": "peta-provinsi",
        "title": t("map.title"),
        "desc": desc,
        "width": grid.columns * CELL, "height": grid.rows * CELL, "size": size,
        "tiles": shown,
        "legend": legend,
        "legend_title": t("map.legend"),
        "list": [{"name": s["name"], "url": s["url"], "count_text": s["count_text"], "cls": s["cls"]} for s in ranked],
        "list_summary": t("map.list"),
        "note": t("map.note"),
    })
