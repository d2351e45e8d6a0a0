"""Reading a built page's <head> as a link preview or a search engine does."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

PREVIEW_BYTES = 32768  # what WhatsApp and Telegram read of a page


@dataclass
class Head:
    meta: dict[str, str] = field(default_factory=dict)  # name or property -> content (the first one)
    links: dict[str, list[str]] = field(default_factory=dict)  # rel -> hrefs
    order: list[str] = field(default_factory=list)  # 'meta:og:title', 'link:stylesheet', ... in document order
    scripts: list[tuple[dict[str, str], str]] = field(default_factory=list)  # (attributes, text) of every script
    title: str = ""

    @property
    def jsonld(self) -> list[dict]:
        return [json.loads(text) for attrs, text in self.scripts if attrs.get("type") == "application/ld+json"]

    def of_type(self, kind: str) -> list[dict]:
        return [d for d in self.jsonld if d.get("@type") == kind]


class _HeadParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.head = Head()
        self.in_head = False
        self.done = False
        self.script: dict[str, str] | None = None
        self.text: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "head":
            self.in_head = True
        if tag == "script":
            self.script, self.text = a, []
        if not self.in_head or self.done:
            return
        if tag == "title":
            self.in_title = True
        if tag == "meta" and ("name" in a or "property" in a):
            key = a.get("property") or a["name"]
            self.head.meta.setdefault(key, a.get("content", ""))
            self.head.order.append("meta:" + key)
        if tag == "link":
            self.head.links.setdefault(a.get("rel", ""), []).append(a.get("href", ""))
            self.head.order.append("link:" + a.get("rel", ""))

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head, self.done = False, True
        if tag == "title":
            self.in_title = False
        if tag == "script" and self.script is not None:
            self.head.scripts.append((self.script, "".join(self.text)))
            self.script = None

    def handle_data(self, data):
        if self.script is not None:
            self.text.append(data)
        if self.in_title:
            self.head.title += data


def parse_head(html: str) -> Head:
    parser = _HeadParser()
    parser.feed(html)
    parser.close()
    return parser.head


def read_head(site: Path, path: str, limit: int | None = None) -> Head:
    """The <head> of ``site/path`` ('inovasi/x/' or '404.html'); ``limit``: read only that many bytes."""
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    data = file.read_bytes()
    if limit is not None:
        data = data[:limit]
    return parse_head(data.decode("utf-8", errors="ignore"))
