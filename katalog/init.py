"""``katalog init DIR``: a new catalogue for one region, ready to build and to publish.

The files come from ``katalog/templates/init/`` (package data), a tree laid out as the
new folder is, with ``@NAME@`` placeholders and ``dot-`` standing for a leading dot
(package data globs skip hidden files): ``content/`` with ``site.yaml`` and one example
entry of each kind, a ``.gitignore``, a README for the region's staff, a
``requirements.txt`` pinning the tool, and publishing pipelines for GitHub Actions and
GitLab CI. Nothing that exists is ever overwritten.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import unicodedata
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType

from . import __version__, toolsource
from .config import base_url_problem, normalise_base_url
from .regionnames import by_name, official

TEMPLATES = ("templates", "init")
MAX_TITLE = 200


class InitError(Exception):
    pass


@dataclass(frozen=True)
class Answers:
    """What the new catalogue needs to know: the region's code, the site's title, publisher and address."""

    code: str
    title: str
    base_url: str
    publisher: str


def region_name(code: str) -> str:
    """'Kabupaten Bekasi', or 'Provinsi Jawa Barat' for a province."""
    name = official()[code]
    return name if "." in code else f"Provinsi {name}"


def resolve_region(text: str) -> str:
    """A region's code from its code or its name ('32.16', 'kabupaten bekasi'); InitError otherwise."""
    wanted = " ".join(text.split())
    names = official()
    if wanted in names:
        return wanted
    close = by_name(names, wanted, partly=True)
    if not close:
        raise InitError(f"wilayah '{wanted}' tidak ditemukan; tulis kode wilayah Kemendagri (misalnya 32.16) "
                        "atau nama lengkapnya (misalnya Kabupaten Bekasi)")
    if len(close) == 1:
        return close[0][0]
    listed = ", ".join(f"{c} {name}" for c, name in close[:10]) + (", ..." if len(close) > 10 else "")
    raise InitError(f"'{wanted}' cocok dengan {len(close)} wilayah: {listed}; tulis kode wilayahnya")


def _visitor(code: str) -> str:
    """A region for the example visit's visitors: the province of a kabupaten/kota, or a province's first kabupaten/kota."""
    if "." in code:
        return code.split(".")[0]
    return next(c for c in official() if c.startswith(code + "."))


def one_line(label: str, value: str) -> str:
    """``value`` on one line with single spaces; InitError if it is too long or holds a
    character no text file should (a control character, a lone surrogate from a
    badly encoded argument, U+FFFE/U+FFFF), which would make site.yaml unreadable."""
    value = " ".join(value.split())
    bad = next((c for c in value if unicodedata.category(c) in ("Cc", "Cs") or c in "\ufffe\uffff"), None)
    if bad is not None:
        what = "karakter kendali" if unicodedata.category(bad) == "Cc" else "karakter yang bukan teks UTF-8"
        raise InitError(f"{label} berisi {what} U+{ord(bad):04X}; tulis teks biasa: huruf, angka, spasi dan tanda baca")
    if len(value) > MAX_TITLE:
        raise InitError(f"{label} terlalu panjang ({len(value)} karakter); paling banyak {MAX_TITLE}")
    return value


def answers(region: str, base_url: str = "/", title: str = "", publisher: str = "") -> Answers:
    """Checked answers, with the title and publisher made from the region's name when not given."""
    code = resolve_region(region)
    problem = base_url_problem(base_url.strip())
    if problem:
        raise InitError(problem)
    name = region_name(code)
    title = one_line("judul", title) or f"Katalog Inovasi {name}"
    publisher = one_line("penerbit", publisher) or f"Pemerintah {name}"
    return Answers(code, title, normalise_base_url(base_url), publisher)


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string, whatever it holds


INCOMPLETE = ("# BELUM LENGKAP: ganti ORG dengan pemilik repositori Katalog Inovasi yang Anda pakai dan COMMIT\n"
              "# dengan hash commit (atau tag) yang ingin dipakai. Pipeline gagal sampai baris ini benar.\n")
INCOMPLETE_README = ("**Sebelum pipeline dapat berjalan**, lengkapi `requirements.txt`: ganti `ORG` dan `COMMIT`\n"
                     "dengan repositori Katalog Inovasi yang Anda pakai dan hash commit-nya.\n\n")
INCOMPLETE_WARNING = ("peringatan: requirements.txt belum lengkap: asal Katalog Inovasi ini tidak diketahui (tidak "
                      "dipasang dari repositori git yang dapat dijangkau pipeline). Ganti ORG dan COMMIT di requirements.txt sebelum pipeline dapat "
                      "berjalan, atau jalankan ulang dengan --sumber git+https://github.com/ORG/katalog-inovasi@COMMIT")


def source_line(spec: str | None) -> str | None:
    """The requirements.txt line for ``--sumber SPEC``, or from how the running tool was
    installed when not given; None when that cannot be told (a placeholder is written)."""
    if spec is None:
        return toolsource.installed()
    try:
        return toolsource.requirement(spec)
    except toolsource.SourceError as exc:
        raise InitError(str(exc)) from None


def _values(a: Answers, today: datetime.date, source: str | None) -> dict[str, str]:
    name = region_name(a.code)
    description = f"Katalog inovasi daerah {name}, beserta kunjungan kerja dan berita yang berkaitan."
    return {
        "JUDUL": a.title, "WILAYAH": name, "KODE": a.code, "KODE_TAMU": _visitor(a.code),
        # yesterday: on a CI runner in UTC, a date that is today here can still be tomorrow there
        "TANGGAL": (today - datetime.timedelta(days=1)).isoformat(), "VERSI": __version__,
        "JUDUL_YAML": _yaml(a.title), "DESKRIPSI_YAML": _yaml(description),
        "BASE_URL_YAML": _yaml(a.base_url), "PENERBIT_YAML": _yaml(a.publisher),
        "SUMBER": source or toolsource.PLACEHOLDER, "SUMBER_CATATAN": "" if source else INCOMPLETE,
        "SUMBER_README": "" if source else INCOMPLETE_README,
    }


def _walk(folder: Traversable, prefix: str = ""):
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        name = "." + item.name[4:] if item.name.startswith("dot-") else item.name
        if item.is_dir():
            yield from _walk(item, f"{prefix}{name}/")
        elif not name.endswith((".pyc", "~")):
            yield f"{prefix}{name}", item


def files(a: Answers, today: datetime.date, source: str | None = None) -> dict[str, str]:
    """Relative path -> text of every file of the new catalogue; ``source``: the line that
    pins the tool in requirements.txt (None: a placeholder to complete)."""
    values = _values(a, today, source)
    root = resources.files("katalog").joinpath(*TEMPLATES)
    made: dict[str, str] = {}
    for rel, item in _walk(root):
        text = item.read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace(f"@{key}@", value)
        made[rel] = text
    return made


# An existing README.md (a repository made with one) is kept: the staff guide goes beside it.
KEPT = MappingProxyType({"README.md": "PANDUAN.md"})
# An existing .gitignore is kept and gets the lines it lacks.
MERGED = frozenset({".gitignore"})


@dataclass(frozen=True)
class Plan:
    """What ``write`` does under a folder: files to create, lines to append to existing
    files (path -> text), and what the user is told about files that were kept."""

    new: tuple[tuple[str, str], ...]
    appended: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]
    guide: str  # where the staff guide goes: README.md, or PANDUAN.md beside the repository's own


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _placed(target: Path, rel: str) -> str:
    """Where the template file ``rel`` goes: beside an existing file that is kept."""
    return KEPT[rel] if rel in KEPT and _exists(target / rel) else rel


def refuse_existing(target: Path, names: list[str] | None = None) -> None:
    """InitError if ``target`` cannot take the new catalogue's files: a file that exists
    (but a README.md or .gitignore, which are kept), or a file where a folder must go."""
    if names is None:
        names = [rel for rel, _ in _walk(resources.files("katalog").joinpath(*TEMPLATES))]
    if _exists(target) and not target.is_dir():
        raise InitError(f"{target} sudah ada tetapi bukan folder; pilih folder lain")
    places = [_placed(target, rel) for rel in names]
    folders = {str(parent) for rel in places for parent in Path(rel).parents if str(parent) != "."}
    not_folders = sorted(f for f in folders if _exists(target / f) and not (target / f).is_dir())
    if not_folders:
        raise InitError(f"{target}: berikut sudah ada tetapi bukan folder: {', '.join(not_folders)}; "
                        "pindahkan atau ganti namanya")
    existing = sorted(rel for rel in places if _exists(target / rel)
                      and not (rel in MERGED and (target / rel).is_file() and not (target / rel).is_symlink()))
    if existing:
        raise InitError(f"{target}: berkas berikut sudah ada dan tidak ditimpa: {', '.join(existing)}; "
                        "pilih folder lain atau pindahkan berkas itu")


def plan(target: Path, made: dict[str, str]) -> Plan:
    """How ``made`` goes under ``target``; InitError if it cannot (see ``refuse_existing``)."""
    refuse_existing(target, list(made))
    new, appended, notes = [], [], []
    for rel, text in made.items():
        place = _placed(target, rel)
        if place != rel:
            notes.append(f"{rel} sudah ada dan tidak diubah; panduan untuk staf ditulis di {place}")
        if rel in MERGED and _exists(target / rel):
            old = (target / rel).read_text(encoding="utf-8", errors="replace")
            have = {line.strip() for line in old.splitlines()}
            lines = [line for line in text.splitlines() if line.strip() not in have and not line.startswith("#")]
            if lines := [line for line in lines if line.strip()]:
                appended.append((rel, ("\n" if old and not old.endswith("\n") else "") +
                                 "\n# Katalog Inovasi: hasil build dan cache\n" + "".join(f"{l}\n" for l in lines)))
                notes.append(f"{rel} sudah ada; ditambahkan baris yang belum ada: {' '.join(lines)}")
            continue
        new.append((place, text))
    return Plan(tuple(new), tuple(appended), tuple(notes), _placed(target, "README.md"))


def write(target: Path, todo: Plan) -> None:
    """Carry out ``todo`` under ``target``, all or nothing: on any error, what was written is
    removed again (files, the folders made for them, lines appended) and the error raised."""
    made_files: list[Path] = []
    made_folders: list[Path] = []
    grown: list[tuple[Path, int]] = []
    try:
        for rel, text in todo.new:
            path = target / rel
            for folder in reversed([path.parent, *path.parent.parents]):
                if not _exists(folder):
                    folder.mkdir()
                    made_folders.append(folder)
            with open(path, "x", encoding="utf-8") as f:  # "x": never overwrite, even in a race
                made_files.append(path)
                f.write(text)
        for rel, text in todo.appended:
            path = target / rel
            grown.append((path, path.stat().st_size))
            with open(path, "a", encoding="utf-8") as f:
                f.write(text)
    except BaseException:
        for path, size in grown:
            os.truncate(path, size)
        for path in made_files:
            path.unlink(missing_ok=True)
        for folder in reversed(made_folders):
            with contextlib.suppress(OSError):  # something else wrote there meanwhile: leave it
                folder.rmdir()
        raise


def ask(region: str | None, base_url: str | None, title: str | None, publisher: str | None,
        prompt=input, say=print) -> Answers:
    """Ask on the terminal for every answer not given, again until each is valid."""
    while True:
        if region is None:
            region = prompt("Kode atau nama wilayah (misalnya 32.16 atau Kabupaten Bekasi): ")
        try:
            code = resolve_region(region)
            break
        except InitError as exc:
            say(exc)
            region = None
    name = region_name(code)
    title = _ask_text("judul", title, f"Judul katalog [Katalog Inovasi {name}]: ", prompt, say)
    publisher = _ask_text("penerbit", publisher, f"Penerbit, tampil di kaki halaman [Pemerintah {name}]: ", prompt, say)
    while True:
        if base_url is None:
            base_url = prompt("Alamat situs: https://... lengkap atau path seperti /katalog/; untuk GitHub Pages "
                              "https://NAMA.github.io/REPO/ [/]: ").strip() or "/"
        try:
            return answers(code, base_url, title, publisher)
        except InitError as exc:
            say(exc)
            base_url = None


def _ask_text(label: str, value: str | None, question: str, prompt, say) -> str:
    while True:
        if value is None:
            value = prompt(question)
        try:
            return one_line(label, value)
        except InitError as exc:
            say(exc)
            value = None
