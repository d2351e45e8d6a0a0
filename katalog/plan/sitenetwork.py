"""The whole visit network on the first page of 'kunjungan/': a picture and the list of flows.

A flow is an ordered pair of regions (visitor -> host) with its visits. The picture is an
arc diagram sized for a phone: one row per region in Kemendagri code order, which runs
roughly west to east (11 Aceh first, the Papua provinces last), the regions of a province
under its name; each flow an arc from the visitor to the host, ending in an arrowhead,
wider with more visits. Past NODES_MAX regions it draws provinces instead, with the flows
between them added up (the caption says so), and at most EDGES_MAX arcs, the largest.
The list below it (folded when long) names the FLOWS_MAX largest flows between regions, with their dates
and links, and says how many more there are and where all of them are (data/kunjungan.csv).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import urls
from ..i18n import format_number, format_short_date
from . import diagrams as dg

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from .views import Views

NODES_MAX = 40
EDGES_MAX = 40
FLOWS_MAX = 30
DATES_MAX = 3  # visits named per flow in the list
OPEN_MAX = 10  # a longer list of flows starts folded, so that a phone reaches the visits below
LABELLED_MAX = 24  # arcs get a count label only when no more are drawn
X0, ROW, TOP = 196, 24, 8  # the nodes' column, a row's height, the top margin


def flows(cat: Catalogue, views: Views) -> dict[tuple[str, str], list]:
    """(visitor, host) -> its visits, newest first, in order of their newest visit; once per build."""
    found = views.memo.get("network.flows")
    if found is None:
        found = {}
        for v in cat.entries.get("visit", ()):
            host = v.fields["host"]
            for w in dict.fromkeys(v.fields["visitors"]):
                if w != host:
                    found.setdefault((w, host), []).append(v)
        views.memo["network.flows"] = found
    return found


def _ranked(pairs: dict) -> list:
    order = {p: i for i, p in enumerate(pairs)}
    return sorted(pairs, key=lambda p: (-len(pairs[p]), order[p]))


def flows_graphic(cat: Catalogue, views: Views) -> dict[str, Any] | None:
    pairs = flows(cat, views)
    if not pairs:
        return None
    t, lang = views.t, views.lang
    ranked = _ranked(pairs)
    rows = []
    for p in ranked[:FLOWS_MAX]:
        visits = pairs[p]
        rows.append({"source": views.region_ref(p[0]), "target": views.region_ref(p[1]),
                     "count_label": dg.count_text(t, len(visits), lang),
                     "visits": [{"url": views.link(urls.entry_path(v)), "title": v.title,
                                 "date": format_short_date(v.fields["date"], lang), "iso": v.fields["date"].isoformat(), "via": ""}
                                for v in visits[:DATES_MAX]],
                     "more": t("network.more_visits", count=len(visits) - DATES_MAX) if len(visits) > DATES_MAX else ""})
    codes = sorted({c for p in pairs for c in p})
    by_province = len(codes) > NODES_MAX
    data = {"label": urls.data_file("visit", "csv"), "url": views.link(urls.data_path(urls.data_file("visit", "csv")))}
    shown = t("network.flows_shown", shown=format_number(len(rows), lang), total=format_number(len(ranked), lang))
    return {
        "id": "jaringan",
        "title": t("network.site.title"),
        "note": "",
        "flows": rows,
        "flows_summary": t("network.flows_summary", count=format_number(len(rows), lang)),
        "flows_open": len(rows) <= OPEN_MAX,
        "shown": shown if len(ranked) > len(rows) else "",
        "data": {**data, "text": t("network.data")},
        "graphic": _provinces(views, pairs) if by_province else _regions(views, pairs, codes),
    }


def _regions(views: Views, pairs: dict, codes: list[str]) -> dict[str, Any]:
    """One row per region, under its province's name."""
    t = views.t
    rows: list[tuple[str, str | None]] = []  # (code, province heading or None)
    previous = None
    for code in codes:  # in code order, so a province (a node itself when it visited) comes first
        if code[:2] != previous and "." in code:
            rows.append((code[:2], "heading"))
        previous = code[:2]
        rows.append((code, None))
    counts = {p: len(v) for p, v in pairs.items()}
    caption = t("network.site.caption_regions", count=format_number(len(codes), views.lang))
    return _arcs(views, rows, counts, caption)


def _provinces(views: Views, pairs: dict) -> dict[str, Any]:
    """One row per province, the visits between two provinces counted once per pair (a visit by
    two regions of one province is one visit); visits within one province are left out."""
    t, lang = views.t, views.lang
    between: dict[tuple[str, str], set] = {}
    within: set = set()
    for (a, b), visits in pairs.items():
        keys = (v.key for v in visits)
        if a[:2] == b[:2]:
            within.update(keys)
        else:
            between.setdefault((a[:2], b[:2]), set()).update(keys)
    counts = {p: len(keys) for p, keys in between.items()}
    inner = len(within)
    codes = sorted({c for p in counts for c in p} | {a[:2] for p in pairs for a in p})
    caption = t("network.site.caption_provinces", count=format_number(len(codes), lang), inner=format_number(inner, lang))
    return _arcs(views, [(c, None) for c in codes], counts, caption)


def _arcs(views: Views, rows: list[tuple[str, str | None]], counts: dict, caption: str) -> dict[str, Any]:
    t, lang = views.t, views.lang
    y_of: dict[str, float] = {}
    nodes, labels = [], []
    for i, (code, heading) in enumerate(rows):
        y = TOP + i * ROW + ROW / 2
        ref = views.region_ref(code)
        if heading:
            labels.append({"x": X0 - 12, "y": dg.r1(y + 4.5), "anchor": "end", "cls": "dg-heading", **_fit(ref["name"])})
            continue
        y_of[code] = y
        nodes.append({"cx": X0, "cy": dg.r1(y), "r": 5, "url": ref["url"], "label": ref["name"], "cls": "",
                      "lines": [{"x": X0 - 12, "y": dg.r1(y + 4.5), "anchor": "end", "cls": "", **_fit(ref["name"])}]})
    order = {p: i for i, p in enumerate(counts)}
    drawn = sorted(counts, key=lambda p: (-counts[p], order[p]))[:EDGES_MAX]
    top = max(counts.values(), default=1)  # no arcs at all when every visit stays in one province
    edges = []
    room = dg.WIDTH - X0 - 16
    for a, b in drawn:
        ys, yt = y_of[a], y_of[b]
        apex = min(room, 14 + 0.45 * abs(yt - ys)) * (1 if yt > ys else 0.62)
        x, d = X0 + 7, apex * 4 / 3
        edges.append({"d": f"M{dg.r1(x)} {dg.r1(ys)}C{dg.r1(x + d)} {dg.r1(ys)} {dg.r1(x + d)} {dg.r1(yt)} {dg.r1(x)} {dg.r1(yt)}",
                      "w": dg.r1(1.5 + 2.5 * ((counts[(a, b)] - 1) / (top - 1)) ** 0.5) if top > 1 else 2})
        if counts[(a, b)] > 1 and len(drawn) <= LABELLED_MAX:
            labels.append({"x": dg.r1(x + apex), "y": dg.r1((ys + yt) / 2 + 4), "text": format_number(counts[(a, b)], lang),
                           "fit": None, "anchor": "middle", "cls": "dg-count"})
    edges.reverse()  # the largest drawn last, on top
    sentences = [t("network.edge", source=views.region_ref(a)["name"], target=views.region_ref(b)["name"],
                   count=dg.count_text(t, counts[(a, b)], lang)) for a, b in drawn]
    if len(counts) > len(drawn):
        caption += " " + t("network.site.cut", shown=format_number(len(drawn), lang), total=format_number(len(counts), lang))
    return {"id": "jaringan-g", "width": dg.WIDTH, "height": dg.r1(TOP * 2 + len(rows) * ROW), "title": t("network.site.title"),
            "desc": " ".join(sentences) or caption, "caption": caption, "nodes": nodes, "links": any(n["url"] for n in nodes), "edges": edges, "labels": labels, "cls": "dg-arcs"}


def _fit(name: str) -> dict:
    return dg.wrap(name, X0 - 16, 1)[0]
