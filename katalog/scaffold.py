"""``python build.py new innovation|visit|news|page "Judul"``: a new content file to fill in.

The file is written from the same schema the validator uses (``katalog.schema``):
every field appears, required ones first and left empty where only the writer knows
the value (so a forgotten one is reported by the build, never published as a
placeholder), optional ones commented out, each with what it means and the values
it allows. Dates that belong to the day of writing are today's.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .iidsections import MIN_DESIGN_WORDS, SECTIONS, heading
from .regions import slugify
from .schema import FOLDERS, SCHEMAS, Field
from .structured import STRUCTURED
from .vocab import VOCABULARIES

# Accepted on the command line: the schema's kind names and the site's Indonesian words.
KINDS = MappingProxyType({"innovation": "innovation", "inovasi": "innovation", "visit": "visit", "kunjungan": "visit",
                          "news": "news", "berita": "news", "page": "page", "halaman": "page"})
FOLDER_OF = MappingProxyType({kind: folder for folder, kind in FOLDERS.items()})
MAX_SLUG = 80
# Fields filled with today's date in a new file.
TODAY_FIELDS = frozenset({"date"})


class ScaffoldError(Exception):
    pass


@dataclass(frozen=True)
class NewFile:
    path: Path
    text: str


def title_slug(title: str) -> str:
    """'Jum'at Bersih: Kota Bau-Bau' -> 'jumat-bersih-kota-bau-bau' (ASCII, at most 80 characters)."""
    slug = slugify(re.sub(r"['’`]", "", title))
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def allowed(field: Field) -> str:
    """What a field accepts, in the words of the staff guide."""
    if field.kind == "choice":
        return "salah satu dari: " + ", ".join(VOCABULARIES[field.vocabulary])
    if field.kind in STRUCTURED:
        shape = STRUCTURED[field.kind]
        parts = "; ".join(f"{p.name}{' (wajib)' if p.required else ''}: {p.help}" for p in shape.parts)
        return (f"daftar {shape.help}, tiap butir berisi " if shape.many else "berisi ") + parts
    return {
        "text": "teks",
        "texts": "daftar teks, misalnya [satu, dua]",
        "code": 'kode wilayah Kemendagri dalam tanda kutip, misalnya "32.16"',
        "codes": 'daftar kode wilayah dalam tanda kutip, misalnya ["32.75", "17.71"]',
        "date": "tanggal YYYY-MM-DD",
        "partial_date": 'tahun, bulan atau tanggal: 2023, "2023-11" atau 2023-11-16',
        "slug": "slug entri (nama berkasnya tanpa .md)",
        "slugs": "daftar slug entri, misalnya [slug-satu, slug-dua]",
        "url": "alamat https://... atau mailto:...",
        "int": "bilangan bulat",
        "bool": "true atau false",
    }[field.kind]


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _lines(field: Field, title: str, today: datetime.date) -> list[str]:
    note = ("Wajib. " if field.required else "") + field.help
    if field.kind == "choice":
        note += " " + allowed(field).capitalize() + "."
    if field.name == "title":
        return [f"title: {_yaml_text(title)}"]
    if field.name in TODAY_FIELDS:
        return [f"{field.name}: {today.isoformat()}  # {note}"]
    if field.kind in STRUCTURED:
        shape = STRUCTURED[field.kind]
        names = shape.names()
        if shape.many:
            return [f"# {field.name}:  # {note}", f"#   - {names[0]}: "] + [f"#     {n}: " for n in names[1:]]
        return [f"# {field.name}:  # {note}"] + [f"#   {n}: " for n in names]
    if field.required:
        return [f"{field.name}:  # {note}"]
    return [f"# {field.name}:  # {note}"]


def new_file(content: Path, kind_word: str, title: str, today: datetime.date | None = None) -> NewFile:
    kind = KINDS.get(kind_word.strip().lower())
    if kind is None:
        raise ScaffoldError(f"jenis '{kind_word}' tidak dikenal; pilih salah satu: innovation, visit, news, page "
                            "(atau inovasi, kunjungan, berita, halaman)")
    title = " ".join(title.split())
    slug = title_slug(title)
    if not slug:
        raise ScaffoldError(f"judul '{title}' tidak menghasilkan nama berkas; pakai huruf atau angka")
    path = content / FOLDER_OF[kind] / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path} sudah ada; berkas itu tidak ditimpa. Pilih judul lain atau sunting berkas itu")
    today = today or datetime.date.today()
    fields = [f for f in SCHEMAS[kind] if f.name != "slug"]
    ordered = [f for f in fields if f.required] + [f for f in fields if not f.required]
    lines = ["---"]
    for field in ordered:
        lines += _lines(field, title, today)
    lines += ["---", ""]
    if kind == "innovation":
        lines += ["<!-- Tulis uraian di bawah ini dalam Markdown, per bagian profil Indeks Inovasi Daerah.",
                  f"     Rancang bangun sedikitnya {MIN_DESIGN_WORDS} kata. Catatan ini tidak tampil di situs. -->", ""]
        for key in SECTIONS:
            lines += [f"## {heading(key, 'id')}", "", ""]
    else:
        lines += ["<!-- Tulis uraian di bawah ini dalam Markdown: apa masalahnya, apa yang dilakukan, siapa",
                  "     pelaksananya dan apa hasilnya. Catatan ini tidak tampil di situs. -->", ""]
    return NewFile(path, "\n".join(lines))


def write_new(new: NewFile) -> None:
    new.path.parent.mkdir(parents=True, exist_ok=True)
    with open(new.path, "x", encoding="utf-8") as f:  # "x": never overwrite, even in a race
        f.write(new.text)
