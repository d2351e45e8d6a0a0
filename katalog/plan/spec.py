from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PageSpec:
    """One page to render.

    ``path`` is relative to the site root ('inovasi/x/' or '404.html'); ``deps`` names
    the inputs the page reads ('site', 'entry:innovation/x', 'list:news', ...), so an
    incremental build can tell which pages a change touches.
    """

    path: str
    template: str
    context: dict[str, Any]
    deps: tuple[str, ...] = ()

    @property
    def output(self) -> str:
        return self.path + "index.html" if self.path.endswith("/") or not self.path else self.path
