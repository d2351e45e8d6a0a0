"""The search index kept up to date: the entries' Docs -> postings and vocabulary ->
the files of ``katalog.searchfiles``.

``update`` takes the index as the last build left it (an ``Index``, kept by
katalog.state, whose Docs are read from the state only when needed) and the Docs of the
entries rendered this time. When the document ids are unchanged (an edit), only the
postings, dictionary buckets and card blocks the changed entries touch are made again;
otherwise (an entry added, removed or moved in date order) every file is made and only
those whose bytes differ are written. Either way each file is a function of the Docs
alone, so an incremental build's index is byte for byte a clean build's.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .searchdocs import Doc
from .searchfiles import Shape, all_files, remake, token

Loader = Callable[[list[str]], dict[str, Doc]]


class Docs:
    """Entry page output -> Doc: those made this build, the others read from the build
    state when asked for (a body edit reads a handful of 10,000)."""

    def __init__(self, fresh: dict[str, Doc], load: Loader | None = None):
        self.known = dict(fresh)
        self.load = load

    def many(self, keys: Iterable[str]) -> dict[str, Doc]:
        keys = list(keys)
        missing = [k for k in keys if k not in self.known]
        if missing:
            if self.load is None:
                raise KeyError(missing[0])
            found = self.load(missing)
            if len(found) != len(missing):
                raise KeyError(next(k for k in missing if k not in found))
            self.known.update(found)
        return {k: self.known[k] for k in keys}

    def __getitem__(self, key: str) -> Doc:
        return self.many([key])[key]


@dataclass
class Index:
    """The index as the build state keeps it. ``postings``: term -> its documents in id
    order, each as ``id << 8 | impact``; ``vocab``: word -> [term, number of documents]; ``files``: path -> token;
    ``texts``: entry -> (its excerpt file, token)."""

    order: list[str] = field(default_factory=list)  # the entries (page output paths) by document id
    undated: int = 0  # the first ids, of entries without a date
    postings: dict[str, array] = field(default_factory=dict)
    vocab: dict[str, list] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    texts: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    fields: dict[str, int] = field(default_factory=dict)  # field weights, for the manifest
    shape: Shape | None = None  # what the files were made with
    protected: tuple = ()  # words kept as written by the analysis (katalog.searchtext)
    docs: Docs = field(default_factory=lambda: Docs({}))
    written: dict[str, Doc] = field(default_factory=dict)  # Docs the state must keep anew
    removed: set[str] = field(default_factory=set)  # entries the state must forget
    complete: bool = False  # ``written`` holds every Doc (a first index): the state keeps no other

    def dump(self) -> dict:
        """Plain values for marshal (katalog.state keeps them; the Docs apart)."""
        return {"order": self.order, "undated": self.undated,
                "postings": {t: p.tobytes() for t, p in self.postings.items()},
                "vocab": self.vocab, "files": self.files, "texts": self.texts, "fields": self.fields,
                "shape": tuple(vars(self.shape).values()) if self.shape else None, "protected": self.protected}

    @classmethod
    def load(cls, data: dict, docs: Loader) -> "Index":
        postings = {}
        for term, packed in data["postings"].items():
            a = postings[term] = array("I")
            a.frombytes(packed)
        return cls(data["order"], data["undated"], postings, data["vocab"], data["files"], data["texts"], data["fields"],
                   Shape(*data["shape"]) if data["shape"] else None, tuple(data["protected"]), Docs({}, docs))


def update(previous: Index | None, fresh: dict[str, Doc], sorts: dict[str, tuple] | None, fields: dict[str, int],
           protected: tuple = (), every_file: bool = False) -> tuple[Index, dict[str, bytes]]:
    """The index of the entries of ``sorts`` (entry -> its Doc's sort key; None: those of
    ``previous``, in the same order) with the Docs in ``fresh`` new or changed, and the
    files (path -> bytes) that differ from ``previous``'s. Excerpt text files are not among
    them (the render workers write those); ``every_file``: all of them."""
    old = previous or Index()
    if sorts is None:
        order, undated = old.order, old.undated
    else:
        order = sorted(sorts, key=lambda k: (sorts[k], k))
        undated = sum(1 for k in order if not sorts[k][0])
    texts = {k: old.texts[k] for k in order if k not in fresh}
    texts.update((k, (d.text, d.text_token)) for k, d in fresh.items())
    if previous is not None and not every_file and (order, fields, protected) == (previous.order, previous.fields,
                                                                                  previous.protected):
        was = previous.docs.many(fresh)
        changed = [k for k in fresh if fresh[k] != was[k]]
        docs = Docs(fresh, previous.docs.load)
        index = Index(order, undated, previous.postings, previous.vocab, dict(previous.files), texts, fields,
                      None, protected, docs, {k: fresh[k] for k in changed})
        old_df, gone = _apply(index, was, changed)
        index.shape = Shape.of(index)
        if index.shape == previous.shape:
            return index, remake(index, old_df, gone, changed, was)
    docs = Docs(fresh, old.docs.load)
    index = _invert(Index(order, undated, texts=texts, fields=fields, protected=protected, docs=docs,
                          written=dict(fresh), removed=set(old.order) - set(order), complete=previous is None))
    index.shape = Shape.of(index)
    made = all_files(index)
    index.files = {p: token(data) for p, data in made.items()}
    return index, {p: data for p, data in made.items() if every_file or old.files.get(p) != index.files[p]}


def _invert(index: Index) -> Index:
    """Postings and vocabulary of every doc (the loops are the build's hottest: kept to
    what CPython does in C, Counter and dict.update over zips)."""
    postings: defaultdict[str, array] = defaultdict(lambda: array("I"))  # 4 bytes a posting, no int objects
    counted: Counter = Counter()
    word_term: dict[str, str] = {}
    docs = index.docs.many(index.order)
    for i, key in enumerate(index.order):
        doc = docs[key]
        if not doc.terms:
            continue
        base = i << 8
        for term, impact in zip(doc.terms.split("\n"), doc.impacts):
            postings[term].append(base | impact)
        words = doc.words.split("\n")
        counted.update(words)
        word_term.update(zip(words, doc.word_terms.split("\n")))
    index.postings = dict(postings)
    index.vocab = {w: [word_term[w], n] for w, n in counted.items()}
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
            old_df[term] = len(p) if p else 0
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
            p = index.postings.setdefault(term, array("I"))
            at = bisect_left(p, i << 8)
            present = at < len(p) and p[at] >> 8 == i
            if term not in new_terms:
                del p[at]
                if not p:
                    del index.postings[term]
            elif present:
                p[at] = i << 8 | new_terms[term]
            else:
                p.insert(at, i << 8 | new_terms[term])
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
    return dict(zip(doc.words.split("\n"), doc.word_terms.split("\n"))) if doc.words else {}


