"""The build, top to bottom: discover -> parse -> catalogue -> plan -> render -> write."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import yamlload
from .catalogue import Catalogue, build_catalogue, check_references
from .config import SiteConfig, load_config
from .diagnostics import BuildFailed, Diagnostic
from .discover import ContentTree, discover
from .i18n import Translator
from .models import Entry, SourceFile
from .parse import kind_of, parse_entry
from .plan import PageSpec, plan_site
from .regions import RegionTable, build_table
from .render import TemplateProblem, make_environment, render_page
from .theme import Theme, ThemeError, find_theme
from .write import WriteError, check_output_folder, write_site


@dataclass(frozen=True)
class BuildOptions:
    content: Path
    output: Path
    base_url: str | None = None
    drafts: bool = False


@dataclass(frozen=True)
class Site:
    """Everything validated and planned: what a build writes, or a check reports on."""

    catalogue: Catalogue
    theme: Theme
    translator: Translator
    pages: list[PageSpec]
    static: dict[str, Path]


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    seconds: float
    counts: dict[str, int]


def _yaml_file(source: SourceFile | None, problems: list[Diagnostic]) -> yamlload.YamlDoc | None:
    if source is None:
        return None
    try:
        return yamlload.load(source.text.lstrip("\ufeff").replace("\r\n", "\n"))
    except yamlload.YamlError as exc:
        problems.append(Diagnostic(source.path, exc.line, exc.message))
        return None


def read_config(tree: ContentTree, problems: list[Diagnostic], base_url: str | None) -> SiteConfig:
    path = tree.site.path if tree.site else "site.yaml"
    doc = _yaml_file(tree.site, problems)
    config, config_problems = load_config(doc, path)
    problems += config_problems
    return config.with_base_url(base_url)


def read_regions(tree: ContentTree, problems: list[Diagnostic]) -> RegionTable:
    doc = _yaml_file(tree.regions, problems)
    table, region_problems = build_table(doc, tree.regions.path if tree.regions else "regions.yaml")
    problems += region_problems
    return table


def parse_all(tree: ContentTree, problems: list[Diagnostic]) -> tuple[list[Entry], set[tuple[str, str]]]:
    """Entries, and the (kind, slug) of files too broken to read, so references to them
    are not reported a second time."""
    entries = []
    unreadable = set()
    for source in tree.sources:
        entry, entry_problems = parse_entry(source)
        problems += entry_problems
        if entry:
            entries.append(entry)
        else:
            unreadable.add((kind_of(source.rel), PurePosixPath(source.rel).stem))
    return entries, unreadable


def load_site(options: BuildOptions) -> Site:
    """Read and validate everything, and plan every page; raise BuildFailed with all problems."""
    content = options.content
    tree = discover(content, str(options.content))
    problems: list[Diagnostic] = list(tree.problems)
    config = read_config(tree, problems, options.base_url)
    regions = read_regions(tree, problems)
    entries, unreadable = parse_all(tree, problems)
    problems += check_references(entries, regions, tree.media, unreadable)
    try:
        theme = find_theme(config.theme, content.parent / "themes")
        translator = Translator(theme.translations(config.language), config.language)
        static = theme.static_files()
    except ThemeError as exc:
        problems.append(Diagnostic(tree.site.path if tree.site else "site.yaml", 0, str(exc)))
    if problems:
        raise BuildFailed(problems)
    catalogue = build_catalogue(config, regions, entries, tree.media, include_drafts=options.drafts)
    pages, collisions = plan_site(catalogue, translator, {k: str(v) for k, v in static.items()})
    if collisions:
        raise BuildFailed(collisions)
    return Site(catalogue, theme, translator, pages, static)


def _media_copies(content: Path, media: tuple[str, ...]) -> list[tuple[str, Path]]:
    root = (content / "media").resolve()
    copies = []
    problems = []
    for rel in media:
        source = content / "media" / rel
        if root not in source.resolve().parents:
            problems.append(Diagnostic(f"{content}/media/{rel}", 0, "berkas media menunjuk ke luar folder konten; salin berkasnya ke media/"))
            continue
        copies.append((f"media/{rel}", source))
    if problems:
        raise BuildFailed(problems)
    return copies


def build(options: BuildOptions) -> BuildResult:
    started = time.perf_counter()
    problem = check_output_folder(options.output, options.content)
    if problem:
        raise BuildFailed([Diagnostic(str(options.output), 0, problem)])
    site = load_site(options)
    env = make_environment(site.theme, site.translator)
    try:
        rendered = [(page.output, render_page(env, page)) for page in site.pages]
    except TemplateProblem as exc:
        raise BuildFailed([exc.diagnostic]) from None
    copies = [(f"static/{rel}", path) for rel, path in site.static.items()]
    copies += _media_copies(options.content, site.catalogue.media)
    try:
        files = write_site(options.output, rendered, copies)
    except WriteError as exc:
        raise BuildFailed([Diagnostic(str(options.output), 0, str(exc))]) from None
    counts = {kind: len(entries) for kind, entries in site.catalogue.entries.items()}
    return BuildResult(len(rendered), files, time.perf_counter() - started, counts)
