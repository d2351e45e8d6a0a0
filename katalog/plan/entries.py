"""One page per innovation, visit, news item and static page."""

from __future__ import annotations

from functools import partial

from ..catalogue import Catalogue
from .. import urls
from ..models import Entry
from ..urls import KIND_FOLDERS, entry_path
from . import head, innovation
from .spec import PageSpec
from .views import Views


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    return [page_for(cat, views, e) for kind in ("innovation", "visit", "news", "page") for e in cat.entries[kind]]


def _related(cat: Catalogue, e: Entry) -> list[tuple[str, tuple[Entry, ...]]]:
    """(section title key, entries) for every cross-link section of an entry page."""
    f = e.fields

    def refs(name: str, kind: str) -> tuple[Entry, ...]:
        value = f.get(name) or ()
        slugs = value if isinstance(value, tuple) else (value,)
        return tuple(x for x in (cat.get(kind, s) for s in slugs) if x is not None)

    if e.kind == "innovation":
        return [("rel.replicates", refs("replicates", "innovation")),
                ("rel.replicated_by", cat.replicated_by.get(e.key, ())),
                ("rel.visits_about", cat.visits_about.get(e.key, ())),
                ("rel.news_about", cat.news_about.get(e.key, ())),
                ("rel.related", cat.related.get(e.key, ()))]
    if e.kind == "visit":
        return [("rel.innovations_studied", refs("innovations", "innovation")),
                ("rel.news_about", cat.news_about.get(e.key, ()))]
    if e.kind == "news":
        return [("rel.innovations_mentioned", refs("innovations", "innovation")),
                ("rel.visits_mentioned", refs("visits", "visit"))]
    return []


def page_for(cat: Catalogue, views: Views, e: Entry) -> PageSpec:
    """The page of one entry; the only page that shows the entry's body."""
    sections = _related(cat, e)
    return PageSpec(entry_path(e), f"{e.kind}.html", partial(_context, views, e, sections), e.source)


def _context(views: Views, e: Entry, related: list[tuple[str, tuple[Entry, ...]]]) -> dict:
    f = e.fields
    is_page = e.kind == "page"
    crumbs = _breadcrumbs(views, e)
    return {
        "site": views.site,
        "section": KIND_FOLDERS.get(e.kind, e.slug),
        "title": e.title,
        "description": f.get("summary", ""),
        "entry": None if is_page else views.card(e),
        "kind": e.kind,
        "summary": f.get("summary", ""),
        "outcome": f.get("outcome"),
        "facts": [] if is_page else views.facts(e),
        "body": e.body,
        "image": views.image(f.get("image")),  # the lead image: first screen, not lazy
        "media_sizes": views.media_sizes(e.media),
        "media": e.media,  # compared by the quick bodies road (katalog.bodies) with the new body's
        "sections": [{"title": views.t(key), "cards": views.cards(items)} for key, items in related if items],
        "draft": e.draft,
        "scheduled": bool(views.cat.today) and e.scheduled(views.cat.today),
        "search": views.search(e),
        "breadcrumbs": crumbs,
        "head": head.entry_head(views, e, crumbs),
        "path": entry_path(e),
        "page_url": views.link(entry_path(e)),  # what the body's relative image addresses start from
        "page": innovation.parts(views, e),
    }


def _breadcrumbs(views: Views, e: Entry) -> list[dict]:
    crumbs = [{"name": views.t("nav.home"), "url": views.link(urls.HOME)}]
    if e.kind in KIND_FOLDERS:
        crumbs.append({"name": views.t(f"kind.{e.kind}.plural"), "url": views.link(urls.kind_path(e.kind))})
    return crumbs
