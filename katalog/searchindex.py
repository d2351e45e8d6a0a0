"""The search index's files (docs/search-index.md), made from the entries' Docs and kept
up to date incrementally.

``update(previous, docs)`` takes the index as the last build left it (``Index``, kept
by katalog.state) and every searchable entry's Doc now, and returns the new Index with
the files that changed. When the document ids are unchanged (an edit), only the
postings, dictionary buckets and card blocks the changed entries touch are made again;
otherwise (an entry added, removed or moved in date order) every file is made and only
those whose bytes differ are written. Either way each file is a function of the Docs
alone, so an incremental build's index is byte for byte a clean build's.
"""

from __future__ import annotations

import hashlib
import json
import struct
import sys
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from math import ceil

from . import urls
from .searchdocs import AVGDL, B, K1, Doc

VERSION = 1
RANGE = 8192  # document ids per part of a common term's postings
BLOCK = 32  # documents per card block
PREFIX = 3  # characters of a word that choose its dictionary bucket
MANIFEST = "manifest.json"
FACETS_JSON = "facets.json"
FACETS_BIN = "facets.bin"


@dataclass
class Index:
    """The index as the build state keeps it. ``postings``: term -> (ids, impacts) in id
    order; ``vocab``: word -> [term, number of documents]; ``files``: path -> token."""

    docs: dict[str, Doc] = field(default_factory=dict)  # entry page output path -> Doc
    order: list[str] = field(default_factory=list)  # the docs' keys by id
    postings: dict[str, tuple[array, array]] = field(default_factory=dict)
    vocab: dict[str, list] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    fields: dict[str, int] = field(default_factory=dict)  # field weights, for the manifest
    shape: "Shape | None" = None  # what the files were made with
    protected: tuple = ()  # words kept as written by the analysis (katalog.searchtext)

    def dump(self) -> dict:
        """Plain values for marshal (katalog.state keeps them)."""
        return {"docs": {k: tuple(d) for k, d in self.docs.items()}, "order": self.order,
                "postings": {t: (ids.tobytes(), imps.tobytes()) for t, (ids, imps) in self.postings.items()},
                "vocab": self.vocab, "files": self.files, "fields": self.fields,
                "shape": tuple(vars(self.shape).values()) if self.shape else None, "protected": self.protected}

    @classmethod
    def load(cls, data: dict) -> "Index":
        postings = {}
        for term, (ids, imps) in data["postings"].items():
            a = array("I")
            a.frombytes(ids)
            postings[term] = (a, array("B", imps))
        return cls({k: Doc(*d) for k, d in data["docs"].items()}, data["order"], postings, data["vocab"],
                   data["files"], data["fields"], Shape(*data["shape"]) if data["shape"] else None,
                   tuple(data["protected"]))


@dataclass(frozen=True)
class Shape:
    """What every file's place depends on; when it changes, every file is made again."""

    docs: int
    undated: int
    dict_buckets: int
    rare_buckets: int
    common_at: int

    @classmethod
    def of(cls, index: Index) -> "Shape":
        n = len(index.order)
        undated = sum(1 for k in index.order if not index.docs[k].sort[0])
        return cls(n, undated, _pow2(len(index.vocab) // 128, 16, 4096), _pow2(len(index.postings) // 16, 16, 4096),
                   max(64, ceil(n / 100)))


def _pow2(n: int, low: int, high: int) -> int:
    p = low
    while p < n and p < high:
        p *= 2
    return p


def fnv1a(text: str) -> int:
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def dict_bucket(word: str, shape: Shape) -> int:
    return fnv1a(word[:PREFIX]) % shape.dict_buckets


def term_location(term: str, df: int, shape: Shape) -> str:
    if df >= shape.common_at:
        return "c/" + hashlib.blake2b(term.encode("utf-8"), digest_size=6).hexdigest()
    return f"r/{fnv1a(term) % shape.rare_buckets}"


def token(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


# -- updating ---------------------------------------------------------------------------
def update(previous: Index | None, docs: dict[str, Doc], fields: dict[str, int],
           protected: tuple = ()) -> tuple[Index, dict[str, bytes]]:
    """The index of ``docs`` and the files (path -> bytes) that differ from ``previous``'s.
    Excerpt text files are not among them (the render workers write those)."""
    order = sorted(docs, key=lambda k: (docs[k].sort, k))
    old = previous or Index()
    if previous is not None and (order, fields, protected) == (previous.order, previous.fields, previous.protected):
        changed = [k for k in order if docs[k] != previous.docs[k]]
        index = Index(docs, order, previous.postings, previous.vocab, dict(previous.files), fields,
                      protected=protected)
        was = {k: previous.docs[k] for k in changed}
        old_df, gone = _apply(index, was, changed)
        index.shape = Shape.of(index)
        if index.shape == previous.shape:
            return index, _remake(index, old_df, gone, changed, was)
    index = _invert(Index(docs, order, fields=fields, protected=protected))
    index.shape = Shape.of(index)
    made = _all_files(index)
    index.files = {p: token(data) for p, data in made.items()}
    return index, {p: data for p, data in made.items() if old.files.get(p) != index.files[p]}


def _invert(index: Index) -> Index:
    postings: dict[str, tuple[list, list]] = {}
    vocab: dict[str, list] = {}
    for i, key in enumerate(index.order):
        doc = index.docs[key]
        terms = doc.terms.split("\n") if doc.terms else []
        for term, impact in zip(terms, doc.impacts):
            p = postings.get(term)
            if p is None:
                p = postings[term] = ([], [])
            p[0].append(i)
            p[1].append(impact)
        for word, t in zip(doc.words.split("\n") if doc.words else (), doc.word_terms):
            v = vocab.get(word)
            if v is None:
                vocab[word] = [terms[t], 1]
            else:
                v[1] += 1
    index.postings = {t: (array("I", ids), array("B", imps)) for t, (ids, imps) in postings.items()}
    index.vocab = vocab
    return index


def _apply(index: Index, before: dict[str, Doc], changed: list[str]) -> tuple[dict[str, int], set[str]]:
    """Put the changed docs' new terms and words in place of their old ones (ids unchanged).
    Returns each term whose postings or words changed with its number of documents
    before, and the words no document has any more."""
    old_df: dict[str, int] = {}
    gone: set[str] = set()

    def touch(term: str) -> None:
        if term not in old_df:
            p = index.postings.get(term)
            old_df[term] = len(p[0]) if p else 0
    ids = {k: i for i, k in enumerate(index.order)} if changed else {}
    for key in changed:
        i = ids[key]
        old, new = before[key], index.docs[key]
        old_terms = dict(zip(old.terms.split("\n") if old.terms else (), old.impacts))
        new_terms = dict(zip(new.terms.split("\n") if new.terms else (), new.impacts))
        for term in old_terms.keys() | new_terms.keys():
            if old_terms.get(term) == new_terms.get(term):
                continue
            touch(term)
            ids_, imps = index.postings.setdefault(term, (array("I"), array("B")))
            at = bisect_left(ids_, i)
            present = at < len(ids_) and ids_[at] == i
            if term not in new_terms:
                del ids_[at], imps[at]
                if not ids_:
                    del index.postings[term]
            elif present:
                imps[at] = new_terms[term]
            else:
                ids_.insert(at, i)
                imps.insert(at, new_terms[term])
        old_words = _word_terms(old)
        new_words = _word_terms(new)
        for word in old_words.keys() - new_words.keys():
            v = index.vocab[word]
            touch(v[0])
            v[1] -= 1
            if not v[1]:
                del index.vocab[word]
                gone.add(word)
        for word in new_words.keys() - old_words.keys():
            touch(new_words[word])
            v = index.vocab.get(word)
            if v is None:
                index.vocab[word] = [new_words[word], 1]
                gone.discard(word)
            else:
                v[1] += 1
    return old_df, gone


def _word_terms(doc: Doc) -> dict[str, str]:
    terms = doc.terms.split("\n") if doc.terms else []
    return {w: terms[t] for w, t in zip(doc.words.split("\n") if doc.words else (), doc.word_terms)}


# -- the files ----------------------------------------------------------------------------
def _remake(index: Index, old_df: dict[str, int], gone: set[str], changed: list[str],
            was: dict[str, Doc]) -> dict[str, bytes]:
    """The files the changed docs touch, made again; those that differ are returned and
    ``index.files`` is brought up to date (files no longer needed dropped from it)."""
    shape = index.shape
    made: dict[str, bytes] = {}
    dropped: set[str] = set()
    rare: set[int] = set()
    for term, before in old_df.items():
        p = index.postings.get(term)
        now = len(p[0]) if p else 0
        for df in {before, now} - {0}:
            loc = term_location(term, df, shape)
            if loc.startswith("c/") and (df != now or loc != term_location(term, now, shape)):
                dropped.update(_common_paths(loc, shape))
            elif not loc.startswith("c/"):
                rare.add(fnv1a(term) % shape.rare_buckets)
        if now and term_location(term, now, shape).startswith("c/"):
            made.update(_common_files(term, p, shape))
    if rare:
        by_bucket = _rare_terms(index, rare)
        for b in rare:
            made[f"p/r/{b}.bin"] = _rare_file(index, by_bucket.get(b, []))
    buckets = {dict_bucket(w, shape) for w in gone}
    buckets.update(dict_bucket(w, shape) for w, (t, _) in index.vocab.items() if t in old_df)
    made.update(_dict_files(index, buckets))
    ids = {k: i for i, k in enumerate(index.order)}
    for b in {ids[k] // BLOCK for k in changed if index.docs[k].card != was[k].card}:
        made[f"c/{b}.json"] = _card_block(index, b)
    if any(index.docs[k].facets != was[k].facets for k in changed):
        made.update(_facet_files(index))
    out: dict[str, bytes] = {}
    dropped |= {p for p, data in made.items() if not data}  # a bucket left empty
    for p in dropped:
        made.pop(p, None)
        index.files.pop(p, None)
    for p, data in made.items():
        t = token(data)
        if index.files.get(p) != t:
            index.files[p] = t
            out[p] = data
    manifest = _manifest(index)
    index.files[MANIFEST] = token(manifest)
    out[MANIFEST] = manifest
    return out


def _all_files(index: Index) -> dict[str, bytes]:
    shape = index.shape
    made: dict[str, bytes] = {}
    for term, p in index.postings.items():
        if len(p[0]) >= shape.common_at:
            made.update(_common_files(term, p, shape))
    by_bucket = _rare_terms(index, None)
    for b, terms in by_bucket.items():
        made[f"p/r/{b}.bin"] = _rare_file(index, terms)
    made.update(_dict_files(index, None))
    for b in range(ceil(len(index.order) / BLOCK)):
        made[f"c/{b}.json"] = _card_block(index, b)
    made.update(_facet_files(index))
    made = {p: data for p, data in made.items() if data}
    made[MANIFEST] = b""
    index.files = {p: token(data) for p, data in made.items()}
    made[MANIFEST] = _manifest(index)
    return made


def _manifest(index: Index) -> bytes:
    """The manifest; its stamp is a digest of every other file (excerpt texts included)."""
    shape = index.shape
    h = hashlib.blake2b(digest_size=8)
    for p in sorted(index.files):
        if p != MANIFEST:
            h.update(p.encode() + b"\0" + index.files[p])
    for key in index.order:
        doc = index.docs[key]
        h.update(doc.text.encode() + b"\0" + doc.text_token)
    return _json({"version": VERSION, "stamp": h.hexdigest(), "docs": shape.docs, "undated": shape.undated,
                  "dict_buckets": shape.dict_buckets, "range": RANGE, "block": BLOCK,
                  "bm25": {"k1": K1, "b": B, "avgdl": AVGDL}, "fields": index.fields})


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _ints(values, code: str) -> bytes:
    a = array(code, values)
    if sys.byteorder == "big":
        a.byteswap()
    return a.tobytes()


def _list(ids, first: int, impacts: bytes | None = None) -> bytes:
    """A posting list (docs/search-index.md): u32 n, u8 width, gaps, impacts."""
    gaps = [b - a for a, b in zip((first, *ids), ids)] if ids else []
    width = 2 if not gaps or max(gaps) < 65536 else 4
    return struct.pack("<IB", len(gaps), width) + _ints(gaps, "H" if width == 2 else "I") + (impacts or b"")


def _common_paths(loc: str, shape: Shape) -> list[str]:
    return [f"p/{loc}-{part}.bin" for part in range(max(1, ceil(shape.docs / RANGE)))]


def _common_files(term: str, p: tuple[array, array], shape: Shape) -> dict[str, bytes]:
    ids, imps = p
    loc = term_location(term, len(ids), shape)
    out = {}
    for part, path in enumerate(_common_paths(loc, shape)):
        lo, hi = bisect_left(ids, part * RANGE), bisect_left(ids, (part + 1) * RANGE)
        out[path] = _list(ids[lo:hi], part * RANGE, imps[lo:hi].tobytes())
    return out


def _rare_terms(index: Index, buckets: set[int] | None) -> dict[int, list[str]]:
    shape = index.shape
    found: dict[int, list[str]] = {}
    for term, p in index.postings.items():
        if len(p[0]) < shape.common_at:
            b = fnv1a(term) % shape.rare_buckets
            if buckets is None or b in buckets:
                found.setdefault(b, []).append(term)
    return found


def _rare_file(index: Index, terms: list[str]) -> bytes:
    out = []
    for term in sorted(terms):
        ids, imps = index.postings[term]
        name = term.encode("utf-8")
        out.append(bytes((len(name),)) + name + _list(ids, 0, imps.tobytes()))
    return b"".join(out)


def _dict_files(index: Index, buckets: set[int] | None) -> dict[str, bytes]:
    shape = index.shape
    words: dict[int, list[str]] = {}
    forms: dict[str, list[str]] = {}
    for word, (term, _) in index.vocab.items():
        forms.setdefault(term, []).append(word)
        b = dict_bucket(word, shape)
        if buckets is None or b in buckets:
            words.setdefault(b, []).append(word)
    out = {f"d/{b}.json": b"" for b in buckets or ()}
    for b, found in words.items():
        found.sort()
        terms = {}
        for w in found:
            t = index.vocab[w][0]
            if t not in terms:
                df = len(index.postings[t][0])
                terms[t] = [df, term_location(t, df, shape), sorted(forms[t])]
        out[f"d/{b}.json"] = _json({"w": [[w, index.vocab[w][0]] for w in found], "t": terms})
    return out


def _card_block(index: Index, block: int) -> bytes:
    return _json([index.docs[k].card for k in index.order[block * BLOCK:(block + 1) * BLOCK]])


def _facet_files(index: Index) -> dict[str, bytes]:
    values: dict[str, dict[str, list[int]]] = {key: {} for key in urls.SEARCH_FILTERS}
    for i, key in enumerate(index.order):
        for name, value in dict.fromkeys(index.docs[key].facets):
            values.setdefault(name, {}).setdefault(value, []).append(i)
    data = bytearray()
    facets = []
    for name, found in values.items():
        newest = name == urls.SEARCH_YEAR
        labels = sorted(found, key=lambda v: (v.casefold(), v), reverse=newest)
        listed = []
        for label in labels:
            listed.append([label, len(data), len(found[label])])
            data += _list(found[label], 0)
        facets.append({"key": name, "values": listed})
    return {FACETS_JSON: _json({"facets": facets}), FACETS_BIN: bytes(data)}
