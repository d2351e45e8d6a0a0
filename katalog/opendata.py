"""The catalogue as open data (docs/data-terbuka.md): one record per published entry,
as a JSON object (structured fields nested) and as a CSV row (structured fields spread
over columns or joined with ``serialise.LIST_SEPARATOR``).

Pure functions of an entry and a ``views`` (``katalog.plan.views.Views``: region names,
vocabulary labels, full addresses). Never an entry's body: the full text is on each
page. ``katalog.plan.opendata`` builds each entry's record once and plans the files;
``katalog.opendatameta`` writes the JSON Schemas and the DCAT catalogue from the columns
declared here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Callable

from . import phones, urls
from .catalogue import status_of
from .models import Entry
from .serialise import join
from .values import PartialDate

NAMES = urls.DATA_FILES  # kind -> the base name of its files ('inovasi': 'inovasi.csv', ...)
TAXONOMY_FIELDS = ("stage", "form", "type", "initiator", "sector")


@dataclass(frozen=True)
class Column:
    """One CSV column: its name, an example and how its cell is made. What it holds is said
    on the data page in the site's language (``meaning_key``, the theme's i18n files)."""

    name: str
    example: str
    cell: Callable[[dict[str, Any]], Any]  # the cell, from the entry's JSON record


def iso(value: Any) -> str | None:
    """A date as ISO 8601, a partial one as precise as known: '2023', '2023-11', '2023-11-16'."""
    if value is None:
        return None
    if isinstance(value, PartialDate):
        return "-".join([f"{value.year:04d}", *(f"{n:02d}" for n in (value.month, value.day) if n)])
    return value.isoformat()


def modified(e: Entry) -> datetime.date | None:
    """When an entry's record last changed, as its content says: its 'updated', and a news
    item's or visit's publication 'date'. An innovation's 'implemented'/'started' says when
    the innovation began, not when its record changed: no date then."""
    published = None if e.kind == "innovation" else e.date
    dates = [d for d in (e.fields.get("updated"), published) if d is not None]
    return max(dates) if dates else None


# -- records (the JSON objects) ------------------------------------------------

def record(e: Entry, views) -> dict[str, Any]:
    """An entry's JSON object: every front-matter field, region codes with their names,
    taxonomy codes with their labels, ISO dates and the page's full address."""
    f = e.fields
    head = {"slug": e.slug, "url": views.absolute(urls.entry_path(e)), "title": e.title, "summary": f.get("summary")}
    if e.kind == "innovation":
        body = {**_place(views, f["region"], "region_code", "region_name")}
        for name in TAXONOMY_FIELDS:
            body[name] = f.get(name)
            body[f"{name}_label"] = views.vocab_label(name, f[name]) if f.get(name) else None
        status = status_of(e)
        body.update({
            "agency": f.get("agency"), "started": iso(f.get("started")), "implemented": iso(f.get("implemented")),
            "status": status, "status_label": views.vocab_label("status", status),
            "stopped": iso(f.get("stopped")), "stopped_reason": f.get("stopped_reason"), "checked": iso(f.get("checked")),
            "website": f.get("website"), "replicates": f.get("replicates"), "related": list(f.get("related", ())),
            "access": _access(f.get("access")), "location": _copy(f.get("location")), "contact": _copy(f.get("contact")),
            "outcomes": [_copy(x) for x in f.get("outcomes", ())], "awards": [_copy(x) for x in f.get("awards", ())],
            "legal_basis": [_copy(x) for x in f.get("legal_basis", ())], "budget": _budget(views, f.get("budget")),
            "documents": [{**x, "url": views.absolute(urls.media_url(x["file"]))} for x in f.get("documents", ())],
            "sources": [{**x, **({"date": iso(x["date"])} if "date" in x else {})} for x in f.get("sources", ())],
        })
    elif e.kind == "visit":
        body = {"date": iso(f["date"]), **_place(views, f["host"], "host_code", "host_name", "host_province"),
                "visitors": [_place(views, c, "code", "name") for c in f["visitors"]],
                "lead": f.get("lead"), "delegation_size": f.get("delegation_size"), "topics": list(f.get("topics", ())),
                "innovations": list(f.get("innovations", ())), "outcome": f.get("outcome")}
    else:
        body = {"date": iso(f["date"]), "regions": [_place(views, c, "code", "name") for c in f.get("regions", ())],
                "innovations": list(f.get("innovations", ())), "visits": list(f.get("visits", ())),
                "source": _copy(f.get("source"))}
    image = f.get("image")
    tail = {"tags": list(f.get("tags", ())), "updated": iso(f.get("updated")),
            "image": {**image, "url": views.absolute(urls.media_url(image["src"]))} if image else None}
    return {**head, **body, **tail}


def _place(views, code: str, code_key: str, name_key: str, province: str = "province") -> dict[str, str]:
    """A region's code and name with its province's ('32.16' Kabupaten Bekasi, '32' Jawa Barat)."""
    return {code_key: code, name_key: views.region_ref(code)["name"],
            f"{province}_code": code[:2], f"{province}_name": views.region_ref(code[:2])["name"]}


def _copy(value: dict | None) -> dict | None:
    return dict(value) if value else None


def _access(value: dict | None) -> dict | None:
    if not value:
        return None
    return {**value, **({"apps": [dict(a) for a in value["apps"]]} if "apps" in value else {})}


def _budget(views, value: dict | None) -> dict | None:
    if not value:
        return None
    return {"source": value["source"], "source_label": views.vocab_label("budget", value["source"]),
            **({"note": value["note"]} if "note" in value else {})}


# -- CSV columns ----------------------------------------------------------------

def _key(name: str) -> Callable[[dict], Any]:
    return lambda r: r.get(name)


def _part(field: str, part: str, show: Callable[[Any], Any] = lambda v: v) -> Callable[[dict], Any]:
    return lambda r: show(r[field][part]) if r.get(field) and part in r[field] else None


def _items(field: str, show: Callable[[dict], str]) -> Callable[[dict], str]:
    return lambda r: join(show(x) for x in r.get(field) or ())


def _places(field: str, key: str) -> Callable[[dict], str]:
    return lambda r: join(p[key] for p in r[field])


def _phone(e164: str) -> str:  # as a reader dials it: '(021) 8970000' (E.164 in JSON)
    return phones.local(e164)


def _paren(first: str, *rest: Any) -> str:
    """'name (a, b)' from the parts that are given."""
    inside = ", ".join(str(x) for x in rest if x not in (None, ""))
    return f"{first} ({inside})" if inside else first


def _outcome(x: dict) -> str:
    change = " -> ".join(str(x[k]) for k in ("before", "after") if k in x)
    return _paren(f"{x['indicator']}: {change}{' ' + x['unit'] if x.get('unit') else ''}", x.get("period"),
                  x.get("source"))


def _law(x: dict) -> str:
    return _paren(" ".join(s for s in (x["title"] + ("," if x.get("number") or x.get("year") else ""),
                                       f"Nomor {x['number']}" if x.get("number") else "",
                                       f"Tahun {x['year']}" if x.get("year") else "") if s), x.get("url"))


# The examples of the columns' table: the shape of a value, not facts about any entry
# (a placeholder site and names; region codes and vocabulary values are real codes).
_SITE = "https://contoh.go.id/"


def _col(name: str, example: str, cell: Callable[[dict], Any] | None = None) -> Column:
    return Column(name, example, cell or _key(name))


def _head(kind: str) -> tuple[Column, ...]:
    return (
        _col("slug", "nama-entri"),
        _col("url", _SITE + urls.folder(urls.KIND_FOLDERS[kind], "nama-entri")),
        _col("title", "Judul entri"),
        _col("summary", "Ringkasan entri ..."),
    )
_TAIL = (
    _col("tags", "kesehatan | replikasi"),
    _col("updated", "2024-02-01"),
    _col("image_url", _SITE + urls.media_url("foto.jpg"), _part("image", "url")),
    _col("image_alt", "Keterangan isi gambar", _part("image", "alt")),
)
_LABELLED = MappingProxyType({"stage": ("penerapan", "Penerapan"), "form": ("pelayanan-publik", "Pelayanan publik"),
                              "type": ("digital", "Digital"), "initiator": ("perangkat-daerah", "Perangkat daerah"),
                              "sector": ("kesehatan", "Kesehatan")})

SHARED = frozenset(c.name for c in _head("news") + _TAIL)  # columns every kind has, one meaning

COLUMNS: MappingProxyType[str, tuple[Column, ...]] = MappingProxyType({
    "innovation": _head("innovation") + (
        _col("region_code", "32.16"),
        _col("region_name", "Kabupaten Bekasi"),
        _col("province_code", "32"),
        _col("province_name", "Jawa Barat"),
        *(c for name, (code, label) in _LABELLED.items() for c in (_col(name, code), _col(f"{name}_label", label))),
        _col("agency", "Dinas Kesehatan"),
        _col("started", "2021-03"),
        _col("implemented", "2022"),
        _col("status", "berjalan"),
        _col("status_label", "Berjalan"),
        _col("stopped", "2023-06"),
        _col("stopped_reason", "Alasan penghentian"),
        _col("checked", "2024-01-15"),
        _col("website", "https://layanan.contoh.go.id/"),
        _col("replicates", "nama-inovasi-asal"),
        _col("related", "nama-inovasi-lain"),
        *(_col(f"access_{p}", ex, _part("access", p)) for p, ex in (
            ("who", "Warga kabupaten"), ("where", "Puskesmas"), ("hours", "Senin-Jumat 08.00-15.00"),
            ("cost", "Gratis"), ("how", "Daftar lewat aplikasi"))),
        _col("access_apps", "Android (https://play.google.com/...)",
             _part("access", "apps", lambda apps: join(_paren(a["name"], a["url"]) for a in apps))),
        _col("location_address", "Jl. Contoh No. 1", _part("location", "address")),
        _col("location_lat", "-6.2383", _part("location", "lat")),
        _col("location_lon", "107.1706", _part("location", "lon")),
        _col("contact_unit", "Puskesmas Contoh", _part("contact", "unit")),
        _col("contact_phone", "(021) 1234567", _part("contact", "phone", _phone)),
        _col("contact_whatsapp", "0812-3456-7890", _part("contact", "whatsapp", _phone)),
        _col("contact_email", "layanan@contoh.go.id", _part("contact", "email")),
        _col("contact_address", "Jl. Contoh No. 2", _part("contact", "address")),
        _col("contact_url", "https://dinkes.contoh.go.id/", _part("contact", "url")),
        _col("outcomes", "Waktu tunggu: 3 -> 1.5 hari (2022-2023)", _items("outcomes", _outcome)),
        _col("awards", "Nama penghargaan (2023, peringkat)",
             _items("awards", lambda x: _paren(x["name"], x["year"], x.get("rank"), x.get("url")))),
        _col("legal_basis", "Peraturan Bupati Contoh, Nomor 1 Tahun 2020",
             _items("legal_basis", _law)),
        _col("budget_source", "apbd", _part("budget", "source")),
        _col("budget_source_label", "APBD", _part("budget", "source_label")),
        _col("budget_note", "APBD 2022", _part("budget", "note")),
        _col("documents", f"SOP layanan ({_SITE + urls.media_url('sop.pdf')})",
             _items("documents", lambda x: _paren(x["title"], x["url"]))),
        _col("sources", "Nama media (https://..., 2022-11-16)",
             _items("sources", lambda x: _paren(x["name"], x.get("url"), x.get("date")))),
    ) + _TAIL,
    "visit": _head("visit") + (
        _col("date", "2017-08-02"),
        _col("host_code", "32.75"),
        _col("host_name", "Kota Bekasi"),
        _col("host_province_code", "32"),
        _col("host_province_name", "Jawa Barat"),
        _col("visitor_codes", "74.72", _places("visitors", "code")),
        _col("visitor_names", "Kota Baubau", _places("visitors", "name")),
        _col("visitor_province_codes", "74",
             _places("visitors", "province_code")),
        _col("visitor_province_names", "Sulawesi Tenggara",
             _places("visitors", "province_name")),
        _col("lead", "Nama, jabatan"),
        _col("delegation_size", "10"),
        _col("topics", "kelitbangan | innovation hub"),
        _col("innovations", "nama-inovasi"),
        _col("outcome", "Hasil kunjungan ..."),
    ) + _TAIL,
    "news": _head("news") + (
        _col("date", "2022-12-08"),
        _col("region_codes", "32.16 | 32.75", _places("regions", "code")),
        _col("region_names", "Kabupaten Bekasi | Kota Bekasi", _places("regions", "name")),
        _col("province_codes", "32 | 32", _places("regions", "province_code")),
        _col("province_names", "Jawa Barat | Jawa Barat", _places("regions", "province_name")),
        _col("innovations", "nama-inovasi"),
        _col("visits", "nama-kunjungan"),
        _col("source_name", "Nama media", _part("source", "name")),
        _col("source_url", "https://...", _part("source", "url")),
    ) + _TAIL,
})


def cells(kind: str, rec: dict[str, Any]) -> tuple[str, ...]:
    """An entry's CSV row: lists joined with ' | ', absent values empty."""
    out = []
    for column in COLUMNS[kind]:
        value = column.cell(rec)
        out.append("" if value is None else join(value) if isinstance(value, list) else str(value))
    return tuple(out)


def meaning_key(kind: str, column: Column) -> str:
    """The i18n key of what a column holds: 'data.col.title' for the columns every kind
    shares, 'data.col.visit.date' for a kind's own."""
    return f"data.col.{column.name}" if column.name in SHARED else f"data.col.{kind}.{column.name}"


def column_names(kind: str) -> tuple[str, ...]:
    return tuple(c.name for c in COLUMNS[kind])
