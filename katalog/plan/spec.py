from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class PageSpec:
    """One page to render.

    ``path`` is relative to the site root ('inovasi/x/' or '404.html'). ``make`` builds
    the template context: planning every page is cheap, and the (costlier) contexts are
    built only where, and when, a page is rendered, in whichever worker renders it.
    ``deps`` names the inputs the page reads ('site', 'entry:innovation/x',
    'body:innovation/x', 'region:32.16', ...): an entry's body appears only on pages
    that name its 'body:' input, which lets an edit to a body alone re-render just them.
    """

    path: str
    template: str
    make: Callable[[], dict[str, Any]]
    deps: tuple[str, ...] = ()

    @property
    def has_body(self) -> bool:
        """An entry's own page: the one page that shows its body."""
        return any(d.startswith("body:") for d in self.deps)

    @property
    def context(self) -> dict[str, Any]:
        return self.make()

    @property
    def output(self) -> str:
        return self.path + "index.html" if self.path.endswith("/") or not self.path else self.path

