"""Limits on the names that become folders of the site: slugs, file names, tags, region names."""

from __future__ import annotations

from typing import Callable

from .regionnames import slugify

# Every slug is a folder name in the output (and a tag's or region's slug too): short
# enough for every file system, and never a name Windows keeps for a device, which a
# site copied to a Windows share could not open.
MAX_SLUG = 100
MAX_TAGS_PER_ENTRY = 20
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                              *(f"lpt{i}" for i in range(1, 10))})


def slug_limit(slug: str) -> str:
    """Why a slug cannot name a folder of the site ('terlalu panjang ...'), or ''."""
    if len(slug) > MAX_SLUG:
        return f"terlalu panjang ({len(slug)} karakter; paling panjang {MAX_SLUG})"
    if slug.split(".")[0].casefold() in WINDOWS_RESERVED:
        return ("nama itu dicadangkan Windows (con, prn, aux, nul, com1-com9, lpt1-lpt9), jadi foldernya tidak dapat "
                "dibuka di Windows")
    return ""


def shown(text: str, width: int = 60) -> str:
    """``text`` cut to ``width`` characters for a message."""
    return text if len(text) <= width else text[:width] + "…"


def tag_limits(tags: tuple[str, ...], line_of: Callable[..., int]) -> list[tuple[int, str]]:
    """Each tag is a page of its own ('tag/<slug>/'): a handful per entry, each a usable folder name."""
    if len(tags) > MAX_TAGS_PER_ENTRY:
        return [(line_of(), f"field 'tags': {len(tags)} tag; paling banyak {MAX_TAGS_PER_ENTRY} tag per entri: "
                            "pilih yang paling penting")]
    problems = []
    for i, tag in enumerate(tags):
        slug = slugify(tag)
        if not slug:
            problems.append((line_of(i), f"field 'tags': tag '{shown(tag)}' tidak dapat dipakai sebagai alamat "
                                         "halaman topik: tidak ada huruf Latin atau angka di dalamnya; tulis dengan "
                                         "huruf Latin atau angka"))
            continue
        reason = slug_limit(slug)
        if reason:
            problems.append((line_of(i), f"field 'tags': tag '{shown(tag)}' tidak dapat dipakai sebagai alamat "
                                         f"halaman topik: {reason}"))
    return problems
