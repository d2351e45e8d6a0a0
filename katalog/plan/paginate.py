"""Long lists split into numbered pages: 'inovasi/', 'inovasi/halaman/2/', ...

Every list of entries on the site goes through here: the lists of each kind, and the
full lists behind a region's or a term's sections, so no page grows with the catalogue.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable, Sequence

from .. import urls
from .spec import PageSpec
from .views import Views


def paginate(base: str, items: Sequence, per_page: int, link: Callable[[str], str]) -> list[tuple[str, Sequence, dict[str, Any]]]:
    """(path, items on that page, pagination view) for every page; one page when empty."""
    count = max(1, -(-len(items) // per_page))

    def path(n: int) -> str:
        return urls.paginate(base, n)

    pages = []
    for n in range(1, count + 1):
        view = {
            "current": n,
            "total": count,
            "prev_url": link(path(n - 1)) if n > 1 else None,
            "next_url": link(path(n + 1)) if n < count else None,
            "pages": [{"number": i, "url": link(path(i)), "current": i == n} for i in _window(n, count)],
        }
        pages.append((path(n), items[(n - 1) * per_page:n * per_page], view))
    return pages


def _window(n: int, count: int, size: int = 2) -> list[int]:
    """Page numbers to show: first, last and a few around the current one."""
    shown = {1, count} | set(range(max(1, n - size), min(count, n + size) + 1))
    return sorted(shown)


def list_pages(views: Views, base: str, entries: Sequence, *, heading: str, intro: str, section: str,
               breadcrumbs: list[dict] | None = None, omit_region: str | None = None,
               first: Callable[[], dict[str, Any]] | None = None) -> list[PageSpec]:
    """Paginated list.html pages of ``entries`` (already in order) under ``base``; ``omit_region``:
    the region whose list it is, which its cards do not name; ``first``: more context for the
    first page only (the visit network on 'kunjungan/'), made when that page is rendered."""
    pages = []
    for path, items, pagination in paginate(base, entries, views.cat.config.per_page, views.link):
        pages.append(PageSpec(path, "list.html", partial(_list_context, views, path, items, pagination, heading, intro,
                                                         section, len(entries), breadcrumbs, omit_region,
                                                         first if pagination["current"] == 1 else None)))
    return pages


def _list_context(views: Views, path, items, pagination, heading, intro, section, total, breadcrumbs, omit_region,
                  first=None) -> dict:
    t = views.t
    title = heading if pagination["current"] == 1 else t("page_n", title=heading, number=pagination["current"])
    return {
        "site": views.site,
        "section": section,
        "title": title,
        "head": views.head(path, title, intro, breadcrumbs=breadcrumbs, pagination=pagination),
        "heading": heading,
        "intro": intro,
        "total": total,
        "cards": views.cards(items),
        "pagination": pagination,
        "breadcrumbs": breadcrumbs,
        "omit_region": omit_region,
        **(first() if first else {}),
    }


def preview(views: Views, entries: Sequence, more_path: str, more_label: str) -> dict[str, Any]:
    """The newest entries of a long section, with a link to its full list when cut short."""
    limit = views.cat.config.per_page
    cut = len(entries) > limit
    return {"cards": views.cards(entries[:limit]), "count": len(entries),
            "more": {"url": views.link(more_path), "label": more_label} if cut else None}
