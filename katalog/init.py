"""``katalog init DIR``: a new catalogue for one region, ready to build and to publish.

The files come from ``katalog/templates/init/`` (package data), a tree laid out as the
new folder is, with ``@NAME@`` placeholders and ``dot-`` standing for a leading dot
(package data globs skip hidden files): ``content/`` with ``site.yaml`` and one example
entry of each kind, a ``.gitignore``, a README for the region's staff, a
``requirements.txt`` pinning the tool, and publishing pipelines for GitHub Actions and
GitLab CI. Nothing that exists is ever overwritten.
"""

from __future__ import annotations

import datetime
import json
import unicodedata
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from . import __version__
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


def _values(a: Answers, today: datetime.date) -> dict[str, str]:
    name = region_name(a.code)
    description = f"Katalog inovasi daerah {name}, beserta kunjungan kerja dan berita yang berkaitan."
    return {
        "JUDUL": a.title, "WILAYAH": name, "KODE": a.code, "KODE_TAMU": _visitor(a.code),
        # yesterday: on a CI runner in UTC, a date that is today here can still be tomorrow there
        "TANGGAL": (today - datetime.timedelta(days=1)).isoformat(), "VERSI": __version__,
        "JUDUL_YAML": _yaml(a.title), "DESKRIPSI_YAML": _yaml(description),
        "BASE_URL_YAML": _yaml(a.base_url), "PENERBIT_YAML": _yaml(a.publisher),
    }


def _walk(folder: Traversable, prefix: str = ""):
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        name = "." + item.name[4:] if item.name.startswith("dot-") else item.name
        if item.is_dir():
            yield from _walk(item, f"{prefix}{name}/")
        elif not name.endswith((".pyc", "~")):
            yield f"{prefix}{name}", item


def files(a: Answers, today: datetime.date) -> dict[str, str]:
    """Relative path -> text of every file of the new catalogue."""
    values = _values(a, today)
    root = resources.files("katalog").joinpath(*TEMPLATES)
    made: dict[str, str] = {}
    for rel, item in _walk(root):
        text = item.read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace(f"@{key}@", value)
        made[rel] = text
    return made


def refuse_existing(target: Path) -> None:
    """InitError listing the files of a new catalogue that already exist under ``target``."""
    root = resources.files("katalog").joinpath(*TEMPLATES)
    existing = sorted(rel for rel, _ in _walk(root) if (target / rel).exists() or (target / rel).is_symlink())
    if existing:
        raise InitError(f"{target}: berkas berikut sudah ada dan tidak ditimpa: {', '.join(existing)}; "
                        "pilih folder lain atau pindahkan berkas itu")


def write(target: Path, made: dict[str, str]) -> None:
    """Write ``made`` under ``target``; InitError, with nothing written, if any of the files exists."""
    refuse_existing(target)
    for rel, text in made.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as f:  # "x": never overwrite, even in a race
            f.write(text)


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
