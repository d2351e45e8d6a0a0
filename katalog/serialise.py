"""Text formats the build writes besides HTML: JSON (files and JSON-LD inside a page) and
CSV. Deterministic: the same data gives the same bytes on every machine and run, so
two builds of the same content are byte-identical (dict order is the order the plan
built it in; no floats are reformatted; nothing depends on the locale or the clock)."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Iterable, Sequence

from markupsafe import Markup

BOM = "\ufeff"  # so that spreadsheet programs read a CSV file as UTF-8
LIST_SEPARATOR = " | "  # between the items of a list in one CSV cell (documented on the data page)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NEGATIVE = re.compile(r"-\d+(?:\.\d+)?")  # a negative number (a latitude south of the equator) is no formula


def json_text(data: Any, indent: int | None = 1) -> Markup:
    """``data`` as JSON text (UTF-8 as is, keys in the order given), ending in a newline.
    Markup: a template writes it as is."""
    return Markup(json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False) + "\n")


def json_for_script(data: Any) -> Markup:
    """``data`` as JSON to put inside ``<script type="application/ld+json">``: '<', '>' and
    '&' (and the line separators JavaScript once refused) written as \\u escapes, so that no
    text in it can close the element or open a comment, whatever the content holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return Markup(text)


def safe_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula ('=HYPERLINK(...)',
    '+62...', '-' lists) gets a leading apostrophe, as OWASP's CSV-injection advice says; a
    plain negative number ('-6.2383') stays a number."""
    return "'" + text if text.startswith(_FORMULA) and not _NEGATIVE.fullmatch(text) else text


def join(items: Iterable[str]) -> str:
    """The items of a list in one CSV cell, empty ones left out."""
    return LIST_SEPARATOR.join(x for x in items if x)


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Markup:
    """A CSV file as spreadsheet programs open it cleanly: a byte-order mark, CRLF line ends,
    quotes where a cell needs them (newlines inside a cell stay, quoted), formula-like cells
    as text. Cells are str (None: empty); numbers are written as given by ``str``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        # text checked for formulas; a number is written as it is (a negative one stays a number)
        writer.writerow([(safe_cell(cell) if cell else cell) if type(cell) is str else "" if cell is None else str(cell)
                         for cell in row])
    return Markup(BOM + out.getvalue())
