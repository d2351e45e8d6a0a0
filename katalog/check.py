"""``python build.py check``: everything a build validates, and what a build lets pass
but a reader would trip on. Reads the content folder, writes nothing.

Errors (the build's own, plus body links that lead nowhere and main images without
alt text) make the check fail; warnings (media nobody uses, two entries with one
title in one region, dates in the future, body images without alt text, HTML the
sanitiser will remove) do only with ``--strict``. Problems print as ``path:line: level: message``, as JSON, or as
GitHub workflow annotations.
"""

from __future__ import annotations

import datetime
import html
import json
import posixpath
import re
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from . import sanitize
from .diagnostics import ERROR, WARNING, BuildFailed, Diagnostic, did_you_mean
from .discover import media_file
from .models import Entry, normalise
from .parse import split
from .urls import entry_path, media_path, search_bundle, static_path
from .schema import PartialDate
from .site import Site, load_content, plan_loaded

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_INLINE = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_HTML_LINK = re.compile(r"<(a|img)\b[^>]*?\s(?:href|src)\s*=\s*[\"']([^\"']*)[\"']", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def check(options, today: datetime.date | None = None) -> list[Diagnostic]:
    """Every problem of the content folder, errors and warnings, in file and line order."""
    today = today or options.day()
    loaded = load_content(options)
    problems = list(loaded.problems)
    problems += _future_dates(loaded.entries, today)
    problems += _image_alts(loaded.entries)
    problems += _duplicate_titles(loaded.entries, loaded.regions)
    if not loaded.problems:
        try:
            site = plan_loaded(loaded, options.drafts, today)
        except BuildFailed as failed:
            problems += failed.diagnostics
        else:
            problems += _links_and_media(site, str(options.content))
            problems += _removed_markup(site)
    return sorted(set(problems))


# -- dates and images -------------------------------------------------------------

def _future_dates(entries: list[Entry], today: datetime.date) -> list[Diagnostic]:
    out = []
    for e in entries:
        for name in ("date", "started", "implemented"):
            value = e.fields.get(name)
            if isinstance(value, PartialDate):
                later = (value.year, value.month or 0, value.day or 0) > (
                    today.year, today.month if value.month else 0, today.day if value.day else 0)
            else:
                later = isinstance(value, datetime.date) and value > today
            if later:
                out.append(Diagnostic(e.source, e.line_of(name), f"field '{name}': tanggal {_shown(value)} belum tiba; "
                                      + ("entri ini baru terbit pada tanggal itu; periksa tahunnya bila bukan itu maksudnya"
                                         if e.scheduled(today) else "periksa tahunnya"), WARNING))
    return out


def _shown(value) -> str:
    if isinstance(value, PartialDate):
        return "-".join(str(x).zfill(2) for x in (value.year, value.month, value.day) if x)
    return value.isoformat()


def _image_alts(entries: list[Entry]) -> list[Diagnostic]:
    out = []
    for e in entries:
        image = e.fields.get("image")
        if image and not image.get("alt"):
            out.append(Diagnostic(e.source, e.line_of("image"), "field 'image': gambar utama belum punya 'alt'; "
                                  "tulis apa isi gambarnya untuk pembaca yang memakai pembaca layar"))
    return out


def _duplicate_titles(entries: list[Entry], regions) -> list[Diagnostic]:
    seen: dict[tuple[str, str, str], Entry] = {}
    out = []
    for e in sorted(entries, key=lambda x: x.source):
        for code in dict.fromkeys(e.regions()):
            key = (e.kind, code, e.title.casefold())
            first = seen.setdefault(key, e)
            if first is not e:
                region = regions.get(code)
                out.append(Diagnostic(e.source, e.line_of("title"), f"judul '{e.title}' sudah dipakai {first.source} "
                                      f"di {region.name if region else code}; bedakan judulnya agar pembaca tidak tertukar",
                                      WARNING))
    return out


# -- links and media in bodies ----------------------------------------------------------

def _body_lines(e: Entry) -> list[tuple[int, str]]:
    """(line number in the file, text) of every body line outside fenced code."""
    try:
        with open(e.body.file, encoding="utf-8") as f:
            whole = normalise(f.read())
    except (OSError, UnicodeDecodeError):
        return []
    parts = split(whole)
    body = parts[1] if parts else ""
    first = whole[: len(whole) - len(body)].count("\n") + 1
    lines, fenced = [], False
    for i, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((first + i, _CODE_SPAN.sub("", line)))
    return lines


def _targets(line: str) -> list[tuple[str, bool, str]]:
    """(target, is an image, alt text) of each link on a body line."""
    found = [(m.group(3), m.group(1) == "!", m.group(2)) for m in _INLINE.finditer(line)]
    found += [(m.group(1), False, "") for m in _REFERENCE.finditer(line)]
    found += [(_browser_url(m.group(2)), m.group(1).lower() == "img", "?") for m in _HTML_LINK.finditer(line)]
    return found


def _markdown_targets(line: str) -> list[tuple[str, bool]]:
    """(target, is an image) of each Markdown link on a body line (HTML ones left out)."""
    return ([(m.group(3), m.group(1) == "!") for m in _INLINE.finditer(line)]
            + [(m.group(1), False) for m in _REFERENCE.finditer(line)])


def _browser_url(value: str) -> str:
    """An HTML attribute's URL as a browser reads it: entities decoded (see sanitize.browser_url)."""
    return sanitize.browser_url(html.unescape(value))


def _resolve(e: Entry, target: str) -> str | None:
    """The site path ('inovasi/x/') a body link leads to, or None when it leaves the site."""
    if not target or target.startswith(("#", "//")) or _SCHEME.match(target):
        return None
    try:
        path = unquote(urlsplit(target).path)
    except ValueError:  # '//[x': a malformed address, which the sanitiser drops
        return None
    if not path:
        return None
    base = "/" + entry_path(e)
    joined = path if path.startswith("/") else posixpath.join(base, path)
    normal = posixpath.normpath(joined)
    if path.endswith("/") and normal != "/":
        normal += "/"
    return normal.lstrip("/")


def _links_and_media(site: Site, content: str) -> list[Diagnostic]:
    pages = {p.path for p in site.pages} | {p.output for p in site.pages}
    files = {static_path(rel) for rel in site.static} | {media_path(rel) for rel in site.tree.media}
    used_media = {media_path(e.fields["image"]["src"]) for e in site.catalogue.index.values() if e.fields.get("image")}
    out = []
    for e in site.catalogue.index.values():
        for number, line in _body_lines(e):
            for target, is_image, alt in _targets(line):
                path = _resolve(e, target)
                if path is None:
                    continue
                if path in files:
                    used_media.add(path)
                elif path not in pages and path + "/" not in pages and not path.startswith(search_bundle()):
                    hint = did_you_mean("/" + path, ["/" + p for p in pages if p.endswith("/")])
                    out.append(Diagnostic(e.source, number, f"tautan '{target}' tidak menuju halaman atau berkas mana pun "
                                          f"di situs ini{hint}"))
                if is_image and not alt.strip():
                    out.append(Diagnostic(e.source, number, f"gambar '{target}' belum punya teks alt: tulis isinya di "
                                          "antara kurung siku, ![seperti ini](...)", WARNING))
    for rel in site.tree.media:
        if media_path(rel) not in used_media:
            out.append(Diagnostic(f"{content}/{media_file(rel)}", 0,
                                  "berkas media ini tidak dipakai entri mana pun; hapus bila memang tidak diperlukan",
                                  WARNING))
    return out


# -- what the sanitiser will take out ------------------------------------------------------

class _Tags(HTMLParser):
    """The start tags on one line of a body, with their attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _removed_markup(site: Site) -> list[Diagnostic]:
    """Warnings for what katalog.sanitize removes from bodies, so a writer learns why a
    pasted video, script or styled paragraph did not appear."""
    hosts = site.catalogue.config.iframe_hosts
    allowed = set(sanitize.TAGS) | {"iframe"}  # an iframe is judged by its host, below
    out = []
    for e in site.catalogue.index.values():
        for number, line in _body_lines(e):
            def warn(message: str) -> None:
                out.append(Diagnostic(e.source, number, message, WARNING))

            for target, is_image in _markdown_targets(line):
                scheme = _SCHEME.match(target)
                if scheme and scheme.group().lower()[:-1] not in sanitize.URL_SCHEMES:
                    warn(f"alamat '{target[:60]}' dibuang saat diterbitkan; hanya http, https, mailto dan alamat di "
                         "situs ini yang diizinkan")
                elif is_image and "//" in sanitize.browser_url(target)[:8]:
                    warn(f"gambar '{target[:60]}' dari situs lain tampil sebagai tautan, bukan gambar; simpan berkasnya "
                         "di media/ agar tampil")
            if "<" not in line:
                continue
            parser = _Tags()
            parser.feed(line)
            for tag, attrs in parser.tags:
                if tag not in allowed:
                    warn(f"HTML <{tag}> dibuang saat diterbitkan{' beserta isinya' if tag in sanitize.DROPPED_WHOLE else ''}")
                    continue
                names = sanitize.ATTRIBUTES["*"] | sanitize.ATTRIBUTES.get(tag, frozenset()) | (
                    sanitize.IFRAME_ATTRIBUTES if tag == "iframe" else frozenset())
                for name, value in attrs:
                    if name not in names:
                        warn(f"atribut '{name}' pada <{tag}> dibuang saat diterbitkan")
                    elif name in ("href", "src") and value:
                        value = _browser_url(value)
                        scheme = _SCHEME.match(value)
                        try:
                            host = urlsplit(value).hostname
                        except ValueError:
                            warn(f"alamat '{value[:60]}' pada <{tag}> tidak valid dan dibuang saat diterbitkan")
                            continue
                        if scheme and scheme.group().lower()[:-1] not in sanitize.URL_SCHEMES:
                            warn(f"alamat '{value[:60]}' pada <{tag}> dibuang saat diterbitkan; hanya http, https, "
                                 "mailto dan alamat di situs ini yang diizinkan")
                        elif tag == "iframe" and host not in hosts:
                            warn(f"iframe dari {host} dibuang saat diterbitkan; bila host itu dipercaya, pengelola situs "
                                 "dapat mencantumkannya di iframe_hosts (site.yaml)")
                        elif tag == "img" and host:
                            warn(f"gambar dari {host} tidak ditampilkan; simpan berkasnya di media/")
    return out


# -- output -------------------------------------------------------------------------------

def counts(problems: list[Diagnostic]) -> tuple[int, int]:
    errors = sum(1 for p in problems if p.level == ERROR)
    return errors, len(problems) - errors


def as_text(problems: list[Diagnostic]) -> str:
    errors, warnings = counts(problems)
    lines = [p.format() for p in problems]
    if problems:
        lines.append(f"Pemeriksaan selesai: {errors} error, {warnings} peringatan.")
    else:
        lines.append("Pemeriksaan selesai: tidak ada masalah.")
    return "\n".join(lines) + "\n"


def as_json(problems: list[Diagnostic]) -> str:
    errors, warnings = counts(problems)
    return json.dumps({"errors": errors, "warnings": warnings,
                       "problems": [{"path": p.path, "line": p.line, "level": p.level, "message": p.message}
                                    for p in problems]}, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands: each problem marks its file and line in the pull request."""
    lines = []
    for p in problems:
        where = f"file={_escape_property(p.path)}" + (f",line={p.line}" if p.line else "")
        lines.append(f"::{p.level} {where},title=Katalog Inovasi::{_escape_data(p.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
