"""Paginated lists of each kind: /inovasi/, /kunjungan/, /berita/, newest first."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..models import KIND_FOLDERS
from .paginate import paginate
from .spec import PageSpec
from .views import Views


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    t = views.t
    pages = []
    for kind, folder in KIND_FOLDERS.items():
        entries = cat.entries[kind]
        title = t(f"kind.{kind}.plural")
        for path, items, pagination in paginate(f"{folder}/", list(entries), cat.config.per_page, views.link):
            context = {
                "site": views.site,
                "section": folder,
                "title": title if pagination["current"] == 1 else t("page_n", title=title, number=pagination["current"]),
                "heading": title,
                "intro": t(f"list.{kind}.intro"),
                "total": len(entries),
                "cards": views.cards(items),
                "pagination": pagination,
            }
            pages.append(PageSpec(path, "list.html", context, ("site", f"list:{kind}")))
    return pages
