"""The Indeks Inovasi Daerah's narrative in an innovation's body.

An IID profile asks for an innovation's background, design (rancang bangun, at least
300 words), goals, benefits and results. Staff write them as the body's level-two
sections under conventional headings (Indonesian, or English on an English site);
this module finds them, so a page, the printable profile and the IID export can use
each one, and ``check`` can say which are missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

# key -> (Indonesian heading, English heading, other accepted spellings)
SECTIONS = MappingProxyType({
    "latar_belakang": ("Latar belakang", "Background", ()),
    "rancang_bangun": ("Rancang bangun", "Design", ("rancangan",)),
    "tujuan": ("Tujuan", "Goals", ("objectives", "aims")),
    "manfaat": ("Manfaat", "Benefits", ()),
    "hasil": ("Hasil", "Results", ("outcomes",)),
})
MIN_DESIGN_WORDS = 300  # the IID's rule for rancang bangun

_HEADING = re.compile(r"^ {0,3}##[ \t]+(.+?)[ \t]*#*[ \t]*$")
_TOP = re.compile(r"^ {0,3}#[ \t]")
_MARKS = ("#", "`", "~")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|[*_`>#|]")


def key_of(heading: str) -> str | None:
    """The section a heading names ('Rancang Bangun:' -> 'rancang_bangun'), or None."""
    words = " ".join(heading.replace(":", " ").split()).casefold()
    for key, (indonesian, english, others) in SECTIONS.items():
        if words in (indonesian.casefold(), english.casefold(), *others):
            return key
    return None


@dataclass(frozen=True)
class Section:
    key: str
    heading: str  # as written
    line: int  # in the body, from 1
    text: str  # the Markdown under the heading, up to the next level-one or level-two heading


def sections(body: str) -> dict[str, Section]:
    """The IID sections a body has, by key, in the order written (the first of a repeated one)."""
    found: dict[str, Section] = {}
    current: tuple[str, str, int] | None = None
    lines: list[str] = []
    fence = ""
    rows = body.split("\n")

    def close() -> None:
        if current and current[0] not in found:
            found[current[0]] = Section(current[0], current[1], current[2], "\n".join(lines).strip())

    for n, line in enumerate(rows, 1):
        if line.lstrip(" ")[:1] not in _MARKS:  # most lines: neither a heading nor a fence
            lines.append(line)
            continue
        opened = _FENCE.match(line)
        if fence:
            fence = "" if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) else fence
        elif opened:
            fence = opened.group(1)
        heading = None if fence or opened else _HEADING.match(line)
        top = not fence and not opened and (heading or _TOP.match(line))
        if top:
            close()
            key = key_of(heading.group(1)) if heading else None
            current = (key, heading.group(1), n) if key else None
            lines = []
            continue
        lines.append(line)
    close()
    return found


def word_count(markdown_text: str) -> int:
    """Words a reader sees: link targets, tags and markup signs not counted."""
    return len(_WORD.findall(_MARKUP.sub(r" \1 ", markdown_text)))


def heading(key: str, lang: str) -> str:
    indonesian, english, _ = SECTIONS[key]
    return english if lang == "en" else indonesian
