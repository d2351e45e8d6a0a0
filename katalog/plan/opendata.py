"""Open data (docs/data-terbuka.md): the page 'data/' ("Data terbuka"), the site's files
'data/inovasi.csv|json', 'data/kunjungan.csv|json', 'data/berita.csv|json' with their
JSON Schemas, the DCAT catalogue 'data/katalog.jsonld', and each region's own files
beside its page (a province's with its kabupaten/kota's entries, only the kinds it has).

Each entry's record (``katalog.opendata``) is built once per process and shared by every
file that lists it, as a ``Shared`` dict whose repr is a digest: a page signature stays
cheap at 10,000 entries. The CSV and JSON text is made when the file is rendered, by the
template globals 'data_csv' and 'data_json' (``katalog.render``)."""

from __future__ import annotations

from functools import partial
from types import MappingProxyType
from typing import Any

from .. import jsonld, opendatameta, urls
from ..catalogue import Catalogue, RegionEntries
from ..models import Entry, sort_key
from ..opendata import COLUMNS, NAMES, cells, column_names, meaning_key, modified, record
from ..serialise import LIST_SEPARATOR
from .spec import PageSpec
from .views import Shared, Views

CSV_TEMPLATE = "data/opendata.csv"  # katalog/templates/data/, unless the theme has its own
JSON_TEMPLATE = "data/opendata.json"
PAGE_TEMPLATE = "data.html"
KINDS = tuple(NAMES)
LANGUAGES = MappingProxyType({"id": "http://publications.europa.eu/resource/authority/language/IND",
                              "en": "http://publications.europa.eu/resource/authority/language/ENG"})


class Records:
    """Each entry's record (JSON object and CSV cells), made once and shared by every file."""

    def __init__(self, views: Views):
        self.views = views
        self.made: dict[tuple[str, str], Shared] = {}

    def __call__(self, entries) -> list[Shared]:
        out = []
        for e in entries:
            row = self.made.get(e.key)
            if row is None:
                rec = record(e, self.views)
                row = self.made[e.key] = Shared({"json": rec, "csv": cells(e.kind, rec)})
            out.append(row)
        return out


def region_entries(r: RegionEntries, kind: str) -> tuple[Entry, ...]:
    """A region's entries of one kind (a visit it hosted or made, once)."""
    if kind == "innovation":
        return r.innovations
    if kind == "news":
        return r.news
    return tuple(sorted({e.key: e for e in r.hosted + r.made}.values(), key=sort_key))


def _newest(entries) -> str | None:
    dates = [d for d in map(modified, entries) if d is not None]
    return max(dates).isoformat() if dates else None


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    records = Records(views)
    pages = [PageSpec(urls.data_path(), PAGE_TEMPLATE, partial(_page, cat, views)),
             PageSpec(urls.data_path(urls.DCAT), JSON_TEMPLATE, partial(_dcat, cat, views))]
    for kind in KINDS:
        entries = cat.entries.get(kind, ())
        title = views.t(f"data.kind.{kind}")
        pages += _files(views, records, urls.data_path, kind, entries, title)
        pages.append(PageSpec(urls.data_path(_file(kind, "schema.json")), JSON_TEMPLATE,
                              partial(_schema, views, kind, title)))
    for code in sorted(cat.by_region):
        region = cat.regions.get(code)
        if region is None:
            continue
        for kind in KINDS:
            entries = region_entries(cat.by_region[code], kind)
            if entries:
                where = partial(urls.region_data_path, region.path)
                pages += _files(views, records, where, kind, entries, f"{views.t(f'data.kind.{kind}')} · {region.name}")
    return pages


_file = urls.data_file


def _files(views: Views, records: Records, where, kind: str, entries, title: str) -> list[PageSpec]:
    return [PageSpec(where(_file(kind, "csv")), CSV_TEMPLATE, lambda: {"columns": column_names(kind), "rows": records(entries)}),
            PageSpec(where(_file(kind, "json")), JSON_TEMPLATE, partial(_json, views, records, kind, entries, title))]


def _json(views: Views, records: Records, kind: str, entries, title: str) -> dict[str, Any]:
    cfg = views.cat.config
    meta = {"title": title, "license": cfg.license_url, "license_name": cfg.license_name,
            "publisher": cfg.publisher or cfg.title, "source": views.absolute(urls.HOME),
            "schema": views.absolute(urls.data_path(_file(kind, "schema.json"))), "modified": _newest(entries)}
    return {"data": meta, "rows": records(entries)}


def _schema(views: Views, kind: str, title: str) -> dict[str, Any]:
    address = views.absolute(urls.data_path(_file(kind, "schema.json")))
    return {"data": opendatameta.schema(kind, title, address)}


def _dcat(cat: Catalogue, views: Views) -> dict[str, Any]:
    cfg = cat.config
    t = views.t
    landing = views.absolute(urls.data_path())
    datasets = []
    for kind in KINDS:
        entries = cat.entries.get(kind, ())
        title = t(f"data.kind.{kind}")
        datasets.append({
            "id": f"{landing}#{NAMES[kind]}", "title": f"{title} · {cfg.title}",
            "description": t(f"data.kind.{kind}.description"), "modified": _newest(entries), "landing": landing,
            "keywords": [t("data.keyword"), NAMES[kind]],
            "distributions": [{"title": f"{title} (CSV)", "format": "csv", "url": views.absolute(urls.data_path(_file(kind, "csv")))},
                              {"title": f"{title} (JSON)", "format": "json", "url": views.absolute(urls.data_path(_file(kind, "json"))),
                               "schema": views.absolute(urls.data_path(_file(kind, "schema.json")))}],
        })
    every = [e for kind in KINDS for e in cat.entries.get(kind, ())]
    site = {"id": views.absolute(urls.data_path(urls.DCAT)), "title": cfg.title,
            "description": cfg.description or t("data.intro"), "publisher": cfg.publisher or cfg.title,
            "homepage": views.absolute(urls.HOME), "license": cfg.license_url, "language": {"@id": LANGUAGES[cfg.language]},
            "modified": _newest(every), "contact": cfg.contact_email}
    return {"data": opendatameta.catalogue(site, datasets)}


def files_of(views: Views, where, counts: dict[str, int]) -> list[dict[str, Any]]:
    """Links to the files of the kinds with entries: label, format, address, row count."""
    out = []
    for kind in KINDS:
        if counts.get(kind):
            for ext, fmt in (("csv", "CSV"), ("json", "JSON")):
                out.append({"label": f"{views.t(f'data.kind.{kind}')} ({fmt})", "format": fmt, "name": _file(kind, ext),
                            "url": views.link(where(_file(kind, ext))), "rows": counts[kind]})
    return out


def region_links(cat: Catalogue, views: Views, code: str) -> dict[str, Any] | None:
    """'Unduh data wilayah ini' on a region's page: its files (None when it has none)."""
    region = cat.regions.get(code)
    r = cat.by_region.get(code)
    if region is None or r is None:
        return None
    counts = {kind: len(region_entries(r, kind)) for kind in KINDS}
    files = files_of(views, partial(urls.region_data_path, region.path), counts)
    if not files:
        return None
    return {"title": views.t("region.data"), "files": files, "about": {"url": views.link(urls.data_path()),
                                                                        "label": views.t("region.data_about")}}


def _link(views: Views, kind: str, ext: str, fmt: str, rows: int | None) -> dict[str, Any]:
    """A site file's row on the data page: its name, format, link and row count."""
    return {"label": _file(kind, ext), "format": fmt, "url": views.link(urls.data_path(_file(kind, ext))), "rows": rows}


def _page(cat: Catalogue, views: Views) -> dict[str, Any]:
    cfg = cat.config
    t = views.t
    kinds = []
    for kind in KINDS:
        count = len(cat.entries.get(kind, ()))
        data = [_link(views, kind, ext, fmt, count) for ext, fmt in (("csv", "CSV"), ("json", "JSON"))]
        schema = _link(views, kind, "schema.json", "JSON Schema", None)
        kinds.append({"id": NAMES[kind], "title": t(f"data.kind.{kind}"), "description": t(f"data.kind.{kind}.description"),
                      "count": count, "files": [*data, schema], "csv_name": _file(kind, "csv"), "schema": schema,
                      "columns": [{"name": c.name, "meaning": t(meaning_key(kind, c)), "example": c.example}
                                  for c in COLUMNS[kind]]})
    crumbs = [{"name": t("nav.home"), "url": views.link(urls.HOME)}, {"name": t("data.title"), "url": None}]
    return {
        "site": views.site,
        "section": urls.DATA,
        "title": t("data.title"),
        "description": t("data.intro"),
        "head": views.head(urls.data_path(), t("data.title"), t("data.intro"), breadcrumbs=crumbs, data=(
            jsonld.data_catalog(views, urls.data_path(), f"{t('data.title')} · {cfg.title}", t("data.intro"),
                                cfg.license_url, kinds),)),
        "license": {"name": cfg.license_name, "url": cfg.license_url},
        "citation": t("data.cite_text", publisher=cfg.publisher or cfg.title, title=cfg.title,
                      url=views.absolute(urls.data_path())),
        "kinds": kinds,
        "separator": f"“{LIST_SEPARATOR}”",
        "dcat": {"url": views.link(urls.data_path(urls.DCAT)), "absolute": views.absolute(urls.data_path(urls.DCAT))},
        "statistics": {"text": t("stats.data_files"), "page": {"url": views.link(urls.statistics_path()), "label": t("stats.title")},
                       "files": [{"label": urls.statistics_data(ext).rpartition("/")[2], "url": views.link(urls.statistics_data(ext))}
                                 for ext in ("csv", "json")]},
        "breadcrumbs": crumbs,
    }
