"""Themes: where templates, static files and translations come from.

A theme is a folder with ``templates/``, ``static/``, ``i18n/<lang>.yaml`` and an
optional ``theme.yaml`` saying ``extends: <parent>``. A child overrides only the
files it has; the rest come from its parents. A theme is looked up by folder name,
first in the site's own ``themes/`` folder (beside the content folder), then among the
themes built into the package (``katalog/themes/``, package data found through
``importlib.resources``, so an installed tool has them too).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .yamlload import YamlError, load

STATIC = "static"  # the folder of a theme's static files, published under urls.STATIC
THEME_NAME = re.compile(r"[A-Za-z0-9_-]+")  # a folder name: no separator, no '..', never absolute


class ThemeError(Exception):
    """A theme that cannot be used; ``path``/``line`` say where, when a file is to blame."""

    def __init__(self, message: str, path: str | None = None, line: int = 0):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line


def builtin_themes() -> Path:
    """The folder of the themes that ship inside the package."""
    folder = resources.files("katalog").joinpath("themes")
    if not isinstance(folder, Path):  # a zipped package: the theme's files must be real files for Jinja
        raise ThemeError("tema bawaan tidak dapat dibaca: paket katalog harus terpasang sebagai folder biasa, "
                         "bukan di dalam arsip zip")
    return folder


@dataclass(frozen=True)
class Theme:
    name: str
    chain: tuple[Path, ...]  # the theme folder first, then its parents

    @property
    def template_dirs(self) -> list[str]:
        return [str(p / "templates") for p in self.chain if (p / "templates").is_dir()]

    def digest(self) -> str:
        """A digest of everything in the theme that shapes a page (templates, translations,
        theme.yaml): part of every page's signature. Static files are not rendered: a page
        sees a changed CSS or JS file through its hashed name (katalog.assets) in its context."""
        h = hashlib.blake2b(digest_size=16)
        for i, folder in enumerate(self.chain):
            for path in sorted(folder.rglob("*")):
                rel = path.relative_to(folder).as_posix()
                if path.is_file() and rel.partition("/")[0] != STATIC:
                    h.update(f"{i}:{rel}\0".encode())
                    h.update(path.read_bytes())
        return h.hexdigest()

    def static_files(self) -> dict[str, Path]:
        """Output-relative path -> source file; a child's file wins over its parent's."""
        files: dict[str, Path] = {}
        for folder in reversed(self.chain):
            static = folder / STATIC
            for path in sorted(static.rglob("*")) if static.is_dir() else ():
                if path.is_file() and not path.name.startswith("."):
                    files[path.relative_to(static).as_posix()] = path
        return files

    def translations(self, lang: str) -> dict[str, str]:
        """Every UI string for ``lang``, a child's string winning over its parent's."""
        merged: dict[str, str] = {}
        for folder in reversed(self.chain):
            path = folder / "i18n" / f"{lang}.yaml"
            if path.is_file():
                merged.update(_read_strings(path))
        if not merged:
            raise ThemeError(f"tema '{self.name}' tidak punya terjemahan untuk bahasa '{lang}' (i18n/{lang}.yaml)")
        return merged


def _read_yaml(path: Path):
    """The YAML document in ``path`` with its line marks; a problem names the file and line."""
    try:
        return load(path.read_text(encoding="utf-8"))
    except YamlError as exc:
        raise ThemeError(exc.message, str(path), exc.line) from None
    except UnicodeDecodeError:
        raise ThemeError("berkas bukan teks UTF-8; simpan ulang sebagai UTF-8", str(path), 1) from None
    except OSError as exc:
        raise ThemeError(f"berkas tidak dapat dibaca ({exc.strerror})", str(path)) from None


def _read_strings(path: Path) -> dict[str, str]:
    """An i18n file: a mapping of string keys to string values (numbers and yes/no are read as written)."""
    doc = _read_yaml(path)
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        raise ThemeError("berkas terjemahan harus berisi pasangan 'kunci: teks', satu per baris", str(path),
                         doc.line_of(default=1))
    strings: dict[str, str] = {}
    for key, value in doc.data.items():
        raw = doc.raw_of(key)
        if isinstance(value, (dict, list)) or value is None:
            what = "kosong" if value is None else "daftar" if isinstance(value, list) else "kumpulan field"
            raise ThemeError(f"terjemahan '{doc.key_of(key)}' harus berupa teks, bukan {what}", str(path),
                             doc.line_of(key, default=1))
        strings[doc.key_of(key)] = raw if raw is not None and not isinstance(value, str) else str(value)
    return strings


def _parent(folder: Path) -> tuple[str, str, int] | None:
    """The theme that ``folder``'s theme.yaml extends, with the file and line saying so;
    only a theme folder's name is allowed, never a path."""
    path = folder / "theme.yaml"
    if not path.is_file():
        return None
    doc = _read_yaml(path)
    if doc.data is None:
        return None
    if not isinstance(doc.data, dict):
        raise ThemeError("theme.yaml harus berisi field, misalnya 'extends: default'", str(path),
                         doc.line_of(default=1))
    value = doc.data.get("extends")
    if value is None:
        return None
    line = doc.line_of("extends", default=1)
    if not isinstance(value, str) or not THEME_NAME.fullmatch(value):
        raw = doc.raw_of("extends")
        what = f"extends '{raw}' tidak valid" if raw is not None else "extends harus satu nama, bukan daftar atau field"
        raise ThemeError(f"{what}; tulis nama sebuah folder tema di themes/ atau nama tema bawaan, misalnya default "
                         "(huruf, angka, '-' dan '_'; bukan jalur folder)", str(path), line)
    return value, str(path), line


def find_theme(name: str, site_themes: Path) -> Theme:
    """The theme ``name`` and its parents, looked up in ``site_themes`` then among the built-in themes."""
    builtin = builtin_themes()
    chain: list[Path] = []
    current: tuple[str, str | None, int] | None = (name, None, 0)  # name, and the theme.yaml line naming it
    while current:
        wanted, path, line = current
        folder = next((d / wanted for d in (site_themes, builtin) if (d / wanted).is_dir()), None)
        if folder is None:
            raise ThemeError(f"tema '{wanted}' tidak ditemukan di {site_themes} atau di tema bawaan", path, line)
        if folder in chain:
            raise ThemeError(f"tema '{wanted}' memperluas dirinya sendiri secara melingkar", path, line)
        chain.append(folder)
        current = _parent(folder)
    return Theme(name, tuple(chain))
