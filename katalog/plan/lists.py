"""Paginated lists of each kind: /inovasi/, /kunjungan/, /berita/, newest first."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..urls import KIND_FOLDERS, kind_path
from . import network
from .paginate import list_pages
from .spec import PageSpec
from .views import Views


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    t = views.t
    pages = []
    for kind, folder in KIND_FOLDERS.items():
        first = (lambda: {"network": network.site_network(cat, views)}) if kind == "visit" else None
        pages += list_pages(views, kind_path(kind), cat.entries[kind], heading=t(f"kind.{kind}.plural"),
                            intro=t(f"list.{kind}.intro"), section=folder, first=first)
    return pages
