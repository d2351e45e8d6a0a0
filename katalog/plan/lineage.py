"""Replication lineage: the chain of innovations one replicates and that replicate it.

Up: the innovation it replicates (``replicates``), that one's original, and so on to the
first. Down: the innovations replicating it (``Catalogue.replicated_by``), theirs, and so
on: a tree. Other replicas of its ancestors are not shown (they have their own pages).
A cycle (A replicates B replicates A) is refused by the content check
(catalogue.check_references), so the chain always ends at a first original; the walk
still stops where an innovation would come back. Drawn as a tree, one row per
innovation, each generation indented under its original, the arrow from the original to
the replica; and the same as a nested list. At most MAX_NODES innovations (the caption
says how many more there are).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import urls
from ..i18n import format_number
from ..models import Entry
from . import diagrams as dg

if TYPE_CHECKING:
    from .views import Views

MAX_NODES = 24
MAX_UP = 8  # ancestors shown
INDENT, LINE, GAP = 24, 17, 10


def lineage(views: Views, e: Entry) -> dict[str, Any] | None:
    """A small diagram with links, and the same as a list; None when the innovation has no lineage."""
    cat = views.cat
    up: list[Entry] = []
    seen = {e.key}
    parent = _parent(cat, e)
    while parent is not None and parent.key not in seen and len(up) < MAX_UP:
        up.append(parent)
        seen.add(parent.key)
        parent = _parent(cat, parent)
    down = cat.replicated_by.get(e.key, ())
    if not up and not down:
        return None
    up.reverse()  # the first original first
    rows: list[tuple[Entry, int, int | None]] = []  # (innovation, generation, row of its original)
    for i, a in enumerate(up):
        rows.append((a, i, i - 1 if i else None))
    rows.append((e, len(up), len(up) - 1 if up else None))
    left = _descend(cat, e, len(rows) - 1, len(up), rows, seen)
    return _view(views, e, rows, left)


def _parent(cat, e: Entry) -> Entry | None:
    slug = e.fields.get("replicates")
    return cat.get("innovation", slug) if slug else None


def _descend(cat, e: Entry, row: int, generation: int, rows: list, seen: set) -> int:
    """Add ``e``'s replicas depth first under it; return how many were left out past MAX_NODES."""
    left = 0
    for child in cat.replicated_by.get(e.key, ()):
        if child.key in seen:
            continue
        seen.add(child.key)
        if len(rows) >= MAX_NODES:
            left += 1 + _count(cat, child, seen)
            continue
        rows.append((child, generation + 1, row))
        left += _descend(cat, child, len(rows) - 1, generation + 1, rows, seen)
    return left


def _count(cat, e: Entry, seen: set) -> int:
    n = 0
    stack = [e]
    while stack:
        for child in cat.replicated_by.get(stack.pop().key, ()):
            if child.key not in seen:
                seen.add(child.key)
                n += 1
                stack.append(child)
    return n


def _view(views: Views, e: Entry, rows: list, left: int) -> dict[str, Any]:
    t, lang = views.t, views.lang
    items = []
    for a, gen, parent in rows:
        region = views.region_ref(a.fields["region"])
        items.append({"title": a.title, "region": region["name"], "self": a.key == e.key, "generation": gen,
                      "url": None if a.key == e.key else views.link(urls.entry_path(a)), "parent": parent, "children": []})
    tree = []
    for item in items:  # a row's original always comes before it
        (items[item["parent"]]["children"] if item["parent"] is not None else tree).append(item)
    sentences = [t("lineage.edge", original=f"{items[i['parent']]['title']} ({items[i['parent']]['region']})",
                   replica=f"{i['title']} ({i['region']})") for i in items if i["parent"] is not None]
    caption = t("lineage.caption")
    if left:
        caption += " " + t("lineage.cut", count=format_number(left, lang))
    return {"id": "silsilah", "title": t("lineage.title"), "tree": _plain(tree),
            "graphic": _diagram(views, items, " ".join(sentences), caption)}


def _plain(tree: list[dict]) -> list[dict]:
    """The nested list's items, without the diagram's bookkeeping."""
    return [{"title": i["title"], "region": i["region"], "url": i["url"], "self": i["self"],
             "children": _plain(i["children"])} for i in tree]


def _diagram(views: Views, items: list[dict], desc: str, caption: str) -> dict[str, Any]:
    """One box per innovation, top to bottom, indented by generation: its title (wrapped, never
    cut: the link's name is what it shows) over its region's name; an elbow arrow from the
    original's box down and into each replica's."""
    t = views.t
    nodes, edges = [], []
    deepest = max(i["generation"] for i in items)
    indent = min(INDENT, (dg.WIDTH - 200) / max(1, deepest))  # boxes stay at least 200 units wide
    bottoms = []
    y = 2.0
    for item in items:
        x = item["generation"] * indent
        w = dg.WIDTH - x
        lines = dg.wrap(item["title"], w - 16, 3) + [{**line, "cls": "dg-sub"} for line in dg.wrap(item["region"], w - 16, 2)]
        h = len(lines) * LINE + 10
        nodes.append({"r": None, "x": dg.r1(x), "y": dg.r1(y), "w": dg.r1(w), "h": dg.r1(h), "url": item["url"],
                      "label": f"{item['title']}, {item['region']}", "cls": "dg-self" if item["self"] else "",
                      "lines": [{"cls": "", **line, "x": dg.r1(x + 8), "y": dg.r1(y + 5 + LINE * (i + 0.75)), "anchor": "start"}
                                for i, line in enumerate(lines)]})
        if item["parent"] is not None:
            px = items[item["parent"]]["generation"] * indent
            py = bottoms[item["parent"]]
            sx = px + min(12, indent / 2)
            if x - sx >= 10:  # an elbow down from the original and right into the replica
                d = f"M{dg.r1(sx)} {dg.r1(py + 1)}V{dg.r1(y + h / 2)}H{dg.r1(x - 2)}"
            else:  # straight down into the replica's top (no room to turn)
                d = f"M{dg.r1(x + 12)} {dg.r1(py + 1)}V{dg.r1(y - 2)}"
            edges.append({"d": d, "w": 2})
        bottoms.append(y + h)
        y += h + GAP
    return {"id": "silsilah-g", "width": dg.WIDTH, "height": dg.r1(y - GAP + 2), "title": t("lineage.title"),
            "desc": desc, "caption": caption, "nodes": nodes, "links": any(n["url"] for n in nodes), "edges": edges, "labels": [], "cls": "dg-tree"}
