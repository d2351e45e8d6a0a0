"""The theme's static files as published: CSS and JavaScript under names that carry a
digest of their content ('static/style.<hash>.css'), so a server may let browsers keep
them for a year (the server files say so) while the pages that link them stay fresh.

A script that imports a sibling module ('./indeks.js') or a style sheet that points at
another file (url(...), @import) is published with those references rewritten to the
hashed names, leaves first: a changed module changes its own name and the name of
every file that imports it. Other files (the favicon, images, fonts) keep their names.

Read once, where the theme is loaded (katalog.site); the plan gets only the names.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from .theme import ThemeError
from .urls import HASHED, hashed_name

# A relative module specifier in import/export ... from "./x.js", import "./x.js", import("./x.js").
_JS_REFERENCE = re.compile(r"""(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.\.?/[^"'\n]+)\2""")
# A relative reference in CSS: url(x), url("x"), @import "x".
_CSS_REFERENCE = re.compile(r"""(url\(\s*|@import\s+)(["']?)([^"'()\s]+)\2""")


@dataclass(frozen=True)
class Asset:
    """A static file as published: ``name`` under the static folder (hashed for CSS and
    JS), and for those the bytes to write (references rewritten); None: copied as is."""

    source: Path
    name: str
    data: bytes | None = None
    digest: str = ""  # the hashed file's content digest (hex), its token in the output's record


def prepare(static: dict[str, Path]) -> dict[str, Asset]:
    """Static rel -> its Asset, for every file of ``static`` (theme.static_files())."""
    assets: dict[str, Asset] = {}
    for rel in sorted(static):
        _prepare(rel, static, assets, ())
    return assets


def _prepare(rel: str, static: dict[str, Path], assets: dict[str, Asset], chain: tuple[str, ...]) -> Asset:
    done = assets.get(rel)
    if done is not None:
        return done
    source = static[rel]
    if not rel.endswith(HASHED):
        assets[rel] = Asset(source, rel)
        return assets[rel]
    if rel in chain:
        raise ThemeError(f"berkas statis saling merujuk secara melingkar: {' -> '.join(chain + (rel,))}", str(source))
    try:
        text = source.read_bytes().decode("utf-8", "surrogateescape")
    except OSError as exc:
        raise ThemeError(f"berkas statis tidak dapat dibaca ({exc.strerror})", str(source)) from None
    pattern = _JS_REFERENCE if rel.endswith(".js") else _CSS_REFERENCE

    def rewrite(match: re.Match) -> str:
        target = _target(rel, match.group(3))
        if target is None or target not in static or not target.endswith(HASHED):
            return match.group(0)
        name = _prepare(target, static, assets, chain + (rel,)).name
        here = posixpath.dirname(rel) or "."
        new = posixpath.relpath(name, here)
        if match.group(3).startswith("./") and not new.startswith("../"):
            new = "./" + new
        return f"{match.group(1)}{match.group(2)}{new}{match.group(2)}"

    data = pattern.sub(rewrite, text).encode("utf-8", "surrogateescape")
    digest = hashlib.sha256(data).hexdigest()
    assets[rel] = Asset(source, hashed_name(rel, digest), data, digest)
    return assets[rel]


def _target(rel: str, reference: str) -> str | None:
    """The static rel a relative reference of ``rel`` names (query and fragment dropped);
    None for an absolute address, a data: URL or a reference leaving the static folder."""
    path = reference.split("#", 1)[0].split("?", 1)[0]
    if not path or path.startswith("/") or ":" in path:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
    return None if joined.startswith("../") or joined == ".." else joined


def names(assets: dict[str, Asset]) -> dict[str, str]:
    """Static rel -> published name under the static folder: what the plan links."""
    return {rel: a.name for rel, a in assets.items()}
