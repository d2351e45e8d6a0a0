"""Load a site: scan -> parse -> check -> catalogue -> plan. Reads files, writes nothing.

What a build renders, and what ``build.py check`` would report on: every problem of
the content found in one run, raised together as BuildFailed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Mapping

from . import assets, images, yamlload
from .state import UNKNOWN, ParsedFile
from .catalogue import Catalogue, build_catalogue, check_references
from .config import SiteConfig, load_config
from .diagnostics import BuildFailed, Diagnostic
from .discover import ContentTree, FileRef, check_svgs, read, scan
from .i18n import Translator
from .models import Entry, normalise
from .parallel import map_files
from .parse import kind_of, parse_source
from .plan import PageSpec, plan_site
from .regions import RegionTable, build_table
from .terms import TagTerm, load_terms
from .theme import Theme, ThemeError, find_theme
from .urls import BESIDE

if TYPE_CHECKING:
    from .options import BuildOptions


@dataclass(frozen=True)
class Site:
    """Everything validated and planned: what a build writes, or a check reports on."""

    catalogue: Catalogue
    theme: Theme
    translator: Translator
    pages: list[PageSpec]
    static: dict[str, assets.Asset]  # static rel -> as published (katalog.assets)
    tree: ContentTree
    parsed: dict[str, ParsedFile]
    left_out: tuple[Diagnostic, ...] = ()  # --keep-going: problems of the entries left out, references dropped
    beside: tuple[PageSpec, ...] = ()  # files written beside the output, never served (urls.BESIDE)
    size_record: dict = field(default_factory=dict)  # media images' sizes as read (Loaded.size_record)


def yaml_file(ref: FileRef | None, problems: list[Diagnostic]) -> yamlload.YamlDoc | None:
    if ref is None:
        return None
    source, problem = read(ref)
    if problem:
        problems.append(problem)
        return None
    try:
        return yamlload.load(normalise(source.text))
    except yamlload.YamlError as exc:
        problems.append(Diagnostic(source.path, exc.line, exc.message))
        return None


def read_config(tree: ContentTree, problems: list[Diagnostic], base_url: str | None) -> SiteConfig:
    path = tree.site.path if tree.site else "site.yaml"
    doc = yaml_file(tree.site, problems)
    config, config_problems = load_config(doc, path, tree.media)
    problems += config_problems
    return config.with_base_url(base_url)


def read_regions(tree: ContentTree, problems: list[Diagnostic]) -> RegionTable:
    doc = yaml_file(tree.regions, problems)
    table, region_problems = build_table(doc, tree.regions.path if tree.regions else "regions.yaml")
    problems += region_problems
    return table


def read_terms(tree: ContentTree, problems: list[Diagnostic]) -> dict[str, TagTerm]:
    doc = yaml_file(tree.terms, problems)
    terms, term_problems = load_terms(doc, tree.terms.path if tree.terms else "terms.yaml")
    problems += term_problems
    return terms


def parse_file(ref: FileRef) -> ParsedFile:
    source, problem = read(ref)
    if problem:  # kept under no stamp: a fix that changes no byte (permissions) must still be seen
        return ParsedFile(UNKNOWN, "", None, [problem])
    entry, entry_problems, front = parse_source(source)
    return ParsedFile(ref.stamp, front, entry, entry_problems)


def parse_all(tree: ContentTree, problems: list[Diagnostic], cached: dict[str, ParsedFile], jobs: int | None = 1
              ) -> tuple[list[Entry], set[tuple[str, str]], dict[str, ParsedFile]]:
    """Entries; the (kind, slug) of files too broken to read, so references to them are
    not reported a second time; and each file's parse, for the cache. A file whose
    stamp is unchanged since the cached parse is not read again."""
    entries = []
    unreadable = set()
    parsed: dict[str, ParsedFile] = {}
    stale = [ref for ref in tree.sources if ref.rel not in cached or cached[ref.rel].stamp != ref.stamp]
    fresh = dict(zip((ref.rel for ref in stale), map_files(parse_file, stale, jobs)))
    for ref in tree.sources:
        p = fresh.get(ref.rel) or cached[ref.rel]
        parsed[ref.rel] = p
        problems += p.problems
        if p.entry:
            entries.append(p.entry)
        else:
            unreadable.add((kind_of(ref.rel), PurePosixPath(ref.rel).stem))
    return entries, unreadable, parsed


@dataclass
class Loaded:
    """What reading and validating the content gave, whether or not it had problems."""

    tree: ContentTree
    config: SiteConfig
    regions: RegionTable
    entries: list[Entry]
    parsed: dict[str, ParsedFile]
    problems: list[Diagnostic]
    theme: Theme | None = None
    translator: Translator | None = None
    static: dict[str, assets.Asset] | None = None
    terms: dict[str, TagTerm] | None = None  # tag slug -> label and description (terms.yaml)
    sizes: Mapping[str, images.Size] = field(default_factory=dict)  # media image -> (width, height)
    size_record: dict = field(default_factory=dict)  # what was read, by name -> (stamp, size), for the cache
    static_sizes: Mapping[str, images.Size] = field(default_factory=dict)  # theme static image -> (width, height)


def load_content(options: BuildOptions, cached: dict[str, ParsedFile] | None = None, stamps: dict | None = None,
                 known_sizes: dict | None = None) -> Loaded:
    """Read and validate every file; the problems are returned, not raised. ``known_sizes``:
    media images' sizes as read before, by name -> (stamp, size) (katalog.images.read_sizes)."""
    content = options.content
    tree = check_svgs(content, scan(content, str(options.content), stamps))
    problems: list[Diagnostic] = list(tree.problems)
    config = read_config(tree, problems, options.base_url)
    regions = read_regions(tree, problems)
    terms = read_terms(tree, problems)
    entries, unreadable, parsed = parse_all(tree, problems, cached or {}, options.jobs)
    problems += check_references(entries, regions, tree.media, unreadable)
    sizes, size_record = images.read_sizes(content, tree.media, tree.stamps, known_sizes)
    loaded = Loaded(tree, config, regions, entries, parsed, problems, terms=terms, sizes=sizes, size_record=size_record)
    try:
        loaded.theme = find_theme(config.theme, content.parent / "themes")
        loaded.translator = Translator(loaded.theme.translations(config.language), config.language)
        static_files = loaded.theme.static_files()
        loaded.static = assets.prepare(static_files)
        loaded.static_sizes = images.read_files(static_files)
    except ThemeError as exc:
        problems.append(Diagnostic(exc.path or (tree.site.path if tree.site else "site.yaml"), exc.line, exc.message))
    return loaded


def load_site(options: BuildOptions, cached: dict[str, ParsedFile] | None = None, stamps: dict | None = None,
              extra: tuple[Diagnostic, ...] = (), known_sizes: dict | None = None) -> Site:
    """Read and validate everything, and plan every page; raise BuildFailed with all problems.

    ``cached``: earlier parses by content rel, reused for files whose stamp is the same;
    ``stamps``: the content folder's files as already scanned; ``extra``: with --keep-going,
    problems found while rendering an earlier attempt (bodies Markdown could not convert)."""
    loaded = load_content(options, cached, stamps, known_sizes)
    if not options.keep_going:
        if loaded.problems:
            raise BuildFailed(loaded.problems)
        return plan_loaded(loaded, options.drafts, options.day())
    return plan_kept(loaded, options.drafts, options.day(), extra)[0]


def plan_kept(loaded: Loaded, drafts: bool, today, extra: tuple[Diagnostic, ...] = ()) -> tuple[Site, list[Diagnostic]]:
    """The site of the entries that have no problems (those of ``loaded`` and ``extra``
    left out, see katalog.leaveout), and the URL collisions found on the way (their
    entries left out too, planning again); raises BuildFailed when a problem concerns the
    whole site. What ``--keep-going`` builds, and what ``build.py check`` checks further."""
    from .leaveout import leave_out

    found: list[Diagnostic] = list(extra)
    while True:
        kept, left_out = leave_out(loaded, found) if loaded.problems or found else (loaded, [])
        try:
            site = plan_loaded(kept, drafts, today)
        except BuildFailed as failed:
            if not kept.entries or any(d in found for d in failed.diagnostics):
                raise
            found += failed.diagnostics
            continue
        return replace(site, left_out=tuple(left_out)), found[len(extra):]


def plan_loaded(loaded: Loaded, drafts: bool, today=None) -> Site:
    """The catalogue and page plan of content that has no problems; raises BuildFailed on URL collisions."""
    catalogue = build_catalogue(loaded.config, loaded.regions, loaded.entries, loaded.tree.media, include_drafts=drafts,
                                today=today, terms=loaded.terms)
    static = loaded.static or {}
    pages, collisions = plan_site(catalogue, loaded.translator, assets.names(static), loaded.sizes,
                                   loaded.static_sizes)
    if collisions:
        raise BuildFailed(collisions)
    beside = tuple(p for p in pages if p.output in BESIDE)
    pages = [p for p in pages if p.output not in BESIDE]
    return Site(catalogue, loaded.theme, loaded.translator, pages, static, loaded.tree, loaded.parsed, beside=beside,
                size_record=loaded.size_record)
