"""Render the page plan on every core: a pool of forked workers fed chunks of page numbers.

The parent plans the whole site, then forks; each worker inherits the plan, the
catalogue and the Jinja environment, so only page numbers go out and only
(page number, signature, written?) come back: no page or context is ever pickled.
A worker builds each page's context, compares its signature with the last build's,
and renders and writes only the pages that changed.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2

from .state import store_contexts
from .diagnostics import Diagnostic
from .iidexport import KEPT_IID, digest as iid_digest
from .searchdocs import Doc, analyse
from .searchtext import Analyser
from .urls import search_bundle
from .plan import PageSpec
from .render import TemplateProblem, render_page, signature
from .write import Writer

SERIAL_BELOW = 400  # pages; forking costs more than it saves on small sites


@dataclass
class RenderJob:
    pages: list[PageSpec]
    env: jinja2.Environment
    target: Path  # where rendered pages are written (a staging folder)
    previous: dict[str, bytes] = field(default_factory=dict)  # output path -> signature of the last build
    contexts: Path | None = None  # where to keep the contexts of entry pages (see katalog.state)
    theme: str = ""  # the theme's digest, part of every signature but those of ``builtin`` pages
    search: Analyser | None = None  # analyses the searchable entries rendered (katalog.searchdocs)
    builtin: frozenset[str] = frozenset()  # built-in templates the theme does not replace (render.builtin_only)

    def __post_init__(self):
        self.writer = Writer(self.target)


@dataclass
class RenderResult:
    signatures: dict[str, bytes]
    written: list[str]  # output paths rendered this time
    context_files: dict[str, str] = field(default_factory=dict)  # entry page output -> file keeping its context
    docs: dict[str, Doc] = field(default_factory=dict)  # entry page output -> its search Doc, for the pages rendered
    sorts: dict[str, tuple] = field(default_factory=dict)  # searchable entry page output -> its sort key (all)


_WORKER: list = []  # in a worker process only: what its initialiser was given (a job, or (fn, items))


def _init_worker(work) -> None:
    """A worker's own initialiser: it keeps what it was forked with, and leaves Ctrl-C to
    the parent (which stops the pool), so no worker prints a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _WORKER[:] = [work]


def _pool(jobs: int, work):
    """A pool of forked workers given ``work``. Ctrl-C is held back while they are forked
    (a worker forked but not yet initialised would print a traceback); the parent gets it
    right after."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return multiprocessing.get_context("fork").Pool(jobs, _init_worker, (work,))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _render_in_worker(bounds: tuple[int, int]):
    return _render_range(_WORKER[0], bounds)


def _render_range(job: RenderJob, bounds: tuple[int, int]
                  ) -> tuple[list[tuple[int, bytes, bool]], Diagnostic | None, str | None, dict[str, Doc], dict]:
    done = []
    sorts: dict[str, tuple] = {}
    kept: dict[str, dict] = {}
    html: dict[str, str] = {}
    docs: dict[str, Doc] = {}
    md = job.env.filters["markdown"]
    try:
        for i in range(*bounds):
            page = job.pages[i]
            context = page.make()
            sig = signature(page, context, "" if page.template in job.builtin else job.theme)
            changed = job.previous.get(page.output) != sig
            if page.has_body and context.get("search"):
                sorts[page.output] = context["search"]["sort"]
            if changed:
                job.writer.write(page.output, render_page(job.env, page, context))
                if page.has_body:
                    key = md.key(context["body"])
                    if job.contexts is not None:
                        kept[page.output] = kept_context(context, md.made[key])
                        html[key] = md.made[key]
                    if job.search is not None and context.get("search"):
                        docs[page.output] = write_doc(job.writer, job.search, context["search"], str(md(context["body"])))
            done.append((i, sig, changed))
        md.made.clear()  # each body is on one page: nothing to reuse
    except TemplateProblem as exc:
        return done, exc.diagnostic, None, docs, sorts
    return done, None, store_contexts(job.contexts, kept, html) if kept else None, docs, sorts


def kept_context(context: dict, body_html: str) -> dict:
    """An entry page's context as the build state keeps it for the bodies road: the body
    stripped, and for an innovation the digest of the IID sections its regions' exports
    quote, read from the body's HTML."""
    kept = {**context, "body": context["body"].stripped()}
    if context.get("kind") == "innovation":
        kept[KEPT_IID] = iid_digest(body_html)
    return kept


def write_doc(writer: Writer, analyser: Analyser, record: dict, body_html: str) -> Doc:
    """Analyse one searchable entry and write its excerpt text into the index's folder."""
    doc, text = analyse(analyser, record, body_html)
    writer.write(search_bundle() + doc.text, text)
    return doc


def _map_range(bounds: tuple[int, int]) -> list:
    fn, items = _WORKER[0]
    return [fn(items[i]) for i in range(*bounds)]


def map_files(fn: Callable, items: list, jobs: int | None) -> list:
    """``[fn(x) for x in items]`` over every core when there are many items (parsing
    content files); ``fn`` and ``items`` reach the workers by fork, results come back."""
    if jobs is None:
        jobs = default_jobs() if len(items) >= SERIAL_BELOW else 1
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(x) for x in items]
    chunk = max(16, min(256, len(items) // (jobs * 8) or 1))
    with _pool(jobs, (fn, items)) as pool:
        parts = pool.map(_map_range, [(s, min(s + chunk, len(items))) for s in range(0, len(items), chunk)])
    return [x for part in parts for x in part]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def render_all(job: RenderJob, jobs: int | None, progress: Callable[[int], None] = lambda n: None) -> RenderResult:
    """Render every page of ``job``; raises TemplateProblem on the first theme error."""
    count = len(job.pages)
    if jobs is None:
        jobs = default_jobs() if count >= SERIAL_BELOW else 1
    if "fork" not in multiprocessing.get_all_start_methods():
        jobs = 1
    if jobs <= 1:
        chunk = 64
        results = (_render_range(job, (start, min(start + chunk, count))) for start in range(0, count, chunk))
        return _collect(job, results, progress)
    chunk = max(8, min(128, count // (jobs * 16) or 1))
    ranges = [(start, min(start + chunk, count)) for start in range(0, count, chunk)]
    # the job reaches the workers by fork (the initialiser's arguments are not pickled)
    with _pool(jobs, job) as pool:
        return _collect(job, pool.imap_unordered(_render_in_worker, ranges), progress)


def _collect(job: RenderJob, results, progress) -> RenderResult:
    signatures: dict[str, bytes] = {}
    written: list[str] = []
    context_files: dict[str, str] = {}
    docs: dict[str, Doc] = {}
    sorts: dict[str, tuple] = {}
    for done, problem, kept, found, order in results:
        if problem is not None:
            raise TemplateProblem(problem)
        docs.update(found)
        sorts.update(order)
        for i, sig, changed in done:
            page = job.pages[i]
            signatures[page.output] = sig
            if changed:
                written.append(page.output)
                if kept and page.has_body:
                    context_files[page.output] = kept
        progress(len(done))
    return RenderResult(signatures, written, context_files, docs, sorts)
