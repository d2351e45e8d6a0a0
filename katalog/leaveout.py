"""``--keep-going``: build the good entries, leave out the ones with problems, and say so.

A problem in an entry file leaves that entry out. References to it from good entries
(``replicates``, ``related``, ``innovations``, ``visits``; all optional) are dropped
from them, each with a warning, so a good entry is never lost for a neighbour's
mistake. Problems that concern the whole site (site.yaml, regions.yaml, the theme)
cannot be left out: the build still fails on them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath

from .catalogue import check_references
from .diagnostics import ERROR, WARNING, BuildFailed, Diagnostic
from .models import Entry
from .parse import kind_of
from .schema import SCHEMAS


def leave_out(loaded, extra: list[Diagnostic] = ()) -> tuple[object, list[Diagnostic]]:
    """``loaded`` (a katalog.site.Loaded) without the entries that have errors (those of
    ``loaded.problems`` and ``extra``), and what was left out: every error of those
    entries, plus a warning for each reference dropped. Raises BuildFailed when an
    error is not an entry's."""
    errors = [d for d in [*loaded.problems, *extra] if d.level == ERROR]
    entry_files = {ref.path for ref in loaded.tree.sources}
    ignored_files = {d.path for d in loaded.tree.problems}  # files the build never reads (misplaced, links out)
    fatal = [d for d in errors if d.path not in entry_files and d.path not in ignored_files]
    if fatal:
        raise BuildFailed(fatal)
    bad = {d.path for d in errors}
    gone = {(kind_of(ref.rel), PurePosixPath(ref.rel).stem) for ref in loaded.tree.sources if ref.path in bad}
    gone |= {e.key for e in loaded.entries if e.source in bad}
    gone -= {e.key for e in loaded.entries if e.source not in bad}  # a duplicate slug's first holder stays
    kept: list[Entry] = []
    notes: list[Diagnostic] = []
    for e in loaded.entries:
        if e.source in bad:
            continue
        fields = dict(e.fields)
        for f in SCHEMAS[e.kind]:
            if not f.ref or f.name not in fields:
                continue
            values = fields[f.name] if f.kind == "slugs" else [fields[f.name]]
            keep = [slug for slug in values if (f.ref, slug) not in gone]
            for slug in values:
                if (f.ref, slug) in gone:
                    notes.append(Diagnostic(e.source, e.line_of(f.name), f"field '{f.name}': '{slug}' ditinggalkan karena "
                                            "bermasalah, jadi rujukan ke sana tidak ditampilkan", WARNING))
            if f.kind == "slugs":
                fields[f.name] = tuple(keep)
            elif not keep:
                del fields[f.name]
        kept.append(replace(e, fields=fields) if fields != e.fields else e)
    still = check_references(kept, loaded.regions, loaded.tree.media, set())
    if still:  # cannot happen unless the rules above miss a kind of reference
        raise BuildFailed(still)
    return replace(loaded, entries=kept, problems=[]), sorted(errors) + notes
