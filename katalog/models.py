"""The data that flows between stages: plain frozen dataclasses."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

KIND_FOLDERS = {"innovation": "inovasi", "visit": "kunjungan", "news": "berita"}


@dataclass(frozen=True)
class SourceFile:
    """A content file as read from disk."""

    path: str  # as shown to the user, e.g. "content/innovations/x.md"
    rel: str  # relative to the content folder, with forward slashes
    text: str


@dataclass(frozen=True)
class Entry:
    """One validated innovation, visit, news item or page."""

    kind: str
    slug: str
    source: str
    fields: dict[str, Any]
    body: str
    lines: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.slug)

    @property
    def title(self) -> str:
        return self.fields["title"]

    @property
    def draft(self) -> bool:
        return bool(self.fields.get("draft"))

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
