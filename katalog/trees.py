"""The output is always a whole site: ``output`` is a symbolic link to one of two complete
trees kept beside it (``.output.site-<id>``), switched in one atomic rename.

A build brings the tree the link does not point to (the spare) up to date and then
points the link at it: a reader, a web server or a build killed at any moment sees the
whole previous site or the whole new one, never a mix. The two trees share the files
that did not change as hard links, so a file in a tree is never written into: a new
file is always made and renamed into place. What each tree holds is recorded
(``katalog.state.TreeRecord``), so the spare is brought up to date by touching only the
paths that changed in the last two builds.

Names beside the output, all starting with '.<output name>.': ``site-<id>`` the trees,
``new-<random>`` staging folders, ``link-<random>`` a link being switched in, ``old-<random>``
an output of the older layout (a real folder) being removed. Only names of that form
are ever removed, and a tree only when the link does not point to it.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from .state import FileStamp
from .urls import beside_output
from .write import MARKER, safe_join, write_marker

_RENAME_EXCHANGE = 2


@dataclass(frozen=True)
class Layout:
    output: Path  # absolute path of the link (or, before the first build of this layout, a folder)

    @property
    def parent(self) -> Path:
        return self.output.parent

    def _prefix(self, kind: str) -> str:
        return f".{self.output.name}.{kind}-"

    def tree(self, tree_id: str) -> Path:
        return self.parent / f"{self._prefix('site')}{tree_id}"

    def active(self) -> str | None:
        """The tree the output link points to, when it is one of ours."""
        try:
            target = os.readlink(self.output)
        except OSError:
            return None
        prefix = self._prefix("site")
        return target[len(prefix):] if target.startswith(prefix) and "/" not in target else None

    def trees(self) -> set[str]:
        prefix = self._prefix("site")
        return {p.name[len(prefix):] for p in self.parent.glob(f"{prefix}*") if p.is_dir() and not p.is_symlink()}

    def new_staging(self) -> Path:
        """An empty folder beside the output, on the same file system, for the new files."""
        self.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=self._prefix("new"), dir=self.parent))

    def beside(self, name: str) -> Path:
        """A file the build keeps beside the output link, never served ('output.nginx.conf')."""
        return self.parent / beside_output(self.output.name, name)

    def write_beside(self, name: str, data: bytes) -> None:
        """Write a file beside the output whole or not at all: a temporary file (named as a
        staging folder, so a killed build's is cleared) renamed over the old one."""
        target = self.beside(name)
        try:
            if target.read_bytes() == data:
                return
        except OSError:
            pass
        fd, tmp = tempfile.mkstemp(prefix=self._prefix("new"), dir=self.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            _remove(Path(tmp))
            raise

    def clear_leftovers(self, keep: set[str]) -> None:
        """Remove what a killed build left beside the output: staging folders, links being
        switched in, old-layout outputs being removed, and trees neither in ``keep`` nor active."""
        if not self.parent.is_dir():
            return
        active = self.active()
        for kind in ("new", "link", "old"):
            for item in self.parent.glob(f"{self._prefix(kind)}*"):
                _remove(item)
        for tree_id in self.trees() - keep - {active}:
            _remove(self.tree(tree_id))

    def switch(self, tree_id: str) -> None:
        """Point the output at a tree, in one rename. An output of the older layout (a real
        folder made by the tool) is exchanged for the link in one step where Linux allows
        (renameat2), else in two renames, and then removed."""
        link = self.parent / f"{self._prefix('link')}{uuid.uuid4().hex}"
        os.symlink(self.tree(tree_id).name, link)
        if self.output.is_dir() and not self.output.is_symlink():
            if not _exchange(link, self.output):
                old = self.parent / f"{self._prefix('old')}{uuid.uuid4().hex}"
                os.rename(self.output, old)
                os.rename(link, self.output)
                link = old
            _remove(link)  # now the old folder
        else:
            os.replace(link, self.output)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def new_tree(folder: Path) -> None:
    """Make ``folder`` a tree: the marker that says the tool made it, readable by a web server."""
    folder.mkdir(parents=True, exist_ok=True)
    write_marker(folder)
    os.chmod(folder, 0o755)


def stamp(path: str) -> FileStamp | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def stamps_below(root: Path, rel: str = "") -> dict[str, FileStamp]:
    """Stamp of every file below ``root/rel`` (the marker excepted), by output path."""
    found = {}
    base = str(root) + os.sep
    for folder, dirs, files in os.walk(os.path.join(root, rel) if rel else root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            out = path[len(base):].replace(os.sep, "/")
            if out != MARKER:
                found[out] = stamp(path)
    return found


def damaged(root: Path, stamps: dict[str, FileStamp]) -> set[str]:
    """Output paths whose file in ``root`` is not the one published (deleted or changed by
    hand): one lstat per file."""
    base = str(root) + os.sep
    return {rel for rel, known in stamps.items() if stamp(base + rel) != known}


def put(source_root: Path, rel: str, tree: Path, move: bool) -> None:
    """Put the file ``rel`` of ``source_root`` into ``tree``: moved (a staging folder) or
    hard-linked (the other tree); never written into the inode already there."""
    target = safe_join(tree, rel)
    source = safe_join(source_root, rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    if move:
        os.replace(source, target)
        return
    try:
        target.unlink()
    except FileNotFoundError:
        pass
    os.link(source, target)


def take_out(tree: Path, rel: str) -> None:
    """Remove ``rel`` from ``tree``, and the folders that leaves empty."""
    target = safe_join(tree, rel)
    _remove(target)
    parent = target.parent
    while parent != tree and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
