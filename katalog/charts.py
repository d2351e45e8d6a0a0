"""Horizontal bar charts as geometry for an inline SVG: where each bar, label and value go.

Sized for a 360 px phone: the viewBox is as wide as the page's column there (328 units,
so one unit is about one pixel and 14-unit text reads as 14 px); the stylesheet caps the
width on wide screens. A long label ('Ketenteraman, ketertiban umum, dan pelindungan
masyarakat') goes above its bar, on as many lines as it needs (one <tspan> each, as the
browser does not wrap SVG text); short ones (years) go left of it. Every number is
rounded to one decimal, so the same figures give the same bytes.

Pure: the numbers and labels in, frozen dataclasses out; ``partials/statistics.html``
only draws them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

WIDTH = 328  # viewBox width: the page's column on a 360 px phone
FONT = 14  # label and value size, in viewBox units (CSS sets the same)
CHAR = 8.6  # a generous average character width at that size (DejaVu Sans is wide), to wrap labels
DIGIT = 9  # a bold digit's width at that size, generously
LINE = 17  # distance between two lines of one label
BAR = 14  # bar thickness
GAP = 10  # between one row's bar and the next row's label
LEFT_LABEL = 6  # labels this short (years) go left of their bar
LEFT_WIDTH = 44  # room for them


class Row(NamedTuple):
    """One figure: what it counts, the count, the count as the page writes it, a link.
    (Row and Bar are named tuples, immutable like the frozen dataclasses elsewhere but
    ten times quicker to make: a 10,000-entry build makes some 50,000 of them.)"""

    label: str
    value: int
    text: str
    url: str | None = None


class Bar(NamedTuple):
    lines: tuple[tuple[float, str], ...]  # the label's lines: (baseline y, text), all at x = label_x
    label_x: float
    x: float
    y: float
    width: float  # 0 for a zero (no rectangle drawn)
    height: float
    value_x: float
    value_y: float
    text: str  # the formatted value, written right of the bar


@dataclass(frozen=True)
class Chart:
    id: str  # unique on its page; the <title> and <desc> are '<id>-t' and '<id>-d'
    title: str
    desc: str  # the text alternative: every number, in one sentence (the svg's description; its
    # name is the title, so the sentence does not repeat it)
    width: float
    height: float
    bars: tuple[Bar, ...] = field(repr=False)  # made from the rows and the text alternative: a page's
    # signature (the repr of its context) leaves them out
    rows: tuple[Row, ...] = ()  # the table under the chart (zeros included)
    label_head: str = ""  # the table's column heads
    value_head: str = ""


def _n(x: float) -> float | int:
    x = round(x, 1)
    return int(x) if x == int(x) else x


def wrap(text: str, width: int) -> tuple[str, ...]:
    """``text`` in lines of at most ``width`` characters, broken between words (a longer
    word keeps a line of its own)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return tuple(lines + [line]) if line else ("",)


def sentence(rows, more: str = "") -> str:
    """The text alternative, each label and its number joined by a colon so a year and its
    count cannot run together when heard: 'Inisiatif: 2, Uji coba: 1, Penerapan: 5.',
    '2017: 1, 2018: 0, 2019: 1.'"""
    parts = ", ".join(f"{r.label}: {r.text}" for r in rows)
    return f"{parts}{'; ' + more if more else ''}."


def bar_chart(id: str, title: str, rows: tuple[Row, ...], label_head: str, value_head: str,
              drawn: tuple[Row, ...] | None = None, more: str = "",
              wrapped: dict[str, tuple[str, ...]] | None = None) -> Chart:
    """A chart of ``drawn`` (default: every row) with ``rows`` in its table. ``more``
    ends the text alternative, to say what the drawing leaves out ('urusan lain: 0').
    ``wrapped`` memoises the labels' lines (a build's charts share one, on its Views)."""
    wrapped = {} if wrapped is None else wrapped
    drawn = rows if drawn is None else drawn
    value_room = max((len(r.text) for r in drawn), default=1) * DIGIT + 12
    top = any(len(r.label) > LEFT_LABEL for r in drawn)  # else every label fits left of its bar
    x0 = 0 if top else LEFT_WIDTH
    scale = (WIDTH - x0 - value_room) / (max((r.value for r in drawn), default=0) or 1)
    per_line = int(WIDTH // CHAR)
    bars = []
    y = 2  # every vertical position is a whole number
    for r in drawn:
        if top:
            lines = wrapped.get(r.label)
            if lines is None:
                lines = wrapped[r.label] = wrap(r.label, per_line)
            baselines = tuple((y + FONT - 2 + i * LINE, line) for i, line in enumerate(lines))
            bar_y = y + FONT + (len(lines) - 1) * LINE + 3
        else:
            bar_y = y
            baselines = ((y + BAR - 2, r.label),)
        width = max(_n(scale * r.value), 2) if r.value else 0  # a count that shows, however small
        bars.append(Bar(baselines, 0, x0, bar_y, width, BAR, _n(x0 + width + 6), bar_y + BAR - 2, r.text))
        y = bar_y + BAR + (GAP if top else 8)
    return Chart(id, title, sentence(rows if not more else drawn, more), WIDTH, y, tuple(bars), rows,
                 label_head, value_head)
