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
from .structured import STRUCTURED, Problems
from .structured import convert as convert_structured
from .values import (URL_RE, PartialDate, Problem, _full_date, _list, _partial_date, _plain, _text_item, _type_name,
                     _url, _url_item, control_character)
from .vocab import VOCABULARIES
from .yamlload import YamlDoc

__all__ = ["PartialDate", "Problem", "URL_RE", "_text_item", "_url", "_url_item"]  # imported from here elsewhere

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE_RE = re.compile(r"^\d{2}(?:\.\d{2})?$")

@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    required: bool = False
    vocabulary: str = ""  # for kind "choice"
    ref: str = ""  # for kinds "slug"/"slugs": the entry kind referred to
    help: str = ""  # Indonesian, for the staff guide


def _text(value: Any, doc: YamlDoc, name: str) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = doc.raw_of(name) or str(value)  # a title like "2045" is still text
    if not isinstance(value, str):
        raise Problem(f"harus berupa teks, bukan {_type_name(value)}")
    value = value.strip()
    if not value:
        raise Problem("tidak boleh kosong")
    return _plain(value)


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


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise Problem(f"harus berupa bilangan bulat positif, bukan {_type_name(value) if not isinstance(value, int) or isinstance(value, bool) else value}")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Problem(f"harus bernilai true atau false, bukan {_type_name(value)}")
    return value


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
    if k in STRUCTURED:
        if k == "contact" and isinstance(value, str):
            raise Problem("berupa pasangan kunci-nilai, bukan teks; pindahkan isinya ke kunci yang sesuai, misalnya "
                          "contact: {unit: Puskesmas Lemahabang, phone: \"(021) 8970000\"}; "
                          f"kunci yang tersedia: {', '.join(STRUCTURED[k].names())}")
        return convert_structured(STRUCTURED[k], value)
    raise AssertionError(f"unknown field kind {k}")


_SLUG_HELP = (f"Alamat halaman; bawaannya nama berkas. Paling panjang {MAX_SLUG} karakter, dan bukan nama yang "
              "dicadangkan Windows (`con`, `prn`, `aux`, `nul`, `com1`-`com9`, `lpt1`-`lpt9`); aturan yang sama "
              "berlaku untuk nama berkas bila `slug` tidak diisi.")
_CODE_HELP = " Tidak tahu kodenya? `python build.py wilayah NAMA` menampilkannya, misalnya `python build.py wilayah bekasi`."

_UPDATED = Field("updated", "date", help="Tanggal isi berkas ini terakhir diperbarui, YYYY-MM-DD; tampil sebagai \"Diperbarui\".")

_COMMON_TAIL = (
    _UPDATED,
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
        Field("status", "choice", vocabulary="status", help="Apakah inovasi masih berjalan; bawaannya `berjalan`."),
        Field("stopped", "partial_date", help="Bila `status: dihentikan`: kapan dihentikan, `2023-11-16`, `\"2023-11\"` atau `2023`."),
        Field("stopped_reason", "text", help="Bila `status: dihentikan`: alasan penghentiannya."),
        Field("checked", "date", help="Tanggal fakta di halaman ini terakhir diperiksa, YYYY-MM-DD; tampil sebagai \"Terakhir diperiksa\"."),
        Field("website", "url", help="Alamat situs web (https://...)."),
        Field("access", "access", help="Cara warga memakai layanan."),
        Field("location", "location", help="Lokasi layanan: alamat dan, bila ada, koordinat."),
        Field("contact", "contact", help="Kontak yang dapat dihubungi warga; nomor telepon ditampilkan sebagai tautan `tel:`."),
        Field("outcomes", "outcomes", help="Hasil terukur, tampil sebagai tabel."),
        Field("awards", "awards", help="Penghargaan (IGA, KIPP, UNPSA, penghargaan provinsi)."),
        Field("legal_basis", "legal_basis", help="Dasar hukum (Perbup, Perwali, SK, Perda)."),
        Field("budget", "budget", help="Sumber anggaran."),
        Field("documents", "documents", help="Dokumen bagi daerah yang ingin mereplikasi (SOP, laporan, bahan paparan), disimpan di `media/`."),
        Field("sources", "sources", help="Sumber fakta di halaman ini: berita, laporan, situs resmi."),
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
        _UPDATED,
        Field("draft", "bool", help="`true` agar halaman tidak diterbitkan."),
        Field("slug", "slug", help=_SLUG_HELP),
    ),
})

FOLDERS = MappingProxyType({"innovations": "innovation", "visits": "visit", "news": "news", "pages": "page"})


def where_in(path: tuple) -> str:
    """Where a problem stands inside a structured field: ' (ke-2, url)'."""
    words = [f"ke-{step + 1}" if isinstance(step, int) else str(step) for step in path]
    return f" ({', '.join(words)})" if words else ""


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
        control = control_character(value)
        if control is not None:  # refused before anything reads it: no page, feed or file gets it
            problems.append((doc.line_of(key, *control.path), f"field '{key}'{where_in(control.path)}: {control.message}"))
            continue
        try:
            clean[key] = convert(field, value, doc)
        except Problems as many:
            problems += [(doc.line_of(key, *p.path), f"field '{key}'{where_in(p.path)}: {p.message}") for p in many.problems]
        except Problem as p:
            line = doc.line_of(key, *p.path)
            problems.append((line, f"field '{key}': {p.message}"))
    if kind == "innovation" and clean.get("status") != "dihentikan":
        for name in ("stopped", "stopped_reason"):
            if name in clean:
                problems.append((doc.line_of(name), f"field '{name}' hanya dipakai untuk inovasi yang dihentikan; "
                                                    "tambahkan 'status: dihentikan' atau hapus field ini"))
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
