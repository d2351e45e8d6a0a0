from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..urls import output_file


@dataclass(frozen=True)
class PageSpec:
    """One page to render.

    ``path`` is relative to the site root ('inovasi/x/' or '404.html', see
    ``katalog.urls``). ``make`` builds the template context: planning every page is
    cheap, and the (costlier) contexts are built only where, and when, a page is
    rendered, in whichever worker renders it. ``source`` is the content file of the
    entry whose own page this is, the one page that shows its body ('' for every other
    page): an edit to a body alone re-renders just that page.
    """

    path: str
    template: str
    make: Callable[[], dict[str, Any]]
    source: str = ""

    @property
    def has_body(self) -> bool:
        """An entry's own page: the one page that shows its body."""
        return bool(self.source)

    @property
    def context(self) -> dict[str, Any]:
        return self.make()

    @property
    def output(self) -> str:
        return output_file(self.path)

