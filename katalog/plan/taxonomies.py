"""Taxonomy pages: /tahap/, /bentuk/, /jenis/, /urusan/, /tag/ and one page per term.

A sector, form or type page groups its innovations by stage, so "every health
innovation in the penerapan stage" is one page away without search.
"""

from __future__ import annotations

from ..catalogue import TAXONOMIES, Catalogue
from ..models import Entry
from ..vocab import STAGES
from .spec import PageSpec
from .views import Views, term_path


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    t = views.t
    pages = []
    for name, (fieldname, folder) in TAXONOMIES.items():
        terms = cat.taxonomies[name]
        items = [{**views.term_ref(name, term), "count": len(entries)} for term, entries in terms.items()]
        if name == "tag":
            items.sort(key=lambda i: (-i["count"], i["name"].casefold()))
        pages.append(PageSpec(f"{folder}/", "taxonomy.html", {
            "site": views.site, "section": folder, "title": t(f"taxonomy.{name}.plural"),
            "intro": t(f"taxonomy.{name}.intro"), "terms": items,
        }, ("site", f"taxonomy:{name}")))
        for term, entries in terms.items():
            pages.append(_term_page(views, name, folder, term, entries))
    return pages


def _groups(views: Views, name: str, entries: tuple[Entry, ...]) -> list[dict]:
    t = views.t
    if name == "tag":
        order = [("innovation", t("kind.innovation.plural")), ("visit", t("kind.visit.plural")), ("news", t("kind.news.plural"))]
        groups = [(label, [e for e in entries if e.kind == kind]) for kind, label in order]
    elif name == "stage":
        groups = [(None, list(entries))]
    else:
        groups = [(term.label(views.lang), [e for e in entries if e.fields["stage"] == slug]) for slug, term in STAGES.items()]
    return [{"title": label, "cards": views.cards(items), "count": len(items)} for label, items in groups if items]


def _term_page(views: Views, name: str, folder: str, term: str, entries: tuple[Entry, ...]) -> PageSpec:
    t = views.t
    label = views.term_label(name, term)
    context = {
        "site": views.site,
        "section": folder,
        "title": f"{t('taxonomy.' + name)}: {label}",
        "heading": label,
        "taxonomy_label": t(f"taxonomy.{name}"),
        "description": t("term.description", taxonomy=t(f"taxonomy.{name}").lower(), term=label),
        "total": len(entries),
        "groups": _groups(views, name, entries),
        "breadcrumbs": [{"name": t("nav.home"), "url": views.link("")},
                        {"name": t(f"taxonomy.{name}.plural"), "url": views.link(f"{folder}/")}],
    }
    return PageSpec(term_path(name, term), "term.html", context, ("site", f"taxonomy:{name}:{term}"))
