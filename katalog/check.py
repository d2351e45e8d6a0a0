"""``python build.py check``: everything a build validates, and what a build lets pass
but a reader would trip on. Reads the content folder, writes nothing.

Errors (the build's own, plus body links that lead nowhere and main images without
alt text) make the check fail; warnings (media nobody uses, two entries with one
title in one region, dates in the future, body images without alt text, HTML the
sanitiser will remove) do only with ``--strict``; notices (the Sitemap line a host's own
robots.txt needs under a sub-path) never do. Problems print as ``path:line: level: message``, as JSON, or as
GitHub workflow annotations.
"""

from __future__ import annotations

import datetime
import json
import posixpath
import re
from urllib.parse import unquote, urlsplit

from . import sanitize, urls
from .bodyscan import Scanner, Shown
from .completeness import completeness
from .diagnostics import ERROR, NOTICE, WARNING, BuildFailed, Diagnostic, did_you_mean
from .discover import media_file
from .markup import BodyProblem
from .options import environment_problems
from .models import Entry
from .parallel import map_files
from .urls import entry_path, media_path, search_bundle, static_path
from .schema import PartialDate
from .regionnames import slugify
from .terms import unused
from .structured import STRUCTURED, media_files
from .site import Site, load_content, plan_kept, yaml_file

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def check(options, today: datetime.date | None = None) -> list[Diagnostic]:
    """Every problem of the content folder, errors and warnings, in file and line order.

    The build's own validation first (``load_content``, then planning the entries that
    passed it, as ``--keep-going`` does: ``plan_kept``), so a check reports every error a
    build would; the rules of a check alone then run only on entries that passed."""
    bad_environment = environment_problems()
    if bad_environment:  # the build refuses to start: so does the check
        return bad_environment
    today = today or options.day()
    loaded = load_content(options)
    problems = list(loaded.problems)
    failing = {d.path for d in problems if d.level == ERROR}
    good = [e for e in loaded.entries if e.source not in failing]
    problems += _future_dates(good, today)
    problems += _image_alts(good)
    problems += _duplicate_titles(good, loaded.regions)
    problems += _unused_terms(loaded)
    problems += completeness(good)
    problems += _base_url_host(loaded)
    try:
        site, collisions = plan_kept(loaded, options.drafts, today)
    except BuildFailed as failed:
        problems += failed.diagnostics
    else:
        problems += collisions
        left_out = {d.path for d in site.left_out if d.level == ERROR}
        absent = {entry_path(e) for e in loaded.entries if e.source in left_out}  # reported already
        shown = _bodies(site, problems, options.jobs)
        problems += _links_and_media(site, shown, absent, str(options.content))
        problems += _removed_markup(site, shown)
    return sorted(set(problems))


def _base_url_host(loaded) -> list[Diagnostic]:
    """Feeds, link previews, the sitemap and the data catalogue give full addresses: they
    need a base_url that names the host. Under a sub-path, the robots.txt the build writes
    is not read by crawlers: the line the host's own robots.txt needs."""
    config = loaded.config
    if config.origin and config.base_path == "/":
        return []
    site = loaded.tree.site
    doc = yaml_file(site, [])
    line = doc.line_of("base_url", default=1) if doc is not None else 1
    if config.origin:  # under a sub-path: crawlers read only the host's own /robots.txt
        sitemap = config.origin + config.base_path + urls.sitemap_path()
        message = (f"robots.txt di {config.base_path}{urls.robots_path()} tidak dibaca mesin pencari, yang hanya "
                   f"membaca {config.origin}/{urls.robots_path()}; agar sitemap ditemukan, tambahkan baris ini ke "
                   f"robots.txt milik host itu: Sitemap: {sitemap}")
    else:
        message = (f"base_url '{config.base_url}' tidak memuat nama host; feed, sitemap, pratinjau tautan dan "
                   "katalog data memerlukan alamat lengkap seperti https://contoh.go.id/katalog/")
    return [Diagnostic(site.path if site else "site.yaml", line, message, NOTICE if config.origin else WARNING)]


def _bodies(site: Site, problems: list[Diagnostic], jobs: int | None) -> list[tuple[Entry, Shown]]:
    """What each published body shows, scanned on every core; a body the build's parser
    cannot finish gets the build's message."""
    scanner = Scanner()  # each worker gets its own copy by fork

    def scan(e: Entry) -> Shown | Diagnostic:
        try:
            return scanner.scan(e.body.text, e.body_line)
        except BodyProblem as exc:
            return Diagnostic(e.source, 0, exc.diagnostic.message)

    entries = list(site.catalogue.index.values())
    out = []
    for e, shown in zip(entries, map_files(scan, entries, jobs)):
        if isinstance(shown, Diagnostic):
            problems.append(shown)
        else:
            out.append((e, shown))
    return out


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


def _unused_terms(loaded) -> list[Diagnostic]:
    """A warning for each tag of terms.yaml that no entry, draft or not, is tagged with."""
    if not loaded.terms or loaded.tree.terms is None:
        return []
    used = {slugify(tag) for e in loaded.entries for tag in e.fields.get("tags", ())}
    return [Diagnostic(loaded.tree.terms.path, line, f"tag '{slug}' tidak dipakai entri mana pun; periksa ejaannya, "
                       "atau hapus bila tidak diperlukan lagi", WARNING) for slug, line in unused(loaded.terms, used)]


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


def _links_and_media(site: Site, shown: list[tuple[Entry, Shown]], absent: set[str], content: str) -> list[Diagnostic]:
    pages = {p.path for p in site.pages} | {p.output for p in site.pages} | absent
    files = {static_path(a.name) for a in site.static.values()} | {media_path(rel) for rel in site.tree.media}
    used_media = {media_path(src) for e in site.catalogue.index.values() for name, value in e.fields.items()
                  if name in STRUCTURED for _, src in media_files(name, value)}
    if site.catalogue.config.image:  # the site's link preview image
        used_media.add(media_path(site.catalogue.config.image))
    out = []
    for e, body in shown:
        for link in body.links:
            target = link.target if link.alt is not None else sanitize.browser_url(link.target)
            path = _resolve(e, target)
            if path is None:
                continue
            if path in files:
                used_media.add(path)
            elif path not in pages and path + "/" not in pages and not path.startswith(search_bundle()):
                hint = did_you_mean("/" + path, ["/" + p for p in pages if p.endswith("/")])
                out.append(Diagnostic(e.source, link.line, f"tautan '{target}' tidak menuju halaman atau berkas mana pun "
                                      f"di situs ini{hint}"))
            if link.image and link.alt is not None and not link.alt.strip():
                out.append(Diagnostic(e.source, link.line, f"gambar '{target}' belum punya teks alt: tulis isinya di "
                                      "antara kurung siku, ![seperti ini](...)", WARNING))
    for rel in site.tree.media:
        if media_path(rel) not in used_media:
            out.append(Diagnostic(f"{content}/{media_file(rel)}", 0,
                                  "berkas media ini tidak dipakai entri mana pun; hapus bila memang tidak diperlukan",
                                  WARNING))
    return out


# -- what the sanitiser will take out ------------------------------------------------------

def _removed_markup(site: Site, shown: list[tuple[Entry, Shown]]) -> list[Diagnostic]:
    """Warnings for what katalog.sanitize removes from bodies, so a writer learns why a
    pasted video, script or styled paragraph did not appear."""
    hosts = site.catalogue.config.iframe_hosts
    allowed = set(sanitize.TAGS) | {"iframe"}  # an iframe is judged by its host, below
    out = []
    for e, body in shown:
        def warn(line: int, message: str) -> None:
            out.append(Diagnostic(e.source, line, message, WARNING))

        for link in body.links:
            if link.alt is None:
                continue  # written in HTML: judged with its tag, below
            if _scheme_refused(link.target):
                warn(link.line, _scheme_message(link.target, ""))
            elif link.image and "//" in sanitize.browser_url(link.target)[:8]:
                warn(link.line, f"gambar '{link.target[:60]}' dari situs lain tampil sebagai tautan, bukan gambar; "
                                "simpan berkasnya di media/ agar tampil")
        for tag in body.tags:
            if tag.name not in allowed:
                warn(tag.line, f"HTML <{tag.name}> dibuang saat diterbitkan"
                               f"{' beserta isinya' if tag.name in sanitize.DROPPED_WHOLE else ''}")
                continue
            names = sanitize.ATTRIBUTES["*"] | sanitize.ATTRIBUTES.get(tag.name, set()) | (
                sanitize.IFRAME_ATTRIBUTES if tag.name == "iframe" else set())
            for name, value in tag.attrs:
                if name not in names:
                    warn(tag.line, f"atribut '{name}' pada <{tag.name}> dibuang saat diterbitkan")
                elif name in ("href", "src") and value:
                    problem = _url_problem(tag.name, sanitize.browser_url(value), hosts)
                    if problem:
                        warn(tag.line, problem)
    return out


def _scheme_refused(value: str) -> bool:
    scheme = _SCHEME.match(value)
    return bool(scheme) and scheme.group().lower()[:-1] not in sanitize.URL_SCHEMES


def _scheme_message(value: str, where: str) -> str:
    return (f"alamat '{value[:60]}'{where} dibuang saat diterbitkan; hanya http, https, mailto dan alamat di situs ini "
            "yang diizinkan")


def _url_problem(tag: str, value: str, hosts) -> str:
    """Why the sanitiser takes out the address of an HTML tag, or ''."""
    try:
        host = urlsplit(value).hostname
    except ValueError:
        return f"alamat '{value[:60]}' pada <{tag}> tidak valid dan dibuang saat diterbitkan"
    if _scheme_refused(value):
        return _scheme_message(value, f" pada <{tag}>")
    if tag == "iframe" and host not in hosts:
        return (f"iframe dari {host} dibuang saat diterbitkan; bila host itu dipercaya, pengelola situs dapat "
                "mencantumkannya di iframe_hosts (site.yaml)")
    if tag == "img" and host:
        return f"gambar dari {host} tidak ditampilkan; simpan berkasnya di media/"
    return ""


# -- output -------------------------------------------------------------------------------

def counts(problems: list[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings); notices are neither."""
    errors = sum(1 for p in problems if p.level == ERROR)
    return errors, sum(1 for p in problems if p.level == WARNING)


def as_text(problems: list[Diagnostic]) -> str:
    errors, warnings = counts(problems)
    lines = [p.format() for p in problems]
    if errors or warnings:
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
