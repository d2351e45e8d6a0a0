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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2

from .cache import store_contexts
from .diagnostics import Diagnostic
from .plan import PageSpec
from .render import TemplateProblem, render_page, signature
from .write import write_file

SERIAL_BELOW = 400  # pages; forking costs more than it saves on small sites


@dataclass
class RenderJob:
    pages: list[PageSpec]
    env: jinja2.Environment
    target: Path  # where rendered pages are written (a staging folder)
    previous: dict[str, bytes] = field(default_factory=dict)  # output path -> signature of the last build
    contexts: Path | None = None  # where to keep the contexts of entry pages (see katalog.cache)
    theme: str = ""  # the theme's digest, part of every signature


@dataclass
class RenderResult:
    signatures: dict[str, bytes]
    written: list[str]  # output paths rendered this time
    context_files: dict[str, str] = field(default_factory=dict)  # entry page output -> file keeping its context


_JOB: RenderJob | None = None  # set in the parent just before forking; read by workers


def _render_range(bounds: tuple[int, int]) -> tuple[list[tuple[int, bytes, bool]], Diagnostic | None, str | None]:
    job = _JOB
    assert job is not None
    done = []
    kept: dict[str, dict] = {}
    html: dict[str, str] = {}
    try:
        for i in range(*bounds):
            page = job.pages[i]
            context = page.make()
            sig = signature(page, context, job.theme)
            changed = job.previous.get(page.output) != sig
            if changed:
                write_file(job.target, page.output, render_page(job.env, page, context))
                if job.contexts is not None and page.has_body:
                    md = job.env.filters["markdown"]
                    key = md.key(context["body"])
                    kept[page.output] = {**context, "body": context["body"].stripped()}
                    html[key] = md.made[key]
            done.append((i, sig, changed))
        job.env.filters["markdown"].made.clear()  # each body is on one page: nothing to reuse
    except TemplateProblem as exc:
        return done, exc.diagnostic, None
    return done, None, store_contexts(job.contexts, kept, html) if kept else None


_FILES: tuple | None = None  # (function, items) for map_files workers


def _map_range(bounds: tuple[int, int]) -> list:
    fn, items = _FILES
    return [fn(items[i]) for i in range(*bounds)]


def map_files(fn: Callable, items: list, jobs: int | None) -> list:
    """``[fn(x) for x in items]`` over every core when there are many items (parsing
    content files); ``fn`` and ``items`` reach the workers by fork, results come back."""
    global _FILES
    if jobs is None:
        jobs = default_jobs() if len(items) >= SERIAL_BELOW else 1
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(x) for x in items]
    chunk = max(16, min(256, len(items) // (jobs * 8) or 1))
    _FILES = (fn, items)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_map_range, [(s, min(s + chunk, len(items))) for s in range(0, len(items), chunk)])
    finally:
        _FILES = None
    return [x for part in parts for x in part]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def render_all(job: RenderJob, jobs: int | None, progress: Callable[[int], None] = lambda n: None) -> RenderResult:
    """Render every page of ``job``; raises TemplateProblem on the first theme error."""
    global _JOB
    count = len(job.pages)
    if jobs is None:
        jobs = default_jobs() if count >= SERIAL_BELOW else 1
    if "fork" not in multiprocessing.get_all_start_methods():
        jobs = 1
    _JOB = job
    try:
        if jobs <= 1:
            chunk = 64
            results = (_render_range((start, min(start + chunk, count))) for start in range(0, count, chunk))
            return _collect(job, results, progress)
        chunk = max(8, min(128, count // (jobs * 16) or 1))
        ranges = [(start, min(start + chunk, count)) for start in range(0, count, chunk)]
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return _collect(job, pool.imap_unordered(_render_range, ranges), progress)
    finally:
        _JOB = None


def _collect(job: RenderJob, results, progress) -> RenderResult:
    signatures: dict[str, bytes] = {}
    written: list[str] = []
    context_files: dict[str, str] = {}
    for done, problem, kept in results:
        if problem is not None:
            raise TemplateProblem(problem)
        for i, sig, changed in done:
            page = job.pages[i]
            signatures[page.output] = sig
            if changed:
                written.append(page.output)
                if kept and page.has_body:
                    context_files[page.output] = kept
        progress(len(done))
    return RenderResult(signatures, written, context_files)
