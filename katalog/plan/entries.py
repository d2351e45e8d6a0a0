"""One page per innovation, visit, news item and static page."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..models import Entry
from .spec import PageSpec
from .views import Views, entry_dep, entry_path


def _section(views: Views, key: str, entries) -> dict | None:
    entries = list(entries)
    return {"title": views.t(key), "cards": views.cards(entries)} if entries else None


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    pages = []
    for kind in ("innovation", "visit", "news", "page"):
        for e in cat.entries[kind]:
            pages.append(_entry_page(cat, views, e))
    return pages


def _entry_page(cat: Catalogue, views: Views, e: Entry) -> PageSpec:
    f = e.fields
    shown: list[Entry] = []
    sections = []

    def section(key: str, entries) -> None:
        entries = list(entries)
        shown.extend(entries)
        s = _section(views, key, entries)
        if s:
            sections.append(s)

    def refs(name: str, kind: str) -> list[Entry]:
        value = f.get(name) or ()
        slugs = value if isinstance(value, tuple) else (value,)
        return [x for x in (cat.get(kind, s) for s in slugs) if x is not None]

    if e.kind == "innovation":
        section("rel.replicates", refs("replicates", "innovation"))
        section("rel.replicated_by", cat.replicated_by.get(e.key, ()))
        section("rel.visits_about", cat.visits_about.get(e.key, ()))
        section("rel.news_about", cat.news_about.get(e.key, ()))
        section("rel.related", cat.related.get(e.key, ()))
    elif e.kind == "visit":
        section("rel.innovations_studied", refs("innovations", "innovation"))
        section("rel.news_about", cat.news_about.get(e.key, ()))
    elif e.kind == "news":
        section("rel.innovations_mentioned", refs("innovations", "innovation"))
        section("rel.visits_mentioned", refs("visits", "visit"))
    card = views.card(e) if e.kind != "page" else None
    context = {
        "site": views.site,
        "section": {"innovation": "inovasi", "visit": "kunjungan", "news": "berita"}.get(e.kind, e.slug),
        "title": e.title,
        "description": f.get("summary", ""),
        "entry": card,
        "kind": e.kind,
        "summary": f.get("summary", ""),
        "outcome": f.get("outcome"),
        "facts": views.facts(e) if e.kind != "page" else [],
        "body": e.body,
        "image": ({"src": views.link(f"media/{f['image']['src']}"), "alt": f["image"].get("alt", "")}
                  if f.get("image") else None),
        "sections": sections,
        "draft": e.draft,
        "breadcrumbs": _breadcrumbs(views, e),
        "path": entry_path(e),
    }
    deps = ("site", entry_dep(e)) + tuple(dict.fromkeys(entry_dep(x) for x in shown)) + tuple(
        f"region:{c}" for c in e.regions())
    return PageSpec(entry_path(e), f"{e.kind}.html", context, deps)


def _breadcrumbs(views: Views, e: Entry) -> list[dict]:
    crumbs = [{"name": views.t("nav.home"), "url": views.link("")}]
    if e.kind in ("innovation", "visit", "news"):
        folder = {"innovation": "inovasi", "visit": "kunjungan", "news": "berita"}[e.kind]
        crumbs.append({"name": views.t(f"kind.{e.kind}.plural"), "url": views.link(f"{folder}/")})
    return crumbs
