"""Read the content folder: the only place the build reads content from disk."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic
from .models import SourceFile
from .schema import FOLDERS


@dataclass(frozen=True)
class ContentTree:
    sources: tuple[SourceFile, ...]  # entry files, sorted by path
    site: SourceFile | None
    regions: SourceFile | None
    media: tuple[str, ...]  # paths relative to content/media/
    problems: tuple[Diagnostic, ...]


def _display(root: Path, display_root: str, rel: str) -> str:
    return f"{display_root.rstrip('/')}/{rel}" if display_root else rel


def _read(path: Path, shown: str, rel: str) -> tuple[SourceFile | None, Diagnostic | None]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, Diagnostic(shown, line, "berkas bukan teks UTF-8; simpan ulang berkas dengan encoding UTF-8")
    return SourceFile(shown, rel, text), None


def discover(root: Path, display_root: str) -> ContentTree:
    """Walk ``root`` in a sorted, deterministic order."""
    sources: list[SourceFile] = []
    problems: list[Diagnostic] = []
    media: list[str] = []
    site = regions = None
    if not root.is_dir():
        return ContentTree((), None, None, (), (Diagnostic(display_root or str(root), 0, "folder konten tidak ditemukan"),))
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        rel_dir = base.relative_to(root).as_posix()
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            shown = _display(root, display_root, rel)
            top = rel.split("/", 1)[0]
            if top == "media" and rel != "media":
                media.append(rel[len("media/"):])
                continue
            if rel in ("site.yaml", "regions.yaml"):
                source, problem = _read(base / name, shown, rel)
                if rel == "site.yaml":
                    site = source
                else:
                    regions = source
            elif top in FOLDERS and name.endswith(".md") and rel.count("/") == 1:
                source, problem = _read(base / name, shown, rel)
                if source:
                    sources.append(source)
            elif name.endswith(".md"):
                problem = Diagnostic(shown, 0, "berkas Markdown di tempat yang tidak dikenal; letakkan di "
                                     + ", ".join(f"{f}/" for f in FOLDERS))
            else:
                continue
            if problem:
                problems.append(problem)
    return ContentTree(tuple(sources), site, regions, tuple(media), tuple(problems))
