"""A region's IID profile export, 'wilayah/<region>/profil-iid.csv' (docs/profil-iid.md):
its header, one row cell by cell with the narrative taken from the body's sections, the
file's encoding, the province's export holding its kabupaten/kota's innovations, the
link on the region's page, and how it follows body edits on cached builds."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from contentkit import BASE_FILES, read_page, write_content
from test_incremental import _age_all, _build, _edit, _same_as_clean

HEADER = ["Nama inovasi", "Kode wilayah", "Wilayah", "Tahapan", "Inisiator", "Jenis", "Bentuk", "Urusan",
          "Tanggal uji coba", "Tanggal penerapan", "Status", "Rancang bangun", "Tujuan", "Manfaat", "Hasil",
          "Dasar hukum", "Tautan bukti", "Alamat halaman"]

FULL = """\
---
title: Layanan Sehat Keliling
region: "32.16"
summary: Layanan kesehatan yang datang ke desa.
stage: penerapan
initiator: perangkat-daerah
type: non-digital
form: pelayanan-publik
sector: kesehatan
started: 2018
implemented: 2019-03-04
status: dihentikan
stopped: "2022-06"
legal_basis:
  - {title: Peraturan Bupati Bekasi tentang Layanan Keliling, number: "12", year: 2019, url: "https://jdih.bekasikab.go.id/perbup-12-2019"}
  - {title: SK Kepala Dinas Kesehatan}
documents:
  - {title: SOP layanan, file: sop layanan.pdf}
sources:
  - {name: Antara, url: "https://www.antaranews.com/berita/1", date: 2022-11-16}
  - {name: Radar Bekasi}
---
## Latar belakang

Antrean panjang di puskesmas.

## Rancang bangun

Petugas datang ke desa dengan **mobil** layanan, lihat [jadwal](https://contoh.go.id/jadwal).

- Senin: desa A, "Sukamaju"
- Selasa: desa B

## Tujuan

Mendekatkan layanan.

## Manfaat

Warga tidak perlu ke kota.

## Hasil

Waktu tunggu turun dari 3 hari menjadi 1,5 hari.
"""

FILES = {**BASE_FILES, "site.yaml": BASE_FILES["site.yaml"] + "base_url: https://katalog.contoh.go.id/\n",
         "innovations/sehat-keliling.md": FULL, "media/sop layanan.pdf": b"%PDF-1.4\n"}

ROW = ["Layanan Sehat Keliling", "32.16", "Kabupaten Bekasi", "Penerapan", "Perangkat daerah", "Non digital",
       "Pelayanan publik", "Kesehatan", "2018", "2019-03-04", "Dihentikan",
       'Petugas datang ke desa dengan mobil layanan, lihat jadwal.\nSenin: desa A, "Sukamaju"\nSelasa: desa B',
       "Mendekatkan layanan.", "Warga tidak perlu ke kota.", "Waktu tunggu turun dari 3 hari menjadi 1,5 hari.",
       "Peraturan Bupati Bekasi tentang Layanan Keliling, Nomor 12 Tahun 2019 | SK Kepala Dinas Kesehatan",
       "https://www.antaranews.com/berita/1 | https://katalog.contoh.go.id/media/sop%20layanan.pdf"
       " | https://jdih.bekasikab.go.id/perbup-12-2019",
       "https://katalog.contoh.go.id/inovasi/sehat-keliling/"]


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _site(tmp_path: Path) -> Path:
    write_content(tmp_path, FILES)
    _age_all(tmp_path)
    return tmp_path


def test_a_regions_export_in_the_iid_columns(tmp_path):
    root = _site(tmp_path)
    assert _build(root, "out").mode == "clean"
    data = (root / "out/wilayah/jawa-barat/kabupaten-bekasi/profil-iid.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + b"Nama inovasi,Kode wilayah,Wilayah,")
    assert data.endswith(b"\r\n") and data.count(b"\r\n") == 2  # header and one row, CRLF (a cell's own lines: LF)
    rows = _rows(data)
    assert rows[0] == HEADER
    assert len(rows) == 2
    for column, got, want in zip(HEADER, rows[1], ROW, strict=True):
        assert got == want, column
    # the cell with quotes and line breaks is quoted as CSV quotes it
    assert b'"Petugas datang ke desa dengan mobil layanan, lihat jadwal.\nSenin: desa A, ""Sukamaju""\nSelasa: desa B"' in data


def test_a_provinces_export_holds_its_kabupaten_kota_and_region_pages_link_theirs(tmp_path):
    root = _site(tmp_path)
    _build(root, "out")
    province = _rows((root / "out/wilayah/jawa-barat/profil-iid.csv").read_bytes())
    assert province[0] == HEADER
    assert sorted((r[0], r[1]) for r in province[1:]) == [("Layanan Sehat Keliling", "32.16"),
                                                          ("Layanan Sehat Keliling Kota", "32.75")]
    city = _rows((root / "out/wilayah/jawa-barat/kota-bekasi/profil-iid.csv").read_bytes())
    assert [r[0] for r in city[1:]] == ["Layanan Sehat Keliling Kota"]
    assert city[1][11:15] == ["", "", "", ""]  # a body without the IID sections: empty narrative
    assert city[1][10] == "Berjalan"  # no status given
    page = read_page(root / "out", "wilayah/jawa-barat/kabupaten-bekasi/")
    assert [l.href for l in page.links if l.text == "Unduh profil IID (CSV)"] == \
        ["/wilayah/jawa-barat/kabupaten-bekasi/profil-iid.csv"]
    # a region with visits or news only has no export
    assert not (root / "out/wilayah/bengkulu/kota-bengkulu/profil-iid.csv").exists()
    visitor = read_page(root / "out", "wilayah/bengkulu/kota-bengkulu/")
    assert not [l for l in visitor.links if l.text == "Unduh profil IID (CSV)"]


def test_body_edits_reach_the_exports_and_cached_builds_equal_clean_ones(tmp_path):
    root = _site(tmp_path)
    _build(root, "out")
    kab = root / "out/wilayah/jawa-barat/kabupaten-bekasi/profil-iid.csv"
    prov = root / "out/wilayah/jawa-barat/profil-iid.csv"
    before = kab.read_bytes(), prov.read_bytes()
    # an edit to a section the export quotes: both exports that hold the innovation change
    _edit(root, "innovations/sehat-keliling.md", "menjadi 1,5 hari.", "menjadi 1 hari.")
    result = _build(root, "out")
    assert result.mode == "update"
    assert _rows(kab.read_bytes())[1][14] == "Waktu tunggu turun dari 3 hari menjadi 1 hari."
    assert [r[14] for r in _rows(prov.read_bytes()) if r[1] == "32.16"] == ["Waktu tunggu turun dari 3 hari menjadi 1 hari."]
    assert kab.read_bytes() != before[0] and prov.read_bytes() != before[1]
    _same_as_clean(root)
    # an edit to the body outside the quoted sections: the quick road, exports unchanged
    after = kab.read_bytes()
    _edit(root, "innovations/sehat-keliling.md", "Antrean panjang di puskesmas.", "Antrean sangat panjang.")
    assert _build(root, "out").mode == "bodies"
    assert kab.read_bytes() == after
    assert "Antrean sangat panjang." in (root / "out/inovasi/sehat-keliling/index.html").read_text(encoding="utf-8")
    _same_as_clean(root)
    # and a section edit again, after the quick road kept the page's context
    _edit(root, "innovations/sehat-keliling.md", "Mendekatkan layanan.", "Mendekatkan layanan ke desa.")
    assert _build(root, "out").mode == "update"
    assert _rows(kab.read_bytes())[1][12] == "Mendekatkan layanan ke desa."
    _same_as_clean(root)


def test_cells_that_would_start_a_formula_are_written_as_text_and_labels_stay_indonesian(tmp_path):
    hostile = (FULL.replace("title: Layanan Sehat Keliling", 'title: "=HYPERLINK(\\"https://evil.example/\\",\\"klik\\")"')
               .replace("Mendekatkan layanan.", "+62 layanan dekat")
               .replace("Warga tidak perlu ke kota.", "@warga"))
    files = {**FILES, "innovations/sehat-keliling.md": hostile,
             "site.yaml": FILES["site.yaml"].replace("language: id", "language: en")}
    write_content(tmp_path, files)
    assert _build(tmp_path, "out").mode == "clean"
    row = _rows((tmp_path / "out/wilayah/jawa-barat/kabupaten-bekasi/profil-iid.csv").read_bytes())[1]
    cells = dict(zip(HEADER, row, strict=True))
    assert cells["Nama inovasi"] == "'=HYPERLINK(\"https://evil.example/\",\"klik\")"
    assert (cells["Tujuan"], cells["Manfaat"]) == ("'+62 layanan dekat", "'@warga")
    # the IID form is Indonesian: an English site's export keeps the Indonesian labels
    assert (cells["Tahapan"], cells["Status"], cells["Jenis"]) == ("Penerapan", "Dihentikan", "Non digital")
