"""The search page, /cari/: the Pagefind interface over the index ``katalog.search`` builds.

Everything the page's script needs (where the index lives, the filters and their
labels, the interface's words in the site's language) is written into the page as
data attributes and plain HTML, so the page has no inline script and reads its
query and filters from the address: 'cari/?q=sampah&wilayah=Kota+Depok'.
"""

from __future__ import annotations

from ..catalogue import Catalogue
from ..models import KIND_FOLDERS
from ..search import BUNDLE
from .spec import PageSpec
from .views import SEARCH_FILTERS, Views

PATH = "cari/"
# Interface words Pagefind's own translation lacks or says too briefly (its keys).
UI_WORDS = ("placeholder", "zero_results", "many_results", "one_result", "searching", "results_label",
            "load_more", "clear_search", "filters_label")


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    t = views.t
    context = lambda: {  # noqa: E731 - built where the page is rendered
        "site": views.site,
        "section": "cari",
        "title": t("search.title"),
        "description": t("search.description"),
        "has_index": any(cat.entries.get(kind) for kind in KIND_FOLDERS),
        "bundle": views.link(f"{BUNDLE}/"),
        "script": views.link("static/search/cari.js"),
        "filters": [{"key": key, "label": t(f"search.filter.{key}")} for key in SEARCH_FILTERS],
        "sorts": [{"value": value, "label": t(f"search.sort.{value or 'relevance'}")} for value in ("", "terbaru", "terlama")],
        "words": {key: t(f"search.ui.{key}") for key in UI_WORDS},
        "browse": [{"label": t("nav.regions"), "url": views.link("wilayah/")},
                   {"label": t("nav.sectors"), "url": views.link("urusan/")},
                   {"label": t("taxonomy.stage.plural"), "url": views.link("tahap/")},
                   {"label": t("nav.innovations"), "url": views.link("inovasi/")},
                   {"label": t("nav.visits"), "url": views.link("kunjungan/")},
                   {"label": t("nav.news"), "url": views.link("berita/")}],
        "breadcrumbs": [{"name": t("nav.home"), "url": views.link("")}],
    }
    return [PageSpec(PATH, "search.html", context, ("site",))]
