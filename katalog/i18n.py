"""Language: translated UI strings and locale-aware dates (Babel)."""

from __future__ import annotations

import datetime
from functools import lru_cache

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .schema import PartialDate


class Translator:
    """``t('key')`` looks up a UI string; a missing key is a theme bug and fails loudly."""

    def __init__(self, strings: dict[str, str], lang: str):
        self.strings = strings
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        try:
            text = self.strings[key]
        except KeyError:
            raise KeyError(f"translation '{key}' is missing for language '{self.lang}'") from None
        return text.format(**values) if values else text


def _babel_format(d: datetime.date, pattern: str, locale: str) -> str:
    from babel.dates import format_date  # imported when first needed: quick builds need no dates

    return format_date(d, pattern, locale=locale)


@lru_cache(maxsize=65536)
def format_date(d: datetime.date, lang: str) -> str:
    """'Rabu, 2 Agustus 2017' in Indonesian, 'Wednesday, 2 August 2017' in English."""
    return _babel_format(d, "EEEE, d MMMM y", locale=lang)


@lru_cache(maxsize=65536)
def format_short_date(d: datetime.date, lang: str) -> str:
    """'2 Agustus 2017'."""
    return _babel_format(d, "d MMMM y", locale=lang)


@lru_cache(maxsize=65536)
def format_partial(d: PartialDate, lang: str) -> str:
    """'November 2023', '2023' or a full date, as precise as it is known."""
    if d.day:
        return format_short_date(d.as_date(), lang)
    if d.month:
        return _babel_format(d.as_date(), "LLLL y", locale=lang)
    return str(d.year)


@lru_cache(maxsize=4096)
def format_number(n: int | float, lang: str) -> str:
    """'1.500' and '12,5' in Indonesian, '1,500' and '12.5' in English."""
    from babel.numbers import format_decimal

    return format_decimal(n, format="#,##0.######", locale=lang)
