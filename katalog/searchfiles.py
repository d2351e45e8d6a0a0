"""The search index's files (docs/search-index.md) from an ``searchindex.Index``: postings,
dictionary buckets, card blocks, facets and the manifest, each a function of the
index's data alone (so a file made again after an edit is byte for byte a clean
build's). ``remake`` makes only what a set of changed entries touches.
"""

from __future__ import annotations

import hashlib
import json
import struct
import sys
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from math import ceil
from operator import sub
from typing import TYPE_CHECKING

from . import urls
from .searchdocs import AVGDL, B, K1, Doc

if TYPE_CHECKING:
    from .searchindex import Index

VERSION = 1
RANGE = 8192  # document ids per part of a common term's postings
BLOCK = 32  # documents per card block
PREFIX = 3  # characters of a word that choose its dictionary bucket
MANIFEST = "manifest.json"
FACETS_JSON = "facets.json"
FACETS_BIN = "facets.bin"


@dataclass(frozen=True)
class Shape:
    """What every file's place depends on; when it changes, every file is made again."""

    docs: int
    undated: int
    dict_buckets: int
    rare_buckets: int
    common_at: int

    @classmethod
    def of(cls, index: "Index") -> "Shape":
        n = len(index.order)
        return cls(n, index.undated, _pow2(len(index.vocab) // 128, 16, 4096),
                   _pow2(len(index.postings) // 16, 16, 4096), max(64, ceil(n / 100)))


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


def remake(index: "Index", old_df: dict[str, int], gone: set[str], changed: list[str],
           was: dict[str, Doc]) -> dict[str, bytes]:
    """The files the changed docs touch, made again; those that differ are returned and
    ``index.files`` is brought up to date (files no longer needed dropped from it)."""
    shape = index.shape
    made: dict[str, bytes] = {}
    dropped: set[str] = set()
    rare: set[int] = set()
    ids = {k: i for i, k in enumerate(index.order)}
    parts = {ids[k] // RANGE for k in changed}
    for term, before in old_df.items():
        p = index.postings.get(term)
        now = len(p) if p else 0
        then = term_location(term, before, shape) if before else None
        is_ = term_location(term, now, shape) if now else None
        if then is not None and then.startswith("c/") and then != is_:
            dropped.update(_common_paths(then, shape))  # no longer common (or gone)
        if not (then or "c/").startswith("c/") or not (is_ or "c/").startswith("c/"):
            rare.add(fnv1a(term) % shape.rare_buckets)
        if is_ is not None and is_.startswith("c/"):  # only the parts holding a changed document
            made.update(_common_files(term, p, shape, None if then != is_ else parts))
    if rare:
        by_bucket = _rare_terms(index, rare)
        for b in rare:
            made[f"p/r/{b}.bin"] = _rare_file(index, by_bucket.get(b, []))
    buckets = {dict_bucket(w, shape) for w in gone}
    buckets.update(dict_bucket(w, shape) for w, (t, _) in index.vocab.items() if t in old_df)
    made.update(_dict_files(index, buckets))
    for b in {ids[k] // BLOCK for k in changed if index.docs[k].card != was[k].card}:
        made[f"c/{b}.json"] = _card_block(index, b)
    if any(index.docs[k].facets != was[k].facets for k in changed):
        made.update(_facet_files(index))
    out: dict[str, bytes] = {}
    dropped -= made.keys()
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
    if index.files.get(MANIFEST) != token(manifest):
        index.files[MANIFEST] = token(manifest)
        out[MANIFEST] = manifest
    return out


def all_files(index: "Index") -> dict[str, bytes]:
    shape = index.shape
    made: dict[str, bytes] = {}
    for term, p in index.postings.items():
        if len(p) >= shape.common_at:
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


def _manifest(index: "Index") -> bytes:
    """The manifest; its stamp is a digest of every other file (excerpt texts included)."""
    shape = index.shape
    h = hashlib.blake2b(digest_size=8)
    for p in sorted(index.files):
        if p != MANIFEST:
            h.update(p.encode() + b"\0" + index.files[p])
    for key in index.order:
        path, text_token = index.texts[key]
        h.update(path.encode() + b"\0" + text_token)
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


def _list(packed, first: int, impacts: bool = True) -> bytes:
    """A posting list (docs/search-index.md): u32 n, u8 width, gaps, impacts; from
    ``id << 8 | impact`` values (or, ``impacts`` False, plain ids)."""
    ids = [x >> 8 for x in packed] if impacts else list(packed)
    gaps = list(map(sub, ids, [first, *ids[:-1]])) if ids else []
    width = 2 if not gaps or max(gaps) < 65536 else 4
    head = struct.pack("<IB", len(gaps), width) + _ints(gaps, "H" if width == 2 else "I")
    return head + bytes([x & 255 for x in packed]) if impacts else head


def _common_paths(loc: str, shape: Shape) -> list[str]:
    return [f"p/{loc}-{part}.bin" for part in range(max(1, ceil(shape.docs / RANGE)))]


def _common_files(term: str, p: array, shape: Shape, parts: set[int] | None = None) -> dict[str, bytes]:
    """The part files of a common term (those of ``parts`` only, when given)."""
    loc = term_location(term, len(p), shape)
    out = {}
    for part, path in enumerate(_common_paths(loc, shape)):
        if parts is not None and part not in parts:
            continue
        lo, hi = bisect_left(p, part * RANGE << 8), bisect_left(p, (part + 1) * RANGE << 8)
        out[path] = _list(p[lo:hi], part * RANGE)
    return out


def _rare_terms(index: "Index", buckets: set[int] | None) -> dict[int, list[str]]:
    shape = index.shape
    found: dict[int, list[str]] = {}
    for term, p in index.postings.items():
        if len(p) < shape.common_at:
            b = fnv1a(term) % shape.rare_buckets
            if buckets is None or b in buckets:
                found.setdefault(b, []).append(term)
    return found


def _rare_file(index: "Index", terms: list[str]) -> bytes:
    out = []
    for term in sorted(terms):
        name = term.encode("utf-8")
        out.append(bytes((len(name),)) + name + _list(index.postings[term], 0))
    return b"".join(out)


def _dict_files(index: "Index", buckets: set[int] | None) -> dict[str, bytes]:
    shape = index.shape
    words: dict[int, list[str]] = {}
    forms: dict[str, list[str]] = {}
    for word, (term, _) in index.vocab.items():
        forms.setdefault(term, []).append(word)
        b = dict_bucket(word, shape)
        if buckets is None or b in buckets:
            words.setdefault(b, []).append(word)
    # every bucket has its file, an empty one too: a query word never meets a missing file
    empty = _json({"t": {}, "w": []})
    out = {f"d/{b}.json": empty for b in (range(shape.dict_buckets) if buckets is None else buckets)}
    for b, found in words.items():
        found.sort()
        terms = {}
        for w in found:
            t = index.vocab[w][0]
            if t not in terms:
                df = len(index.postings[t])
                terms[t] = [df, term_location(t, df, shape), sorted(forms[t])]
        out[f"d/{b}.json"] = _json({"w": [[w, index.vocab[w][0]] for w in found], "t": terms})
    return out


def _card_block(index: "Index", block: int) -> bytes:
    keys = index.order[block * BLOCK:(block + 1) * BLOCK]
    docs = index.docs.many(keys)
    return _json([docs[k].card for k in keys])


def _facet_files(index: "Index") -> dict[str, bytes]:
    values: dict[str, dict[str, list[int]]] = {key: {} for key in urls.SEARCH_FILTERS}
    docs = index.docs.many(index.order)
    for i, key in enumerate(index.order):
        for name, value in dict.fromkeys(docs[key].facets):
            values.setdefault(name, {}).setdefault(value, []).append(i)
    data = bytearray()
    facets = []
    for name, found in values.items():
        newest = name == urls.SEARCH_YEAR
        labels = sorted(found, key=lambda v: (v.casefold(), v), reverse=newest)
        listed = []
        for label in labels:
            listed.append([label, len(data), len(found[label])])
            data += _list(found[label], 0, impacts=False)
        facets.append({"key": name, "values": listed})
    return {FACETS_JSON: _json({"facets": facets}), FACETS_BIN: bytes(data)}
