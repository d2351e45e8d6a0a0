"""Read the visit network and the replication lineage from built pages, the way a reader
or a screen reader meets them: the SVG's title and text alternative (<desc>), its links
and their accessible names, and the lists beside it."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SVG_VOID = {"path", "circle", "rect"}  # written self-closed in our SVG


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list["Node | str"] = field(default_factory=list)
    parent: "Node | None" = None

    @property
    def text(self) -> str:
        return " ".join("".join(c if isinstance(c, str) else c.text for c in self.children).split())

    def cls(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        found = []
        for c in self.children:
            if isinstance(c, Node):
                if (tag is None or c.tag == tag) and (cls is None or cls in c.cls()):
                    found.append(c)
                found += c.all(tag, cls)
        return found

    def first(self, tag: str | None = None, cls: str | None = None) -> "Node | None":
        found = self.all(tag, cls)
        return found[0] if found else None

    def by_id(self, id_: str) -> "Node | None":
        for n in self.all():
            if n.attrs.get("id") == id_:
                return n
        return None


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.cur)
        self.cur.children.append(node)
        if tag not in _VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(site: Path, path: str) -> Node:
    p = _Tree()
    p.feed((site / path / "index.html").read_text(encoding="utf-8"))
    return p.root


def resolves(site: Path, href: str) -> bool:
    """A root-relative link to a page of the site exists."""
    assert href.startswith("/"), href
    target = site / href.lstrip("/")
    return (target / "index.html").is_file() if href.endswith("/") else target.is_file()


@dataclass
class Diagram:
    title: str
    desc: str
    links: list[tuple[str, str]]  # (href, accessible name) of the links in the SVG
    caption: str


def diagram(section: Node) -> Diagram:
    """The SVG diagram of a section: its labelled name and text alternative, checked to be wired
    up (role=group labelled by the <title> and described by the <desc> when it holds links, else
    role=img labelled by both), its links and the caption."""
    svg = section.first("svg")
    assert svg is not None, "no diagram"
    links = svg.all("a")
    if links:  # a group named by its title, described by its desc (role=img would hide the links)
        assert svg.attrs.get("role") == "group", svg.attrs
        title, desc = svg.by_id(svg.attrs["aria-labelledby"]), svg.by_id(svg.attrs["aria-describedby"])
    else:
        assert svg.attrs.get("role") == "img", svg.attrs
        title, desc = (svg.by_id(i) for i in svg.attrs["aria-labelledby"].split())
    assert title is not None and title.tag == "title" and desc is not None and desc.tag == "desc", svg.attrs
    links = [(a.attrs["href"], a.attrs.get("aria-label", "")) for a in svg.all("a")]
    fig = svg.parent
    assert fig is not None and fig.tag == "figure"
    caption = fig.first("figcaption")
    return Diagram(title.text, desc.text, links, caption.text if caption else "")
