"""What the incremental build records between builds (stored by ``katalog.state.store``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .stamps import Stamp

FileStamp = tuple[int, int, int]  # (inode, modification time in ns, size) of a published file


@dataclass
class Manifest:
    key: str
    inputs: dict[str, dict[str, Stamp]]  # input folder -> its files' stamps
    tree: str | None  # the output tree this describes (katalog.trees)
    generation: str = ""  # the pages record written with it (a build cut off between the two is seen)
    pages: int = 0  # for the summary of a build that finds nothing to do
    counts: dict[str, int] = field(default_factory=dict)
    due: str | None = None  # ISO date of the next scheduled entry left out (its day needs a new build)
    left_out: list = field(default_factory=list)  # --keep-going: (path, line, message, level) of what was left out
    valid_from: str | None = None  # ISO date of the day the build that decided what is published took as today


@dataclass
class ParsedFile:
    stamp: Stamp
    front: str  # digest of the file's text before its body
    entry: Any  # Entry | None
    problems: list = field(default_factory=list)


class EntryPage(NamedTuple):
    """An entry's own page, as a build where only bodies changed needs it (a tuple:
    10,000 of them load in a blink)."""

    output: str
    template: str
    front: str  # digest of the source file's text before its body
    context_file: str | None  # the file in contexts/ keeping the page's context and body HTML
    markdown_key: str = ""  # what the body's HTML is kept under (katalog.markup.markdown_key)


@dataclass
class PagesRecord:
    entry_pages: dict[str, EntryPage] = field(default_factory=dict)  # content rel -> its page
    theme: tuple[str, ...] = ()  # the theme's folders, child first
    theme_name: str = ""
    language: str = "id"
    theme_digest: str = ""
    generation: str = ""  # the manifest written with it
    key: str = ""  # the cache key it was made under (kept bodies' HTML is only good under it)


@dataclass
class TreeRecord:
    """What each file of one output tree is: a token per output path (a page's
    signature, a copied file's source and stamp, the search index's files' digests;
    None: unknown, to be written again) and the stamp of each file as published."""

    key: str
    tokens: dict[str, bytes | None] = field(default_factory=dict)
    stamps: dict[str, FileStamp] = field(default_factory=dict)
