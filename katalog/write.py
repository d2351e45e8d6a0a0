"""Write files below a folder (a staging folder), and judge an output folder before any write.

Nothing is written outside the output's own names (see katalog.trees), and every
output path is checked to stay inside its folder.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path
from types import MappingProxyType
from typing import Iterable

from .diagnostics import Diagnostic

MARKER = ".katalog-output"


class WriteError(Exception):
    pass


def check_output_folder(output: Path, content: Path) -> str | None:
    """Why ``output`` must not be (re)placed, or None when it is safe."""
    if output.is_symlink():
        target = os.readlink(output)
        if not (target.startswith(f".{output.name}.site-") and "/" not in target):
            return (f"'{output}' adalah tautan simbolik yang tidak dibuat oleh Katalog Inovasi; "
                    "hapus tautan itu atau pilih folder lain")
    out = output.resolve()
    src = content.resolve()
    if out == src or out in src.parents:
        return f"folder output '{output}' berisi folder konten; pilih folder lain"
    if src in out.parents or src in output.absolute().parents:
        return f"folder output '{output}' ada di dalam folder konten; pilih folder lain"
    if out.exists() and not out.is_dir():
        return f"'{output}' bukan folder"
    if not output.is_symlink() and out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        return (f"folder output '{output}' sudah berisi berkas yang tidak dibuat oleh Katalog Inovasi; "
                "kosongkan folder itu atau pilih folder lain")
    return None


def safe_join(root: Path, rel: str) -> Path:
    parts = rel.split("/")
    if not rel or "\0" in rel or any(p in ("..", "", ".") for p in parts):
        raise WriteError(f"alamat '{rel}' keluar dari folder output")
    return root.joinpath(rel)


class Writer:
    """Writes new files below ``root``, remembering the folders it has made (one per
    process: a render worker keeps its own copy)."""

    def __init__(self, root: Path):
        self.root = root
        self.made: set[str] = set()

    def write(self, rel: str, data: bytes) -> None:
        """Write one file, making its folder (pages are 'x/index.html')."""
        target = str(safe_join(self.root, rel))
        folder = os.path.dirname(target)
        if folder not in self.made:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)


def copy_files(root: Path, copies: Iterable[tuple[str, Path]]) -> None:
    for rel, source in copies:
        target = safe_join(root, rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(source, target)
        except OSError as exc:
            if exc.errno in _WRITE_ERRORS and exc.filename != str(source):
                raise
            raise WriteError(f"{source}: berkas tidak dapat disalin ({exc.strerror}); periksa izin aksesnya") from None


def write_marker(folder: Path) -> None:
    marker = folder / MARKER
    tmp = folder / f"{MARKER}.tmp"
    tmp.write_text("Folder ini dibuat ulang oleh Katalog Inovasi pada setiap build.\n", encoding="utf-8")
    os.replace(tmp, marker)


_WRITE_ERRORS = MappingProxyType({
    errno.ENOSPC: "ruang disk penuh; kosongkan ruang lalu jalankan build lagi",
    errno.EDQUOT: "kuota disk habis; kosongkan ruang lalu jalankan build lagi",
    errno.EROFS: "sistem berkasnya hanya-baca; pilih folder output di tempat yang dapat ditulisi",
    errno.EACCES: "tidak ada izin menulis di sana; periksa izin folder itu atau pilih folder output lain",
    errno.EPERM: "tidak ada izin menulis di sana; periksa izin folder itu atau pilih folder output lain",
})


def write_problem(exc: OSError, output: Path) -> Diagnostic:
    """One clear message for a build that could not write (disk full, read-only, no permission)."""
    why = _WRITE_ERRORS.get(exc.errno) or f"tidak dapat ditulis ({exc.strerror or exc})"
    where = os.path.relpath(exc.filename) if isinstance(exc.filename, str) else str(output)
    return Diagnostic(where, 0, f"build tidak dapat menulis: {why}")
