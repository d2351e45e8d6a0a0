"""Front-matter schemas: one declaration per field gives validation, defaults and docs.

``check_fields`` turns raw YAML values into clean Python values and lists every
problem, each with the line it stands on. Existence checks that need the whole
catalogue (slugs, region codes) happen in ``katalog.catalogue``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Callable

from .diagnostics import did_you_mean
from .limits import MAX_SLUG, MAX_TAGS_PER_ENTRY, shown, slug_limit, tag_limits
from .regionnames import by_name, official
from .sanitize import MAX_TAGS, plain_text, too_many_tags
from .vocab import VOCABULARIES
from .yamlload import BadDate, YamlDoc

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE_RE = re.compile(r"^\d{2}(?:\.\d{2})?$")
URL_RE = re.compile(r"^(?:https?://[^\s/$.?#][^\s]*|mailto:[^\s@]+@[^\s@]+)$", re.IGNORECASE)

@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day (``2023``, ``2023-11``, ``2023-11-16``)."""

    year: int
    month: int = 0
    day: int = 0

    def as_date(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    required: bool = False
    vocabulary: str = ""  # for kind "choice"
    ref: str = ""  # for kinds "slug"/"slugs": the entry kind referred to
    help: str = ""  # Indonesian, for the staff guide


class Problem(Exception):
    """A value that does not fit its field; ``path`` locates it inside the field."""

    def __init__(self, message: str, *path: Any):
        super().__init__(message)
        self.message = message
        self.path = path


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "ya/tidak (boolean)"
    if isinstance(value, (int, float)):
        return f"angka {value}"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "pasangan kunci-nilai"
    if isinstance(value, datetime.date):
        return f"tanggal {value}"
    if value is None:
        return "kosong"
    return "teks"


def _text(value: Any, doc: YamlDoc, name: str) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = doc.raw_of(name) or str(value)  # a title like "2045" is still text
    if not isinstance(value, str):
        raise Problem(f"harus berupa teks, bukan {_type_name(value)}")
    value = value.strip()
    if not value:
        raise Problem("tidak boleh kosong")
    return _plain(value)


def _plain(value: str, *path: Any) -> str:
    """Front-matter text is plain text: markup in it is taken out (see katalog.sanitize)."""
    if too_many_tags(value):
        raise Problem(f"berisi lebih dari {MAX_TAGS} tanda '<'; field ini berupa teks biasa", *path)
    text = plain_text(value)
    if not text:
        raise Problem("hanya berisi markup HTML; field ini berupa teks biasa, tanpa tag HTML", *path)
    return text


def _code(value: Any, doc: YamlDoc, *path: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raw = doc.raw_of(*path) or str(value)
        raise Problem(
            f"kode wilayah {raw} dibaca YAML sebagai angka {value}; "
            f"tulis kode wilayah dalam tanda kutip: '{raw}'", *path[1:]
        )
    if not isinstance(value, str) or not CODE_RE.match(value.strip()):
        text = value if isinstance(value, str) else _type_name(value)
        raise Problem(f"'{shown(text)}' bukan kode wilayah Kemendagri; "
                      + (_code_of_name(value) if isinstance(value, str) else _WRITE_CODE), *path[1:])
    return value.strip()


_WRITE_CODE = "tulis kode provinsi ('32') atau kabupaten/kota ('32.75') dalam tanda kutip"


def _code_of_name(name: str) -> str:
    """What to write instead of a region's name: its code, the codes it may mean, or how to find them."""
    found = by_name(official(), name[:200])
    if len(found) == 1:
        code, official_name = found[0]
        return f"'{official_name}' adalah kode '{code}': tulis kodenya dalam tanda kutip, \"{code}\""
    if found:
        return (f"nama itu cocok dengan beberapa wilayah: {', '.join(f'{c!r} {n}' for c, n in found)}; "
                "tulis kode yang dimaksud dalam tanda kutip")
    if re.search(r"[^\W\d_]", name):  # letters: a name, perhaps misspelt
        return f"{_WRITE_CODE}; 'python build.py wilayah NAMA' menampilkan kode dari nama wilayah"
    return _WRITE_CODE


def _list(value: Any, item: Callable[[Any, int], Any]) -> tuple:
    if value is None:
        return ()
    if not isinstance(value, list):
        value = [value]  # a single value is a one-item list
    return tuple(item(v, i) for i, v in enumerate(value))


def _full_date(value: Any, doc: YamlDoc, name: str) -> datetime.date:
    if isinstance(value, BadDate):
        raise Problem(f"'{value}' bukan tanggal yang ada di kalender; tulis tanggal sebagai YYYY-MM-DD, misalnya 2017-08-02")
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    shown = value if isinstance(value, str) else _type_name(value)
    raise Problem(f"'{shown}' bukan tanggal; tulis tanggal sebagai YYYY-MM-DD, misalnya 2017-08-02")


_PARTIAL_RE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")


def _partial_date(value: Any, doc: YamlDoc, name: str) -> PartialDate:
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        return PartialDate(value)
    if isinstance(value, str) and not isinstance(value, BadDate):
        m = _PARTIAL_RE.match(value.strip())
        if m and (not m.group(2) or 1 <= int(m.group(2)) <= 12):
            return PartialDate(int(m.group(1)), int(m.group(2) or 0))
    try:
        d = _full_date(value, doc, name)
    except Problem:
        shown = value if isinstance(value, str) else _type_name(value)
        raise Problem(
            f"'{shown}' bukan tanggal; tulis YYYY-MM-DD (2023-11-16), "
            "YYYY-MM dalam tanda kutip ('2023-11') atau tahun saja (2023)"
        ) from None
    return PartialDate(d.year, d.month, d.day)


def _choice(value: Any, field: Field) -> str:
    allowed = VOCABULARIES[field.vocabulary]
    if not isinstance(value, str) or value.strip() not in allowed:
        shown = value if isinstance(value, str) else _type_name(value)
        raise Problem(
            f"nilai '{shown}' tidak dikenal{did_you_mean(shown, allowed)}; "
            f"nilai yang diizinkan: {', '.join(allowed)}"
        )
    return value.strip()


def _slug(value: Any, *path: Any) -> str:
    if not isinstance(value, str) or not SLUG_RE.match(value.strip()):
        text = value if isinstance(value, str) else _type_name(value)
        raise Problem(
            f"'{text}' bukan slug; slug memakai huruf kecil, angka dan tanda hubung, "
            "misalnya 'pancoranmas-kabupaten-bekasi'", *path
        )
    return value.strip()


def _url(value: Any) -> str:
    if not isinstance(value, str) or not URL_RE.match(value.strip()):
        shown = value if isinstance(value, str) else _type_name(value)
        raise Problem(f"'{shown}' bukan alamat yang diizinkan; tulis alamat lengkap yang diawali https:// atau http://")
    return value.strip()


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise Problem(f"harus berupa bilangan bulat positif, bukan {_type_name(value) if not isinstance(value, int) or isinstance(value, bool) else value}")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Problem(f"harus bernilai true atau false, bukan {_type_name(value)}")
    return value


def _mapping(value: Any, keys: dict[str, Callable[[Any, tuple], Any]], required: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        raise Problem(f"harus berupa pasangan kunci-nilai ({', '.join(keys)}), bukan {_type_name(value)}")
    out = {}
    for key, raw in value.items():
        if key not in keys:
            raise Problem(f"kunci '{key}' tidak dikenal{did_you_mean(key, keys)}; kunci yang tersedia: {', '.join(keys)}", key)
        out[key] = keys[key](raw, (key,))
    for key in required:
        if key not in out:
            raise Problem(f"kunci '{key}' wajib diisi")
    return out


def convert(field: Field, value: Any, doc: YamlDoc) -> Any:
    """Clean ``value`` for ``field`` or raise Problem."""
    name = field.name
    k = field.kind
    if k == "text":
        return _text(value, doc, name)
    if k == "texts":
        return _list(value, lambda v, i: _text_item(v, i))
    if k == "code":
        return _code(value, doc, name)
    if k == "codes":
        codes = _list(value, lambda v, i: _code(v, doc, name, i))
        if field.required and not codes:
            raise Problem("harus berisi sedikitnya satu kode wilayah")
        return codes
    if k == "date":
        return _full_date(value, doc, name)
    if k == "partial_date":
        return _partial_date(value, doc, name)
    if k == "choice":
        return _choice(value, field)
    if k == "slug":
        slug = _slug(value)
        reason = slug_limit(slug) if name == "slug" else ""
        if reason:
            raise Problem(f"'{shown(slug)}' tidak dapat dipakai sebagai slug: {reason}; pilih slug lain")
        return slug
    if k == "slugs":
        return _list(value, lambda v, i: _slug(v, i))
    if k == "url":
        return _url(value)
    if k == "int":
        return _int(value)
    if k == "bool":
        return _bool(value)
    if k == "image":
        return _mapping(value, {"src": lambda v, p: _text_item(v, *p), "alt": lambda v, p: _text_item(v, *p)}, ("src",))
    if k == "source":
        return _mapping(value, {"name": lambda v, p: _text_item(v, *p), "url": lambda v, p: _url_item(v, *p)}, ("name",))
    raise AssertionError(f"unknown field kind {k}")


def _text_item(value: Any, *path: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise Problem(f"harus berupa teks, bukan {_type_name(value)}", *path)
    return _plain(value.strip(), *path)


def _url_item(value: Any, *path: Any) -> str:
    try:
        return _url(value)
    except Problem as p:
        raise Problem(p.message, *path) from None


_SLUG_HELP = (f"Alamat halaman; bawaannya nama berkas. Paling panjang {MAX_SLUG} karakter, dan bukan nama yang "
              "dicadangkan Windows (`con`, `prn`, `aux`, `nul`, `com1`-`com9`, `lpt1`-`lpt9`); aturan yang sama "
              "berlaku untuk nama berkas bila `slug` tidak diisi.")
_CODE_HELP = " Tidak tahu kodenya? `python build.py wilayah NAMA` menampilkannya, misalnya `python build.py wilayah bekasi`."

_COMMON_TAIL = (
    Field("tags", "texts", help=f"Kata kunci bebas untuk halaman topik, misalnya `kesehatan`, `umkm`; paling banyak "
                                f"{MAX_TAGS_PER_ENTRY} tag per entri, masing-masing paling panjang {MAX_SLUG} karakter."),
    Field("image", "image", help="Gambar utama: `src` (nama berkas di `content/media/`) dan `alt` (keterangan gambar untuk pembaca layar)."),
    Field("draft", "bool", help="`true` agar entri tidak diterbitkan (hanya tampil dengan `--drafts`)."),
    Field("slug", "slug", help=_SLUG_HELP),
)

SCHEMAS: MappingProxyType[str, tuple[Field, ...]] = MappingProxyType({
    "innovation": (
        Field("title", "text", True, help="Nama inovasi."),
        Field("region", "code", True, help="Kode wilayah Kemendagri pemilik inovasi, dalam tanda kutip, misalnya `\"32.16\"`." + _CODE_HELP),
        Field("summary", "text", True, help="Ringkasan satu atau dua kalimat."),
        Field("stage", "choice", True, vocabulary="stage", help="Tahapan inovasi."),
        Field("form", "choice", vocabulary="form", help="Bentuk inovasi daerah."),
        Field("type", "choice", vocabulary="type", help="Jenis inovasi."),
        Field("initiator", "choice", vocabulary="initiator", help="Inisiator inovasi."),
        Field("sector", "choice", vocabulary="sector", help="Urusan pemerintahan (UU 23/2014)."),
        Field("agency", "text", help="Perangkat daerah atau unit pelaksana."),
        Field("started", "partial_date", help="Mulai dirintis: `2023-11-16`, `\"2023-11\"` atau `2023`."),
        Field("implemented", "partial_date", help="Mulai diterapkan: `2023-11-16`, `\"2023-11\"` atau `2023`."),
        Field("replicates", "slug", ref="innovation", help="Slug inovasi yang direplikasi oleh inovasi ini."),
        Field("related", "slugs", ref="innovation", help="Slug inovasi lain yang berkaitan."),
        Field("website", "url", help="Alamat situs web (https://...)."),
        Field("contact", "text", help="Kontak yang dapat dihubungi warga."),
    ) + _COMMON_TAIL,
    "visit": (
        Field("title", "text", True, help="Judul kunjungan."),
        Field("date", "date", True, help="Tanggal kunjungan, YYYY-MM-DD."),
        Field("host", "code", True, help="Kode wilayah tuan rumah, dalam tanda kutip, misalnya `\"32.75\"`." + _CODE_HELP),
        Field("visitors", "codes", True, help="Daftar kode wilayah pemerintah daerah yang berkunjung, misalnya `[\"17.71\"]`."),
        Field("summary", "text", True, help="Ringkasan satu atau dua kalimat."),
        Field("lead", "text", help="Pemimpin rombongan."),
        Field("delegation_size", "int", help="Jumlah anggota rombongan."),
        Field("topics", "texts", help="Pokok bahasan kunjungan."),
        Field("innovations", "slugs", ref="innovation", help="Slug inovasi yang dipelajari."),
        Field("outcome", "text", help="Hasil atau tindak lanjut kunjungan."),
    ) + _COMMON_TAIL,
    "news": (
        Field("title", "text", True, help="Judul berita."),
        Field("date", "date", True, help="Tanggal berita, YYYY-MM-DD."),
        Field("summary", "text", True, help="Ringkasan satu atau dua kalimat."),
        Field("regions", "codes", help="Daftar kode wilayah yang diberitakan, misalnya `[\"32.16\", \"32.75\"]`."),
        Field("innovations", "slugs", ref="innovation", help="Slug inovasi yang disebut."),
        Field("visits", "slugs", ref="visit", help="Slug kunjungan yang disebut."),
        Field("source", "source", help="Sumber berita: `name` dan `url`."),
    ) + _COMMON_TAIL,
    "page": (
        Field("title", "text", True, help="Judul halaman."),
        Field("summary", "text", help="Ringkasan untuk mesin pencari dan pratinjau tautan."),
        Field("menu", "int", help="Urutan di menu utama; kosongkan agar tidak tampil di menu."),
        Field("draft", "bool", help="`true` agar halaman tidak diterbitkan."),
        Field("slug", "slug", help=_SLUG_HELP),
    ),
})

FOLDERS = MappingProxyType({"innovations": "innovation", "visits": "visit", "news": "news", "pages": "page"})


def check_fields(kind: str, doc: YamlDoc) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    """Validate a front-matter mapping; returns clean values and (line, message) problems."""
    fields = {f.name: f for f in SCHEMAS[kind]}
    data = doc.data
    problems: list[tuple[int, str]] = []
    clean: dict[str, Any] = {}
    for key, line in doc.duplicates:
        problems.append((line, f"field '{key}' ditulis dua kali; hapus salah satunya"))
    for key, value in data.items():
        field = fields.get(key) if isinstance(key, str) else None
        if field is None:
            shown = str(key) if len(str(key)) <= 60 else str(key)[:60] + "…"
            problems.append((doc.line_of(key), f"field '{shown}' tidak dikenal{did_you_mean(str(key)[:60], fields)}; "
                                               f"field yang tersedia: {', '.join(fields)}"))
            continue
        if value is None:
            continue  # empty: nothing to convert; a required field is reported below
        try:
            clean[key] = convert(field, value, doc)
        except Problem as p:
            line = doc.line_of(key, *p.path)
            problems.append((line, f"field '{key}': {p.message}"))
    for name, value in clean.items():  # a reference or region named twice is a slip
        if fields[name].kind in ("slugs", "codes"):
            seen: set = set()
            for i, item in enumerate(value):
                if item in seen:
                    problems.append((doc.line_of(name, i), f"field '{name}': '{item}' disebut dua kali; hapus salah satunya"))
                seen.add(item)
    problems += tag_limits(clean.get("tags", ()), lambda *path: doc.line_of("tags", *path))
    if kind == "visit" and clean.get("host") in clean.get("visitors", ()):
        i = clean["visitors"].index(clean["host"])
        problems.append((doc.line_of("visitors", i), f"field 'visitors': '{clean['host']}' adalah tuan rumah (host); "
                                                     "isi visitors dengan daerah yang berkunjung"))
    for field in fields.values():
        if field.required and data.get(field.name) is None:
            if field.name in data:
                problems.append((doc.line_of(field.name), f"field '{field.name}' wajib diisi"))
            else:
                problems.append((1, f"field wajib '{field.name}' tidak ada; tambahkan '{field.name}:' di front-matter"))
    return clean, problems
