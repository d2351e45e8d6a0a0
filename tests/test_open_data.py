"""Open data (docs/data-terbuka.md): 'data/inovasi|kunjungan|berita.csv|json', their JSON
Schemas, the DCAT catalogue 'data/katalog.jsonld', each region's own files and the
"Data terbuka" page, read the way a consumer reads them (csv, json, jsonschema, HTML
links) with the sample catalogue's content asserted; then small content folders for the
structured fields, the CSV's spreadsheet safety and the licence option."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from contentkit import BASE_FILES, read_page, run, write_content

jsonschema = pytest.importorskip("jsonschema")

SITE = "https://contoh.go.id/katalog/"
PANCORANMAS = "pancoranmas-kabupaten-bekasi"
KOTA_BEKASI = "wilayah/jawa-barat/kota-bekasi/"
NAMES = ("inovasi", "kunjungan", "berita")


def _csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), f"{path} has no byte-order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8")[1:], newline="")))


def _json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _valid(site: Path, folder: str, name: str) -> dict:
    """A JSON file, checked against the schema that ships in data/."""
    doc = _json(site / folder / f"{name}.json")
    schema = _json(site / "data" / f"{name}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(doc)]
    assert not errors, errors
    return doc


class _ColumnTables(HTMLParser):
    """The data page's column tables: {'inovasi': {column: (meaning, example)}, ...}, each
    table under its heading 'kolom-<file name>'."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, dict[str, tuple[str, str]]] = {}
        self.kind = ""
        self.cells: list[str] | None = None
        self.in_cell = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h3" and (a.get("id") or "").startswith("kolom-"):
            self.kind = a["id"][len("kolom-"):]
            self.tables[self.kind] = {}
        elif tag == "tr" and self.kind:
            self.cells = []
        elif tag == "td" and self.cells is not None:
            self.cells.append("")
            self.in_cell = True

    def handle_endtag(self, tag):
        if tag == "td":
            self.in_cell = False
        elif tag == "tr" and self.cells:
            name, meaning, example = (" ".join(c.split()) for c in self.cells)
            self.tables[self.kind][name] = (meaning, example)
            self.cells = None
        elif tag == "section":
            self.kind = ""

    def handle_data(self, data):
        if self.in_cell:
            self.cells[-1] += data


def _column_tables(site: Path) -> dict[str, dict[str, tuple[str, str]]]:
    parser = _ColumnTables()
    parser.feed((site / "data/index.html").read_text(encoding="utf-8"))
    return parser.tables


def test_pancoranmas_row_in_csv_and_json(subpath_site):
    rows = {r["slug"]: r for r in _csv(subpath_site / "data/inovasi.csv")}
    row = rows[PANCORANMAS]
    assert (row["title"], row["region_code"], row["region_name"], row["province_code"], row["province_name"]) == \
        ("Pancoranmas Kabupaten Bekasi", "32.16", "Kabupaten Bekasi", "32", "Jawa Barat")
    assert (row["stage"], row["stage_label"], row["sector"], row["sector_label"]) == \
        ("penerapan", "Penerapan", "kesehatan", "Kesehatan")
    assert (row["type"], row["form"], row["initiator"]) == ("digital", "pelayanan-publik", "perangkat-daerah")
    assert (row["status"], row["replicates"], row["related"]) == \
        ("berjalan", "pancoranmas-puskesmas-lemahabang", "bebeli-kabupaten-bekasi")
    assert row["tags"] == "kesehatan | replikasi | aplikasi"
    assert row["url"] == f"{SITE}inovasi/{PANCORANMAS}/"
    assert "Latar belakang" not in (subpath_site / "data/inovasi.csv").read_text(encoding="utf-8-sig")  # no body

    doc = _valid(subpath_site, "data", "inovasi")
    item = next(i for i in doc["items"] if i["slug"] == PANCORANMAS)
    assert (item["region_code"], item["province_name"], item["url"]) == ("32.16", "Jawa Barat", row["url"])
    assert item["related"] == ["bebeli-kabupaten-bekasi"] and item["access"] is None
    assert item["sources"][0]["name"].startswith("Balitbangda Gelar Innovation and Technology Expo 2022")
    assert doc["count"] == len(doc["items"]) == len(rows) == 13
    assert doc["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert doc["schema"] == f"{SITE}data/inovasi.schema.json"
    assert (subpath_site / "data/inovasi.csv").read_bytes().count(b"\r\n") >= 14  # CRLF line ends


def test_the_visit_rows_name_host_and_visitors(subpath_site):
    rows = {r["slug"]: r for r in _csv(subpath_site / "data/kunjungan.csv")}
    baubau = rows["balitbangda-baubau-ke-kota-bekasi-2017"]
    assert (baubau["date"], baubau["host_code"], baubau["host_name"], baubau["host_province_name"]) == \
        ("2017-08-02", "32.75", "Kota Bekasi", "Jawa Barat")
    assert (baubau["visitor_codes"], baubau["visitor_names"], baubau["visitor_province_codes"],
            baubau["visitor_province_names"]) == ("74.72", "Kota Baubau", "74", "Sulawesi Tenggara")
    assert (baubau["delegation_size"], baubau["innovations"]) == ("10", "innovation-hub-kota-bekasi")
    assert baubau["topics"] == "kelitbangan | penguatan kelembagaan balitbangda | innovation hub"
    doc = _valid(subpath_site, "data", "kunjungan")
    item = next(i for i in doc["items"] if i["slug"] == "balitbangda-baubau-ke-kota-bekasi-2017")
    assert item["visitors"] == [{"code": "74.72", "name": "Kota Baubau", "province_code": "74",
                                 "province_name": "Sulawesi Tenggara"}]
    assert item["delegation_size"] == 10
    news = _valid(subpath_site, "data", "berita")
    assert news["count"] == 5 and all(i["date"] for i in news["items"])
    rows = {r["slug"]: r for r in _csv(subpath_site / "data/berita.csv")}
    assert "32.75" in rows["balitbangda-baubau-kunjungi-kota-bekasi"]["region_codes"].split(" | ")


def test_a_regions_files_hold_its_own_entries_and_a_provinces_its_kabupaten_kota(subpath_site):
    every = _csv(subpath_site / "data/inovasi.csv")
    city = _csv(subpath_site / KOTA_BEKASI / "inovasi.csv")
    assert city and {r["region_code"] for r in city} == {"32.75"}
    assert sorted(r["slug"] for r in city) == sorted(r["slug"] for r in every if r["region_code"] == "32.75")
    visits = _csv(subpath_site / KOTA_BEKASI / "kunjungan.csv")
    assert sorted(r["slug"] for r in visits) == ["balitbangda-baubau-ke-kota-bekasi-2017",
                                                 "pemkot-bengkulu-ke-kota-bekasi-2019"]
    doc = _valid(subpath_site, KOTA_BEKASI, "inovasi")
    assert [i["slug"] for i in doc["items"]] == [r["slug"] for r in city]
    assert "Kota Bekasi" in doc["title"]
    province = _csv(subpath_site / "wilayah/jawa-barat/inovasi.csv")
    assert {r["region_code"] for r in province} == {r["region_code"] for r in every if r["province_code"] == "32"}
    assert {"32.16", "32.75"} <= {r["region_code"] for r in province}
    # Kota Baubau made a visit but has no innovation: visit files only
    baubau = next(p for p in (subpath_site / "wilayah").glob("*/kota-baubau"))
    assert (baubau / "kunjungan.csv").is_file() and not (baubau / "inovasi.csv").exists()
    # the region page links its files
    page = read_page(subpath_site, KOTA_BEKASI)
    links = {l.text: l.href for l in page.links}
    assert links["Inovasi daerah (CSV)"] == f"/katalog/{KOTA_BEKASI}inovasi.csv"
    assert links["Kunjungan kerja (JSON)"] == f"/katalog/{KOTA_BEKASI}kunjungan.json"
    assert "Unduh data wilayah ini" in page.text


def test_dcat_lists_the_datasets_with_download_addresses_that_exist(subpath_site):
    dcat = _json(subpath_site / "data/katalog.jsonld")
    assert dcat["@type"] == "dcat:Catalog" and dcat["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert dcat["dct:license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
    assert dcat["dct:publisher"]["@type"] == "foaf:Agent" and dcat["dct:publisher"]["foaf:name"]
    assert dcat["dct:modified"]["@value"] == "2023-11-16"  # the newest content date, never the clock
    assert "dcat:contactPoint" not in dcat  # the sample's site.yaml has no contact_email
    datasets = dcat["dcat:dataset"]
    assert [d["dcat:landingPage"]["@id"] for d in datasets] == [f"{SITE}data/"] * 3
    urls = []
    for d in datasets:
        assert d["@type"] == "dcat:Dataset" and d["dct:title"] and d["dct:license"] == dcat["dct:license"]
        kinds = {x["dct:format"]["@id"].rsplit("/", 1)[1]: x for x in d["dcat:distribution"]}
        assert set(kinds) == {"CSV", "JSON"}
        assert kinds["CSV"]["dcat:mediaType"]["@id"].endswith("text/csv")
        assert kinds["JSON"]["dct:conformsTo"]["@id"].endswith(".schema.json")
        for x in d["dcat:distribution"]:
            urls += [x["dcat:downloadURL"]["@id"], x["dcat:accessURL"]["@id"]]
        urls.append(kinds["JSON"]["dct:conformsTo"]["@id"])
    assert f"{SITE}data/inovasi.csv" in urls and f"{SITE}data/berita.json" in urls
    for url in urls:
        assert url.startswith(SITE) and (subpath_site / url[len(SITE):]).is_file(), url


def test_the_data_page_lists_every_file_and_is_linked_from_every_footer(subpath_site):
    page = read_page(subpath_site, "data/")
    hrefs = set(page.hrefs())
    for name in NAMES:
        for ext in ("csv", "json", "schema.json"):
            assert f"/katalog/data/{name}.{ext}" in hrefs
    assert "/katalog/data/katalog.jsonld" in hrefs
    assert "https://creativecommons.org/licenses/by/4.0/" in hrefs
    text = " ".join(page.text.split())
    assert "Creative Commons Atribusi 4.0 Internasional (CC BY 4.0)" in text
    assert "inovasi.csv CSV 13" in text  # the file, its format and its row count
    assert "kunjungan.json JSON 2 kunjungan.schema.json JSON Schema Berita berita.csv CSV 5" in text
    for column in ("region_code", "province_name", "contact_phone", "visitor_names", "region_codes"):
        assert column in text
    assert "“ | ”" in text and "ckanext-dcat" in text and "UTF-8" in text
    assert "berkas JSON memuat nilai aslinya" in text  # the apostrophe is the CSV's only
    assert "tidak dicantumkan di katalog DCAT" in text  # the region files are the same data, not harvested
    for path in ("", KOTA_BEKASI, f"inovasi/{PANCORANMAS}/"):
        assert "/katalog/data/" in read_page(subpath_site, path).hrefs(), path


def test_the_column_tables_explain_every_column_with_examples_that_are_no_sample_facts(subpath_site):
    tables = _column_tables(subpath_site)
    for name in NAMES:
        data = (subpath_site / "data" / f"{name}.csv").read_text(encoding="utf-8-sig")
        assert list(tables[name]) == next(csv.reader(io.StringIO(data, newline=""))), name  # every column, in order
    assert tables["inovasi"]["region_code"][0] == "Kode wilayah Kemendagri pemilik inovasi (teks, bukan angka)"
    assert (tables["kunjungan"]["date"][0], tables["berita"]["date"][0]) == ("Tanggal kunjungan", "Tanggal berita")
    assert tables["berita"]["title"] == ("Judul", "Judul entri")
    assert all(meaning for table in tables.values() for meaning, _ in table.values())
    # an example shows a value's shape; it never states a fact about a sample entry that
    # the entry does not hold (the Pancoranmas row has no website, contact, law or award)
    examples = [example for table in tables.values() for _, example in table.values()]
    for word in ("Pancoranmas", "bekasikab.go.id", "KIPP", "Lemahabang", "8970000"):
        assert not [x for x in examples if word in x], word
    facts = {i[key] for name in NAMES for i in _json(subpath_site / "data" / f"{name}.json")["items"]
             for key in ("slug", "title", "summary", "agency", "website", "lead") if i.get(key)}
    assert PANCORANMAS in facts and not facts & set(examples)


def test_an_english_site_documents_its_data_in_english(tmp_path):
    site_yaml = (BASE_FILES["site.yaml"].replace("language: id", "language: en")
                 + "base_url: https://katalog.contoh.go.id/\npublisher: Balitbangda Contoh\ncontact_email: data@contoh.go.id\n")
    innovation = BASE_FILES["innovations/sehat-keliling.md"].replace("stage: penerapan", 'stage: penerapan\nimplemented: "2023-05"')
    write_content(tmp_path, {**BASE_FILES, "site.yaml": site_yaml, "innovations/sehat-keliling.md": innovation})
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "output"
    tables = _column_tables(out)
    assert tables["inovasi"]["region_code"][0] == "Kemendagri code of the region that owns the innovation (text, not a number)"
    assert tables["inovasi"]["contact_phone"][0] == "Contact: telephone (in JSON as +62...)"
    assert (tables["kunjungan"]["date"][0], tables["berita"]["title"][0]) == ("Date of the visit", "Title")
    licence = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
    text = " ".join(read_page(out, "data/").text.split())
    assert licence in text and "Atribusi" not in text and "Kode wilayah" not in text
    assert "the JSON files hold the raw values" in text and "not listed in the DCAT catalogue" in text
    assert _json(out / "data/inovasi.json")["license_name"] == licence
    rights = ET.parse(out / "berita/feed.xml").getroot().findtext("{http://www.w3.org/2005/Atom}rights")
    assert licence in rights and "Atribusi" not in rights
    assert licence in _json(out / "berita/feed.json")["description"]
    # modified: the newest 'updated' or news/visit date; an innovation's 'implemented' (2023-05) is no change date
    dcat = _json(out / "data/katalog.jsonld")
    assert dcat["dct:modified"] == {"@value": "2020-01-05", "@type": "xsd:date"}
    datasets = {d["@id"].rsplit("#", 1)[1]: d for d in dcat["dcat:dataset"]}
    assert "dct:modified" not in datasets["inovasi"]
    assert (datasets["kunjungan"]["dct:modified"]["@value"], datasets["berita"]["dct:modified"]["@value"]) == \
        ("2019-04-10", "2020-01-05")
    assert _json(out / "data/inovasi.json")["modified"] is None
    assert _json(out / "data/kunjungan.json")["modified"] == "2019-04-10"
    # the contact point from contact_email, on the catalogue and each dataset
    contact = {"@type": "vcard:Kind", "vcard:fn": "Balitbangda Contoh", "vcard:hasEmail": {"@id": "mailto:data@contoh.go.id"}}
    assert dcat["@context"]["vcard"] == "http://www.w3.org/2006/vcard/ns#"
    assert dcat["dcat:contactPoint"] == contact
    assert all(d["dcat:contactPoint"] == contact for d in datasets.values())


RICH = """\
---
title: "=HYPERLINK(\\"https://evil.example/\\",\\"klik\\")"
region: "32.16"
summary: Layanan kesehatan yang datang ke desa.
stage: penerapan
started: 2018
implemented: "2019-03"
updated: 2024-02-01
access:
  who: Warga Kabupaten Bekasi
  cost: Gratis
  apps:
    - {name: Android, url: "https://play.google.com/store/apps/details?id=x"}
location: {address: Jl. Raya Lemahabang, lat: -6.2383, lon: 107.1706}
contact: {unit: Puskesmas Lemahabang, phone: "(021) 8970000", whatsapp: "0812-3456-7890"}
outcomes:
  - {indicator: Waktu tunggu, before: 3, after: 1.5, unit: hari, period: 2022-2023}
awards:
  - {name: Top 45 KIPP, year: 2023}
legal_basis:
  - {title: Peraturan Bupati Bekasi, number: "12", year: 2019}
budget: {source: apbd, note: APBD 2022}
documents:
  - {title: SOP layanan, file: sop.pdf}
sources:
  - {name: Antara, url: "https://www.antaranews.com/berita/1", date: 2022-11-16}
---
Isi.
"""
VISIT = BASE_FILES["visits/kunjungan-bengkulu.md"].replace(
    "innovations: [sehat-keliling]", 'innovations: [sehat-keliling]\noutcome: "Baris pertama,\\nbaris \\"kedua\\""')


def _rich(tmp_path: Path, site_yaml: str = "") -> Path:
    write_content(tmp_path, {**BASE_FILES, "site.yaml": BASE_FILES["site.yaml"] + site_yaml,
                             "innovations/sehat-keliling.md": RICH, "visits/kunjungan-bengkulu.md": VISIT,
                             "media/sop.pdf": b"%PDF-1.4\n"})
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "output"


def test_structured_fields_spread_over_columns_and_nested_in_json(tmp_path):
    out = _rich(tmp_path, "base_url: https://katalog.contoh.go.id/\n")
    row = next(r for r in _csv(out / "data/inovasi.csv") if r["slug"] == "sehat-keliling")
    assert row["title"] == "'=HYPERLINK(\"https://evil.example/\",\"klik\")"  # formula-safe: a text cell
    assert (row["started"], row["implemented"], row["updated"]) == ("2018", "2019-03", "2024-02-01")
    assert (row["access_who"], row["access_cost"], row["access_hours"]) == ("Warga Kabupaten Bekasi", "Gratis", "")
    assert row["access_apps"] == "Android (https://play.google.com/store/apps/details?id=x)"
    assert (row["location_lat"], row["location_lon"]) == ("-6.2383", "107.1706")
    assert (row["contact_phone"], row["contact_whatsapp"]) == ("(021) 8970000", "0812-3456-7890")
    assert row["outcomes"] == "Waktu tunggu: 3 -> 1.5 hari (2022-2023)"
    assert (row["awards"], row["legal_basis"]) == ("Top 45 KIPP (2023)", "Peraturan Bupati Bekasi, Nomor 12 Tahun 2019")
    assert (row["budget_source"], row["budget_source_label"], row["budget_note"]) == ("apbd", "APBD", "APBD 2022")
    assert row["documents"] == "SOP layanan (https://katalog.contoh.go.id/media/sop.pdf)"
    assert row["sources"] == "Antara (https://www.antaranews.com/berita/1, 2022-11-16)"
    doc = _valid(out, "data", "inovasi")
    item = next(i for i in doc["items"] if i["slug"] == "sehat-keliling")
    assert item["contact"]["phone"] == "+62218970000"
    assert item["access"]["apps"] == [{"name": "Android", "url": "https://play.google.com/store/apps/details?id=x"}]
    assert item["outcomes"] == [{"indicator": "Waktu tunggu", "before": 3, "after": 1.5, "unit": "hari",
                                 "period": "2022-2023"}]
    assert item["documents"][0]["url"] == "https://katalog.contoh.go.id/media/sop.pdf"
    assert item["budget"] == {"source": "apbd", "source_label": "APBD", "note": "APBD 2022"}
    assert doc["modified"] == "2024-02-01"
    # a cell with a line break and quotes: quoted as CSV quotes it, its lines kept
    data = (out / "data/kunjungan.csv").read_bytes()
    assert b'"Baris pertama,\nbaris ""kedua"""' in data
    assert _csv(out / "data/kunjungan.csv")[0]["outcome"] == 'Baris pertama,\nbaris "kedua"'
    _valid(out, "data", "kunjungan")
    schema = _json(out / "data/inovasi.schema.json")
    assert schema["$id"] == "https://katalog.contoh.go.id/data/inovasi.schema.json"
    # a broken record fails the schema (it checks something)
    bad = {**doc, "items": [{**item, "region_code": 32.16}]}
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)


def test_a_licence_in_site_yaml_reaches_the_data_page_and_dcat(tmp_path):
    out = _rich(tmp_path, "license: CC0-1.0\n")
    page = read_page(out, "data/")
    assert "https://creativecommons.org/publicdomain/zero/1.0/" in page.hrefs()
    assert "CC0 1.0 Universal (domain publik)" in page.text
    dcat = _json(out / "data/katalog.jsonld")
    assert dcat["dct:license"] == {"@id": "https://creativecommons.org/publicdomain/zero/1.0/"}
    assert all(d["dct:license"] == dcat["dct:license"] for d in dcat["dcat:dataset"])
    assert _json(out / "data/inovasi.json")["license_name"] == "CC0 1.0 Universal (domain publik)"
    # no host in base_url: addresses from the server's root, and no $id in the schema
    assert _json(out / "data/inovasi.json")["items"][0]["url"].startswith("/inovasi/")
    assert "$id" not in _json(out / "data/inovasi.schema.json")


def test_a_bad_licence_is_a_site_yaml_error(tmp_path):
    write_content(tmp_path, {**BASE_FILES, "site.yaml": BASE_FILES["site.yaml"] + "license: CC-BY-4\n"})
    result = run(tmp_path)
    assert result.returncode == 1
    assert ("content/site.yaml:5: error: license 'CC-BY-4' tidak dikenal (maksud Anda 'CC-BY-4.0'?); pilihan: "
            "CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, ODbL-1.0, ODC-By-1.0, PDDL-1.0, atau alamat https:// halaman lisensi lain"
            ) in result.stderr.splitlines()


def test_a_body_edit_leaves_the_data_alone_and_a_field_edit_reaches_it(tmp_path):
    from test_incremental import _age_all, _build, _edit, _same_as_clean

    write_content(tmp_path, BASE_FILES)
    _age_all(tmp_path)
    assert _build(tmp_path, "out").mode == "clean"
    files = [tmp_path / "out" / p for p in ("data/inovasi.csv", "data/inovasi.json",
                                              "wilayah/jawa-barat/kabupaten-bekasi/inovasi.json")]
    before = [f.read_bytes() for f in files]
    _edit(tmp_path, "innovations/sehat-keliling.md", "Isi inovasi.", "Isi inovasi yang baru.")
    assert _build(tmp_path, "out").mode == "bodies"  # the quick road: the data never reads a body
    assert [f.read_bytes() for f in files] == before
    _edit(tmp_path, "innovations/sehat-keliling.md", "stage: penerapan", "stage: uji-coba")
    assert _build(tmp_path, "out").mode == "update"
    for f in files:
        assert f.read_bytes() != before[files.index(f)], f
    row = next(r for r in _csv(files[0]) if r["slug"] == "sehat-keliling")
    assert (row["stage"], row["stage_label"]) == ("uji-coba", "Uji coba")
    _same_as_clean(tmp_path)
