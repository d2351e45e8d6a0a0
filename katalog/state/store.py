"""The build cache on disk: ``.katalog-cache/<output name>/`` beside the output.

- ``manifest.marshal`` (small): the cache key, the stamp of every input file, the output
  tree it describes and the window of days that tree is right for. When nothing
  differs, the build is done before it reads a file.
- ``tree-<id>.marshal``: one per output tree (katalog.trees): each file's token and stamp.
- ``parsed.pickle``: every content file's parse (entry and problems, by stamp);
  ``stale.pickle``: files whose cached parse is out of date after a bodies-only build.
- ``pages.sqlite``: each entry's own page (an SQLite file, so that a bodies-only build
  updates a few rows instead of rewriting a table of 100,000).
- ``contexts/``: each entry page's template context and body HTML, kept for a build
  where only bodies change and so a body is converted again only when it changes.
- ``jinja/``: compiled templates.
- ``search.sqlite``: the search index as the last build left it (katalog.searchindex):
  a row per entry (its Doc: terms, words, card, facets), and the postings, vocabulary
  and each index file's token in one value, with the generation of the manifest
  written with it; a build that changes a few entries updates a few rows.

Every file is written under a temporary name and renamed into place, so a build cut
off at any moment leaves each file whole; the manifest and the pages record carry the
same generation, so a pair written by two different builds is not trusted together.
A cache whose key differs is ignored and the build is a clean one.
"""

from __future__ import annotations

import errno
import fcntl
import marshal
import os
import pickle
import shutil
import sqlite3
import uuid
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from ..diagnostics import BuildFailed, Diagnostic
from .records import EntryPage, Manifest, PagesRecord, ParsedFile, TreeRecord

PAGES_DB = "pages.sqlite"
_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB);
CREATE TABLE entry_pages (rel TEXT PRIMARY KEY, output TEXT, template TEXT, front TEXT,
                          context_file TEXT, markdown_key TEXT);
"""
SEARCH_DB = "search.sqlite"
# SQLite's rollback journals are kept: a build cut off mid-write leaves one, which the next
# opening of the database rolls back
SIZES = "sizes.marshal"  # media images' sizes by name, with the stamp they were read at (katalog.images)
_KNOWN = frozenset({"manifest.marshal", PAGES_DB, SEARCH_DB, f"{PAGES_DB}-journal", f"{SEARCH_DB}-journal",
                    "parsed.pickle", "stale.pickle", "contexts", "jinja", ".lock", SIZES})


def new_generation() -> str:
    return uuid.uuid4().hex


class Cache:
    """One output's cache. ``folder`` None: a build without cache (--no-cache)."""

    def __init__(self, folder: Path | None, key: str):
        self.folder = folder
        self.key = key
        self._manifest: Manifest | None = None

    @classmethod
    def beside(cls, output: Path, key: str, enabled: bool = True) -> "Cache":
        output = output.absolute()
        return cls(output.parent / ".katalog-cache" / output.name if enabled else None, key)

    @property
    def templates(self) -> Path | None:
        """Jinja's compiled templates."""
        return self.folder / "jinja" if self.folder else None

    @property
    def contexts(self) -> Path | None:
        return self.folder / "contexts" if self.folder else None

    @contextmanager
    def lock(self):
        """Hold the cache (and so its output) against another build or index run, also
        one in another thread of the preview."""
        if self.folder is None:
            yield
            return
        made = [p for p in (self.folder.parent, self.folder) if not p.exists()]
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            f = open(self.folder / ".lock", "a")
        except OSError:  # a read-only disk: a build that finds nothing to do still can say so
            yield
            return
        with f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)
                if made and os.listdir(self.folder) == [".lock"]:  # a first build that failed leaves nothing
                    (self.folder / ".lock").unlink(missing_ok=True)
                    for folder in reversed(made):
                        try:
                            folder.rmdir()
                        except OSError:
                            pass

    # -- reading ---------------------------------------------------------------------
    def _marshal(self, name: str) -> Any:
        try:
            return marshal.loads((self.folder / name).read_bytes())
        except Exception:  # missing, truncated or from another version: as if never written
            return None

    def manifest(self) -> Manifest | None:
        if self._manifest is None and self.folder is not None:
            data = self._marshal("manifest.marshal")
            try:
                m = Manifest(**data)
            except Exception:
                m = None
            self._manifest = m if m is not None and m.key == self.key else None
        return self._manifest

    def tree(self, tree_id: str | None) -> TreeRecord | None:
        if self.folder is None or tree_id is None:
            return None
        data = self._marshal(f"tree-{tree_id}.marshal")
        try:
            record = TreeRecord(**data)
        except Exception:
            return None
        return record if record.key == self.key else None

    def tree_ids(self) -> set[str]:
        """Every tree the cache has a record of (whatever its key)."""
        if self.folder is None or not self.folder.is_dir():
            return set()
        return {p.name[5:-8] for p in self.folder.glob("tree-*.marshal")}

    def pages(self, rels: list[str] | None = None) -> PagesRecord:
        """The entry pages (all, or those of ``rels``) and the theme they were made with."""
        if self.folder is None or self.manifest() is None:
            return PagesRecord()
        try:
            with closing(sqlite3.connect(f"file:{self.folder / PAGES_DB}?mode=ro", uri=True)) as db:
                record = PagesRecord(**pickle.loads(db.execute("SELECT value FROM meta WHERE name = 'record'").fetchone()[0]))
                if rels is None:
                    rows = db.execute("SELECT * FROM entry_pages").fetchall()
                else:
                    rows = [r for rel in rels for r in db.execute("SELECT * FROM entry_pages WHERE rel = ?", (rel,))]
                record.entry_pages = {row[0]: EntryPage(*row[1:]) for row in rows}
            return record if record.key == self.key else PagesRecord()
        except Exception:
            return PagesRecord()

    def parsed(self) -> dict[str, ParsedFile]:
        """Cached parses by content rel (they depend on the files alone, whatever the output)."""
        if self.manifest() is None:
            return {}
        parsed = _load_pickle(self.folder / "parsed.pickle")
        if not isinstance(parsed, dict):
            return {}
        for rel in self.stale():
            parsed.pop(rel, None)
        return parsed

    def stale(self) -> set[str]:
        return set(_load_pickle(self.folder / "stale.pickle") or ()) if self.folder else set()

    def search_index(self, generation: str):
        """The search index kept by the build whose manifest has ``generation`` (None: none
        kept, or kept by another build); its Docs are read when asked for."""
        if self.folder is None or not (self.folder / SEARCH_DB).is_file():
            return None
        from ..searchdocs import Doc
        from ..searchindex import Index

        db_path = self.folder / SEARCH_DB

        def docs(keys: list[str]) -> dict:
            found = {}
            try:
                with closing(sqlite3.connect(db_path)) as db:
                    for start in range(0, len(keys), 500):
                        part = keys[start:start + 500]
                        rows = db.execute(f"SELECT key, data FROM docs WHERE key IN ({','.join('?' * len(part))})", part)
                        found.update((key, Doc(*marshal.loads(data))) for key, data in rows)
            except Exception:  # a damaged row: found below to be missing
                pass
            if len(found) != len(keys):  # the kept index is damaged: forget it, and say so
                db_path.unlink(missing_ok=True)
                raise BuildFailed([Diagnostic(str(db_path), 0, "status indeks pencarian rusak dan sudah dihapus; "
                                                             "jalankan build lagi")])
            return found

        try:
            with closing(sqlite3.connect(db_path)) as db:  # read-write: a journal left by a cut-off build is rolled back
                data = marshal.loads(db.execute("SELECT value FROM meta WHERE name = 'index'").fetchone()[0])
                rows = db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]
            if data.get("generation") != generation or data.get("key") != self.key or rows != len(data["order"]):
                return None
            return Index.load(data, docs)
        except Exception:  # missing, half-written or from another version: as if never written
            return None

    # -- writing ---------------------------------------------------------------------
    def save_search_index(self, index, generation: str) -> None:
        """Keep the search index (``None``: the site has none) for the build of ``generation``:
        the Docs it made anew and forgot, and its other data."""
        if self.folder is None:
            return
        path = self.folder / SEARCH_DB
        if index is None:
            path.unlink(missing_ok=True)
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        meta = marshal.dumps({**index.dump(), "generation": generation, "key": self.key})
        # a first index (every Doc among those written) is a new file put in place whole;
        # later ones change a few rows, in one transaction
        target = self.folder / f".{SEARCH_DB}.{os.getpid()}.tmp" if index.complete else path
        target.unlink(missing_ok=True) if index.complete else None
        try:
            with closing(sqlite3.connect(target)) as db:
                db.execute("PRAGMA synchronous = OFF")
                db.executescript("CREATE TABLE IF NOT EXISTS docs (key TEXT PRIMARY KEY, data BLOB);"
                                 "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB);")
                with db:
                    db.executemany("DELETE FROM docs WHERE key = ?", ((k,) for k in index.removed))
                    db.executemany("INSERT OR REPLACE INTO docs VALUES (?, ?)",
                                   ((k, marshal.dumps(tuple(d))) for k, d in index.written.items()))
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('index', ?)", (meta,))
        except sqlite3.Error as exc:  # a full disk, above all: the build's usual message (katalog.write)
            target.unlink(missing_ok=True) if index.complete else None
            full = getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
            raise OSError(errno.ENOSPC if full else errno.EIO, str(exc), str(path)) from None
        if index.complete:
            Path(f"{path}-journal").unlink(missing_ok=True)  # a journal of the file replaced
            os.replace(target, path)

    def save_tree(self, tree_id: str, record: TreeRecord) -> None:
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            _replace_bytes(self.folder, f"tree-{tree_id}.marshal",
                           marshal.dumps({"key": record.key, "tokens": record.tokens, "stamps": record.stamps}))

    def drop_tree(self, tree_id: str) -> None:
        if self.folder is not None:
            (self.folder / f"tree-{tree_id}.marshal").unlink(missing_ok=True)

    def save(self, manifest: Manifest, pages: PagesRecord, parsed: dict[str, ParsedFile]) -> None:
        """After a full build: the parses, the pages record, then the manifest."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        _replace_bytes(self.folder, "parsed.pickle", pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))
        (self.folder / "stale.pickle").unlink(missing_ok=True)
        tmp = self.folder / f".{PAGES_DB}.{os.getpid()}.tmp"
        tmp.unlink(missing_ok=True)
        with closing(sqlite3.connect(tmp)) as db:
            db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
            meta = {k: v for k, v in vars(pages).items() if k != "entry_pages"}
            db.execute("INSERT INTO meta VALUES ('record', ?)", (pickle.dumps(meta),))
            db.executemany("INSERT INTO entry_pages VALUES (?, ?, ?, ?, ?, ?)",
                           ((rel, *p) for rel, p in pages.entry_pages.items()))
            db.commit()
        os.replace(tmp, self.folder / PAGES_DB)
        self.save_manifest(manifest)

    def save_bodies(self, manifest: Manifest, record: PagesRecord, pages: dict[str, EntryPage], stale: set[str]) -> None:
        """After a build that re-rendered some entries' pages for their bodies alone:
        update just their rows (and the generation, in the same transaction)."""
        if self.folder is None:
            return
        _replace_bytes(self.folder, "stale.pickle", pickle.dumps(self.stale() | stale))
        meta = {k: v for k, v in vars(record).items() if k != "entry_pages"}
        meta["generation"] = manifest.generation
        with closing(sqlite3.connect(self.folder / PAGES_DB)) as db:
            db.executemany("UPDATE entry_pages SET context_file = ?, markdown_key = ? WHERE rel = ?",
                           ((p.context_file, p.markdown_key, rel) for rel, p in pages.items()))
            db.execute("UPDATE meta SET value = ? WHERE name = 'record'", (pickle.dumps(meta),))
            db.commit()
        self.save_manifest(manifest)

    def image_sizes(self) -> dict:
        """Media name -> (stamp, size) as the last full build read them."""
        found = self._marshal(SIZES) if self.folder is not None else None
        return found if isinstance(found, dict) else {}

    def save_image_sizes(self, record: dict) -> None:
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            _replace_bytes(self.folder, SIZES, marshal.dumps(record))

    def save_manifest(self, manifest: Manifest) -> None:
        _replace_bytes(self.folder, "manifest.marshal", marshal.dumps(vars(manifest)))
        self._manifest = manifest

    def tidy(self, keep_trees: set[str]) -> None:
        """Remove what a killed build left (temporary files), the records of trees that
        are gone, context files no entry page names, and what older versions left."""
        if self.folder is None or not self.folder.is_dir():
            return
        for item in self.folder.iterdir():
            name = item.name
            tree = name[5:-8] if name.startswith("tree-") and name.endswith(".marshal") else None
            if name in ("contexts", "jinja") and item.is_dir():
                for half_written in item.glob("*.tmp"):
                    half_written.unlink(missing_ok=True)
            if name in _KNOWN or (tree is not None and tree in keep_trees):
                continue
            shutil.rmtree(item, ignore_errors=True) if item.is_dir() else item.unlink(missing_ok=True)

    def collect_contexts(self, pages: PagesRecord) -> None:
        folder = self.contexts
        if folder is None or not folder.is_dir():
            return
        used = {p.context_file for p in pages.entry_pages.values()}
        for f in folder.iterdir():
            if f.name.removesuffix(".html") not in used:
                f.unlink(missing_ok=True)


def _replace_bytes(folder: Path, name: str, data: bytes) -> None:
    """Write ``folder/name`` whole or not at all."""
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, folder / name)
    finally:
        tmp.unlink(missing_ok=True)


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
    for suffix, value in ((".html", html), ("", contexts)):
        _replace_bytes(folder, name + suffix, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return name
