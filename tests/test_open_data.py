"""Open data (docs/data-terbuka.md): 'data/inovasi|kunjungan|berita.csv|json', their JSON
Schemas, the DCAT catalogue 'data/katalog.jsonld', each region's own files and the
"Data terbuka" page, read the way a consumer reads them (csv, json, jsonschema, HTML
links) with the sample catalogue's content asserted; then small content folders for the
structured fields, the CSV's spreadsheet safety and the licence option."""

from __future__ import annotations

import csv
import io
import json
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
    for path in ("", KOTA_BEKASI, f"inovasi/{PANCORANMAS}/"):
        assert "/katalog/data/" in read_page(subpath_site, path).hrefs(), path


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
