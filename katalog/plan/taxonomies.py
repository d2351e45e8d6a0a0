"""Taxonomy pages: /tahap/, /bentuk/, /jenis/, /urusan/, /status/, /tag/ and one page per term.

A sector, form or type page groups its running innovations by stage, so "every health
innovation in the penerapan stage" is one page away without search; discontinued ones
come last in a group of their own ('urusan/kesehatan/dihentikan/' when long), as on a
stage's page. A status page ('status/dihentikan/') groups its innovations by stage.
Every term says what it means: a stage, form, type or sector its definition
(``katalog.vocab``), a sector its group too, a tag the description terms.yaml gives it.
"""

from __future__ import annotations

from functools import partial

from .. import urls
from ..catalogue import RUNNING, TAXONOMIES, Catalogue, status_of
from ..models import Entry
from ..urls import KIND_FOLDERS, term_group_path, term_path
from ..vocab import GROUPS, STAGES, VOCABULARIES
from .paginate import list_pages, preview
from .spec import PageSpec
from .views import Views


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    t = views.t
    pages = []
    for name, (fieldname, folder) in TAXONOMIES.items():
        terms = cat.taxonomies[name]
        items = [{**views.term_ref(name, term), "count": len(entries), "description": _explain(views, name, term)[0]}
                 for term, entries in terms.items()]
        if name == "tag":
            items.sort(key=lambda i: (-i["count"], i["name"].casefold()))
        pages.append(PageSpec(urls.taxonomy_path(name), "taxonomy.html", partial(dict, {
            "site": views.site, "section": folder, "title": t(f"taxonomy.{name}.plural"),
            "intro": t(f"taxonomy.{name}.intro"), "terms": items,
            "head": views.head(urls.taxonomy_path(name), t(f"taxonomy.{name}.plural"), t(f"taxonomy.{name}.intro")), "groups": _overview_groups(views, name, terms, items),
        })))
        for term, entries in terms.items():
            pages += _term_pages(views, name, folder, term, entries)
    return pages


def _explain(views: Views, name: str, term: str) -> tuple[str, dict | None]:
    """What a term means, and for a sector the group of UU 23/2014 it belongs to."""
    if name == "tag":
        return views.cat.tag_descriptions.get(term, ""), None
    known = VOCABULARIES[TAXONOMIES[name][0]][term]
    group = GROUPS.get(known.group)
    return known.description(views.lang), ({"name": group.label(views.lang), "description": group.description(views.lang)}
                                           if group else None)


def _overview_groups(views: Views, name: str, terms: dict, items: list[dict]) -> list[dict]:
    """The overview's list of terms, for sectors one list per group (in the law's order)."""
    if name != "sector":
        return [{"title": None, "description": "", "terms": items}]
    groups: dict[str, dict] = {}
    for term, item in zip(terms, items):
        group = _explain(views, name, term)[1]  # every sector has one
        groups.setdefault(group["name"], {"title": group["name"], "description": group["description"], "terms": []})
        groups[group["name"]]["terms"].append(item)
    order = [g.label(views.lang) for g in GROUPS.values()]
    return sorted(groups.values(), key=lambda g: order.index(g["title"]))


def _groups(views: Views, name: str, entries: tuple[Entry, ...]) -> list[tuple[str | None, str, list[Entry]]]:
    """(heading, sub-list folder, entries) of each group a term page shows."""
    t = views.t
    if name == "tag":
        groups = [(t(f"kind.{kind}.plural"), folder, [e for e in entries if e.kind == kind])
                  for kind, folder in KIND_FOLDERS.items()]
    else:
        # a status page's entries are all of its status; the others set discontinued ones apart
        running = list(entries) if name == "status" else [e for e in entries if status_of(e) == RUNNING]
        if name == "stage":
            groups = [(None, urls.TERM_ALL, running)]
        else:
            groups = [(term.label(views.lang), slug, [e for e in running if e.fields["stage"] == slug])
                      for slug, term in STAGES.items()]
        if name != "status":
            groups += [(views.vocab_label("status", slug), slug, [e for e in entries if status_of(e) == slug])
                       for slug in VOCABULARIES["status"] if slug != RUNNING]
    return [g for g in groups if g[2]]


def _term_pages(views: Views, name: str, folder: str, term: str, entries: tuple[Entry, ...]) -> list[PageSpec]:
    """A term's page, and the full lists behind groups too long to show whole."""
    t = views.t
    label = views.term_label(name, term)
    path = term_path(name, term)
    crumbs = [{"name": t("nav.home"), "url": views.link(urls.HOME)},
              {"name": t(f"taxonomy.{name}.plural"), "url": views.link(urls.taxonomy_path(name))}]
    limit = views.cat.config.per_page
    groups = _groups(views, name, entries)
    pages = []
    for heading, sub, items in groups:
        if len(items) > limit:
            pages += list_pages(views, term_group_path(name, term, sub), items,
                                heading=f"{heading} · {label}" if heading else label,
                                intro=t("term.description", taxonomy=t(f"taxonomy.{name}").lower(), term=label),
                                section=folder, breadcrumbs=crumbs + [{"name": label, "url": views.link(path)}])
    return [PageSpec(path, "term.html", partial(_context, views, name, folder, term, groups, crumbs))] + pages


def _context(views: Views, name: str, folder: str, term: str, groups, crumbs) -> dict:
    t = views.t
    label = views.term_label(name, term)
    definition, group = _explain(views, name, term)
    title = f"{t('taxonomy.' + name)}: {label}"
    description = definition or t("term.description", taxonomy=t(f"taxonomy.{name}").lower(), term=label)
    return {
        "site": views.site,
        "section": folder,
        "title": title,
        "heading": label,
        "taxonomy_label": t(f"taxonomy.{name}"),
        "definition": definition,
        "group": group,
        "description": description,
        "head": views.head(term_path(name, term), title, description, breadcrumbs=crumbs),
        "total": sum(len(items) for _, _, items in groups),
        "groups": [{"title": heading, **preview(views, items, term_group_path(name, term, sub), t("more", count=len(items)))}
                   for heading, sub, items in groups],
        "search_within": views.search_within(folder, label, label) if name != "tag" else None,
        "breadcrumbs": crumbs,
    }
