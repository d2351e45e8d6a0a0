"""Catalogue -> page plan: every page of the site as url + template + context + inputs.

One module per family of pages, so "where are region pages planned" has one answer:
``katalog.plan.regions``. Nothing here reads or writes files.
"""

from __future__ import annotations

from typing import Mapping

from ..catalogue import Catalogue
from ..diagnostics import Diagnostic
from ..i18n import Translator
from ..urls import NOT_FOUND
from . import entries, feeds, home, iid, lists, opendata, regions, search, server, sitemap, statistics, taxonomies
from .spec import PageSpec
from .views import Views

__all__ = ["PageSpec", "plan_site"]


def plan_site(cat: Catalogue, t: Translator, static_files: dict[str, str] | None = None,
              sizes: Mapping[str, tuple[int, int]] | None = None,
              static_sizes: Mapping[str, tuple[int, int]] | None = None) -> tuple[list[PageSpec], list[Diagnostic]]:
    """Every page of the site, in a stable order, or the URL collisions that prevent it.
    ``static_files``: theme static rel -> published name; ``sizes``: media image -> (width, height);
    ``static_sizes``: theme static image -> (width, height)."""
    views = Views(cat, t, static_files or {}, sizes, static_sizes)
    pages: list[PageSpec] = []
    pages += home.plan(cat, views)
    pages += lists.plan(cat, views)
    pages += entries.plan(cat, views)
    pages += regions.plan(cat, views)
    pages += iid.plan(cat, views)
    pages += opendata.plan(cat, views)
    pages += statistics.plan(cat, views)
    pages += taxonomies.plan(cat, views)
    pages += search.plan(cat, views)
    pages += server.plan(cat, views)
    feed_pages, alternates = feeds.plan(cat, views)
    pages = feeds.with_alternates(pages, alternates) + feed_pages
    pages.append(PageSpec(NOT_FOUND, "404.html", lambda: {"site": views.site, "title": t("notfound.title"),
                                                            "head": views.head(None, t("notfound.title"))}))
    pages += sitemap.plan(cat, views, pages)  # last: it lists the pages planned before it
    return pages, _collisions(pages)


def _collisions(pages: list[PageSpec]) -> list[Diagnostic]:
    seen: dict[str, PageSpec] = {}
    problems = []
    for page in pages:
        if page.output in seen:
            problems.append(Diagnostic(page.source or "situs", 1, f"halaman '{page.path}' dibuat dua kali; ganti slug agar alamatnya berbeda"))
        seen[page.output] = page
    return problems
