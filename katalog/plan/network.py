"""The study-visit network: who visited whom, per region page and on 'kunjungan/'.

Every visit draws a directed edge from each visiting region to its host. A region's page
lists the regions it visited ("Mengunjungi") and those that visited it ("Dikunjungi
oleh"), each with the visits' dates and links, beside a small picture of the same with
the region in the middle. A province's page counts its own and its kabupaten/kota's
visits (the province's RegionEntries include them): a visit between two regions of the
province shows in both lists, and each visit names the kabupaten/kota of the province
that made or hosted it. The province itself is never listed on its own page: a visit
between the provincial government and one of its kabupaten/kota shows once, on its side. 'kunjungan/' shows the whole network (plan/sitenetwork.py).
"""

from __future__ import annotations

from typing import Any

from .. import urls
from ..catalogue import Catalogue
from ..i18n import format_short_date
from ..models import Entry
from ..regions import Region
from . import diagrams as dg
from .sitenetwork import flows_graphic
from .views import Views

EGO_MAX = 10  # regions drawn per side of a region's picture; the lists name them all
LIST_MAX = 20  # regions listed per side; the rest are in the region's visit sections
VISITS_MAX = 3  # visits named per region in a list


def region_network(cat: Catalogue, views: Views, region: Region) -> dict[str, Any] | None:
    """The regions this one visited and that visited it, with dates and links to the visits."""
    entries = cat.by_region.get(region.code)
    if entries is None or not (entries.hosted or entries.made):
        return None
    code = region.code

    def inside(c: str) -> bool:
        return c[:2] == code if region.is_province else c == code

    visited: dict[str, dict[tuple, tuple[Entry, list[str]]]] = {}  # host -> visit -> own visitors
    for v in entries.made:
        host = v.fields["host"]
        for w in v.fields["visitors"]:
            if inside(w) and w != host and host != code:  # a province does not visit itself
                visited.setdefault(host, {}).setdefault(v.key, (v, []))[1].append(w)
    visited_by: dict[str, dict[tuple, tuple[Entry, list[str]]]] = {}  # visitor -> visit -> own host
    for v in entries.hosted:
        host = v.fields["host"]
        for w in dict.fromkeys(v.fields["visitors"]):
            if w != host and w != code and (region.is_province or not inside(w)):
                visited_by.setdefault(w, {}).setdefault(v.key, (v, [host]))
    if not visited and not visited_by:
        return None
    t = views.t
    out = _side(views, region, visited, "network.via_visitor", "#" + urls.region_section_id("made"))
    into = _side(views, region, visited_by, "network.via_host", "#" + urls.region_section_id("hosted"))
    fid = "jaringan"
    name = region.name
    left, right = into["rows"][:EGO_MAX], out["rows"][:EGO_MAX]  # what the picture draws, and its text alternative
    sentences = ([t("network.edge", source=r["region"]["name"], target=name, count=r["count_label"]) for r in left]
                 + [t("network.edge", source=name, target=r["region"]["name"], count=r["count_label"]) for r in right])
    return {
        "id": fid,
        "title": t("network.region.title"),
        "note": t("network.region.province_note", name=name) if region.is_province else "",
        "flows": None,
        "visited": {"heading": t("network.visited"), "id": f"{fid}-mengunjungi", **out},
        "visited_by": {"heading": t("network.visited_by"), "id": f"{fid}-dikunjungi", **into},
        "graphic": _ego(views, fid, name, left, right, " ".join(sentences),
                        len(into["rows"]) > EGO_MAX or len(out["rows"]) > EGO_MAX),
    }


def site_network(cat: Catalogue, views: Views) -> dict[str, Any] | None:
    """The whole network as a graphic (nodes placed by province, directed edges) and a list of flows;
    computed once per build (the first page of 'kunjungan/' shows it)."""
    if not cat.entries.get("visit"):
        return None
    return flows_graphic(cat, views)


def _side(views: Views, region: Region, groups: dict, via_key: str, more_anchor: str) -> dict[str, Any]:
    """One list: the other regions, most visits first, each with its visits (newest first)."""
    t, lang = views.t, views.lang
    order = {c: i for i, c in enumerate(groups)}  # first seen = newest visit, entries being newest first
    codes = sorted(groups, key=lambda c: (-len(groups[c]), order[c]))
    rows = []
    for c in codes[:LIST_MAX]:
        visits = list(groups[c].values())
        items = []
        for v, own in visits[:VISITS_MAX]:
            d = v.fields["date"]
            via = ""
            if region.is_province:
                via = t(via_key, name=", ".join(views.region_ref(o)["name"] for o in dict.fromkeys(own)))
            items.append({"url": views.link(urls.entry_path(v)), "title": v.title, "date": format_short_date(d, lang),
                          "iso": d.isoformat(), "via": via})
        rows.append({"region": views.region_ref(c), "count": len(visits), "count_label": dg.count_text(t, len(visits), lang),
                     "visits": items,
                     "more": t("network.more_visits", count=len(visits) - VISITS_MAX) if len(visits) > VISITS_MAX else ""})
    more = None
    if len(codes) > LIST_MAX:
        more = {"label": t("network.more_regions", count=len(codes) - LIST_MAX), "url": more_anchor}
    return {"rows": rows, "more": more, "empty": t("network.none")}


# -- a region's picture: visitors on the left, the region in the middle, hosts on the right -------
NODE_W, GAP, NODE_H, LINE, TOP = 104, 40, 40, 17, 24


def _ego(views: Views, fid: str, name: str, left: list[dict], right: list[dict], desc: str, cut: bool) -> dict[str, Any]:
    t = views.t
    cx = NODE_W + GAP
    cw = dg.WIDTH - 2 * (NODE_W + GAP)
    texts = {r["region"]["code"]: dg.wrap(r["region"]["name"], NODE_W - 10, 3) for r in left + right}
    node_h = NODE_H if all(len(x) < 3 for x in texts.values()) else NODE_H + LINE  # one height for all: rows line up
    row_h = node_h + 8
    n = max(len(left), len(right), 1)
    rows_h = n * row_h - 8
    centre = dg.wrap(name, cw - 8, 4)
    centre_h = max(rows_h, len(centre) * LINE + 16)
    top = TOP + max(0, (centre_h - rows_h) / 2)
    nodes = [_box(centre, cx, TOP, cw, centre_h, None, name, "dg-self")]
    edges = []
    labels = [{"x": 0, "y": 14, "text": t("network.visited_by"), "anchor": "start", "cls": "dg-heading"} if left else None,
              {"x": dg.WIDTH, "y": 14, "text": t("network.visited"), "anchor": "end", "cls": "dg-heading"} if right else None]
    counts = []
    for side, rows in ((0, left), (1, right)):
        for i, row in enumerate(rows):
            y = top + i * row_h
            x = 0 if side == 0 else dg.WIDTH - NODE_W
            ref = row["region"]
            nodes.append(_box(texts[ref["code"]], x, y, NODE_W, node_h, ref["url"], f"{ref['name']}, {row['count_label']}", ""))
            ym = dg.r1(y + node_h / 2)
            x0, x1 = (NODE_W, cx) if side == 0 else (cx + cw, dg.WIDTH - NODE_W)
            edges.append({"d": f"M{dg.r1(x0 + 1)} {ym}H{dg.r1(x1 - 2)}", "w": _width(row["count"])})
            if row["count"] > 1:
                counts.append({"x": dg.r1((x0 + x1) / 2), "y": dg.r1(ym - 5), "text": f"{row['count']}×", "anchor": "middle",
                               "cls": "dg-count"})
    caption = t("network.region.caption") + (" " + t("network.region.cut", count=EGO_MAX) if cut else "")
    return {"id": f"{fid}-g", "width": dg.WIDTH, "height": dg.r1(TOP + centre_h + 4), "title": t("network.region.title"),
            "desc": desc, "caption": caption, "nodes": nodes, "links": any(n["url"] for n in nodes), "edges": edges,
            "labels": [x for x in labels if x] + counts, "cls": "dg-ego"}


def _box(wrapped: list[dict], x: float, y: float, w: float, h: float, url: str | None, label: str, cls: str) -> dict[str, Any]:
    """A node drawn as a box with its label (lines from diagrams.wrap) centred in it, a link when ``url``."""
    first = y + h / 2 - (len(wrapped) - 1) * LINE / 2 + dg.FONT * 0.35
    return {"r": None, "x": dg.r1(x), "y": dg.r1(y), "w": dg.r1(w), "h": dg.r1(h), "url": url, "label": label, "cls": cls,
            "lines": [{"x": dg.r1(x + w / 2), "y": dg.r1(first + i * LINE), "anchor": "middle", "cls": "", **line}
                      for i, line in enumerate(wrapped)]}


def _width(count: int) -> float | int:
    """An edge's stroke width: wider with more visits, between 2 and 6 units."""
    return dg.r1(min(6, 2 + (count - 1) ** 0.5))
