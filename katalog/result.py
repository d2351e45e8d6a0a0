"""What a build did, for the summary line and the tests."""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Diagnostic
from .search import Indexed


@dataclass(frozen=True)
class BuildResult:
    pages: int  # pages in the site
    written: int  # pages rendered and written this time
    removed: int  # files removed from the previous output
    copied: int  # static and media files copied this time
    seconds: float
    counts: dict[str, int]
    mode: str  # "clean": a whole new output; "update": pages that changed, from the full
    #            pipeline; "bodies": edited bodies only (katalog.bodies); "unchanged"
    search: Indexed | None = None  # the search index, when this build (re)built it
    search_pending: bool = False  # the index needs building again and the build left it to its caller
    left_out: tuple[Diagnostic, ...] = ()  # --keep-going: problems of the entries left out, references dropped

    @property
    def clean(self) -> bool:
        return self.mode == "clean"

    @property
    def unchanged(self) -> int:
        return self.pages - self.written
