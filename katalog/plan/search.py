"""The search page, /cari/: the theme's script over the index the build writes
(docs/search-index.md).

Everything the page's script needs (where the index lives, the site's base path, the
filters and their labels, the interface's words in the site's language) is written
into the page as data attributes and plain HTML, so the page has no inline script and
reads its query, filters and sort from the address:
'cari/?q=sampah&wilayah=Kota+Depok&urutan=terbaru'. Without JavaScript the page shows
links to browsable pages instead.
"""

from __future__ import annotations

from .. import urls
from ..catalogue import Catalogue
from .spec import PageSpec
from .views import Views

# The page's script, among the theme's static files.
SCRIPT = "search/cari.js"
# Interface words the script writes ('search.ui.<key>' in the theme's translations);
# [COUNT] and [SEARCH_TERM] are filled in by the script.
UI_WORDS = ("zero_results", "many_results", "one_result", "failed")


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    t = views.t
    context = lambda: {  # noqa: E731 - built where the page is rendered
        "site": views.site,
        "section": urls.SEARCH,
        "title": t("search.title"),
        "description": t("search.description"),
        "head": views.head(urls.search_path(), t("search.title"), t("search.description"),
                           breadcrumbs=[{"name": t("nav.home"), "url": views.link(urls.HOME)}]),
        "has_index": any(cat.entries.get(kind) for kind in urls.KIND_FOLDERS),
        "index": views.link(urls.search_bundle()),
        "script": views.link(urls.static_url(views.static.get(SCRIPT, SCRIPT))),
        "filters": [{"key": key, "label": t(f"search.filter.{key}")} for key in urls.SEARCH_FILTERS],
        "sorts": [{"value": value, "label": t(f"search.sort.{value or 'relevance'}")} for value in ("", *urls.SEARCH_SORTS)],
        "words": {key: t(f"search.ui.{key}") for key in UI_WORDS},
        "browse": [{"label": t("nav.regions"), "url": views.link(urls.regions_path())},
                   {"label": t("nav.sectors"), "url": views.link(urls.taxonomy_path("sector"))},
                   {"label": t("taxonomy.stage.plural"), "url": views.link(urls.taxonomy_path("stage"))},
                   {"label": t("taxonomy.status.plural"), "url": views.link(urls.taxonomy_path("status"))},
                   {"label": t("nav.innovations"), "url": views.link(urls.kind_path("innovation"))},
                   {"label": t("nav.visits"), "url": views.link(urls.kind_path("visit"))},
                   {"label": t("nav.news"), "url": views.link(urls.kind_path("news"))}],
        "breadcrumbs": [{"name": t("nav.home"), "url": views.link(urls.HOME)}],
    }
    return [PageSpec(urls.search_path(), "search.html", context)]
