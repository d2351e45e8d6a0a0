"""Themes: where templates, static files and translations come from.

A theme is a folder with ``templates/``, ``static/``, ``i18n/<lang>.yaml`` and an
optional ``theme.yaml`` saying ``extends: <parent>``. A child overrides only the
files it has; the rest come from its parents.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

BUILTIN_THEMES = Path(__file__).resolve().parent.parent / "themes"
STATIC = "static"  # the folder of a theme's static files, published under urls.STATIC


class ThemeError(Exception):
    pass


@dataclass(frozen=True)
class Theme:
    name: str
    chain: tuple[Path, ...]  # the theme folder first, then its parents

    @property
    def template_dirs(self) -> list[str]:
        return [str(p / "templates") for p in self.chain if (p / "templates").is_dir()]

    def digest(self) -> str:
        """A digest of everything in the theme that shapes a page (templates, translations,
        theme.yaml; static files are copied, not rendered): part of every page's signature."""
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
        merged: dict[str, str] = {}
        for folder in reversed(self.chain):
            path = folder / "i18n" / f"{lang}.yaml"
            if path.is_file():
                data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
                merged.update({str(k): str(v) for k, v in data.items()})
        if not merged:
            raise ThemeError(f"tema '{self.name}' tidak punya terjemahan untuk bahasa '{lang}' (i18n/{lang}.yaml)")
        return merged


def find_theme(name: str, site_themes: Path) -> Theme:
    chain: list[Path] = []
    current: str | None = name
    while current:
        folder = next((d / current for d in (site_themes, BUILTIN_THEMES) if (d / current).is_dir()), None)
        if folder is None:
            raise ThemeError(f"tema '{current}' tidak ditemukan di {site_themes} atau di tema bawaan")
        if folder in chain:
            raise ThemeError(f"tema '{current}' memperluas dirinya sendiri secara melingkar")
        chain.append(folder)
        meta_path = folder / "theme.yaml"
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else None
        current = (meta or {}).get("extends")
    return Theme(name, tuple(chain))
