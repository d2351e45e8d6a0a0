"""The data that flows between stages: plain frozen dataclasses."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass(frozen=True)
class SourceFile:
    """A content file as read from disk."""

    path: str  # as shown to the user, e.g. "content/innovations/x.md"
    rel: str  # relative to the content folder, with forward slashes
    text: str
    file: str = ""  # where to read it again (absolute); defaults to ``path``


def digest(text: str) -> str:
    """The digest the build keys things by (bodies, front-matter, Markdown output)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def normalise(text: str) -> str:
    """The text every stage sees: no byte-order mark, Unix line ends (Windows' and old Macs')."""
    text = text.lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


class Body:
    """An entry's Markdown body, known by a digest of its text.

    The build cache keeps bodies ``stripped()``: only the digest, where the text came
    from and ``load``, the function that reads it back (``katalog.parse.read_body``:
    this module reads no files). The text is loaded when a page actually needs it, so a
    build that reuses 10,000 cached parses does not load 10,000 bodies. Its repr is the
    digest, which is what a page signature needs.
    """

    __slots__ = ("digest", "file", "_text", "_load")

    def __init__(self, text: str | None, file: str, known: str | None = None,
                 load: Callable[[str], str] | None = None):
        self._text = text
        self.file = file
        self.digest = known or digest(text)
        self._load = load  # a module-level function, so that a Body pickles

    @property
    def text(self) -> str:
        if self._text is None:
            assert self._load is not None, "a body is stripped only when it can be loaded"
            text = self._load(self.file)
            if digest(text) != self.digest:
                raise RuntimeError(f"{self.file} berubah selama build berjalan; jalankan build sekali lagi")
            self._text = text
        return self._text

    def stripped(self) -> "Body":
        """The same body without its text, when it can be loaded again (else itself)."""
        return Body(None, self.file, self.digest, self._load) if self._load is not None else self

    def __getstate__(self):
        return (self.digest, self.file, self._text, self._load)

    def __setstate__(self, state):
        self.digest, self.file, self._text, self._load = state

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Body):
            return self.digest == other.digest
        if isinstance(other, str):
            return self.text == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.digest)

    def __repr__(self) -> str:
        return f"<body {self.digest}>"

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Entry:
    """One validated innovation, visit, news item or page."""

    kind: str
    slug: str
    source: str
    fields: dict[str, Any]
    body: Body
    lines: dict[str, Any] = field(default_factory=dict, compare=False)
    body_line: int = field(default=1, compare=False)  # the line of its file the body starts on
    media: tuple[str, ...] = ()  # media names its body may show (katalog.parse.media_refs)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.slug)

    @property
    def title(self) -> str:
        return self.fields["title"]

    @property
    def draft(self) -> bool:
        return bool(self.fields.get("draft"))

    def scheduled(self, today: datetime.date) -> bool:
        """An entry dated after ``today`` (a visit's or news item's date, an innovation's
        first known date): published only once that day comes."""
        d = self.date if self.kind != "page" else None
        return d is not None and d > today

    @property
    def date(self) -> datetime.date | None:
        """The date lists sort by: the event date, or when an innovation was applied."""
        if self.kind == "innovation":
            d = self.fields.get("implemented") or self.fields.get("started")
            return d.as_date() if d else None
        return self.fields.get("date")

    def line_of(self, *path: Any) -> int:
        """Line of a field (or of an item inside it) in the source file."""
        while path:
            line = self.lines.get(tuple(path))
            if line:
                return line
            path = path[:-1]
        return 1

    def regions(self) -> tuple[str, ...]:
        """Every region code this entry belongs to."""
        f = self.fields
        if self.kind == "innovation":
            return (f["region"],)
        if self.kind == "visit":
            return (f["host"],) + tuple(f["visitors"])
        if self.kind == "news":
            return tuple(f.get("regions", ()))
        return ()


def sort_key(entry: Entry) -> tuple:
    """Newest first, undated last, then by title: stable across builds."""
    d = entry.date
    return (d is None, -(d.toordinal()) if d else 0, entry.title.casefold(), entry.slug)
