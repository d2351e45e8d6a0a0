"""Plain front-matter values: text, dates, addresses and lists, cleaned or refused.

Shared by ``katalog.schema`` (the fields of each entry kind) and ``katalog.structured``
(fields made of named parts, such as ``contact`` or ``outcomes``). A refusal is a
``Problem`` whose ``path`` says where inside the field it stands.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any, Callable

from .sanitize import MAX_TAGS, plain_text, too_many_tags
from .yamlload import BadDate

# What XML 1.0 forbids (feeds and sitemap are XML; no page wants them either): C0 control
# characters other than tab, line feed and carriage return, and U+FFFE/U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
URL_RE = re.compile(r"^(?:https?://[^\s/$.?#][^\s]*|mailto:[^\s@]+@[^\s@]+)$", re.IGNORECASE)

@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day (``2023``, ``2023-11``, ``2023-11-16``)."""

    year: int
    month: int = 0
    day: int = 0

    def as_date(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)



class Problem(Exception):
    """A value that does not fit its field; ``path`` locates it inside the field."""

    def __init__(self, message: str, *path: Any):
        super().__init__(message)
        self.message = message
        self.path = path


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "ya/tidak (boolean)"
    if isinstance(value, (int, float)):
        return f"angka {value}"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "pasangan kunci-nilai"
    if isinstance(value, datetime.date):
        return f"tanggal {value}"
    if value is None:
        return "kosong"
    return "teks"



def control_character(value: Any, *path: Any) -> Problem | None:
    """The problem of the first text inside ``value`` (a string, or lists and mappings of
    them) that holds a character XML forbids, with where it stands, or None."""
    if isinstance(value, str):
        found = _CONTROL.search(value)
        return None if found is None else Problem(
            f"berisi karakter kendali U+{ord(found.group(0)):04X} yang tidak boleh ada; hapus karakter itu", *path)
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        problem = control_character(item, *path, key)
        if problem is not None:
            return problem
    return None


def _plain(value: str, *path: Any) -> str:
    """Front-matter text is plain text: markup in it is taken out (see katalog.sanitize)."""
    if too_many_tags(value):
        raise Problem(f"berisi lebih dari {MAX_TAGS} tanda '<'; field ini berupa teks biasa", *path)
    text = plain_text(value)
    if not text:
        raise Problem("hanya berisi markup HTML; field ini berupa teks biasa, tanpa tag HTML", *path)
    return text



def _list(value: Any, item: Callable[[Any, int], Any]) -> tuple:
    if value is None:
        return ()
    if not isinstance(value, list):
        value = [value]  # a single value is a one-item list
    return tuple(item(v, i) for i, v in enumerate(value))


def _full_date(value: Any, doc: Any = None, name: str = "") -> datetime.date:
    if isinstance(value, BadDate):
        raise Problem(f"'{value}' bukan tanggal yang ada di kalender; tulis tanggal sebagai YYYY-MM-DD, misalnya 2017-08-02")
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    shown = value if isinstance(value, str) else _type_name(value)
    raise Problem(f"'{shown}' bukan tanggal; tulis tanggal sebagai YYYY-MM-DD, misalnya 2017-08-02")


_PARTIAL_RE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")


def _partial_date(value: Any, doc: Any = None, name: str = "") -> PartialDate:
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        return PartialDate(value)
    if isinstance(value, str) and not isinstance(value, BadDate):
        m = _PARTIAL_RE.match(value.strip())
        if m and (not m.group(2) or 1 <= int(m.group(2)) <= 12):
            return PartialDate(int(m.group(1)), int(m.group(2) or 0))
    try:
        d = _full_date(value, doc, name)
    except Problem:
        shown = value if isinstance(value, str) else _type_name(value)
        raise Problem(
            f"'{shown}' bukan tanggal; tulis YYYY-MM-DD (2023-11-16), "
            "YYYY-MM dalam tanda kutip ('2023-11') atau tahun saja (2023)"
        ) from None
    return PartialDate(d.year, d.month, d.day)



def _url(value: Any) -> str:
    if not isinstance(value, str) or not URL_RE.match(value.strip()):
        shown = value if isinstance(value, str) else _type_name(value)
        raise Problem(f"'{shown}' bukan alamat yang diizinkan; tulis alamat lengkap yang diawali https:// atau http://")
    return value.strip()



def _text_item(value: Any, *path: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise Problem(f"harus berupa teks, bukan {_type_name(value)}", *path)
    return _plain(value.strip(), *path)


def _url_item(value: Any, *path: Any) -> str:
    try:
        return _url(value)
    except Problem as p:
        raise Problem(p.message, *path) from None


