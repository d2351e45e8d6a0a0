"""The build, top to bottom: scan -> parse -> catalogue -> plan -> render -> publish.

With the build state (``katalog.state``) the same pipeline does only what changed:
files whose stamp is unchanged are not read or parsed again, pages whose signature is
unchanged are not rendered again; when only entries' bodies changed, ``katalog.bodies``
renders just their pages; and when no input changed and no published file was touched
the build stops after looking at stamps. Every road that writes ends in
``katalog.publish``. A cached build's output is byte for byte a clean build's
(tests/test_incremental.py).

The quick paths import only what they use: a build that finds nothing to do must not
spend its time loading Jinja, Markdown and Babel.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import uuid
from dataclasses import replace
from pathlib import Path

from .diagnostics import BuildFailed, Diagnostic
from .options import BuildOptions, check_environment
from .publish import OutputState, look, publish
from .result import BuildResult
from .state import (UNKNOWN, Cache, EntryPage, Manifest, PagesRecord, ParsedFile, cache_key, day_still_valid, racy,
                    scan_folder, settle)
from .trees import Layout
from .write import WriteError, Writer, check_output_folder, copy_files, write_problem
from .discover import MEDIA, media_file
from .urls import BESIDE, media_path, static_path

__all__ = ["BuildOptions", "build"]


def _copies(options: BuildOptions, site) -> dict[str, tuple[Path, tuple[int, int]]]:
    """Output path -> (source file, stamp) of every static and media file."""
    content = options.content
    root = (content / MEDIA).resolve()
    copies = {}
    problems = []
    for asset in site.static.values():
        if asset.data is None:  # hashed files are written from their bytes (_hashed_assets)
            st = asset.source.stat()
            copies[static_path(asset.name)] = (asset.source, (st.st_mtime_ns, st.st_size))
    for rel in site.catalogue.media:
        source = content / media_file(rel)
        if root not in source.resolve().parents:
            problems.append(Diagnostic(f"{content}/{media_file(rel)}", 0, "berkas media menunjuk ke luar folder konten; salin berkasnya ke media/"))
            continue
        copies[media_path(rel)] = (source, site.tree.stamps[media_file(rel)])
    if problems:
        raise BuildFailed(problems)
    return copies


def _hashed_assets(site) -> dict[str, tuple[bytes, bytes]]:
    """Output path -> (token, bytes) of the static files published under a hashed name
    (katalog.assets): the token is their content's digest, so an unchanged file is kept."""
    return {static_path(a.name): (bytes.fromhex(a.digest[:32]), a.data) for a in site.static.values() if a.data is not None}


def copy_token(source: Path, stamp: tuple[int, int], started_ns: int) -> bytes:
    """A copied file's token: its source and stamp; a racy stamp (the file may change again
    within the clock's tick) gets a token no later build matches, so it is copied again."""
    text = f"{source}\0{stamp}\0{uuid.uuid4() if racy(stamp, started_ns) else ''}"
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).digest()


def build(options: BuildOptions) -> BuildResult:
    started = time.perf_counter()
    started_ns = time.time_ns()
    check_environment()
    problem = check_output_folder(options.output, options.content)
    if problem:
        raise BuildFailed([Diagnostic(str(options.output), 0, problem)])
    layout = Layout(options.output.absolute())
    cache = Cache.beside(layout.output, cache_key(options.shaping()), enabled=options.cache)
    try:
        with cache.lock():
            layout.clear_leftovers(cache.tree_ids())
            cache.tidy(layout.trees())
            return _build(options, layout, cache, started, started_ns)
    except OSError as exc:  # disk full, read-only or not ours to write: the old output stands
        raise BuildFailed([write_problem(exc, options.output)]) from None


def changes(manifest: Manifest, scans: dict[str, dict]) -> dict[str, set[str]]:
    """Input folder -> the files in it changed, added or removed since the manifest's build.
    ``scans`` collects the folders' stamps as found now, for the build to reuse."""
    found = {}
    for folder, stamps in manifest.inputs.items():
        now = scans[folder] = scan_folder(folder)
        found[folder] = {rel for rel in now.keys() | stamps.keys() if now.get(rel) != stamps.get(rel)}
    return found


def _build(options: BuildOptions, layout: Layout, cache: Cache, started: float, started_ns: int) -> BuildResult:
    state = look(layout, cache)
    m = cache.manifest()
    scans: dict[str, dict] = {}
    # The quick roads need records that describe the output now published, for this day,
    # and no file of it touched by hand; entries left out last time (--keep-going) need the full road.
    if (m is not None and state.record is not None and m.tree == state.active and not state.damaged
            and not m.left_out and day_still_valid(options.day(), m.valid_from, m.due)
            and all(layout.beside(name).is_file() for name in BESIDE)):  # a snippet removed by hand is made again
        changed = changes(m, scans)
        if not any(changed.values()):
            return BuildResult(m.pages, 0, 0, 0, time.perf_counter() - started, dict(m.counts), "unchanged")
        from . import bodies

        result = bodies.rebuild(options, cache, state, changed, scans, started, started_ns)
        if result is not None:
            return result
    extra: tuple[Diagnostic, ...] = ()
    while True:
        try:
            return _full_build(options, cache, state, scans, started, started_ns, extra)
        except _LeaveOut as leave:  # --keep-going: a body failed to render; plan again without its entry
            extra += (leave.diagnostic,)


class _LeaveOut(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _entry_failing(site, diagnostic: Diagnostic):
    """The entry whose body a rendering problem names, if it names one."""
    where = os.path.abspath(diagnostic.path)
    return next((e for e in site.catalogue.index.values() if os.path.abspath(e.body.file) == where), None)


def _full_build(options: BuildOptions, cache: Cache, state: OutputState, scans: dict[str, dict], started: float,
                started_ns: int, extra: tuple[Diagnostic, ...] = ()) -> BuildResult:
    from .indexing import index_step, needs_render
    from .parallel import RenderJob, render_all
    from .progress import Progress
    from .render import TemplateProblem, builtin_only, make_environment
    from .searchtext import Analyser, protected_words
    from .site import load_site
    from .state import KeptPages
    from .urls import is_entry_page

    m = cache.manifest()
    kept_record = cache.pages()  # bodies' HTML, by digest: good whichever build kept it
    # the entry pages' kept contexts belong to the published tree only when the manifest does
    coherent = m is not None and m.tree == state.active and state.record is not None \
        and kept_record.generation == m.generation
    before = kept_record if coherent else PagesRecord()
    site = load_site(options, cache.parsed(), scans.get(str(options.content.absolute())), extra, cache.image_sizes())
    previous = dict(state.tokens)
    if not coherent:  # render entry pages again, so that their contexts are kept for the bodies road
        for p in site.pages:
            if p.has_body:
                previous.pop(p.output, None)
    # the search index's analysis keeps regions' names as written (katalog.searchtext)
    protected = tuple(sorted(protected_words(r.name for r in site.catalogue.regions.regions.values())))
    kept_index = cache.search_index(m.generation) if coherent else None
    if kept_index is not None and kept_index.protected != protected:
        kept_index = None
    for out in (p.output for p in site.pages if p.has_body and is_entry_page(p.output)):  # an entry whose Doc is not kept is analysed again, so its page is rendered
        if needs_render(kept_index, out, state.tokens):
            previous.pop(out, None)
    progress = Progress(options.progress)
    staging = state.layout.new_staging()
    try:
        base = site.catalogue.config.base_path
        kept = KeptPages(cache.contexts, kept_record.entry_pages)
        env = make_environment(site.theme, site.translator, base, kept.html, cache.templates,
                               site.catalogue.config.iframe_hosts)
        theme_digest = site.theme.digest()
        job = RenderJob(site.pages, env, staging, previous, cache.contexts, theme_digest,
                        Analyser(protected, kept_index.vocab if kept_index else None,
                                 kept_index.postings if kept_index else ()), builtin_only(site.theme))
        try:
            result = render_all(job, options.jobs, progress.stage("Merender", len(site.pages)))
        except TemplateProblem as exc:
            entry = _entry_failing(site, exc.diagnostic) if options.keep_going else None
            if entry is not None:
                raise _LeaveOut(Diagnostic(entry.source, 0, exc.diagnostic.message)) from None
            raise BuildFailed([exc.diagnostic]) from None
        finally:
            progress.close()
        copies = _copies(options, site)
        tokens = {out: copy_token(src, stamp, started_ns) for out, (src, stamp) in copies.items()}
        changed_copies = [(out, copies[out][0]) for out, tok in tokens.items() if previous.get(out) != tok]
        copy_files(staging, changed_copies)
        writer = Writer(staging)
        for out, (token, data) in _hashed_assets(site).items():
            tokens[out] = token
            if previous.get(out) != token:
                writer.write(out, data)
                changed_copies.append((out, None))
        tokens.update(result.signatures)
        step = index_step(kept_index, result.docs, result.sorts, protected, state.tokens, staging)
        tokens.update(step.tokens)

        def commit(tree: str) -> None:
            _save_full(options, cache, site, result, before, env.filters["markdown"].key, theme_digest, scans, started_ns,
                       tree, step.index)

        beside = {spec.output: _render_beside(env, spec) for spec in site.beside}
        published = publish(state, cache, staging, tokens,
                            set(result.written) | {o for o, _ in changed_copies} | step.fresh, commit, beside)
    except WriteError as exc:
        raise BuildFailed([Diagnostic(str(options.output), 0, str(exc))]) from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    counts = {kind: len(entries) for kind, entries in site.catalogue.entries.items()}
    return BuildResult(len(result.signatures), len(result.written), published.removed, len(changed_copies),
                       time.perf_counter() - started, counts, "clean" if state.record is None else "update",
                       step.indexed, site.left_out)


def _render_beside(env, spec) -> bytes:
    from .render import TemplateProblem, render_page

    try:
        return render_page(env, spec)
    except TemplateProblem as exc:
        raise BuildFailed([exc.diagnostic]) from None


def _save_full(options, cache: Cache, site, result, before: PagesRecord, body_key, theme_digest: str,
               scans: dict, started_ns: int, tree: str, index) -> None:
    """The records of a full build, written just before its tree is switched in."""
    inputs = {str(options.content.absolute()): settle(site.tree.stamps, started_ns)}
    for folder in site.theme.chain:
        inputs[str(folder)] = settle(scans.get(str(folder)) or scan_folder(folder), started_ns)
    racy_files = {rel for rel, st in inputs[str(options.content.absolute())].items() if st == UNKNOWN}
    parsed = {rel: ParsedFile(UNKNOWN if rel in racy_files else p.stamp, p.front,
                              p.entry and replace(p.entry, body=p.entry.body.stripped()), p.problems)
              for rel, p in site.parsed.items()}
    counts = {kind: len(entries) for kind, entries in site.catalogue.entries.items()}
    generation = uuid.uuid4().hex
    record = PagesRecord(_entry_pages(site, result, before, body_key), tuple(str(p) for p in site.theme.chain),
                         site.theme.name, site.catalogue.config.language, theme_digest, generation, cache.key)
    due = site.catalogue.next_due.isoformat() if site.catalogue.next_due else None
    left_out = [(d.path, d.line, d.message, d.level) for d in site.left_out]
    cache.save_search_index(index, generation)
    # a size read from a file that may change again within the clock's tick is read again next time
    cache.save_image_sizes({name: v for name, v in site.size_record.items() if v[0] is None or not racy(v[0], started_ns)})
    cache.save(Manifest(cache.key, inputs, tree, generation, len(result.signatures), counts, due, left_out,
                        options.day().isoformat()), record, parsed=parsed)
    cache.collect_contexts(record)


def _entry_pages(site, result, before: PagesRecord, body_key) -> dict[str, EntryPage]:
    """Content rel -> its entry's own page, for a later build where only bodies change;
    ``body_key``: what the Markdown renderer keeps a body's HTML under."""
    from .urls import entry_path, output_file

    old_files = {p.output: p.context_file for p in before.entry_pages.values()}
    templates = {p.output: p.template for p in site.pages if p.has_body}
    pages = {}
    for rel, parsed in site.parsed.items():
        e = parsed.entry
        if e is None or site.catalogue.index.get(e.key) is not e:
            continue  # a draft left out of this build
        out = output_file(entry_path(e))
        if out in templates:
            pages[rel] = EntryPage(out, templates[out], parsed.front, result.context_files.get(out) or old_files.get(out),
                                   body_key(e.body))
    return pages

