"""The persistent build cache: what the last build read, parsed and wrote.

It lives in a git-ignored folder beside the output (``.katalog-cache/<output name>/``)
and holds three things:

- ``manifest.marshal`` (small): the cache key (the tool's code and version, the
  options), the stamp (mtime, size) of every input file, and the identity of the
  output it describes. When nothing differs, the build is done before it reads a file.
- ``parsed.pickle``: every content file's parse (entry and problems, by stamp);
- ``pages.sqlite``: the signature of every page written, each entry's own page, and the
  stamp of every file copied; an SQLite file so that a build that changed a few pages
  updates a few rows instead of rewriting tables of 100,000.
- ``contexts/``: each entry page's template context and body HTML, kept for a build
  where only bodies change (katalog.bodies) and so a body is converted again only when
  it changes (a template edit re-renders every page, but converts no Markdown).
- ``jinja/``: compiled templates.

A cache that cannot be read, or whose key differs, is ignored and the build is a
clean one. The output a cache describes is recognised by its marker file's identity
(inode and modification time): an output rebuilt without the cache, or replaced by
anything else, is rebuilt whole rather than patched.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import sqlite3
from contextlib import closing
import shutil
import sys
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from . import __version__

Stamp = tuple[int, int]
FORMAT = 3
PAGES_DB = "pages.sqlite"
_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB);
CREATE TABLE signatures (output TEXT PRIMARY KEY, sig BLOB);
CREATE TABLE entry_pages (rel TEXT PRIMARY KEY, output TEXT, template TEXT, front TEXT,
                          context_file TEXT, markdown_key TEXT);
"""


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the tool's own code, so a changed tool never trusts an old cache."""
    h = hashlib.blake2b(f"{__version__} {sys.version} {FORMAT}".encode(), digest_size=16)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and (path.suffix in (".py", ".json") or "templates" in path.parts) \
                and "__pycache__" not in path.parts:
            h.update(path.relative_to(package).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


# A file written this close before a build started may be written again within the
# same tick of the file system's clock, keeping its stamp: such a "racy" stamp is not
# trusted by the next build (git's index has the same problem and the same answer).
RACY_NS = 2_000_000_000
UNKNOWN: Stamp = (0, -1)


def settle(stamps: dict[str, Stamp], started_ns: int) -> dict[str, Stamp]:
    """``stamps`` with the racy ones replaced by a stamp no file has."""
    limit = started_ns - RACY_NS
    return {rel: UNKNOWN if st[0] >= limit else st for rel, st in stamps.items()}


def identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns)


OUTSIDE: Stamp = (0, -2)  # a symbolic link that leads out of the scanned folder: never read
UNREADABLE: Stamp = (0, -3)  # a folder that cannot be listed (permissions): its files are unknown


def scan_folder(root: Path | str) -> dict[str, Stamp]:
    """Stamp of every file below ``root`` (hidden names skipped), by path relative to it, sorted.

    Symbolic links are followed only while they stay inside ``root`` (a folder reached
    twice, as by a link to a parent, is walked once); a link leading out of it is listed
    with the stamp OUTSIDE, for the build to refuse: content must not pull in other
    files of the machine, such as /etc/passwd, and publish them."""
    found: dict[str, Stamp] = {}
    top = os.path.realpath(root)
    inside = top.rstrip(os.sep) + os.sep
    walked: set[str] = set()

    def walk(folder: str, prefix: str) -> None:
        real = os.path.realpath(folder)
        if real in walked:
            return
        walked.add(real)
        try:
            items = sorted(os.scandir(folder), key=lambda d: d.name)
        except (FileNotFoundError, NotADirectoryError):
            return
        except OSError:  # e.g. no permission: the build must say so, not publish a site without it
            found[prefix] = UNREADABLE
            return
        for item in items:
            if item.name.startswith("."):
                continue
            if item.is_symlink():
                target = os.path.realpath(item.path)
                if target != top and not target.startswith(inside):
                    found[prefix + item.name] = OUTSIDE
                    continue
            try:
                if item.is_dir():
                    walk(item.path, f"{prefix}{item.name}/")
                elif item.is_file():
                    st = item.stat()
                    found[prefix + item.name] = (st.st_mtime_ns, st.st_size)
                elif item.is_symlink():  # a link to nothing, or to what cannot be looked at
                    found[prefix + item.name] = UNREADABLE
            except OSError:
                found[prefix + item.name] = UNREADABLE

    walk(str(root), "")
    return found


@dataclass
class Manifest:
    key: str
    inputs: dict[str, dict[str, Stamp]]  # input folder -> its files' stamps
    output: tuple[int, int] | None  # identity of the output's marker file
    pages: int = 0  # for the summary of a build that finds nothing to do
    counts: dict[str, int] = field(default_factory=dict)
    due: str | None = None  # ISO date of the next scheduled entry left out (its day needs a new build)
    left_out: list = field(default_factory=list)  # --keep-going: (path, line, message, level) of what was left out


@dataclass
class ParsedFile:
    stamp: Stamp
    front: str  # digest of the file's text before its body
    entry: Any  # Entry | None
    problems: list = field(default_factory=list)


class EntryPage(NamedTuple):
    """An entry's own page, as a build where only bodies changed needs it (a tuple:
    10,000 of them load in a blink)."""

    output: str
    template: str
    front: str  # digest of the source file's text before its body
    context_file: str | None  # the file in contexts/ keeping the page's context and body HTML
    markdown_key: str = ""  # what the body's HTML is kept under (katalog.render.markdown_key)


@dataclass
class PagesRecord:
    signatures: dict[str, bytes] = field(default_factory=dict)  # output path -> signature
    copies: dict[str, tuple[str, Stamp]] = field(default_factory=dict)  # output path -> (source, stamp)
    entry_pages: dict[str, EntryPage] = field(default_factory=dict)  # content rel -> its page
    theme: tuple[str, ...] = ()  # the theme's folders, child first
    theme_name: str = ""
    language: str = "id"
    theme_digest: str = ""


class Cache:
    """One output folder's cache. ``folder`` None: a build without cache (--no-cache).

    Files: manifest.marshal (see Manifest), pages.sqlite (PagesRecord), parsed.pickle
    (content rel -> ParsedFile: large, rewritten only by a full build), stale.pickle
    (files whose cached parse is out of date after a body-only build), contexts/
    (entry pages' template contexts and body HTML) and jinja/.
    """

    def __init__(self, folder: Path | None, key: str):
        self.folder = folder
        self.key = key
        self._manifest: Manifest | None = None

    @classmethod
    def beside(cls, output: Path, options_key: str, enabled: bool = True) -> "Cache":
        folder = output.absolute().parent / ".katalog-cache" / output.absolute().name if enabled else None
        return cls(folder, f"{code_digest()} {options_key}")

    @property
    def templates(self) -> Path | None:
        """Jinja's compiled templates."""
        return self.folder / "jinja" if self.folder else None

    @property
    def contexts(self) -> Path | None:
        return self.folder / "contexts" if self.folder else None

    def _load(self, name: str) -> Any:
        if self.folder is None:
            return None
        try:
            with open(self.folder / name, "rb") as f:
                return pickle.load(f)
        except Exception:  # a missing, truncated or foreign cache is just no cache
            return None

    def manifest(self) -> Manifest | None:
        if self._manifest is None and self.folder is not None:
            try:
                data = marshal.loads((self.folder / "manifest.marshal").read_bytes())
                m = Manifest(**data)
            except Exception:  # missing, truncated or from another version: no cache
                m = None
            self._manifest = m if m is not None and m.key == self.key else None
        return self._manifest

    def describes(self, marker: Path) -> bool:
        """Whether this cache was written by the build that made the output now there."""
        m = self.manifest()
        return m is not None and m.output is not None and m.output == identity(marker)

    def changes(self, marker: Path, scans: dict[str, dict[str, Stamp]]) -> dict[str, set[str]] | None:
        """Input folder -> the files in it changed, added or removed since the build
        that made the current output; None when this cache does not describe it.
        ``scans`` collects the folders' stamps as found now, for the build to reuse."""
        m = self.manifest()
        if m is None or not self.describes(marker):
            return None
        found = {}
        for folder, stamps in m.inputs.items():
            now = scans[folder] = scan_folder(folder)
            found[folder] = {rel for rel in now.keys() | stamps.keys() if now.get(rel) != stamps.get(rel)}
        return found

    def pages(self, marker: Path) -> PagesRecord:
        """What the last build wrote; empty when it did not make the output now there."""
        if not self.describes(marker):
            return PagesRecord()
        try:
            with closing(sqlite3.connect(self.folder / PAGES_DB)) as db:
                record = PagesRecord(**pickle.loads(db.execute("SELECT value FROM meta WHERE name = 'record'").fetchone()[0]))
                record.signatures = dict(db.execute("SELECT output, sig FROM signatures"))
                record.entry_pages = {row[0]: EntryPage(*row[1:]) for row in db.execute("SELECT * FROM entry_pages")}
            return record
        except Exception:
            return PagesRecord()

    def pages_of(self, marker: Path, rels: list[str]) -> tuple[PagesRecord, dict[str, bytes]] | None:
        """For a build where only some bodies changed: the record without its large
        tables, those entries' pages (in ``entry_pages``) and their pages' signatures."""
        if not self.describes(marker):
            return None
        try:
            with closing(sqlite3.connect(self.folder / PAGES_DB)) as db:
                record = PagesRecord(**pickle.loads(db.execute("SELECT value FROM meta WHERE name = 'record'").fetchone()[0]))
                for rel in rels:
                    row = db.execute("SELECT * FROM entry_pages WHERE rel = ?", (rel,)).fetchone()
                    if row:
                        record.entry_pages[rel] = EntryPage(*row[1:])
                sigs = {}
                for page in record.entry_pages.values():
                    row = db.execute("SELECT sig FROM signatures WHERE output = ?", (page.output,)).fetchone()
                    if row:
                        sigs[page.output] = row[0]
            return record, sigs
        except Exception:
            return None

    def parsed(self) -> dict[str, ParsedFile]:
        """Cached parses by content rel (they depend on the files alone, whatever the output)."""
        if self.manifest() is None:
            return {}
        parsed = self._load("parsed.pickle")
        if not isinstance(parsed, dict):
            return {}
        for rel in self._load("stale.pickle") or ():
            parsed.pop(rel, None)
        return parsed

    def stale(self) -> set[str]:
        return set(self._load("stale.pickle") or ())

    def save(self, manifest: Manifest, pages: PagesRecord, parsed: dict[str, ParsedFile]) -> None:
        """After a full build."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self._write("parsed.pickle", parsed)
        (self.folder / "stale.pickle").unlink(missing_ok=True)
        tmp = self.folder / f".{PAGES_DB}.{os.getpid()}.tmp"
        tmp.unlink(missing_ok=True)
        with closing(sqlite3.connect(tmp)) as db:
            db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
            meta = {k: v for k, v in vars(pages).items() if k not in ("signatures", "entry_pages")}
            db.execute("INSERT INTO meta VALUES ('record', ?)", (pickle.dumps(meta),))
            db.executemany("INSERT INTO signatures VALUES (?, ?)", pages.signatures.items())
            db.executemany("INSERT INTO entry_pages VALUES (?, ?, ?, ?, ?, ?)",
                           ((rel, *p) for rel, p in pages.entry_pages.items()))
            db.commit()
        os.replace(tmp, self.folder / PAGES_DB)
        self._write_manifest(manifest)
        self._collect_contexts(pages)
        self._tidy()

    def _tidy(self) -> None:
        """Remove what older versions of the tool left in the cache folder."""
        current = {"manifest.marshal", PAGES_DB, "parsed.pickle", "stale.pickle", "contexts", "jinja"}
        for item in self.folder.iterdir():
            if item.name not in current and not item.name.startswith("."):
                shutil.rmtree(item, ignore_errors=True) if item.is_dir() else item.unlink(missing_ok=True)

    def save_bodies(self, manifest: Manifest, pages: dict[str, EntryPage], signatures: dict[str, bytes],
                    stale: set[str]) -> None:
        """After a build that re-rendered some entries' pages for their bodies alone:
        update just their rows (the old contexts files are collected by the next full build)."""
        if self.folder is None:
            return
        self._write("stale.pickle", self.stale() | stale)
        with closing(sqlite3.connect(self.folder / PAGES_DB)) as db:
            db.executemany("UPDATE entry_pages SET context_file = ?, markdown_key = ? WHERE rel = ?",
                           ((p.context_file, p.markdown_key, rel) for rel, p in pages.items()))
            db.executemany("UPDATE signatures SET sig = ? WHERE output = ?", ((sig, out) for out, sig in signatures.items()))
            db.commit()
        self._write_manifest(manifest)

    def _write_manifest(self, manifest: Manifest) -> None:
        tmp = self.folder / f".manifest.{os.getpid()}.tmp"
        tmp.write_bytes(marshal.dumps(vars(manifest)))
        os.replace(tmp, self.folder / "manifest.marshal")
        self._manifest = manifest

    def invalidate(self) -> None:
        """Forget which output this cache describes (before the output changes)."""
        if self.folder is not None:
            (self.folder / "manifest.marshal").unlink(missing_ok=True)
        self._manifest = None

    def _collect_contexts(self, pages: PagesRecord) -> None:
        folder = self.contexts
        if folder is None or not folder.is_dir():
            return
        used = {p.context_file for p in pages.entry_pages.values()}
        for f in folder.iterdir():
            if f.name.removesuffix(".html") not in used:
                f.unlink(missing_ok=True)

    def _write(self, name: str, value: Any) -> None:
        assert self.folder is not None
        tmp = self.folder / f".{name}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.folder / name)


class KeptPages:
    """Entry pages' contexts and body HTML kept by earlier builds, read on demand.

    Each kept set is two files: ``<name>`` (output -> context) and ``<name>.html``
    (markdown key -> body HTML), so a build that only needs the HTML (after a template
    edit) does not load the contexts."""

    def __init__(self, folder: Path | None, pages: dict[str, EntryPage]):
        self.folder = folder
        self.by_key = {p.markdown_key: p.context_file for p in pages.values() if p.context_file}
        self.html_files: dict[str, dict[str, str]] = {}

    def contexts(self, name: str) -> dict[str, dict] | None:
        return _load_pickle(self.folder / name) if self.folder else None

    def html(self, key: str) -> str | None:
        """A body's HTML by markdown key, when an earlier build kept it."""
        name = self.by_key.get(key)
        if name is None or self.folder is None:
            return None
        if name not in self.html_files:
            self.html_files[name] = _load_pickle(self.folder / f"{name}.html") or {}
        return self.html_files[name].get(key)


def _load_pickle(path: Path) -> Any:
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:  # missing or damaged: as if never kept
        return None


def store_contexts(folder: Path, contexts: dict[str, dict], html: dict[str, str]) -> str:
    """Keep entry pages' contexts (output -> context) and their bodies' HTML (markdown
    key -> HTML) in a new pair of files in ``folder``; returns the pair's name."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{os.getpid()}-{uuid.uuid4().hex}.pickle"
    for path, value in ((folder / f"{name}.html", html), (folder / name, contexts)):
        with open(path, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    return name

