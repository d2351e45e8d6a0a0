"""Small helpers shared by the visit network's and the replication lineage's SVG diagrams.

Geometry is computed here in viewBox units (numbers rounded to one decimal, so two builds
write the same bytes); the templates only write it out. Labels are never shortened: a link's
accessible name must contain its visible text (axe-core's label-content-name-mismatch), so
a long name wraps, and a line still too long is squeezed to its box (SVG textLength).
"""

from __future__ import annotations

from ..i18n import format_number

WIDTH = 360  # viewBox width: at a 360 px phone's content width 14-unit text shows at about 12.5 px
FONT = 14
CHAR = 7.6  # average width of a character at FONT, for wrapping (system sans-serif fonts)


def r1(x: float) -> float | int:
    """A coordinate rounded to one decimal, written without '.0'."""
    x = round(x, 1)
    return int(x) if x == int(x) else x


def wrap(text: str, width: float, lines: int = 2) -> list[dict]:
    """``text`` in at most ``lines`` lines of ``width`` units: whole words, nothing cut or
    abbreviated (a link's visible text must be its accessible name, WCAG 2.5.3), the last line
    taking what is left. A line that still does not fit gets ``fit``: the template squeezes it
    (SVG textLength) to the width."""
    limit = max(4, int(width / CHAR))
    out: list[str] = []
    for word in text.split():
        if out and len(out) <= lines and len(out[-1]) + 1 + len(word) <= limit or len(out) == lines:
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
    return [{"text": line, "fit": r1(width) if len(line) * CHAR > width else None} for line in out]


def count_text(t, count: int, lang: str) -> str:
    """'1 kunjungan', '2 kunjungan' / '1 visit', '2 visits'."""
    return t("network.visits.one" if count == 1 else "network.visits.other", count=format_number(count, lang))
