"""Front-matter fields made of named parts: ``contact``, ``access``, ``outcomes``, ...

Each is declared once as a ``Shape``: its parts with their kinds, which are required,
and what they mean. The declaration validates (every problem of a field in one go,
each at the line of its part), and the staff guide and ``new`` files are written from
it (``katalog.guide``, ``katalog.scaffold``). Clean values are plain dicts (a list of
them for ``many`` shapes) holding only the parts that were written.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Callable

from . import phones
from .diagnostics import did_you_mean
from .values import Problem, _full_date, _text_item, _type_name, _url_item
from .vocab import VOCABULARIES

# Indonesia's extent with a margin: Sabang to Merauke, Miangas to Rote (degrees)
LAT_RANGE = (-11.5, 6.5)
LON_RANGE = (94.5, 141.5)
EMAIL_RE = re.compile(r"^[^\s@<>()\[\],;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")


class Problems(Exception):
    """Every problem found in one field."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].message)
        self.problems = problems


@dataclass(frozen=True)
class Part:
    name: str
    kind: str  # text, url, email, phone, number, year, date, latitude, longitude, media, budget, apps
    required: bool = False
    help: str = ""


@dataclass(frozen=True)
class Shape:
    parts: tuple[Part, ...]
    many: bool = False  # a list of such mappings
    help: str = ""  # what one item is, for the guide
    check: Callable[[dict], list[Problem]] | None = None  # rules across parts

    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parts)


MAX_NUMBER = 1e15  # beyond any count or amount a catalogue records (and what Babel can format)
_NUMBER_HINT = ("; tulis angkanya saja tanpa tanda kutip, titik ribuan atau satuan (satuan di 'unit'), "
                "dengan titik sebagai tanda desimal, misalnya 1500 atau 12.5")


def _number(value: Any, *path: Any, hint: str = _NUMBER_HINT) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        shown = f"'{value}'" if isinstance(value, str) else _type_name(value)
        raise Problem(f"{shown} bukan angka{hint if isinstance(value, str) else ''}", *path)
    if abs(value) >= MAX_NUMBER:
        raise Problem(f"angka {value} terlalu besar; periksa nilainya (paling besar 999 triliun)", *path)
    return value


def _year(value: Any, *path: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        raise Problem(f"{_type_name(value) if not isinstance(value, str) else repr(value)} bukan tahun; "
                      "tulis tahun empat angka, misalnya 2023", *path)
    return value


def _degrees(bounds: tuple[float, float], what: str) -> Callable[..., float]:
    def convert(value: Any, *path: Any) -> float:
        number = _number(value, *path, hint=f"; tulis {what} sebagai angka desimal tanpa tanda kutip, misalnya -6.2383")
        if not bounds[0] <= number <= bounds[1]:
            raise Problem(f"{what} {number} berada di luar wilayah Indonesia (antara {bounds[0]} dan {bounds[1]}); "
                          "periksa apakah lintang dan bujur tertukar", *path)
        return float(number)
    return convert


def _email(value: Any, *path: Any) -> str:
    text = _text_item(value, *path)
    address = text[7:] if text.lower().startswith("mailto:") else text
    if not EMAIL_RE.match(address):
        raise Problem(f"'{text}' bukan alamat surel; tulis seperti balitbangda@bekasikab.go.id", *path)
    return address


def _phone(value: Any, *path: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        raise Problem(f"nomor {value} dibaca YAML sebagai angka (angka 0 di depannya hilang); "
                      "tulis nomor telepon dalam tanda kutip, misalnya \"021 8970000\"", *path)
    text = _text_item(value, *path)
    number = phones.parse(text)
    if number is None:
        raise Problem(f"'{text}' bukan nomor telepon yang berlaku; tulis nomor lengkap dengan kode wilayah, "
                      "misalnya \"(021) 8970000\", \"0812-3456-7890\" atau \"+62 21 8970000\"", *path)
    return number


def _choice(vocabulary: str) -> Callable[..., str]:
    def convert(value: Any, *path: Any) -> str:
        allowed = VOCABULARIES[vocabulary]
        if not isinstance(value, str) or value.strip() not in allowed:
            shown = value if isinstance(value, str) else _type_name(value)
            raise Problem(f"nilai '{shown}' tidak dikenal{did_you_mean(str(shown), allowed)}; "
                          f"nilai yang diizinkan: {', '.join(allowed)}", *path)
        return value.strip()
    return convert


def _both_coordinates(value: dict) -> list[Problem]:
    if ("lat" in value) != ("lon" in value):
        missing = "lon" if "lat" in value else "lat"
        return [Problem(f"kunci '{missing}' wajib diisi bila koordinat ditulis: tulis lat dan lon bersama-sama")]
    if not value:
        return [Problem("tulis sedikitnya alamat (address) atau koordinat (lat dan lon)")]
    return []


def _before_or_after(value: dict) -> list[Problem]:
    if "before" not in value and "after" not in value:
        return [Problem("tulis sedikitnya salah satu nilai: before (sebelum) atau after (sesudah)")]
    return []


def _not_empty(value: dict) -> list[Problem]:
    return [] if value else [Problem("tidak boleh kosong; isi sedikitnya satu kunci atau hapus field ini")]


APPS = Shape((
    Part("name", "text", True, "nama aplikasi atau kanal, misalnya Android, iOS, situs web"),
    Part("url", "url", True, "alamat unduhan atau situsnya (https://...)"),
), many=True, help="aplikasi atau kanal")

STRUCTURED: MappingProxyType[str, Shape] = MappingProxyType({
    "image": Shape((Part("src", "media", True, "nama berkas di media/"),
                    Part("alt", "text", False, "keterangan gambar untuk pembaca layar"))),
    "source": Shape((Part("name", "text", True, "nama media"), Part("url", "url", False, "alamat beritanya"))),
    "access": Shape((
        Part("who", "text", help="siapa yang boleh memakai layanan"),
        Part("where", "text", help="tempat atau alamat layanan"),
        Part("hours", "text", help="jam layanan, misalnya Senin-Jumat 08.00-15.00"),
        Part("cost", "text", help="biaya, misalnya gratis"),
        Part("how", "text", help="langkah singkat memakai layanan"),
        Part("apps", "apps", help="daftar aplikasi/kanal: name dan url"),
    ), check=_not_empty),
    "location": Shape((
        Part("address", "text", help="alamat"),
        Part("lat", "latitude", help="lintang, misalnya -6.2383"),
        Part("lon", "longitude", help="bujur, misalnya 107.1706"),
    ), check=_both_coordinates),
    "contact": Shape((
        Part("unit", "text", help="unit atau perangkat daerah yang dihubungi"),
        Part("phone", "phone", help="nomor telepon dalam tanda kutip"),
        Part("whatsapp", "phone", help="nomor WhatsApp dalam tanda kutip"),
        Part("email", "email", help="alamat surel"),
        Part("address", "text", help="alamat kantor"),
        Part("url", "url", help="alamat situs (https://...)"),
    ), check=_not_empty),
    "outcomes": Shape((
        Part("indicator", "text", True, "apa yang diukur"),
        Part("before", "number", help="nilai sebelum inovasi (angka)"),
        Part("after", "number", help="nilai sesudah inovasi (angka)"),
        Part("unit", "text", help="satuan, misalnya hari atau persen"),
        Part("period", "text", help="periode pengukuran, misalnya 2022-2023"),
        Part("source", "text", help="sumber data"),
    ), many=True, help="hasil terukur", check=_before_or_after),
    "awards": Shape((
        Part("name", "text", True, "nama penghargaan, misalnya Top 45 KIPP"),
        Part("year", "year", True, "tahun"),
        Part("rank", "text", help="peringkat atau kategori"),
        Part("url", "url", help="alamat pengumumannya"),
    ), many=True, help="penghargaan"),
    "legal_basis": Shape((
        Part("title", "text", True, "judul peraturan, misalnya Peraturan Bupati Bekasi tentang ..."),
        Part("number", "text", help="nomor, misalnya 12"),
        Part("year", "year", help="tahun"),
        Part("url", "url", help="alamat salinannya (JDIH)"),
    ), many=True, help="dasar hukum"),
    "budget": Shape((
        Part("source", "budget", True, "sumber anggaran: " + ", ".join(VOCABULARIES["budget"])),
        Part("note", "text", help="keterangan"),
    )),
    "documents": Shape((
        Part("title", "text", True, "judul dokumen, misalnya SOP layanan"),
        Part("file", "media", True, "nama berkas di media/, misalnya sop-pancoranmas.pdf"),
    ), many=True, help="dokumen pendukung"),
    "sources": Shape((
        Part("name", "text", True, "nama media atau lembaga"),
        Part("url", "url", help="alamat sumbernya"),
        Part("date", "date", help="tanggal terbit, YYYY-MM-DD"),
    ), many=True, help="sumber"),
})

_CONVERT: MappingProxyType[str, Callable[..., Any]] = MappingProxyType({
    "text": _text_item, "media": _text_item, "url": _url_item, "email": _email, "phone": _phone,
    "number": _number, "year": _year, "date": lambda v, *p: _dated(v, *p),
    "latitude": _degrees(LAT_RANGE, "lintang"), "longitude": _degrees(LON_RANGE, "bujur"),
    "budget": _choice("budget"),
})


def _dated(value: Any, *path: Any):
    try:
        return _full_date(value)
    except Problem as p:
        raise Problem(p.message, *path) from None


def convert(shape: Shape, value: Any) -> Any:
    """The clean value of a structured field, or Problems listing all that is wrong in it."""
    problems: list[Problem] = []
    if shape.many:
        items = value if isinstance(value, list) else [value]
        out = []
        for i, item in enumerate(items):
            clean = _one(shape, item, (i,), problems)
            if clean is not None:
                out.append(clean)
        result: Any = tuple(out)
    else:
        result = _one(shape, value, (), problems)
    if problems:
        raise Problems(problems)
    return result


def _one(shape: Shape, value: Any, at: tuple, problems: list[Problem]) -> dict | None:
    names = shape.names()
    if not isinstance(value, dict):
        problems.append(Problem(f"harus berupa pasangan kunci-nilai ({', '.join(names)}), bukan {_type_name(value)}", *at))
        return None
    parts = {p.name: p for p in shape.parts}
    start = len(problems)
    out: dict[str, Any] = {}
    for key, raw in value.items():
        part = parts.get(key) if isinstance(key, str) else None
        if part is None:
            problems.append(Problem(f"kunci '{key}' tidak dikenal{did_you_mean(str(key), names)}; "
                                    f"kunci yang tersedia: {', '.join(names)}", *at, key))
            continue
        if raw is None:
            continue
        try:
            out[key] = (convert(APPS, raw) if part.kind == "apps" else _CONVERT[part.kind](raw, *at, key))
        except Problems as inner:
            problems += [Problem(p.message, *at, key, *p.path) for p in inner.problems]
        except Problem as p:
            problems.append(p if p.path else Problem(p.message, *at, key))
    missing = [p.name for p in shape.parts if p.required and value.get(p.name) is None]
    problems += [Problem(f"kunci '{name}' wajib diisi", *at) for name in missing]
    if shape.check and len(problems) == start:
        problems += [Problem(p.message, *at, *p.path) for p in shape.check(out)]
    return out


def media_files(name: str, value: Any) -> list[tuple[tuple, str]]:
    """(path inside the field, file name) of every media file a structured value names."""
    shape = STRUCTURED[name]
    media = [p.name for p in shape.parts if p.kind == "media"]
    items = value if shape.many else (value,)
    return [((i, key) if shape.many else (key,), item[key]) for i, item in enumerate(items) for key in media if key in item]
