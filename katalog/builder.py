"""The build, top to bottom: scan -> parse -> catalogue -> plan -> render -> write.

With the build cache (``katalog.cache``) the same pipeline does only what changed:
files whose stamp is unchanged are not read or parsed again, pages whose signature is
unchanged are not rendered again, pages that no longer exist are removed; when only
entries' bodies changed, ``katalog.bodies`` renders just their pages; and when no
input changed at all the build stops after looking at the files' stamps. A cached
build's output is byte for byte a clean build's (tests/test_incremental.py).

The quick paths import only what they use: a build that finds nothing to do must not
spend its time loading Jinja, Markdown and Babel.
"""

from __future__ import annotations

import datetime
import os
import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path

from .cache import (UNKNOWN, Cache, EntryPage, KeptPages, Manifest, PagesRecord, ParsedFile, identity, scan_folder,
                    settle)
from .diagnostics import BuildFailed, Diagnostic
from .discover import MEDIA, media_file
from .result import BuildResult
from . import search
from .urls import media_path, static_path
from .write import (MARKER, WriteError, apply_changes, check_output_folder, copy_files, new_staging, replace_folder,
                    swap_in)


@dataclass(frozen=True)
class BuildOptions:
    content: Path
    output: Path
    base_url: str | None = None
    drafts: bool = False
    cache: bool = True
    jobs: int | None = None  # None: every core for large sites, one for small ones
    progress: bool = True
    today: datetime.date | None = None  # None: KATALOG_TODAY (YYYY-MM-DD) if set, else the system's date
    defer_search: bool = False  # leave re-indexing to the caller (the preview does it in the background)
    keep_going: bool = False  # build the good entries, leave out those with problems (katalog.leaveout)

    def day(self) -> datetime.date:
        """The date a build takes as today: entries dated later are not published yet."""
        if self.today:
            return self.today
        fixed = os.environ.get("KATALOG_TODAY")
        return datetime.date.fromisoformat(fixed) if fixed else datetime.date.today()

    def key(self) -> str:
        """What the cache key must cover besides the tool and the files."""
        return repr((str(self.content), str(self.content.absolute()), self.base_url, self.drafts, search.version_stamp()))


def _copies(options: BuildOptions, site) -> dict[str, tuple[Path, tuple[int, int]]]:
    """Output path -> (source file, stamp) of every static and media file."""
    content = options.content
    root = (content / MEDIA).resolve()
    copies = {}
    problems = []
    for rel, path in site.static.items():
        st = path.stat()
        copies[static_path(rel)] = (path, (st.st_mtime_ns, st.st_size))
    for rel in site.catalogue.media:
        source = content / media_file(rel)
        if root not in source.resolve().parents:
            problems.append(Diagnostic(f"{content}/{media_file(rel)}", 0, "berkas media menunjuk ke luar folder konten; salin berkasnya ke media/"))
            continue
        copies[media_path(rel)] = (source, site.tree.stamps[media_file(rel)])
    if problems:
        raise BuildFailed(problems)
    return copies


def build(options: BuildOptions) -> BuildResult:
    started = time.perf_counter()
    started_ns = time.time_ns()
    problem = check_output_folder(options.output, options.content)
    if problem:
        raise BuildFailed([Diagnostic(str(options.output), 0, problem)])
    output = options.output.absolute()
    marker = output / MARKER
    cache = Cache.beside(output, options.key(), enabled=options.cache)
    scans: dict[str, dict] = {}
    changes = cache.changes(marker, scans) if options.cache else None
    # Entries left out last time (--keep-going): only the full road can say so again, or fail.
    if changes is not None and not cache.manifest().left_out:
        m = cache.manifest()
        due = m.due is not None and options.day().isoformat() >= m.due  # a scheduled entry's day has come
        if not any(changes.values()) and not due and not search.index_lost(output, m.counts):
            return BuildResult(m.pages, 0, 0, 0, time.perf_counter() - started, dict(m.counts), "unchanged")
        from . import bodies

        result = None if due else bodies.rebuild(options, cache, changes, scans, started, started_ns)
        if result is not None:
            return result
    extra: tuple[Diagnostic, ...] = ()
    while True:
        try:
            return _full_build(options, cache, scans, started, started_ns, extra)
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


def _full_build(options: BuildOptions, cache: Cache, scans: dict[str, dict], started: float, started_ns: int,
                extra: tuple[Diagnostic, ...] = ()) -> BuildResult:
    from .parallel import RenderJob, render_all
    from .progress import Progress
    from .render import TemplateProblem, make_environment
    from .site import load_site

    output = options.output.absolute()
    marker = output / MARKER
    before = cache.pages(marker)
    site = load_site(options, cache.parsed(), scans.get(str(options.content.absolute())), extra)
    previous = before.signatures
    clean = not previous
    progress = Progress(options.progress)
    staging = new_staging(output)
    try:
        base = site.catalogue.config.base_path
        kept = KeptPages(cache.contexts, before.entry_pages)
        env = make_environment(site.theme, site.translator, base, kept.html, cache.templates,
                               site.catalogue.config.iframe_hosts)
        theme_digest = site.theme.digest()
        job = RenderJob(site.pages, env, staging, previous, cache.contexts, theme_digest)
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
        changed_copies = [(out, src) for out, (src, stamp) in copies.items()
                          if clean or before.copies.get(out) != (str(src), stamp)]
        copy_files(staging, changed_copies)
        cache.invalidate()
        searchable = any(search.is_indexed(p.output) for p in site.pages)
        indexed, pending = None, False
        if clean:
            if searchable and options.defer_search:
                pending = True
            elif searchable:
                indexed = search.build_index(staging, staging / search.BUNDLE)
            swap_in(output, staging)
            removed: list[str] = []
        else:
            removed = [p for p in previous if p not in result.signatures] + [p for p in before.copies if p not in copies]
            apply_changes(output, staging, result.written + [out for out, _ in changed_copies], removed)
            if not searchable:
                replace_folder(output, search.BUNDLE, None)
            else:
                indexed, pending = search.refresh(output, search.needs_index(output, result.written, removed),
                                                  options.defer_search)
    except (WriteError, search.SearchFailed) as exc:
        raise BuildFailed([Diagnostic(str(options.output), 0, str(exc))]) from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)

    inputs = {str(options.content.absolute()): settle(site.tree.stamps, started_ns)}
    for folder in site.theme.chain:
        inputs[str(folder)] = settle(scans.get(str(folder)) or scan_folder(folder), started_ns)
    racy = {rel for rel, st in inputs[str(options.content.absolute())].items() if st == UNKNOWN}
    parsed = {rel: ParsedFile(UNKNOWN if rel in racy else p.stamp, p.front,
                              p.entry and replace(p.entry, body=p.entry.body.stripped()), p.problems)
              for rel, p in site.parsed.items()}
    counts = {kind: len(entries) for kind, entries in site.catalogue.entries.items()}
    record = PagesRecord(result.signatures, {out: (str(src), stamp) for out, (src, stamp) in copies.items()},
                         _entry_pages(site, result, before, env.filters["markdown"].key), tuple(str(p) for p in site.theme.chain),
                         site.theme.name, site.catalogue.config.language, theme_digest)
    due = site.catalogue.next_due.isoformat() if site.catalogue.next_due else None
    left_out = [(d.path, d.line, d.message, d.level) for d in site.left_out]
    cache.save(Manifest(cache.key, inputs, identity(marker), len(result.signatures), counts, due, left_out), record,
               parsed=parsed)
    return BuildResult(len(result.signatures), len(result.written), len(removed), len(changed_copies),
                       time.perf_counter() - started, counts, "clean" if clean else "update", indexed, pending,
                       site.left_out)


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
