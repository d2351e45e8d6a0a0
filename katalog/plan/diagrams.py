"""Small helpers shared by the visit network's and the replication lineage's SVG diagrams.

Geometry is computed here in viewBox units (numbers rounded to one decimal, so two builds
write the same bytes); the templates only write it out. Labels are shortened to fit their
box ('Kabupaten' -> 'Kab.', then an ellipsis); the full names stay in the accessible names
and in the lists printed beside each diagram.
"""

from __future__ import annotations

WIDTH = 360  # viewBox width: at a 360 px phone's content width 14-unit text shows at about 12.5 px
FONT = 14
CHAR = 7.6  # average width of a character at FONT, for wrapping (system sans-serif fonts)


def r1(x: float) -> float | int:
    """A coordinate rounded to one decimal, written without '.0'."""
    x = round(x, 1)
    return int(x) if x == int(x) else x


def short(name: str) -> str:
    return name.replace("Kabupaten ", "Kab. ")


def wrap(text: str, width: float, lines: int = 2) -> list[str]:
    """``text`` in at most ``lines`` lines of at most ``width`` units, the last cut with '…'."""
    limit = max(4, int(width / CHAR))
    out: list[str] = []
    words = text.split()
    line = ""
    while words:
        word = words[0]
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= limit:
            line = candidate
            words.pop(0)
            continue
        if not line:  # one word longer than the line: cut it
            line, words[0] = word[:limit], word[limit:]
        out.append(line)
        line = ""
        if len(out) == lines:
            break
    if line and len(out) < lines:
        out.append(line)
    if words or (out and len(out[-1]) > limit):
        last = out[-1] if out else ""
        rest = " ".join(words)
        cut = (f"{last} {rest}" if last else rest)[:limit - 1].rstrip()
        out[-1:] = [cut + "…"]
    return out


def count_text(t, count: int, lang: str) -> str:
    """'1 kunjungan', '2 kunjungan' / '1 visit', '2 visits'."""
    from ..i18n import format_number

    return t("network.visits.one" if count == 1 else "network.visits.other", count=format_number(count, lang))
