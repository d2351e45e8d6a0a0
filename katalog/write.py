"""Write the rendered site: into a staging folder, swapped in only when complete.

The previous output stays untouched until the new one is whole, and nothing is
written outside the output folder (and its staging sibling).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

MARKER = ".katalog-output"


class WriteError(Exception):
    pass


def check_output_folder(output: Path, content: Path) -> str | None:
    """Why ``output`` must not be (re)placed, or None when it is safe."""
    out = output.resolve()
    src = content.resolve()
    if out == src or out in src.parents:
        return f"folder output '{output}' berisi folder konten; pilih folder lain"
    if src in out.parents:
        return f"folder output '{output}' ada di dalam folder konten; pilih folder lain"
    if out.exists() and not out.is_dir():
        return f"'{output}' bukan folder"
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        return (f"folder output '{output}' sudah berisi berkas yang tidak dibuat oleh Katalog Inovasi; "
                "kosongkan folder itu atau pilih folder lain")
    return None


def safe_join(root: Path, rel: str) -> Path:
    parts = rel.split("/")
    if not rel or "\0" in rel or any(p in ("..", "", ".") for p in parts):
        raise WriteError(f"alamat '{rel}' keluar dari folder output")
    return root.joinpath(rel)


_made: set[str] = set()  # folders this process has already made


def write_file(root: Path, rel: str, data: bytes) -> None:
    """Write one file below ``root``, making its folder (pages are 'x/index.html')."""
    target = str(safe_join(root, rel))
    folder = os.path.dirname(target)
    if folder not in _made:
        try:
            os.mkdir(folder)
        except FileExistsError:
            pass
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
        _made.add(folder)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def new_staging(output: Path) -> Path:
    """An empty folder beside the output, on the same file system, for the new files."""
    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))


def copy_files(root: Path, copies: Iterable[tuple[str, Path]]) -> None:
    for rel, source in copies:
        target = safe_join(root, rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(source, target)
        except OSError as exc:
            raise WriteError(f"{source}: berkas tidak dapat disalin ({exc.strerror}); periksa izin aksesnya") from None


def write_marker(folder: Path) -> None:
    marker = folder / MARKER
    tmp = folder / f"{MARKER}.tmp"
    tmp.write_text("Folder ini dibuat ulang oleh Katalog Inovasi pada setiap build.\n", encoding="utf-8")
    os.replace(tmp, marker)


def swap_in(output: Path, staging: Path) -> None:
    """Put a complete staging folder in place of the output, in one rename."""
    output = output.absolute()
    write_marker(staging)
    os.chmod(staging, 0o755)
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        os.rename(output, old / "site")
    os.rename(staging, output)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def replace_folder(output: Path, rel: str, new: Path | None) -> None:
    """Put the folder ``new`` at ``output/rel`` in one rename (None: remove it)."""
    target = safe_join(output.absolute(), rel)
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.absolute().parent))
        os.rename(target, old / "folder")
    if new is not None:
        os.chmod(new, 0o755)
        os.rename(new, target)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def apply_changes(output: Path, staging: Path, written: Iterable[str], removed: Iterable[str]) -> None:
    """Move the changed files from staging into the output, and delete the removed ones.

    Called only once every page has rendered, so a failed build changes nothing; each
    file is replaced in one rename, so a reader never sees half a page.
    """
    output = output.absolute()
    write_marker(output)  # a new identity: a build cut off here is not mistaken for a finished one
    made: set[Path] = set()
    for rel in written:
        target = safe_join(output, rel)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        os.replace(safe_join(staging, rel), target)
    for rel in removed:
        target = safe_join(output, rel)
        target.unlink(missing_ok=True)
        parent = target.parent
        while parent != output and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    shutil.rmtree(staging, ignore_errors=True)
