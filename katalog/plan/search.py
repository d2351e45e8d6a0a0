"""The search page, /cari/: the Pagefind interface over the index ``katalog.search`` builds.

Everything the page's script needs (where the index lives, the filters and their
labels, the interface's words in the site's language) is written into the page as
data attributes and plain HTML, so the page has no inline script and reads its
query and filters from the address: 'cari/?q=sampah&wilayah=Kota+Depok'.
"""

from __future__ import annotations

from .. import urls
from ..catalogue import Catalogue
from .spec import PageSpec
from .views import Views

# The page's script, among the theme's static files.
SCRIPT = "search/cari.js"
# Interface words Pagefind's own translation lacks or says too briefly (its keys).
UI_WORDS = ("placeholder", "zero_results", "many_results", "one_result", "searching", "results_label",
            "load_more", "clear_search", "filters_label")


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    t = views.t
    context = lambda: {  # noqa: E731 - built where the page is rendered
        "site": views.site,
        "section": urls.SEARCH,
        "title": t("search.title"),
        "description": t("search.description"),
        "has_index": any(cat.entries.get(kind) for kind in urls.KIND_FOLDERS),
        "bundle": views.link(urls.search_bundle()),
        "script": views.link(urls.static_url(SCRIPT)),
        "filters": [{"key": key, "label": t(f"search.filter.{key}")} for key in urls.SEARCH_FILTERS],
        "sorts": [{"value": value, "label": t(f"search.sort.{value or 'relevance'}")} for value in ("", *urls.SEARCH_SORTS)],
        "words": {key: t(f"search.ui.{key}") for key in UI_WORDS},
        "browse": [{"label": t("nav.regions"), "url": views.link(urls.regions_path())},
                   {"label": t("nav.sectors"), "url": views.link(urls.taxonomy_path("sector"))},
                   {"label": t("taxonomy.stage.plural"), "url": views.link(urls.taxonomy_path("stage"))},
                   {"label": t("nav.innovations"), "url": views.link(urls.kind_path("innovation"))},
                   {"label": t("nav.visits"), "url": views.link(urls.kind_path("visit"))},
                   {"label": t("nav.news"), "url": views.link(urls.kind_path("news"))}],
        "breadcrumbs": [{"name": t("nav.home"), "url": views.link(urls.HOME)}],
    }
    return [PageSpec(urls.search_path(), "search.html", context)]
