"""What a build did, and the summary line a build ends with (``katalog build``, ``katalog serve``)."""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Diagnostic


@dataclass(frozen=True)
class Indexed:
    """What a build did to the search index (katalog.indexing): documents in it, files written, seconds."""

    docs: int
    files: int
    seconds: float


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
    search: Indexed | None = None  # what this build did to the search index (None: nothing)
    left_out: tuple[Diagnostic, ...] = ()  # --keep-going: problems of the entries left out, references dropped

    @property
    def clean(self) -> bool:
        return self.mode == "clean"

    @property
    def unchanged(self) -> int:
        return self.pages - self.written


def _format_seconds(seconds: float) -> str:
    return f"{seconds:.2f}".replace(".", ",")


def summary(result: BuildResult, output: str) -> str:
    """The one line a build ends with."""
    line = _pages_summary(result, output)
    if result.search and result.search.files:
        line += (f" Indeks pencarian: {result.search.docs} entri, {result.search.files} berkas ditulis"
                 f" ({_format_seconds(result.search.seconds)} detik).")
    return line


def _pages_summary(result: BuildResult, output: str) -> str:
    c = result.counts
    what = (f"{c.get('innovation', 0)} inovasi, {c.get('visit', 0)} kunjungan, {c.get('news', 0)} berita "
            f"dan {c.get('page', 0)} halaman statis")
    took = f"dalam {_format_seconds(result.seconds)} detik"
    if result.clean:
        return f"Selesai: {result.pages} halaman dari {what} ditulis ke {output}/ {took}."
    if not (result.written or result.removed or result.copied or (result.search and result.search.files)):
        return f"Selesai: tidak ada yang berubah; {result.pages} halaman dari {what} di {output}/ sudah mutakhir ({took})."
    return (f"Selesai: {result.written} halaman ditulis ulang, {result.unchanged} tidak berubah, {result.removed} dihapus"
            f"{f', {result.copied} berkas disalin' if result.copied else ''}; {result.pages} halaman dari {what} di {output}/ {took}.")
