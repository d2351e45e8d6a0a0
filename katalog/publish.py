"""The one step every build ends in: staging -> the spare tree -> record -> switch.

Every road (a clean build, an update, a bodies-only build) hands over the same thing:
the tokens of every file of the new site (page signatures, copied files' sources and
stamps, the search index's files' digests) and a staging folder holding the files that
differ from the site now published. ``publish`` makes the spare tree equal to that site
(katalog.trees), records the tree and the build's records (``commit``), and only then
switches the output link: a build cut off at any point before the switch leaves the
old site and records that say what is on disk.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from . import trees
from .state import Cache, TreeRecord
from .trees import Layout


@dataclass(frozen=True)
class OutputState:
    """The output as a build finds it: the active tree and its record (tokens of files
    found changed by hand dropped, so they are made again), and the spare tree."""

    layout: Layout
    active: str | None = None
    record: TreeRecord | None = None
    spare: str | None = None  # its record is read only by a build that changes it
    damaged: frozenset[str] = frozenset()

    @property
    def tokens(self) -> dict[str, bytes | None]:
        return self.record.tokens if self.record else {}

    @property
    def pages(self) -> int:
        return sum(1 for p in self.tokens if p.endswith(".html"))


def look(layout: Layout, cache: Cache) -> OutputState:
    """Find the trees and their records, and check the active tree's files against theirs
    (one lstat per file)."""
    active = layout.active()
    on_disk = layout.trees()
    record = cache.tree(active) if active in on_disk else None
    spare = next((t for t in sorted(cache.tree_ids() & on_disk) if t != active), None)
    if record is None:
        return OutputState(layout, active, None, spare)
    bad = frozenset(trees.damaged(layout.tree(active), record.stamps))
    if bad:  # recorded at once: each tree must be told, also the one this build switches away from
        record = _forget(record, bad)
        cache.save_tree(active, record)
        spare_record = cache.tree(spare)
        if spare_record is not None:  # the trees share inodes: a file edited in place is edited in both
            cache.save_tree(spare, _forget(spare_record, bad))
    return OutputState(layout, active, record, spare, bad)


def _forget(record: TreeRecord, paths: frozenset[str]) -> TreeRecord:
    """``record`` without the tokens and stamps of ``paths``."""
    return replace(record, tokens={p: t for p, t in record.tokens.items() if p not in paths},
                   stamps={p: s for p, s in record.stamps.items() if p not in paths})


@dataclass(frozen=True)
class Published:
    tree: str
    removed: int = 0
    touched: list[str] = field(default_factory=list)


def publish(state: OutputState, cache: Cache, staging: Path, tokens: dict[str, bytes], fresh: set[str],
            commit: Callable[[str], None], beside: dict[str, bytes] | None = None) -> Published:
    """Make the site of ``tokens`` the output: files in ``fresh`` come from ``staging``, the
    others are the active tree's. ``commit(tree)`` writes the build's records.

    ``beside``: files written next to the output link, never into a tree (the nginx
    snippet), each whole or not at all, before anything else: a build cut off later is
    made again by the next, which writes them again. A road that passes none (bodies
    only) leaves the last ones, whose text does not depend on bodies."""
    for name, data in sorted((beside or {}).items()):
        state.layout.write_beside(name, data)
    removed = sum(1 for p in state.tokens if p not in tokens)
    if state.record is None:
        return Published(_whole_tree(state, cache, staging, tokens, commit), removed)
    tree, touched = _update_spare(state, cache, staging, tokens, fresh)
    commit(tree)
    state.layout.switch(tree)
    _keep_only(state.layout, cache, {tree, state.active})
    return Published(tree, removed, touched)


def _keep_only(layout: Layout, cache: Cache, keep: set[str]) -> None:
    """Remove the trees other than ``keep``, and their records (a build killed just after
    switching to a whole new tree leaves the two it replaced)."""
    for old in layout.trees() - keep:
        cache.drop_tree(old)
    layout.clear_leftovers(keep)


def _whole_tree(state: OutputState, cache: Cache, staging: Path, target: dict, commit: Callable[[str], None]) -> str:
    """A clean build: the staging folder holds the whole site and becomes a tree."""
    layout = state.layout
    trees.new_tree(staging)
    tree = uuid.uuid4().hex[:12]
    record = TreeRecord(cache.key, target, trees.stamps_below(staging))
    cache.save_tree(tree, record)
    commit(tree)
    os.rename(staging, layout.tree(tree))
    layout.switch(tree)
    _keep_only(layout, cache, {tree})  # the trees replaced: their records are no longer true
    if cache.folder is not None:  # the spare, so the next build touches only what it changes
        _update_spare(OutputState(layout, tree, record), cache, staging, target, set())
    return tree


def _update_spare(state: OutputState, cache: Cache, staging: Path, target: dict, fresh: set[str]) -> tuple[str, list[str]]:
    """Bring the spare tree (made when there is none) to ``target``, touching only the paths
    whose token differs there; record it. Returns the spare's id."""
    layout = state.layout
    active_root = layout.tree(state.active)
    spare = state.spare or uuid.uuid4().hex[:12]
    root = layout.tree(spare)
    spare_record = cache.tree(state.spare) if root.is_dir() else None
    known = spare_record.tokens if spare_record else {}
    stamps = dict(spare_record.stamps) if spare_record else {}
    touched = [p for p, t in target.items() if t is None or known.get(p) != t] + [p for p in known if p not in target]
    for p in touched:
        stamps.pop(p, None)
    # what the spare holds while it changes: the paths being touched are unknown
    gone = set(touched)
    cache.save_tree(spare, TreeRecord(cache.key, {p: t for p, t in known.items() if p not in gone}, stamps))
    if not root.is_dir():
        trees.new_tree(root)
    for p in touched:
        if p not in target:
            trees.take_out(root, p)
        else:
            trees.put(staging if p in fresh else active_root, p, root, move=p in fresh)
            stamps[p] = trees.stamp(os.path.join(root, p))
    cache.save_tree(spare, TreeRecord(cache.key, target, stamps))
    return spare, touched
