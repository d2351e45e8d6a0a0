"""Feeds: Atom and JSON Feed beside the lists they follow (news 'berita/feed.xml',
innovations, visits, and the news of each region and province that has some), and the
``alternates`` the pages they follow announce in their <head>.

At most ``feeds.MAX_ITEMS`` items, newest first by the content's own dates
(``katalog.feeds.feed_date``); undated entries are left out, and a list with no dated
entry gets no feed. Items carry the entry's summary, never its body. Each entry's item
is made once (``FeedItems``) and shared by every feed that lists it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any, Sequence
from uuid import NAMESPACE_URL, uuid5

from .. import urls
from ..catalogue import Catalogue
from ..feeds import ATOM_TYPE, JSON_TYPE, JsonFeed, feed_date, modified, newest, published, timestamp, xml_text
from ..models import Entry
from ..regions import slugify
from .spec import PageSpec
from .views import KIND_LABEL_KEYS, Shared, Views

ATOM_TEMPLATE = "feeds/atom.xml"  # katalog/templates/feeds/, unless the theme has its own
JSON_TEMPLATE = "feeds/feed.json"


class FeedItems:
    """Each entry's feed item, built once and shared by every feed (a ``Shared`` dict: its
    repr is a digest, so the signature of a feed page stays cheap)."""

    def __init__(self, views: Views):
        self.views = views
        self._items: dict[tuple[str, str], Shared] = {}
        self._dates: dict[tuple[str, str], Any] = {}

    def date(self, e: Entry):
        """``feeds.feed_date``, worked out once per entry."""
        try:
            return self._dates[e.key]
        except KeyError:
            d = self._dates[e.key] = feed_date(e)
            return d

    def newest(self, entries: Sequence[Entry]) -> list[Shared]:
        """The items of a feed of ``entries``: the newest, newest first."""
        return [self(e) for e in newest(entries, self.date)]

    def __call__(self, e: Entry) -> Shared:
        item = self._items.get(e.key)
        if item is None:
            item = self._items[e.key] = self._make(e)
        return item

    def _make(self, e: Entry) -> Shared:
        v = self.views
        f = e.fields
        url = v.absolute(urls.entry_path(e))
        categories = [{"term": e.kind, "label": v.t(KIND_LABEL_KEYS[e.kind]), "scheme": ""}]  # labels: xml_text below
        if e.kind == "innovation":
            categories.append({"term": f["stage"], "label": v.vocab_label("stage", f["stage"]),
                               "scheme": v.absolute(urls.taxonomy_path("stage"))})
        for tag in dict.fromkeys(slugify(x) for x in f.get("tags", ())):
            if tag:
                categories.append({"term": tag, "label": xml_text(v.term_label("tag", tag)),
                                   "scheme": v.absolute(urls.taxonomy_path("tag"))})
        return Shared({
            "id": identifier(v, url), "url": url, "title": xml_text(e.title), "summary": xml_text(f.get("summary", "")),
            "date": timestamp(feed_date(e)), "published": timestamp(published(e)), "updated": timestamp(modified(e)),
            "categories": categories, "tags": [c["label"] for c in categories],
        })


def identifier(views: Views, url: str) -> str:
    """An Atom id, which must be an absolute IRI: the address itself when base_url names a
    host, else a name-based UUID of it (``check`` warns that such a site needs a host)."""
    return url if views.origin else f"urn:uuid:{uuid5(NAMESPACE_URL, url)}"


def plan(cat: Catalogue, views: Views) -> tuple[list[PageSpec], dict[str, list[dict[str, str]]]]:
    """The feed files, and page path -> the feeds that page announces (``alternates``)."""
    t = views.t
    items = FeedItems(views)
    pages: list[PageSpec] = []
    alternates: dict[str, list[dict[str, str]]] = {}
    for kind in ("news", "innovation", "visit"):
        base = urls.kind_path(kind)
        made = _feed(views, items, base, cat.entries.get(kind, ()), t(f"kind.{kind}.plural"), t(f"list.{kind}.intro"))
        if made:
            pages += made[0]
            for path in _list_paths(views, base, len(cat.entries.get(kind, ()))):
                alternates[path] = made[1]
            if kind == "news":
                alternates[urls.HOME] = made[1]
    for code in sorted(cat.by_region):
        region = cat.regions.get(code)
        news = cat.by_region[code].news
        if region is None or not news:
            continue
        name = t("feed.region", kind=t("kind.news.plural"), name=region.name)
        made = _feed(views, items, region.path, news, name, t("feed.region_intro", name=region.name))
        if made:
            pages += made[0]
            alternates[region.path] = made[1]
            section = urls.region_section_path(region.path, "news")
            if len(news) > cat.config.per_page:  # the region's full news list has pages of its own
                for path in _list_paths(views, section, len(news)):
                    alternates[path] = made[1]
    return pages, alternates


def _list_paths(views: Views, base: str, count: int) -> list[str]:
    """Every page of the list at ``base`` (see plan.paginate)."""
    per_page = views.cat.config.per_page
    return [urls.paginate(base, n) for n in range(1, max(1, -(-count // per_page)) + 1)]


def _feed(views: Views, items: FeedItems, base: str, entries: Sequence[Entry], name: str, intro: str
          ) -> tuple[list[PageSpec], list[dict[str, str]]] | None:
    """The Atom and JSON feeds of ``entries`` beside the list at ``base``; None when none is dated."""
    if not any(items.date(e) for e in entries):
        return None
    cfg = views.cat.config
    t = views.t
    title = t("feed.title", name=name, site=cfg.title)
    atom, json = urls.feed_path(base, "atom"), urls.feed_path(base, "json")
    licence = t("feed.license", name=cfg.license_name if cfg.license_url == cfg.license_name
                else f"{cfg.license_name} ({cfg.license_url})")
    head = {"id": identifier(views, views.absolute(atom)), "title": xml_text(title), "lang": cfg.language,
            "description": xml_text(f"{intro} {licence}."), "home_url": views.absolute(base),
            "atom_url": views.absolute(atom), "json_url": views.absolute(json),
            "author": xml_text(cfg.publisher or cfg.title), "rights": xml_text(licence), "license_url": cfg.license_url}
    shown = Shown(items, entries)
    pages = [PageSpec(atom, ATOM_TEMPLATE, partial(_atom_context, shown, head)),
             PageSpec(json, JSON_TEMPLATE, partial(_json_context, shown, head))]
    # the pages link to their feeds from the site itself: a reader finds them wherever it is served
    announced = [{"type": ATOM_TYPE, "title": f"{title} (Atom)", "url": views.link(atom)},
                 {"type": JSON_TYPE, "title": f"{title} (JSON Feed)", "url": views.link(json)}]
    return pages, announced


class Shown:
    """A feed's items, chosen once per process for its Atom and its JSON file."""

    def __init__(self, items: FeedItems, entries: Sequence[Entry]):
        self.items = items
        self.entries = entries
        self._shown: list[Shared] | None = None

    def __call__(self) -> list[Shared]:
        if self._shown is None:
            self._shown = self.items.newest(self.entries)
        return self._shown


def _atom_context(shown: Shown, head: dict[str, Any]) -> dict[str, Any]:
    items = shown()
    return {"feed": {**head, "updated": max(i["updated"] for i in items)}, "items": items}


def _json_context(shown: Shown, head: dict[str, Any]) -> dict[str, Any]:
    return {"document": JsonFeed(head, shown())}


def with_alternates(pages: list[PageSpec], alternates: dict[str, list[dict[str, str]]]) -> list[PageSpec]:
    """The pages, those that follow a feed given ``alternates`` in their context."""
    return [replace(p, make=partial(_announce, p.make, alternates[p.path]))
            if p.path in alternates and p.output.endswith(".html") else p for p in pages]


def _announce(make, alternates: list[dict[str, str]]) -> dict[str, Any]:
    return {**make(), "alternates": alternates}
