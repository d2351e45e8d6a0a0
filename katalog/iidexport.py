"""A region's innovations as a CSV in the columns of the Indeks Inovasi Daerah's profile
form (docs/profil-iid.md), so staff copy from one file into the annual submission.

The plan (``katalog.plan.iid``) prepares each row's cells from the front-matter and
leaves the entry's body in the row; the narrative columns (rancang bangun, tujuan,
manfaat, hasil) are taken from the body's sections (``katalog.iidsections``) here, when
the file is rendered. A page's signature is a digest of its context, where a body is
its digest: the file is made again exactly when one of its innovations, or one of
their bodies, changes.
"""

from __future__ import annotations

import html
import re
from typing import Any, Callable

from markupsafe import Markup

from .serialise import csv_text
from .iidsections import key_of, sections
from .models import digest as models_digest
from .searchdocs import body_text

# The columns, in the order of the IID profile form.
COLUMNS = ("Nama inovasi", "Kode wilayah", "Wilayah", "Tahapan", "Inisiator", "Jenis", "Bentuk", "Urusan",
           "Tanggal uji coba", "Tanggal penerapan", "Status", "Rancang bangun", "Tujuan", "Manfaat", "Hasil",
           "Dasar hukum", "Tautan bukti", "Alamat halaman")
# The body's sections of the narrative columns, in their order (after 'Status').
NARRATIVE = ("rancang_bangun", "tujuan", "manfaat", "hasil")
KEPT_IID = "iid_sections"  # the key of an innovation page's kept context holding ``digest`` of its body's HTML


_HEADINGS = re.compile(r"<h([12])\b[^>]*>(.*?)</h\1>", re.S)
_TAGS = re.compile(r"<[^>]+>")


def digest(body_html: str) -> str:
    """A digest of what an export takes from a body, read from the body's HTML (which the
    render has at hand, so no body is read again to keep it): the HTML of each level-two
    section it quotes, up to the next level-one or level-two heading. An edit that keeps
    them changes no export; headings in code are escaped in HTML, so never taken for one."""
    marks = list(_HEADINGS.finditer(body_html))
    found: dict[str, str] = {}
    for i, mark in enumerate(marks):
        key = key_of(html.unescape(_TAGS.sub("", mark.group(2)))) if mark.group(1) == "2" else None
        if key in NARRATIVE and key not in found:
            found[key] = body_html[mark.end():marks[i + 1].start() if i + 1 < len(marks) else len(body_html)]
    return models_digest(repr([found.get(k) for k in NARRATIVE]))


def table(rows: list[dict[str, Any]], to_html: Callable[[str], str]) -> Markup:
    """The CSV text of ``rows`` (each {'before': cells, 'body': Body, 'after': cells}), with
    a byte-order mark, CRLF line ends and quotes where a cell needs them; ``to_html``: the
    Markdown converter the pages use (its HTML is turned into plain text)."""
    def cells(row: dict[str, Any]) -> list[str]:
        found = sections(str(row["body"]))
        narrative = [body_text(str(to_html(found[key].text))) if key in found and found[key].text else ""
                     for key in NARRATIVE]
        return [*row["before"], *narrative, *row["after"]]

    return csv_text(COLUMNS, map(cells, rows))  # Markup: written as is, never HTML-escaped
