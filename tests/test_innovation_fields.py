"""The fields a citizen acts on (issue 14): each bad value refused at its line, with what is
allowed; all of a file's problems in one run; good values accepted; `check` warnings for
an incomplete IID profile, a discontinued innovation without date and a news source
without address."""

from __future__ import annotations

import pytest

from contentkit import BASE_FILES, run, tree_digest, write_content
from test_content_errors import built  # noqa: F401  (the fixture: a good site built, with its digest)

HEAD = """\
---
title: Layanan Sehat Keliling
region: "32.16"
summary: Layanan kesehatan yang datang ke desa.
stage: penerapan
sector: kesehatan
"""
PATH = "content/innovations/sehat-keliling.md"


def innovation(extra: str, body: str = "Isi inovasi.\n") -> dict[str, str]:
    return {"innovations/sehat-keliling.md": HEAD + extra + "---\n" + body}


BAD = {
    "unknown-status": ("status: berhenti\n",
                       "7: error: field 'status': nilai 'berhenti' tidak dikenal; nilai yang diizinkan: berjalan, dihentikan"),
    "stopped-while-running": ("stopped: 2021\n",
                              "7: error: field 'stopped' hanya dipakai untuk inovasi yang dihentikan; "
                              "tambahkan 'status: dihentikan' atau hapus field ini"),
    "not-a-phone": ('contact:\n  unit: Puskesmas\n  phone: "12345"\n',
                    "9: error: field 'contact' (phone): '12345' bukan nomor telepon yang berlaku; tulis nomor lengkap "
                    "dengan kode wilayah, misalnya \"(021) 8970000\", \"0812-3456-7890\" atau \"+62 21 8970000\""),
    "phone-read-as-number": ("contact:\n  phone: 0215551234\n",
                             "8: error: field 'contact' (phone): nomor 37147292 dibaca YAML sebagai angka (angka 0 di "
                             "depannya hilang); tulis nomor telepon dalam tanda kutip, misalnya \"021 8970000\""),
    "outside-indonesia": ("location:\n  address: Jl. Raya\n  lat: 40.7\n  lon: -74.0\n",
                          "9: error: field 'location' (lat): lintang 40.7 berada di luar wilayah Indonesia (antara "
                          "-11.5 dan 6.5); periksa apakah lintang dan bujur tertukar"),
    "outcome-not-a-number": ("outcomes:\n  - indicator: Waktu tunggu\n    before: 3 hari\n    after: 1\n",
                             "9: error: field 'outcomes' (ke-1, before): '3 hari' bukan angka; tulis angkanya saja "
                             "tanpa tanda kutip, titik ribuan atau satuan (satuan di 'unit'), dengan titik sebagai "
                             "tanda desimal, misalnya 1500 atau 12.5"),
    "document-not-in-media": ("documents:\n  - title: SOP layanan\n    file: sop.pdf\n",
                              "9: error: field 'documents' (ke-1): berkas 'sop.pdf' tidak ada di folder media/"),
    "unknown-budget": ("budget:\n  source: apbdd\n",
                       "8: error: field 'budget' (source): nilai 'apbdd' tidak dikenal (maksud Anda 'apbd'?); nilai yang "
                       "diizinkan: apbd, apbdes, apbn, csr, swadaya, lainnya"),
    "contact-as-text": ("contact: 021 8970000\n",
                        "7: error: field 'contact': berupa pasangan kunci-nilai, bukan teks; pindahkan isinya ke kunci "
                        "yang sesuai, misalnya contact: {unit: Puskesmas Lemahabang, phone: \"(021) 8970000\"}; kunci "
                        "yang tersedia: unit, phone, whatsapp, email, address, url"),
    "unknown-part": ("access:\n  jam: 08.00\n",
                     "8: error: field 'access' (jam): kunci 'jam' tidak dikenal; kunci yang tersedia: who, where, hours, "
                     "cost, how, apps"),
    "award-without-year": ("awards:\n  - name: Top 45 KIPP\n",
                           "8: error: field 'awards' (ke-1): kunci 'year' wajib diisi"),
    "app-bad-url": ("access:\n  apps:\n    - name: Android\n      url: play.google.com/x\n",
                    "10: error: field 'access' (apps, ke-1, url): 'play.google.com/x' bukan alamat yang diizinkan; "
                    "tulis alamat lengkap yang diawali https:// atau http://"),
    "bad-email": ("contact:\n  email: balitbangda di bekasikab.go.id\n",
                  "8: error: field 'contact' (email): 'balitbangda di bekasikab.go.id' bukan alamat surel; tulis seperti "
                  "balitbangda@bekasikab.go.id"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_value_is_refused_at_its_line(built, case):
    root, before = built
    extra, expected = BAD[case]
    write_content(root, innovation(extra))
    result = run(root)
    assert result.returncode == 1
    assert f"{PATH}:{expected}" in result.stderr.splitlines(), result.stderr
    assert tree_digest(root / "output") == before


def test_every_problem_of_a_structured_field_in_one_run(built):
    root, _ = built
    write_content(root, innovation('contact:\n  phone: "1"\n  whatsapp: "2"\n  emial: x@y.id\n'))
    result = run(root)
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert any(line.startswith(f"{PATH}:8: error: field 'contact' (phone):") for line in lines), result.stderr
    assert any(line.startswith(f"{PATH}:9: error: field 'contact' (whatsapp):") for line in lines), result.stderr
    assert f"{PATH}:10: error: field 'contact' (emial): kunci 'emial' tidak dikenal (maksud Anda 'email'?); kunci yang " \
           "tersedia: unit, phone, whatsapp, email, address, url" in lines


GOOD = """\
status: dihentikan
stopped: "2022-06"
stopped_reason: Diganti aplikasi provinsi.
checked: 2026-11-01
updated: 2026-10-20
access:
  who: Warga Kabupaten Bekasi
  cost: gratis
  apps:
    - {name: Android, url: "https://play.google.com/store/apps/details?id=x"}
location: {address: "Jl. Raya Lemahabang", lat: -6.27, lon: 107.17}
contact:
  unit: Puskesmas Lemahabang
  phone: "(021) 8970000"
  whatsapp: "0812 3456 7890"
  email: puskesmas@bekasikab.go.id
outcomes:
  - {indicator: Waktu tunggu, before: 3, after: 1.5, unit: hari}
awards:
  - {name: Top 45 KIPP, year: 2023, rank: Top 45}
legal_basis:
  - {title: Peraturan Bupati Bekasi, number: "12", year: 2021}
budget: {source: apbd, note: Dinas Kesehatan}
documents:
  - {title: SOP layanan, file: sop.pdf}
sources:
  - {name: Antara, url: "https://www.antaranews.com/x", date: 2022-11-16}
"""


def test_good_values_build(tmp_path):
    write_content(tmp_path, {**BASE_FILES, **innovation(GOOD), "media/sop.pdf": b"%PDF-1.4\n"})
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr


def test_check_warns_about_an_incomplete_profile(tmp_path):
    body = "## Latar belakang\n\nAntrean panjang.\n\n## Rancang bangun\n\nPetugas datang ke desa.\n\n## Tujuan\n\n"
    news = BASE_FILES["news/berita-sehat.md"].replace("visits: [kunjungan-bengkulu]\n",
                                                       "visits: [kunjungan-bengkulu]\nsource:\n  name: Antara\n")
    write_content(tmp_path, {**BASE_FILES, **innovation("status: dihentikan\n", body), "news/berita-sehat.md": news})
    result = run(tmp_path, "check")
    lines = result.stdout.splitlines() + result.stderr.splitlines()
    assert f"{PATH}:7: warning: inovasi yang dihentikan sebaiknya mencatat stopped dan stopped_reason (kapan dan " \
           "mengapa dihentikan)" in lines
    assert f"{PATH}:9: warning: profil Indeks Inovasi Daerah belum lengkap: bagian '## Tujuan', '## Manfaat', " \
           "'## Hasil' belum ada atau masih kosong di isi berkas" in lines
    assert f"{PATH}:13: warning: bagian 'Rancang bangun' berisi 4 kata; Indeks Inovasi Daerah meminta sedikitnya " \
           "300 kata" in lines
    assert "content/news/berita-sehat.md:8: warning: field 'source' tanpa 'url': tambahkan alamat berita aslinya " \
           "agar pembaca dapat memeriksanya" in lines
