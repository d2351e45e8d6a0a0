"""What one entry gives the search index: its terms and their weights, its card, facets
and text. Made in the render worker that renders the entry's page (from the page's
context, which the plan prepared: ``plan.views.Views.search``), kept in the build state
with the page, so an unchanged entry is never analysed again.
"""

from __future__ import annotations

import hashlib
import html
import re
from types import MappingProxyType
from typing import Any, NamedTuple

from .searchtext import Analyser, counts

# BM25 constants of the index format (docs/search-index.md). AVGDL is a constant, not the
# catalogue's mean, so that an edit to one entry changes no other entry's impacts.
K1 = 1.2
B = 0.75
AVGDL = 400
TEXT_LIMIT = 8000  # characters of body text kept for excerpts
# How much a word counts in each field (the body: 1). Written into the manifest.
FIELD_WEIGHTS = MappingProxyType({"title": 5, "summary": 2, "agency": 2, "regions": 2, "topics": 2, "tags": 2,
                                  "lead": 1, "outcome": 1, "taxonomies": 1, "awards": 2, "body": 1})

# tags that end a block (or a cell) become a line break; a footnote mark is set apart
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|tr|td|th|figcaption|dd|dt|div|section|table)>|<br\s*/?>",
                        re.I)
_TAG = re.compile(r"<[^>]*>")
_LINES = re.compile(r"[ \t]*\n\s*")


class Doc(NamedTuple):
    """One searchable entry as the index keeps it (plain values: stored with marshal)."""

    sort: tuple  # (date ISO or '', kind, slug): the document ids follow this order
    terms: str  # its distinct terms, '\n'-joined
    impacts: bytes  # one 1..255 impact per term
    words: str  # its distinct words, '\n'-joined
    word_terms: str  # the term of each word, '\n'-joined
    card: dict
    facets: tuple  # ((key, value), ...)
    text: str  # its text file, relative to the index's folder
    text_token: bytes  # digest of that file


def body_text(body_html: str) -> str:
    """Plain text of a body's HTML: one line per block."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", body_html.replace("<sup", " <sup")))
    if "&" in text:
        text = html.unescape(text)
    return _LINES.sub("\n", text).strip()


def analyse(analyser: Analyser, record: dict[str, Any], body_html: str) -> tuple[Doc, bytes]:
    """The Doc of an entry from its page's ``search`` record and body HTML, and its text file."""
    text = body_text(body_html)
    weighted: dict[str, int] = {}
    words: dict[str, str] = {}
    length = 0
    term = analyser.term
    for weight, value in (*record["fields"], (FIELD_WEIGHTS["body"], text)):
        found = counts(value)
        length += weight * found.total()
        for token, count in found.items():
            t = words.get(token)
            if t is None:
                t = words[token] = term(token)
            weighted[t] = weighted.get(t, 0) + weight * count
    # a root is a word of the dictionary too, so that a query of the root ('sehat', 'terap')
    # finds its forms ('kesehatan', 'penerapan') when the root itself is on no page
    for t in weighted:
        if t not in words and analyser.is_root(t):
            words[t] = t
    norm = K1 * (1 - B + B * length / AVGDL)
    impacts = bytes([int(255 * w / (w + norm) + 0.5) or 1 for w in weighted.values()])  # w/(w+norm) < 1
    data = text[:TEXT_LIMIT].encode("utf-8")
    # terms and words in the order the text has them: a function of the entry alone
    doc = Doc(tuple(record["sort"]), "\n".join(weighted), impacts, "\n".join(words), "\n".join(words.values()),
              record["card"], tuple(map(tuple, record["facets"])), record["text"],
              hashlib.blake2b(data, digest_size=16).digest())
    return doc, data
