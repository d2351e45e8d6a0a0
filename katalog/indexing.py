"""The search index as a step of the build: the searchable entries' Docs (made by the
render workers for the pages they rendered, kept in the build state for the others)
-> ``searchindex.update`` -> the changed files into the staging folder, and the token
of every index file for ``katalog.publish``. Every road that renders pages (full,
update, bodies only) runs it, so the index is always the published pages' own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .result import Indexed
from .searchdocs import FIELD_WEIGHTS, Doc
from .searchindex import Index, update
from .urls import search_bundle
from .write import Writer


@dataclass(frozen=True)
class IndexStep:
    index: Index | None  # to keep in the build state (None: the site has nothing to search)
    tokens: dict[str, bytes]  # output path -> token of every file of the index
    fresh: set[str]  # output paths written into the staging folder
    indexed: Indexed


def needs_render(previous: Index | None, page_output: str, tree_tokens: dict[str, bytes | None]) -> bool:
    """Whether an entry page must be rendered again for its Doc: none kept, or its excerpt
    text is not in the published tree as recorded."""
    text = previous.texts.get(page_output) if previous is not None else None
    return text is None or tree_tokens.get(search_bundle() + text[0]) != text[1]


def index_step(previous: Index | None, fresh: dict[str, Doc], sorts: dict[str, tuple] | None, protected: tuple,
               tree_tokens: dict[str, bytes | None], staging: Path) -> IndexStep:
    """The index of the entries of ``sorts`` (entry page -> sort key; None: the same as
    ``previous``), with ``fresh`` Docs for those rendered and the kept ones for the rest
    (``needs_render`` made sure there is one)."""
    started = time.perf_counter()
    bundle = search_bundle()
    if sorts is not None and not sorts:
        return IndexStep(None, {}, set(), Indexed(0, 0, time.perf_counter() - started))
    # a file of it not in the published tree as recorded: make and write every file
    lost = previous is not None and any(tree_tokens.get(bundle + p) != t for p, t in previous.files.items())
    index, changed = update(previous, fresh, sorts, dict(FIELD_WEIGHTS), tuple(protected), lost)
    writer = Writer(staging)
    for path, data in changed.items():
        writer.write(bundle + path, data)
    tokens = {bundle + p: t for p, t in index.files.items()}
    tokens.update((bundle + path, t) for path, t in index.texts.values())
    written = {bundle + p for p in changed} | {bundle + d.text for d in fresh.values()}
    return IndexStep(index, tokens, written, Indexed(len(index.order), len(changed), time.perf_counter() - started))
