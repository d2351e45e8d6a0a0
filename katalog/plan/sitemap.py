"""'sitemap.xml' (sitemaps.org) listing every public page, and 'robots.txt' naming it.

Planned last, from the other pages' plan: every HTML page but the 404 page, in the
order of their paths. Past ``LIMIT`` addresses, as the protocol requires, 'sitemap.xml'
becomes an index of 'sitemap-1.xml', 'sitemap-2.xml', ... A sitemap needs full
addresses, so there is one only when base_url names a host; robots.txt is always
written, with its Sitemap line when there is one. ``lastmod`` comes from the content's
own dates (``changed``): an entry's page has its ``updated``, else a news item's or a
visit's ``date``; an innovation without ``updated`` has none (when it was implemented
or started says nothing about when its page changed, and sitemaps.org asks for no
lastmod rather than a guess). A region's page, a kind's list and the home page have
their entries' newest; other pages have none.
"""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any, Sequence

from .. import urls
from ..catalogue import Catalogue
from ..feeds import newest_date, published
from ..models import Entry
from .spec import PageSpec
from .views import Views

LIMIT = 50_000  # addresses in one sitemap file (sitemaps.org)
URLSET_TEMPLATE = "sitemap/sitemap.xml"  # katalog/templates/sitemap/, unless the theme has its own
INDEX_TEMPLATE = "sitemap/index.xml"
ROBOTS_TEMPLATE = "sitemap/robots.txt"
KINDS = ("innovation", "visit", "news")


def plan(cat: Catalogue, views: Views, pages: Sequence[PageSpec]) -> list[PageSpec]:
    has_sitemap = bool(cat.config.origin)
    robots = PageSpec(urls.robots_path(), ROBOTS_TEMPLATE,
                      partial(dict, sitemap=views.absolute(urls.sitemap_path()) if has_sitemap else ""))
    if not has_sitemap:
        return [robots]
    public = sorted(p.path for p in pages if p.output.endswith(".html") and p.output != urls.NOT_FOUND)
    sources = {p.path: p.source for p in pages if p.source}
    dates = Lastmod(cat, sources)
    parts = [public[i:i + LIMIT] for i in range(0, len(public), LIMIT)] or [[]]
    if len(parts) == 1:
        return [robots, PageSpec(urls.sitemap_path(), URLSET_TEMPLATE, partial(_urlset, views, dates, public))]
    files = [PageSpec(urls.sitemap_path(n), URLSET_TEMPLATE, partial(_urlset, views, dates, part))
             for n, part in enumerate(parts, 1)]
    index = PageSpec(urls.sitemap_path(), INDEX_TEMPLATE, partial(_index, views, dates, parts))
    return [robots, index, *files]


def changed(e: Entry) -> datetime.date | None:
    """When an entry's page last changed, as its content says: ``updated``, else a news
    item's or a visit's ``date``; None for an innovation without ``updated``."""
    return e.fields.get("updated") or published(e)


class Lastmod:
    """Page path -> the date its content last changed (ISO), worked out once, when first asked."""

    def __init__(self, cat: Catalogue, sources: dict[str, str]):
        self.cat = cat
        self.sources = sources
        self._dates: dict[str, str] | None = None

    def get(self, path: str) -> str:
        if self._dates is None:
            self._dates = self._make()
        return self._dates.get(path, "")

    def _make(self) -> dict[str, str]:
        cat = self.cat
        when = {e.key: changed(e) for e in cat.index.values()}

        def date(e):
            return when.get(e.key)

        by_source = {e.source: e for e in cat.index.values()}
        dates = {}
        for path, source in self.sources.items():
            e = by_source.get(source)
            d = when.get(e.key) if e is not None else None
            if d:
                dates[path] = d
        for code, r in cat.by_region.items():
            region = cat.regions.get(code)
            d = newest_date(r.innovations + r.hosted + r.made + r.news, date) if region is not None else None
            if d:
                dates[region.path] = d
        for kind in KINDS:
            d = newest_date(cat.entries.get(kind, ()), date)
            if d:
                dates[urls.kind_path(kind)] = d
        kinds = [d for kind in KINDS if (d := dates.get(urls.kind_path(kind)))]
        if kinds:
            dates[urls.HOME] = max(kinds)
        return {path: d.isoformat() for path, d in dates.items()}


def _urlset(views: Views, dates: Lastmod, paths: Sequence[str]) -> dict[str, Any]:
    return {"urls": [(views.absolute(p), dates.get(p)) for p in paths]}


def _index(views: Views, dates: Lastmod, parts: Sequence[Sequence[str]]) -> dict[str, Any]:
    sitemaps = []
    for n, part in enumerate(parts, 1):
        known = [d for p in part if (d := dates.get(p))]
        sitemaps.append((views.absolute(urls.sitemap_path(n)), max(known, default="")))
    return {"sitemaps": sitemaps}
