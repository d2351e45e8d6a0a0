"""Write the rendered site: into a staging folder, swapped in only when complete.

The previous output stays untouched until the new one is whole, and nothing is
written outside the output folder (and its staging sibling).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath
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
    parts = PurePosixPath(rel).parts
    if not parts or rel.startswith("/") or any(p in ("..", "") for p in parts):
        raise WriteError(f"alamat '{rel}' keluar dari folder output")
    return root.joinpath(*parts)


def write_site(output: Path, files: Iterable[tuple[str, bytes]], copies: Iterable[tuple[str, Path]]) -> int:
    """Write every file, then swap the new folder in place of the old one. Returns files written."""
    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    count = 0
    made: set[Path] = set()
    try:
        for rel, data in files:
            target = safe_join(staging, rel)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_bytes(data)
            count += 1
        for rel, source in copies:
            target = safe_join(staging, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            count += 1
        (staging / MARKER).write_text("Folder ini dibuat ulang oleh Katalog Inovasi pada setiap build.\n", encoding="utf-8")
        os.chmod(staging, 0o755)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        os.rename(output, old / "site")
    os.rename(staging, output)
    if old:
        shutil.rmtree(old, ignore_errors=True)
    return count
