"""Parse and validate one content file: SourceFile -> Entry, or the problems it has.

Front-matter is split off with python-frontmatter's YAML handler; the YAML itself is
read by ``katalog.yamlload`` so every field keeps its line number.
"""

from __future__ import annotations

import html
import re
from itertools import islice
from pathlib import PurePosixPath
from urllib.parse import unquote

from frontmatter.default_handlers import YAMLHandler

from . import urls, yamlload
from .diagnostics import Diagnostic
from .discover import FileRef, read
from .models import Body, Entry, SourceFile, digest, normalise
from .sanitize import MAX_TAGS, too_many_tags
from .limits import shown, slug_limit
from .schema import FOLDERS, SLUG_RE, check_fields

_HANDLER = YAMLHandler()
# A line nested a hundred lists or quotes deep, or indented 400 columns: Python-Markdown
# recurses once per level (and slows down steeply), so such a body is refused here, with
# its line, rather than failing while pages are rendered.
_TOO_DEEP = re.compile(r"^(?:[ \t]{400}|[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]*){100})", re.M)
# What a body may name as a media file: 'media/<name>' up to a space, quote or bracket, and
# inside quotes or angle brackets up to their end (a name with spaces, '<media/a b.png>').
_MEDIA_BARE = re.compile(r"\b" + re.escape(urls.media_path("")) + r"([^\s\"'<>\[\]]+)")
_MEDIA_QUOTED = re.compile(r"""["'<][^"'<>\n]*?\b""" + re.escape(urls.media_path("")) + r"([^\"'<>\n]+)")


def kind_of(rel: str) -> str | None:
    """The entry kind of a content path such as 'innovations/x.md'."""
    parts = PurePosixPath(rel).parts
    return FOLDERS.get(parts[0]) if len(parts) == 2 and rel.endswith(".md") else None


def split(text: str) -> tuple[str, str, int, int] | None:
    """(front-matter, body, first line of front-matter, first line of body), or None."""
    if not _HANDLER.detect(text):
        return None
    bounds = list(islice(_HANDLER.FM_BOUNDARY.finditer(text), 2))
    if len(bounds) < 2:
        return None
    start, end = bounds
    fm_start = start.end() + (text[start.end():start.end() + 1] == "\n")
    fm = text[fm_start:end.start()]
    fm_line = text.count("\n", 0, fm_start) + 1
    body = text[end.end():].lstrip("\n")
    body_line = text.count("\n", 0, len(text) - len(body)) + 1
    return fm, body, fm_line, body_line


def read_body(file: str) -> str:
    """The body of a content file, read again by ``discover.read`` (see ``models.Body``)."""
    source, problem = read(FileRef(file, file, file, (0, 0)))
    parts = split(normalise(source.text)) if source else None
    if parts is None:  # the caller finds the digest changed, and says so
        return ""
    return parts[1]


def front_and_body(text: str) -> tuple[str, str] | None:
    """(digest of everything before the body, the body) of a file's text, or None when it
    has no front-matter. Two files with the same first part differ in their bodies alone."""
    text = normalise(text)
    parts = split(text)
    return None if parts is None else (_front(text, parts[1]), parts[1])


def _front(text: str, body: str) -> str:
    return digest(text[:len(text) - len(body)])


def media_refs(body: str) -> tuple[str, ...]:
    """Every media name a body may show as an image (sorted): more than it shows, never
    fewer, so a page is given the sizes of its own images only (``Views.media_sizes``)
    without parsing Markdown here. Names are URL- and HTML-decoded, as ``images.sized``
    looks them up; a trailing ')' is also tried without (a link's closing bracket)."""
    if urls.media_path("") not in body:
        return ()
    found: set[str] = set()
    for pattern in (_MEDIA_BARE, _MEDIA_QUOTED):
        for match in pattern.finditer(body):
            name = unquote(html.unescape(match.group(1)))
            found.add(name)
            while name.endswith(")"):
                name = name[:-1]
                found.add(name)
    return tuple(sorted(n for n in found if n))


def body_problem(body: str) -> tuple[int, str] | None:
    """(line within the body, message) of a body that Markdown or the sanitiser would take
    unreasonable time or recursion over, or None."""
    if too_many_tags(body):
        return 0, (f"isi memuat lebih dari {MAX_TAGS} tanda '<'; tag HTML sebanyak itu tidak dapat dibersihkan "
                   "dalam waktu wajar: rapikan isinya")
    seen = body.expandtabs(4) if "\t" in body else body  # Markdown reads a tab as 4 columns
    deep = _TOO_DEEP.search(seen)
    if deep:
        return seen.count("\n", 0, deep.start()), ("baris ini bersarang terlalu dalam (seratus daftar atau kutipan di "
                                                   "dalam satu sama lain, atau menjorok 400 spasi); rapikan tanda '-', "
                                                   "'1.' atau '>' dan spasi di awal baris")
    return None


def parse_entry(source: SourceFile) -> tuple[Entry | None, list[Diagnostic]]:
    """The entry (None when its front-matter cannot be read at all) and its problems."""
    entry, problems, _ = parse_source(source)
    return entry, problems


def parse_source(source: SourceFile) -> tuple[Entry | None, list[Diagnostic], str]:
    """``parse_entry``, and the digest of the text before the body (see front_and_body)."""
    kind = kind_of(source.rel)
    assert kind is not None, source.rel

    def problem(line: int, message: str) -> Diagnostic:
        return Diagnostic(source.path, line, message)

    text = normalise(source.text)
    if not text.strip():
        return None, [problem(1, "berkas kosong; sebuah entri diawali front-matter (baris '---', field YAML, baris '---') "
                                 "lalu isi Markdown; 'python build.py new' membuat kerangkanya")], ""
    parts = split(text)
    if parts is None:
        return None, [problem(1, "front-matter tidak ditemukan; berkas harus diawali baris '---', "
                                 "diikuti field YAML, lalu ditutup dengan baris '---'")], ""
    fm, body, fm_line, body_line = parts
    front = _front(text, body)
    try:
        doc = yamlload.load(fm, first_line=fm_line)
    except yamlload.YamlError as exc:
        return None, [problem(exc.line, exc.message)], front
    if not isinstance(doc.data, dict):
        return None, [problem(fm_line, "front-matter harus berisi pasangan 'field: nilai'")], front
    fields, problems = check_fields(kind, doc)
    diagnostics = [problem(line, message) for line, message in problems]
    trouble = body_problem(body)
    if trouble:
        diagnostics.append(problem(body_line + trouble[0], trouble[1]))
    stem = PurePosixPath(source.rel).stem
    slug = fields.get("slug", stem)
    if "slug" not in fields and "slug" not in doc.data:  # the file name is the slug
        if not SLUG_RE.match(stem):
            diagnostics.append(problem(1, f"nama berkas '{stem}.md' tidak dapat dipakai sebagai alamat halaman; "
                                          "pakai huruf kecil, angka dan tanda hubung, atau isi field 'slug'"))
        elif slug_limit(stem):
            diagnostics.append(problem(1, f"nama berkas '{shown(stem)}.md' tidak dapat dipakai sebagai alamat halaman: "
                                          f"{slug_limit(stem)}; ganti nama berkasnya atau isi field 'slug'"))
    # An entry with problems is still returned, so references to and from it can be
    # checked in the same run; the build refuses to go on while any problem stands.
    lines = {path: mark.line for path, mark in doc.marks.items()}
    media = media_refs(body)
    body = Body(body, source.file or source.path, load=read_body)
    return Entry(kind, slug, source.path, fields, body, lines, body_line, media), diagnostics, front
