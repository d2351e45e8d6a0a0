"""Find the content files: the only place the build reads content from disk.

``scan`` walks the folder and notes each file's size and modification time without
reading it, so a build whose cache already holds a file's parse reads nothing else;
``read`` reads one file as UTF-8 text.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .diagnostics import Diagnostic
from .models import SourceFile
from .state.stamps import OUTSIDE, UNREADABLE, scan_folder
from .schema import FOLDERS


@dataclass(frozen=True)
class FileRef:
    """A content file found on disk, not yet read."""

    path: str  # as shown to the user, e.g. "content/innovations/x.md"
    rel: str  # relative to the content folder, with forward slashes
    file: str | Path
    stamp: tuple[int, int]  # (mtime_ns, size): a changed file changes its stamp


@dataclass(frozen=True)
class ContentTree:
    sources: tuple[FileRef, ...]  # entry files, sorted by path
    site: FileRef | None
    regions: FileRef | None
    media: tuple[str, ...]  # paths relative to content/media/
    problems: tuple[Diagnostic, ...]
    stamps: dict[str, tuple[int, int]]  # every file found (rel -> stamp), media included
    display_root: str = ""  # how paths of this folder are shown: 'content/'
    terms: FileRef | None = None  # terms.yaml: tags' labels and descriptions


MEDIA = "media"  # the content folder of images and documents (published at urls.MEDIA)


def media_file(rel: str) -> str:
    """A media file's path in the content folder, from its path inside media/."""
    return f"{MEDIA}/{rel}"


# What content/media/ may publish: images, documents, sound and video. A page, script or
# stylesheet there would run on the site's own origin, where the Content-Security-Policy
# trusts it; an SVG is an image only while it holds no script (see svg_problem).
MEDIA_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".ico", ".pdf", ".doc", ".docx", ".xls",
               ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".rtf", ".csv", ".txt", ".zip", ".mp3", ".m4a",
               ".ogg", ".oga", ".wav", ".mp4", ".webm", ".ogv")
# An SVG opened on its own is a document that runs its scripts. What may carry one, with
# any namespace prefix: script-like elements, on...= handlers, 'script' anywhere (as in
# javascript:), character references (which can spell it), DTDs and entities.
_SVG_ACTIVE = re.compile(rb"<\s*(?:[\w.-]+:)?(?:script|foreignobject|iframe|embed|object|handler)\b|[\s:]on[a-z]+\s*="
                         rb"|script|&#|<!(?:entity|doctype)", re.I)


def svg_problem(data: bytes) -> str | None:
    """Why an SVG file cannot be published as an image, or None."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "berkas SVG ini bukan teks UTF-8; simpan ulang sebagai SVG UTF-8 atau ekspor ke PNG"
    if len(data) > MAX_BYTES or "\0" in text:
        return f"berkas SVG ini lebih besar dari {MAX_BYTES // 1024 // 1024} MB atau bukan teks; ekspor ulang ke PNG"
    if _SVG_ACTIVE.search(data):
        return ("berkas SVG ini memuat skrip, atribut on...= atau objek sisipan, yang akan berjalan bila berkasnya "
                "dibuka langsung; simpan ulang sebagai gambar biasa (misalnya ekspor ulang ke PNG)")
    return None


MAX_BYTES = 1024 * 1024  # an entry of 150,000 words; Markdown takes about a second for it


def read(ref: FileRef) -> tuple[SourceFile | None, Diagnostic | None]:
    try:
        with open(ref.file, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, Diagnostic(ref.path, 0, f"berkas tidak dapat dibaca ({exc.strerror}); periksa izin aksesnya")
    if len(data) > MAX_BYTES:
        return None, Diagnostic(ref.path, 0, f"berkas lebih besar dari {MAX_BYTES // 1024 // 1024} MB; sebuah entri cukup "
                                             "berisi teks: simpan gambar dan lampiran besar di media/")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Diagnostic(ref.path, 1, "berkas tersimpan sebagai UTF-16; simpan ulang berkas dengan encoding UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, Diagnostic(ref.path, line, "berkas bukan teks UTF-8; simpan ulang berkas dengan encoding UTF-8")
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        return None, Diagnostic(ref.path, line, "berkas berisi karakter NUL, jadi bukan berkas teks; simpan ulang sebagai teks "
                                                "UTF-8 biasa")
    return SourceFile(ref.path, ref.rel, text, str(ref.file)), None


def scan(root: Path, display_root: str, stamps: dict[str, tuple[int, int]] | None = None) -> ContentTree:
    """Sort the files of ``root`` into entries, settings and media, reading nothing.

    ``stamps``: the folder's files as already found by ``katalog.state.scan_folder``."""
    if not root.is_dir():
        return ContentTree((), None, None, (), (Diagnostic(display_root or str(root), 0, "folder konten tidak ditemukan"),), {})
    if stamps is None:
        stamps = scan_folder(root)
    sources: list[FileRef] = []
    problems: list[Diagnostic] = []
    media: list[str] = []
    found: dict[str, FileRef] = {}
    prefix = display_root.rstrip("/") + "/" if display_root else ""
    base = str(root.absolute()) + os.sep
    for rel, stamp in stamps.items():
        top, _, rest = rel.partition("/")
        if stamp == UNREADABLE:
            problems.append(Diagnostic((prefix + rel).rstrip("/") or str(root), 0,
                                       "tidak dapat dibaca (izin akses, atau tautan yang menunjuk ke berkas yang tidak "
                                       "ada); periksa berkas atau folder ini"))
        elif stamp == OUTSIDE:
            problems.append(Diagnostic(prefix + rel, 0, "tautan simbolik ini menunjuk ke luar folder konten; berkas di luar "
                                                        "folder konten tidak ikut dibaca maupun diterbitkan: salin berkasnya "
                                                        "ke dalam folder konten"))
        elif top == MEDIA and rest:
            if rest.lower().endswith(MEDIA_TYPES):
                media.append(rest)
            else:
                problems.append(Diagnostic(prefix + rel, 0, "jenis berkas ini tidak diterbitkan dari media/ (halaman, "
                                           "skrip atau berkas lain yang dapat berjalan di situs); yang diizinkan: "
                                           + " ".join(MEDIA_TYPES)))
        elif rel in ("site.yaml", "regions.yaml", "terms.yaml"):
            found[rel] = FileRef(prefix + rel, rel, Path(base + rel), stamp)
        elif top in FOLDERS and rel.endswith(".md") and rest and "/" not in rest:
            sources.append(FileRef(prefix + rel, rel, base + rel, stamp))
        elif rel.endswith(".md"):
            problems.append(Diagnostic(prefix + rel, 0, "berkas Markdown di tempat yang tidak dikenal; letakkan di "
                                       + ", ".join(f"{f}/" for f in FOLDERS)))
    return ContentTree(tuple(sources), found.get("site.yaml"), found.get("regions.yaml"), tuple(media),
                       tuple(problems), stamps, prefix, found.get("terms.yaml"))


def check_svgs(root: Path, tree: ContentTree) -> ContentTree:
    """``tree`` without the SVG media that carry script, each named among its problems."""
    bad = []
    for rel in tree.media:
        if rel.lower().endswith(".svg"):
            try:
                with open(root / media_file(rel), "rb") as f:
                    problem = svg_problem(f.read(MAX_BYTES + 1))
            except OSError as exc:
                problem = f"berkas ini tidak dapat dibaca ({exc.strerror})"
            if problem:
                bad.append(Diagnostic(tree.display_root + media_file(rel), 0, problem))
    if not bad:
        return tree
    gone = {d.path for d in bad}
    return replace(tree, media=tuple(m for m in tree.media if tree.display_root + media_file(m) not in gone),
                   problems=tree.problems + tuple(bad))
