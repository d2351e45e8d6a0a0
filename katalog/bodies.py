"""The quick rebuild for the commonest edit: only the body of some entries changed.

A body appears on exactly one page, its entry's own (``plan.entries``), and nothing
else on the site depends on it, but for an innovation's IID sections, which its
region's and province's IID exports quote (``katalog.iidexport``): an edit that changes
those (their digest is kept with the page's context) takes the full road, which makes
those files again. So when the only files changed since the last build
are entries whose text before the body is byte for byte the same, the build needs no
YAML, no catalogue and no plan: it takes each such page's context as the last build
kept it (``contexts/`` in the cache), puts the new body in, and renders that page.
A page's context holds the sizes of the images its body names (``Entry.media``): a body
that names other media files than before takes the full road too.
Whenever any condition fails, it returns None and the full (cached) build runs.
"""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path
from typing import Any, NamedTuple

from .diagnostics import BuildFailed, Diagnostic
from .discover import FileRef, read
from .i18n import Translator
from .models import Body
from .parse import body_problem, front_and_body, kind_of, media_refs
from .iidexport import KEPT_IID, digest as iid_digest
from .indexing import index_step, needs_render
from .parallel import kept_context, write_doc
from .publish import OutputState, publish
from .render import TemplateProblem, make_environment, render_page, signature
from .result import BuildResult
from .state import Cache, KeptPages, Manifest, Stamp, settle, store_contexts
from .searchtext import Analyser
from .theme import Theme
from .urls import search_bundle
from .write import WriteError, Writer


class _Page(NamedTuple):
    """As much of a PageSpec as rendering one page with a known context needs."""

    path: str
    template: str


def rebuild(options, cache: Cache, state: OutputState, changes: dict[str, set[str]],
            scans: dict[str, dict[str, Stamp]], started: float, started_ns: int) -> BuildResult | None:
    manifest = cache.manifest()
    content = str(options.content.absolute())
    if any(changed for folder, changed in changes.items() if folder != content):
        return None
    edited = sorted(changes.get(content, ()))
    if not edited or cache.contexts is None or manifest is None or any(kind_of(rel) is None for rel in edited):
        return None
    record = cache.pages(edited)
    if record.generation != manifest.generation:  # the record and the manifest are not of one build
        return None
    signatures = state.tokens
    updates = []
    for rel in edited:
        page = record.entry_pages.get(rel)
        if page is None or page.context_file is None or signatures.get(page.output) is None:
            return None
        file = Path(content) / rel
        # The full build's own reading and body checks: anything it would refuse (size, encoding,
        # NUL bytes, bodies too deep) takes the full road, which says so.
        source, problem = read(FileRef(rel, rel, file, (0, 0)))
        split = None if problem else front_and_body(source.text)
        if split is None or split[0] != page.front or body_problem(split[1]):
            return None
        updates.append((page, Body(split[1], str(file)), kind_of(rel) == "innovation"))

    kept = KeptPages(cache.contexts, {})
    loaded: dict[str, dict[str, Any]] = {}
    contexts = []
    quoted: list[str | None] = []  # an innovation's kept digest of the IID sections its exports quote
    for page, body, innovation in updates:
        if page.context_file not in loaded:
            loaded[page.context_file] = kept.contexts(page.context_file) or {}
        context = loaded[page.context_file].get(page.output)
        if context is None or context.get("media", ()) != media_refs(body.text):
            return None  # a body naming other images than before: the plan gives the page their sizes
        contexts.append((page, {**{k: v for k, v in context.items() if k != KEPT_IID}, "body": body}))
        quoted.append(context.get(KEPT_IID, "") if innovation else None)  # none kept: the full road

    kept_index = cache.search_index(manifest.generation)
    if kept_index is None or any(needs_render(kept_index, p.output, signatures)
                                 for p, c in contexts if c.get("search")):
        return None  # the search index kept is not this site's: the full road makes it again
    theme = Theme(record.theme_name, tuple(Path(p) for p in record.theme))
    site = contexts[0][1]["site"]
    env = make_environment(theme, Translator(theme.translations(record.language), record.language), site["base"],
                           None, cache.templates, site["iframe_hosts"])
    md = env.filters["markdown"]
    for (_, context), kept_iid in zip(contexts, quoted):  # converted here, the render reuses it (md.made)
        if kept_iid is not None and kept_iid != iid_digest(str(md(context["body"]))):
            return None  # an innovation whose IID sections changed: its regions' exports too
    staging = state.layout.new_staging()
    writer = Writer(staging)
    tokens = dict(signatures)
    written = []
    analyser = Analyser(kept_index.protected, kept_index.vocab, kept_index.postings)
    docs = {}
    try:
        for page, context in contexts:
            spec = _Page(page.output, page.template)
            sig = signature(spec, context, record.theme_digest)
            if tokens[page.output] == sig:
                continue
            try:
                writer.write(page.output, render_page(env, spec, context))
            except TemplateProblem as exc:
                if options.keep_going:  # the full road leaves that entry out, and says so
                    return None
                raise BuildFailed([exc.diagnostic]) from None
            tokens[page.output] = sig
            written.append((page, context))
            if context.get("search"):
                docs[page.output] = write_doc(writer, analyser, context["search"], str(md(context["body"])))
        step = index_step(kept_index, docs, None, kept_index.protected, signatures, staging)
        # the index's files are those of the step alone: a file it no longer needs is not carried over
        tokens = {p: t for p, t in tokens.items() if not p.startswith(search_bundle())}
        tokens.update(step.tokens)

        def commit(tree: str) -> None:
            entry_pages = {}
            if written:
                keys = {p.output: md.key(c["body"]) for p, c in written}
                name = store_contexts(cache.contexts,
                                      {p.output: kept_context(c, md.made[keys[p.output]]) for p, c in written},
                                      {keys[p.output]: md.made[keys[p.output]] for p, _ in written})
                entry_pages = {rel: p._replace(context_file=name, markdown_key=keys[p.output])
                               for rel, p in record.entry_pages.items() if p.output in keys}
            inputs = {**manifest.inputs, content: settle(scans[content], started_ns)}
            m = Manifest(cache.key, inputs, tree, uuid.uuid4().hex, manifest.pages, manifest.counts, manifest.due,
                         [], manifest.valid_from)
            cache.save_search_index(step.index, m.generation)
            cache.save_bodies(m, record, entry_pages, set(edited))

        publish(state, cache, staging, tokens, {p.output for p, _ in written} | step.fresh, commit)
    except WriteError as exc:
        raise BuildFailed([Diagnostic(str(options.output), 0, str(exc))]) from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(manifest.pages, len(written), 0, 0, time.perf_counter() - started, dict(manifest.counts),
                       "bodies", step.indexed)
