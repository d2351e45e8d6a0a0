"""Entries + regions -> Catalogue: cross-references, per-region and per-taxonomy indexes.

Also where references between entries are checked, since only the whole catalogue
knows which slugs and region codes exist.
"""

from __future__ import annotations

import datetime

from collections import defaultdict
from functools import lru_cache
from dataclasses import dataclass, field
from types import MappingProxyType

from .config import SiteConfig
from .diagnostics import Diagnostic, did_you_mean
from .models import Entry, sort_key
from .regions import RegionTable, slugify
from .schema import SCHEMAS, where_in
from .structured import STRUCTURED, media_files
from .terms import TagTerm, readable
from .urls import RESERVED, TAXONOMY_FOLDERS

Key = tuple[str, str]

# Taxonomies with their own pages: name -> (entry field, URL folder)
TAXONOMIES = MappingProxyType({name: (entry_field, TAXONOMY_FOLDERS[name])
                               for name, entry_field in (("stage", "stage"), ("form", "form"), ("type", "type"),
                                                         ("sector", "sector"), ("tag", "tags"), ("status", "status"))})
RUNNING = "berjalan"  # an innovation's status when its file gives none


def status_of(e: Entry) -> str | None:
    """An innovation's status ('berjalan' when absent); None for other kinds."""
    return e.fields.get("status", RUNNING) if e.kind == "innovation" else None


@dataclass(frozen=True)
class RegionEntries:
    """What belongs to one region; a province's lists include its kabupaten/kota."""

    innovations: tuple[Entry, ...] = ()
    hosted: tuple[Entry, ...] = ()
    made: tuple[Entry, ...] = ()
    news: tuple[Entry, ...] = ()

    @property
    def total(self) -> int:
        return len({e.key for e in self.innovations + self.hosted + self.made + self.news})


@dataclass(frozen=True)
class Catalogue:
    config: SiteConfig
    regions: RegionTable
    entries: dict[str, tuple[Entry, ...]]  # kind -> entries, newest first
    index: dict[Key, Entry]
    news_about: dict[Key, tuple[Entry, ...]]  # innovation/visit -> news mentioning it
    visits_about: dict[Key, tuple[Entry, ...]]  # innovation -> visits that studied it
    replicated_by: dict[Key, tuple[Entry, ...]]
    related: dict[Key, tuple[Entry, ...]]  # symmetric
    by_region: dict[str, RegionEntries]  # only regions with content, plus their provinces
    taxonomies: dict[str, dict[str, tuple[Entry, ...]]]  # taxonomy -> term slug -> entries
    tag_labels: dict[str, str] = field(default_factory=dict)  # terms.yaml's label, else katalog.terms.readable
    tag_descriptions: dict[str, str] = field(default_factory=dict)  # from terms.yaml
    media: tuple[str, ...] = ()
    today: datetime.date | None = None  # the day the build took as today
    next_due: datetime.date | None = None  # the earliest date of an entry left out as scheduled

    def get(self, kind: str, slug: str) -> Entry | None:
        return self.index.get((kind, slug))


_KIND_NAMES = MappingProxyType({"innovation": "inovasi", "visit": "kunjungan", "news": "berita", "page": "halaman"})


def check_references(entries: list[Entry], regions: RegionTable, media: tuple[str, ...],
                     unreadable: set[Key] = frozenset()) -> list[Diagnostic]:
    """Duplicate slugs, references to slugs or regions that do not exist, missing media.

    ``unreadable`` names files whose front-matter could not be read at all: references
    to them are not reported, since their own error says enough."""
    problems: list[Diagnostic] = []
    seen: dict[Key, Entry] = {}
    for e in entries:
        if e.key in seen:
            problems.append(Diagnostic(e.source, e.line_of("slug"),
                                       f"slug '{e.slug}' sudah dipakai oleh {seen[e.key].source}; setiap {_KIND_NAMES[e.kind]} harus punya slug sendiri"))
        else:
            seen[e.key] = e
        if e.kind == "page" and e.slug in RESERVED:
            problems.append(Diagnostic(e.source, e.line_of("slug"),
                                       f"slug '{e.slug}' dipakai oleh situs sendiri; pilih slug lain (terpakai: {', '.join(sorted(RESERVED))})"))
    slugs: dict[str, set[str]] = defaultdict(set)
    for kind, slug in set(seen) | set(unreadable):
        slugs[kind].add(slug)
    media_set = set(media)
    for e in entries:
        for f in SCHEMAS[e.kind]:
            value = e.fields.get(f.name)
            if value is None:
                continue
            if f.ref:
                items = value if isinstance(value, tuple) else (value,)
                for i, slug in enumerate(items):
                    if slug not in slugs[f.ref]:
                        line = e.line_of(f.name, i) if isinstance(value, tuple) else e.line_of(f.name)
                        problems.append(Diagnostic(e.source, line,
                                                   f"field '{f.name}': {_KIND_NAMES[f.ref]} '{slug}' tidak ditemukan"
                                                   f"{did_you_mean(slug, slugs[f.ref])}; tulis slug (nama berkas tanpa .md) dari folder {f.ref.replace('innovation', 'innovations').replace('visit', 'visits')}/"))
                    elif f.name == "replicates" and slug == e.slug:
                        problems.append(Diagnostic(e.source, e.line_of(f.name), "field 'replicates': inovasi tidak dapat mereplikasi dirinya sendiri"))
                    elif f.name == "related" and slug == e.slug:
                        problems.append(Diagnostic(e.source, e.line_of(f.name, i), "field 'related': inovasi tidak dapat berkaitan dengan dirinya sendiri"))
            if f.kind in ("code", "codes"):
                items = value if isinstance(value, tuple) else (value,)
                for i, code in enumerate(items):
                    if regions.get(code) is None:
                        line = e.line_of(f.name, i) if isinstance(value, tuple) else e.line_of(f.name)
                        problems.append(Diagnostic(e.source, line,
                                                   f"field '{f.name}': kode wilayah '{code}' tidak ada dalam daftar wilayah Kemendagri"
                                                   f"{regions.suggest(code)}"))
            if f.kind in STRUCTURED:
                for path, src in media_files(f.kind, value):
                    if src in media_set:
                        continue
                    escapes = src.startswith(("/", "\\")) or ".." in src.replace("\\", "/").split("/") or ":" in src
                    problems.append(Diagnostic(e.source, e.line_of(f.name, *path), (
                        f"field '{f.name}'{where_in(path[:-1])}: '{src}' menunjuk ke luar folder media/; tulis nama berkas "
                        "di dalam media/, misalnya 'foto-puskesmas.jpg' atau 'bekasi/foto.jpg' (tanpa '/' di awal, '..' atau alamat web)")
                        if escapes else f"field '{f.name}'{where_in(path[:-1])}: berkas '{src}' tidak ada di folder media/"))
    return problems + _replication_cycles(entries)


def _replication_cycles(entries: list[Entry]) -> list[Diagnostic]:
    """A chain of ``replicates`` that comes back to where it started (a -> b -> a): one problem
    at the ``replicates`` line of every innovation in the cycle, the cycle named from there.
    An innovation replicating itself is reported by check_references already."""
    original: dict[str, Entry] = {}
    for e in entries:
        if e.kind == "innovation":
            original.setdefault(e.slug, e)
    done: set[str] = set()
    problems = []
    for start in original:
        path: list[str] = []
        slug: str | None = start
        while slug in original and slug not in done and slug not in path:
            path.append(slug)
            slug = original[slug].fields.get("replicates")
        done.update(path)
        if slug not in path or path.index(slug) == len(path) - 1:
            continue  # no cycle closed on this walk, or only an innovation replicating itself
        cycle = path[path.index(slug):]
        for i, s in enumerate(cycle):
            e = original[s]
            ring = cycle[i:] + cycle[:i + 1]
            named = ", ".join(f"{a} mereplikasi {b}" for a, b in zip(ring, ring[1:]))
            problems.append(Diagnostic(e.source, e.line_of("replicates"),
                                       f"field 'replicates': replikasi berputar ({named}); salah satunya pasti inovasi "
                                       "asli, yang tidak mereplikasi inovasi lain: hapus 'replicates' dari inovasi itu saja"))
    return problems


def _group(pairs, rank: dict | None = None) -> dict:
    """key -> entries; in the order given, or sorted by ``rank`` (position in the catalogue)."""
    out: dict = defaultdict(list)
    for key, entry in pairs:
        out[key].append(entry)
    if rank is None:
        return {k: tuple(v) for k, v in out.items()}
    return {k: tuple(sorted(v, key=lambda e: rank[e.key])) for k, v in out.items()}


_tag_slug = lru_cache(maxsize=65536)(slugify)


def build_catalogue(config: SiteConfig, regions: RegionTable, entries: list[Entry],
                    media: tuple[str, ...] = (), include_drafts: bool = False,
                    today: datetime.date | None = None, terms: dict[str, TagTerm] | None = None) -> Catalogue:
    """Index validated entries. References are assumed checked (``check_references``).

    Drafts, and entries dated after ``today``, are left out unless
    ``include_drafts`` (a preview shows them, marked). ``terms``: tags' labels and
    descriptions from terms.yaml, by slug."""
    today = today or datetime.date.today()
    scheduled = [e for e in entries if e.scheduled(today)]
    published = [e for e in entries if include_drafts or not (e.draft or e.scheduled(today))]
    published.sort(key=sort_key)
    index = {e.key: e for e in published}
    rank = {e.key: i for i, e in enumerate(published)}
    # Pairs are made walking entries newest first, so each group comes out sorted,
    # except where the grouped entry is the referenced one (the other side of "related").
    by_kind: dict[str, list[Entry]] = {k: [] for k in SCHEMAS}
    for e in published:
        by_kind[e.kind].append(e)

    def refs(e: Entry, name: str, kind: str):
        value = e.fields.get(name) or ()
        for slug in (value if isinstance(value, tuple) else (value,)):
            if (kind, slug) in index:  # drafts are left out of a published build
                yield (kind, slug)

    news_about = _group((k, n) for n in by_kind["news"] for name, kind in (("innovations", "innovation"), ("visits", "visit"))
                        for k in refs(n, name, kind))
    visits_about = _group((k, v) for v in by_kind["visit"] for k in refs(v, "innovations", "innovation"))
    replicated_by = _group((k, i) for i in by_kind["innovation"] for k in refs(i, "replicates", "innovation"))
    related = _group([(k, i) for i in by_kind["innovation"] for k in refs(i, "related", "innovation")]
                     + [(i.key, index[k]) for i in by_kind["innovation"] for k in refs(i, "related", "innovation")], rank)
    related = {k: tuple({e.key: e for e in v}.values()) for k, v in related.items()}

    lists: dict[str, dict[str, list[Entry]]] = defaultdict(lambda: {"innovations": [], "hosted": [], "made": [], "news": []})

    def add(code: str, section: str, e: Entry) -> None:
        for c in dict.fromkeys((code, code[:2])):  # the region itself and its province
            bucket = lists[c][section]
            if not bucket or bucket[-1] is not e:
                bucket.append(e)

    for e in published:  # already newest first, so every list stays sorted
        if e.kind == "innovation":
            add(e.fields["region"], "innovations", e)
        elif e.kind == "visit":
            add(e.fields["host"], "hosted", e)
            for code in e.fields["visitors"]:
                add(code, "made", e)
        elif e.kind == "news":
            for code in e.fields.get("regions", ()):
                add(code, "news", e)
    by_region = {code: RegionEntries(**{k: tuple(v) for k, v in sections.items()}) for code, sections in lists.items()}

    taxonomies: dict[str, dict[str, list[Entry]]] = {name: defaultdict(list) for name in TAXONOMIES}
    tag_labels: dict[str, str] = {}
    for e in published:
        for name, (fieldname, _) in TAXONOMIES.items():
            value = status_of(e) if name == "status" else e.fields.get(fieldname)
            if not value:
                continue
            if name == "tag":
                for tag in dict.fromkeys(value):
                    slug = _tag_slug(tag)
                    if slug:
                        if slug not in tag_labels:
                            tag_labels[slug] = readable(tag)
                        if not taxonomies[name][slug] or taxonomies[name][slug][-1] is not e:
                            taxonomies[name][slug].append(e)
            else:
                taxonomies[name][value].append(e)
    terms = terms or {}
    for slug in tag_labels:
        term = terms.get(slug)
        if term and term.label:
            tag_labels[slug] = term.label
    return Catalogue(
        config=config,
        regions=regions,
        entries={k: tuple(v) for k, v in by_kind.items()},
        index=index,
        news_about=news_about,
        visits_about=visits_about,
        replicated_by=replicated_by,
        related=related,
        by_region=by_region,
        taxonomies={n: {t: tuple(v) for t, v in sorted(terms.items())} for n, terms in taxonomies.items()},
        tag_labels=tag_labels,
        tag_descriptions={slug: terms[slug].description for slug in tag_labels
                          if slug in terms and terms[slug].description},
        media=media,
        today=today,
        next_due=None if include_drafts else min((e.date for e in scheduled), default=None),
    )
