"""What ``bench/search.py`` knows of a built site without a browser: a counting, gzipping
static server, the search index's dictionary (docs/search-index.md) and the words each
searchable page contains.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from support.server import StaticSite  # noqa: E402

INDEX = Path("cari") / "indeks"
# What nginx's ``gzip on`` compresses with a usual ``gzip_types`` line (text/html always; CSS,
# JavaScript, JSON, plain text, SVG, XML), plus application/octet-stream for the index's .bin
# files, which a server sends compressed only when its gzip_types names that type.
GZIP_TYPES = ("text/", "application/javascript", "application/json", "application/manifest+json",
              "application/xml", "image/svg+xml", "application/octet-stream")
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Sent:
    path: str  # without the query string
    status: int
    raw: int  # bytes of the file as it is
    gzipped: int  # bytes sent gzipped (the same as raw for a type that is not gzipped)
    at: float  # time.monotonic() of the response


class CountingSite(StaticSite):
    """The tests' static server, sending gzip-able types gzipped and recording, for every
    response, its body's bytes as it is and gzipped (headers are not counted)."""

    def __init__(self, directory: Path, level: int = 6):
        self.level = level
        self.sent: list[Sent] = []
        super().__init__(directory)

    def resolve(self, raw_path: str):
        status, headers, body = super().resolve(raw_path)
        raw = len(body)
        if headers.get("Content-Type", "").startswith(GZIP_TYPES):
            body = gzip.compress(body, self.level, mtime=0)
            headers = {**headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        self.sent.append(Sent(unquote(urlsplit(raw_path).path), status, raw, len(body), time.monotonic()))
        return status, headers, body

    def mark(self) -> int:
        return len(self.sent)

    def since(self, mark: int) -> list[Sent]:
        return list(self.sent[mark:])

    def wait_quiet(self, quiet: float = 0.8, limit: float = 60.0) -> None:
        """Until no response for ``quiet`` seconds (the page has loaded what it asked for)."""
        started = time.monotonic()
        while time.monotonic() - started < limit:
            last = self.sent[-1].at if self.sent else started
            if time.monotonic() - max(last, started) >= quiet:
                return
            time.sleep(0.05)


def fold(text: str) -> str:
    """NFKD, combining marks dropped, lowercase (the index's analysis, step 1)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def words(text: str) -> set[str]:
    return set(WORD.findall(fold(text)))


@dataclass
class Dictionary:
    """Every word of the index with its term, and every term's document frequency."""

    term_of: dict[str, str] = field(default_factory=dict)
    df: dict[str, int] = field(default_factory=dict)
    forms: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def read(cls, site: Path) -> "Dictionary":
        d = cls()
        for path in sorted((site / INDEX / "d").glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            d.term_of.update((w, t) for w, t in data["w"])
            for term, (df, _where, forms) in data["t"].items():
                d.df[term] = df
                d.forms[term] = forms
        return d

    def word_of(self, term: str) -> str:
        """A word to type for ``term``: the term itself when it is a word, else its shortest form."""
        forms = self.forms.get(term) or [term]
        return term if term in forms else min(forms, key=lambda w: (len(w), w))

    def common(self, n: int) -> list[str]:
        """The words of the ``n`` terms in the most documents."""
        terms = sorted(self.df, key=lambda t: (-self.df[t], t))[:n]
        return [self.word_of(t) for t in terms]

    def rare(self) -> str:
        """A rare word: of the terms written only in letters a-z, five or more, the one in the fewest documents."""
        terms = [t for t in self.df if re.fullmatch(r"[a-z]{5,}", self.word_of(t))]
        return self.word_of(min(terms, key=lambda t: (self.df[t], t)))

    def df_of(self, word: str) -> int:
        term = self.term_of.get(fold(word))
        return self.df.get(term, 0) if term else 0


@dataclass(frozen=True)
class Doc:
    url: str  # relative to the site root, as in the cards ("inovasi/slug/")
    indexed: frozenset[str]  # words of what the index reads: the card's fields and the x/ text
    shown: frozenset[str]  # and of the whole entry page's <main>


def docs(site: Path) -> list[Doc]:
    """Every searchable page, from the index's cards, text files and the built pages."""
    out = []
    for path in sorted((site / INDEX / "c").glob("*.json"), key=lambda p: int(p.stem)):
        for card in json.loads(path.read_text(encoding="utf-8")):
            # the card's indexed fields: its kind and stage ("Penerapan") are labels, not searched
            text = " ".join(str(card.get(k, "")) for k in ("t", "m", "r", "p"))
            x = site / INDEX / card["x"] if card.get("x") else None  # "x/inovasi/slug.txt"
            if x is not None and x.is_file():
                text += " " + x.read_text(encoding="utf-8")
            indexed = words(text)
            page = site / card["u"] / "index.html"
            shown = indexed | (words(page_text(page.read_text(encoding="utf-8"))) if page.is_file() else set())
            out.append(Doc(card["u"], frozenset(indexed), frozenset(shown)))
    return out


def page_text(document: str) -> str:
    """The text of a page's <main> (the whole page when it has none), tags removed, without
    the cards of other entries (``partials/card.html``: related entries and the like)."""
    main = re.search(r"<main\b.*?</main>", document, re.S)
    part = main.group(0) if main else document
    part = re.sub(r"<(script|style)\b.*?</\1>", " ", part, flags=re.S)
    part = re.sub(r"<article class=\"card\b.*?</article>", " ", part, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", part))


def only_form(all_docs: list[Doc], query: str, form: str) -> list[Doc]:
    """Pages whose indexed text has ``form`` and whose page nowhere has ``query``."""
    q, f = fold(query), fold(form)
    return [d for d in all_docs if f in d.indexed and q not in d.shown]


def narrowing(doc: Doc, dictionary: Dictionary, query: str, n: int = 2) -> list[str]:
    """The ``n`` words of ``doc``'s indexed text in the fewest documents, other than
    ``query``'s forms: with ``query`` they find ``doc`` among a handful of results."""
    own = set(dictionary.forms.get(dictionary.term_of.get(fold(query), ""), [])) | {fold(query)}
    known = [w for w in doc.indexed if w in dictionary.term_of and w not in own and not w[0].isdigit()]
    return sorted(known, key=lambda w: (dictionary.df_of(w), w))[:n]


def count(site: Path) -> int:
    return json.loads((site / INDEX / "manifest.json").read_text(encoding="utf-8"))["docs"]
