"""Text analysis for the search index: fold, cut into tokens, find each token's term.

The browser's script (static/search/cari.js) folds and cuts the query the same way
(docs/search-index.md, "Analysis"; tests/test_search_analysis.py runs both over the whole
vocabulary) and finds a word's term in the index's dictionary, so only Python stems.

Terms are roots by Sastrawi (PySastrawi, dictionary-based: it joins pelayanan/layanan,
penerapan/terapkan and pengelolaan/kelola, which Snowball's Indonesian stemmer does not).
Words of regions' names are kept as written: Sastrawi knows no place names and would
read "bekasi" as "bekas" (former).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Iterable

MAX_TOKEN = 40  # characters; longer runs are cut
MIN_STEMMED = 4  # letters; shorter words are their own term
# A run of letters and digits; a run ending in a digit goes on over '.' or ',' and more
# digits ('32.16', '1.500.000'). JavaScript: /[\p{L}\p{N}]+(?:(?<=[0-9])[.,][0-9]+)*/gu
TOKEN = re.compile(r"[^\W_]+(?:(?<=[0-9])[.,][0-9]+)*")
STEMMABLE = re.compile(r"[a-z]+")


def fold(text: str) -> str:
    """NFKD, combining marks dropped, lowercase: 'Pelayánan' -> 'pelayanan'."""
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        decomposed = "".join(c for c in decomposed if not unicodedata.combining(c))
    return decomposed.lower()


def tokens(text: str) -> list[str]:
    """The folded tokens of ``text``, in order."""
    return [t[:MAX_TOKEN] for t in TOKEN.findall(fold(text))]


class Analyser:
    """Tokens -> terms, with a memo of the words seen (one per process: a render worker
    keeps its own). ``protected``: folded words kept as written (regions' names)."""

    def __init__(self, protected: Iterable[str] = (), known: dict[str, list] | None = None,
                 terms: Iterable[str] = ()):
        """``known``: an index's vocabulary (word -> [term, ...]) made with the same
        ``protected``, whose words need no stemming again; ``terms``: that index's terms."""
        self.protected = frozenset(protected)
        self.memo: dict[str, str] = {w: v[0] for w, v in known.items()} if known else {}
        # an index's terms that are no word of its vocabulary are no roots (roots are words)
        self.not_roots = frozenset(t for t in terms if t not in self.memo)
        self._stemmer = None

    def term(self, token: str) -> str:
        found = self.memo.get(token)
        if found is None:
            found = self.memo[token] = self._term(token)
        return found

    def is_root(self, term: str) -> bool:
        """Whether a term is its own root (then the dictionary holds it as a word)."""
        return term not in self.not_roots and self.term(term) == term

    def _term(self, token: str) -> str:
        if len(token) < MIN_STEMMED or token in self.protected or not STEMMABLE.fullmatch(token):
            return token
        if self._stemmer is None:
            from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

            self._stemmer = StemmerFactory().create_stemmer(isDev=False)
        return self._stemmer.stem(token) or token


def counts(text: str) -> Counter:
    """Token -> how many times it occurs in ``text`` (``tokens``, counted)."""
    found = Counter(TOKEN.findall(fold(text)))
    long = [t for t in found if len(t) > MAX_TOKEN]
    for t in long:
        found[t[:MAX_TOKEN]] += found.pop(t)
    return found


def protected_words(names: Iterable[str]) -> frozenset[str]:
    """The folded words of regions' names."""
    return frozenset(t for name in names for t in tokens(name))
