"""The cache key: one function over everything that can change a byte of the output
besides the input files themselves (whose stamps the manifest keeps) and the theme
(whose digest is part of every page's signature, ``theme_digest``).

What a cached build may reuse (parses, page signatures, bodies' HTML, the files in the
output trees) was made under one key; a build under another key starts clean.

The build's day is not in the key: a new day would make every build a cold one.
Instead the manifest keeps the window of days the output is right for, from the day
of the build that decided what is published up to (not including) the first day a
scheduled entry comes due (``day_still_valid``).
"""

from __future__ import annotations

import datetime
import hashlib
import os
import sys
from functools import lru_cache
from pathlib import Path

from .. import __version__

FORMAT = 4  # the layout of the cache's files
PACKAGE = Path(__file__).resolve().parent.parent

# Distributions whose installed version shapes the output: Python-Markdown and its
# extensions, the sanitiser, the templates, YAML, dates and numbers, front-matter, the search index's stemmer.
SHAPING = ("markdown", "nh3", "jinja2", "markupsafe", "pyyaml", "babel", "python-frontmatter", "PySastrawi", "phonenumbers")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the tool's own code and data (the region table), so a changed tool
    never trusts an old cache."""
    h = hashlib.blake2b(f"{__version__} {sys.version} {FORMAT}".encode(), digest_size=16)
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and (path.suffix in (".py", ".json") or "templates" in path.parts) \
                and "__pycache__" not in path.parts:
            h.update(path.relative_to(PACKAGE).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def distribution_version(name: str) -> str:
    """The installed version of a distribution ('' when not installed)."""
    version = _installed().get(_normal(name))
    if version is not None:
        return version
    from importlib import metadata  # thorough and slow (20 ms a name): only for unusual installs

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def _normal(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def _installed() -> dict[str, str]:
    """Distribution -> version, from the names of the ``*.dist-info`` folders on the path
    (``Markdown-3.11.3.dist-info``), the first on the path winning as for imports."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for item in names:
            if item.endswith(".dist-info"):
                name, _, version = item[:-10].partition("-")
                found.setdefault(_normal(name), version)
    return found


def libyaml_version() -> str:
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return "none"
    try:
        return yaml._yaml.get_version_string()
    except AttributeError:
        return "unknown"


def library_versions() -> tuple[tuple[str, str], ...]:
    """(distribution, version) of every library that shapes the output, libyaml included."""
    found = [(name, distribution_version(name)) for name in SHAPING]
    return (*found, ("libyaml", libyaml_version()))


def cache_key(shaping_options: tuple) -> str:
    """The key a cache must have been written under to be used: the tool's code and data,
    the libraries' versions and the options that shape the site."""
    text = repr((code_digest(), library_versions(), shaping_options))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def day_still_valid(today: datetime.date, valid_from: str | None, due: str | None) -> bool:
    """Whether an output built for the days [valid_from, due) is right for ``today``: an
    earlier day must drop what was published since, a due day must publish what came due."""
    iso = today.isoformat()
    return valid_from is not None and valid_from <= iso and (due is None or iso < due)


def theme_digest(theme) -> str:
    """The theme's digest, part of every page's signature (katalog.render.signature)."""
    return theme.digest()


