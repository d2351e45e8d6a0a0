"""``--keep-going``: build the good entries, leave out the ones with problems, and say so.

A problem in an entry file leaves that entry out (a media file with a problem is not
published). References from the entries kept (``replicates``, ``related``,
``innovations``, ``visits``; all optional) to entries that are not there, whether left
out or never written, are dropped from them with a warning each, so a good entry is
never lost for a neighbour's mistake. When two files claim one slug, the file named
after the slug keeps it (a new file cannot take over an existing page); if neither or
both are, both are left out. Problems that concern the whole site (site.yaml,
regions.yaml, the theme, a folder that cannot be read) still fail the build.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import PurePosixPath

from .catalogue import check_references
from .diagnostics import ERROR, WARNING, BuildFailed, Diagnostic
from .discover import media_file
from .models import Entry
from .parse import kind_of
from .schema import SCHEMAS


def leave_out(loaded, extra: list[Diagnostic] = ()) -> tuple[object, list[Diagnostic]]:
    """``loaded`` (a katalog.site.Loaded) without the entries and media that have errors
    (those of ``loaded.problems`` and ``extra``), and what was left out: the errors of
    those files, plus a warning for each reference dropped. Raises BuildFailed when an
    error concerns the whole site."""
    tree = loaded.tree
    entry_files = {ref.path for ref in tree.sources}
    media = tree.display_root + media_file("")
    misplaced = {d.path for d in tree.problems if d.path.endswith(".md")}

    def own(d: Diagnostic) -> bool:  # an error a single file can be left out for
        return d.path in entry_files or d.path.startswith(media) or d.path in misplaced

    errors = [d for d in [*loaded.problems, *extra] if d.level == ERROR]
    fatal = [d for d in errors if not own(d)]
    if fatal:
        raise BuildFailed(fatal)
    erring = {d.path for d in errors}
    parsed = {e.source for e in loaded.entries}
    unreadable = {(kind_of(ref.rel), PurePosixPath(ref.rel).stem) for ref in tree.sources
                  if ref.path in erring and ref.path not in parsed}
    # References are judged again below, against the entries that stay; a left-out
    # entry's own reference errors are still reported with its other errors.
    references = set(check_references(loaded.entries, loaded.regions, tree.media, unreadable))
    reasons = [d for d in errors if d not in references]
    reasons += _settle_slugs(loaded.entries, unreadable)
    bad = {d.path for d in reasons}
    reasons += [d for d in references if d.path in bad and not d.message.startswith("slug ")]
    kept = [e for e in loaded.entries if e.source not in bad]
    media = set(tree.media)
    while True:
        present = {e.key for e in kept}
        notes: list[Diagnostic] = []
        trimmed = [_without_missing(e, present, media, notes) for e in kept]
        more = check_references(trimmed, loaded.regions, tree.media, set())
        if not more:
            break
        reasons += more
        kept = [e for e in kept if e.source not in {d.path for d in more}]
    return replace(loaded, entries=trimmed, problems=[]), sorted(set(reasons)) + notes


def _settle_slugs(entries: list[Entry], unreadable: set[tuple[str, str]]) -> list[Diagnostic]:
    """Errors for every file that loses a slug claimed twice (see the module's note). All
    files count, those with other problems too: a slug whose own file is left out stays
    reserved for it, never passing to another file."""
    holders: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for e in entries:
        holders[e.key].append(e)
    out = []
    for (kind, slug), claim in holders.items():
        named = [e for e in claim if PurePosixPath(e.source).stem == slug]
        if len(claim) < 2 and not ((kind, slug) in unreadable and not named):
            continue
        keeper = named[0] if len(named) == 1 and (kind, slug) not in unreadable else None
        for e in claim:
            if e is not keeper:
                others = ", ".join(o.source for o in claim if o is not e) or f"berkas {slug}.md yang tidak terbaca"
                out.append(Diagnostic(e.source, e.line_of("slug"), f"slug '{slug}' juga dipakai oleh {others}; setiap "
                                      "entri harus punya slug sendiri"))
    return out


def _without_missing(e: Entry, present: set[tuple[str, str]], media: set[str], notes: list[Diagnostic]) -> Entry:
    """``e`` without its references to entries not in ``present`` and its main image when
    that file is not published, each noted as a warning."""
    fields = dict(e.fields)
    image = fields.get("image")
    if image and image["src"] not in media:
        del fields["image"]
        notes.append(Diagnostic(e.source, e.line_of("image"), f"field 'image': '{image['src']}' tidak diterbitkan, jadi "
                                "entri ini tampil tanpa gambar utama", WARNING))
    for f in SCHEMAS[e.kind]:
        if not f.ref or f.name not in fields:
            continue
        values = fields[f.name] if f.kind == "slugs" else (fields[f.name],)
        for slug in values:
            if (f.ref, slug) not in present:
                notes.append(Diagnostic(e.source, e.line_of(f.name), f"field '{f.name}': '{slug}' tidak ada atau "
                                        "ditinggalkan karena bermasalah, jadi rujukan ke sana tidak ditampilkan", WARNING))
        keep = tuple(slug for slug in values if (f.ref, slug) in present)
        if f.kind == "slugs":
            fields[f.name] = keep
        elif not keep:
            del fields[f.name]
    return replace(e, fields=fields) if fields != e.fields else e
