"""Feeds (Atom, RFC 4287, and JSON Feed 1.1) and the sitemap's dates: what an entry is
dated by, and the JSON Feed document. Pure: no files, no clock; every date comes from
the content (docs: SPEC of issue 15), written as 'YYYY-MM-DDT00:00:00Z'.

The Atom feed, the sitemap and robots.txt are Jinja templates (katalog/templates/feeds/,
katalog/templates/sitemap/), escaped by the environment's autoescape, which writes the
five XML entities a text or an attribute may need. The JSON Feed is written here.
"""

from __future__ import annotations

import datetime
import heapq
import re
from operator import itemgetter
from typing import Any, Callable, Iterable, Sequence

from markupsafe import Markup

from .models import Entry
from .serialise import json_text

ATOM_TYPE = "application/atom+xml"
JSON_TYPE = "application/feed+json"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
MAX_ITEMS = 50  # the newest items a feed carries


def feed_date(e: Entry) -> datetime.date | None:
    """The date an entry is filed under in a feed: a news item's or a visit's ``date``; an
    innovation's ``updated``, else when it was implemented, else started (a partial date
    to its first day). None: undated, left out of feeds."""
    f = e.fields
    if e.kind == "innovation":
        if f.get("updated"):
            return f["updated"]
        d = f.get("implemented") or f.get("started")
        return d.as_date() if d else None
    return f.get("date")


def published(e: Entry) -> datetime.date | None:
    """When the entry's event happened or its news appeared (news and visits only)."""
    return e.fields.get("date") if e.kind in ("news", "visit") else None


def modified(e: Entry) -> datetime.date | None:
    """The entry's last change as its content tells: ``updated`` when later, else its feed date."""
    dates = [d for d in (feed_date(e), e.fields.get("updated")) if d]
    return max(dates) if dates else None


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (control characters a YAML escape such
    as "\\x0b" can put in a title or summary): a feed must stay well-formed whatever the content."""
    return _NOT_XML.sub("", text)


def timestamp(d: datetime.date | None) -> str:
    """RFC 3339 (Atom's date construct, JSON Feed's dates): '2017-08-02T00:00:00Z'; '' for None."""
    return f"{d.isoformat()}T00:00:00Z" if d else ""


def newest(entries: Iterable[Entry], date: Callable[[Entry], datetime.date | None] = feed_date,
           limit: int = MAX_ITEMS) -> list[Entry]:
    """The dated entries, newest first by ``date``, at most ``limit``; entries of one day keep
    the order they are given in (the catalogue's: title, then slug), so the order is stable."""
    dated = [(-d.toordinal(), e) for e in entries if (d := date(e)) is not None]
    return [e for _, e in heapq.nsmallest(limit, dated, key=itemgetter(0))]  # a stable sort's first ``limit``


def newest_date(entries: Iterable[Entry], date: Callable[[Entry], datetime.date | None] = modified
                ) -> datetime.date | None:
    """The latest ``date`` (by default: modification) among ``entries``; None when none is dated."""
    return max((d for e in entries if (d := date(e)) is not None), default=None)


class JsonFeed:
    """A JSON Feed 1.1 document, written when the page is rendered (``{{ document }}``).

    Its repr is that of the feed's head and its items (shared view dicts that repr as a
    digest), so a page signature costs little; the text is made only when rendered.
    """

    __slots__ = ("head", "items")

    def __init__(self, head: dict[str, Any], items: Sequence[dict[str, Any]]):
        self.head = head
        self.items = items

    def __repr__(self) -> str:
        return f"JsonFeed({self.head!r}, {list(self.items)!r})"

    def data(self) -> dict[str, Any]:
        h = self.head
        return {
            "version": JSON_FEED_VERSION,
            "title": h["title"],
            "home_page_url": h["home_url"],
            "feed_url": h["json_url"],
            "description": h["description"],
            "language": h["lang"],
            "authors": [{"name": h["author"]}],
            "items": [_json_item(i) for i in self.items],
        }

    def __html__(self) -> Markup:
        return json_text(self.data())

    __str__ = __html__


def _json_item(i: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {"id": i["id"], "url": i["url"], "title": i["title"],
                            "summary": i["summary"], "content_text": i["summary"]}
    if i["published"]:  # a news item's or a visit's date; an innovation has none (Atom's <published> alike)
        item["date_published"] = i["published"]
    item["date_modified"] = i["updated"]
    if i["tags"]:
        item["tags"] = i["tags"]
    return item
