"""The search index as the build writes it: which pages it holds, what it records of
each, and when a build (re)builds it. Read from Pagefind's per-page fragments (gzipped
JSON); the browser tests (test_search.py) use it through the search page.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from contentkit import BASE_FILES, read_page, run, write_content

PAGE = "pages/tentang.md"
STATIC_PAGE = "---\ntitle: Tentang\n---\nTentang katalog ini, kata unikpagestatis.\n"


def fragments(site: Path) -> dict[str, dict]:
    """URL -> what the index holds of that page."""
    out = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        record = json.loads(data[len(b"pagefind_dcd"):])
        out[record["url"]] = record
    return out


def build(root: Path, *args: str):
    result = run(root, *args)
    assert result.returncode == 0, result.stderr
    return result


def test_the_index_holds_every_entry_page_and_nothing_else(tmp_path):
    write_content(tmp_path, {**BASE_FILES, PAGE: STATIC_PAGE})
    result = build(tmp_path)
    site = tmp_path / "output"
    index = fragments(site)
    assert sorted(index) == ["/berita/berita-sehat/", "/inovasi/sehat-keliling-kota/", "/inovasi/sehat-keliling/",
                             "/kunjungan/kunjungan-bengkulu/"]
    assert "Indeks pencarian: 4 halaman" in result.stdout
    # the legacy interfaces Pagefind also writes are not published
    assert not (site / "pagefind/pagefind-ui.js").exists() and (site / "pagefind/pagefind-component-ui.js").is_file()


def test_what_the_index_records_of_an_innovation(tmp_path):
    full = BASE_FILES["innovations/sehat-keliling.md"].replace(
        "stage: penerapan\n", 'stage: penerapan\nform: pelayanan-publik\ntype: non-digital\nimplemented: "2019-03"\n')
    write_content(tmp_path, {**BASE_FILES, "innovations/sehat-keliling.md": full})
    build(tmp_path)
    record = fragments(tmp_path / "output")["/inovasi/sehat-keliling/"]
    assert record["filters"] == {"konten": ["Inovasi"], "provinsi": ["Jawa Barat"], "wilayah": ["Kabupaten Bekasi"],
                                 "tahap": ["Penerapan"], "bentuk": ["Pelayanan publik"], "jenis": ["Non digital"],
                                 "urusan": ["Kesehatan"], "tahun": ["2019"]}
    meta = record["meta"]
    assert meta["title"] == "Layanan Sehat Keliling" and meta["kind"] == "Inovasi"
    assert meta["region"] == "Kabupaten Bekasi" and meta["date"] == "Maret 2019"
    assert meta["summary"] == "Layanan kesehatan yang datang ke desa."
    html = (tmp_path / "output/inovasi/sehat-keliling/index.html").read_text(encoding="utf-8")
    # sorts live in the index, not the fragment
    assert 'data-pagefind-sort="terbaru:2019-03-01"' in html and 'data-pagefind-sort="terlama:2019-03-01"' in html
    # the article only: not the menu, the fact box or the related entries below it
    assert "Isi inovasi." in record["content"]
    for outside in ("Kunjungan", "Keterangan", "Direplikasi oleh"):
        assert outside not in record["content"], outside


def test_a_visit_is_found_under_every_region_it_joins(tmp_path):
    write_content(tmp_path, BASE_FILES)
    build(tmp_path)
    record = fragments(tmp_path / "output")["/kunjungan/kunjungan-bengkulu/"]
    assert record["filters"]["konten"] == ["Kunjungan kerja"]
    assert set(record["filters"]["wilayah"]) == {"Kabupaten Bekasi", "Kota Bengkulu"}
    assert set(record["filters"]["provinsi"]) == {"Jawa Barat", "Bengkulu"}
    html = (tmp_path / "output/kunjungan/kunjungan-bengkulu/index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-sort="terbaru:2019-04-10"' in html
    undated = (tmp_path / "output/inovasi/sehat-keliling-kota/index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-sort="terbaru:0000-00-00"' in undated and 'data-pagefind-sort="terlama:9999-99-99"' in undated


def test_the_index_is_rebuilt_only_when_an_indexed_page_changes(tmp_path):
    write_content(tmp_path, {**BASE_FILES, PAGE: STATIC_PAGE})
    build(tmp_path)
    # the bundle's entry file: the same inode in either output tree while the index is kept
    bundle = tmp_path / "output/pagefind/pagefind-entry.json"
    first = bundle.stat().st_ino

    again = build(tmp_path)
    assert "Indeks pencarian" not in again.stdout and bundle.stat().st_ino == first

    page = tmp_path / "content" / PAGE
    page.write_text(STATIC_PAGE.replace("katalog ini", "katalog ini saja"), encoding="utf-8")
    static_only = build(tmp_path)
    assert "1 halaman ditulis ulang" in static_only.stdout
    assert "Indeks pencarian" not in static_only.stdout and bundle.stat().st_ino == first

    innovation = tmp_path / "content/innovations/sehat-keliling.md"
    innovation.write_text(innovation.read_text(encoding="utf-8").replace("Isi inovasi.", "Isi inovasi ambulans desa."),
                          encoding="utf-8")
    body = build(tmp_path)
    assert "Indeks pencarian: 4 halaman" in body.stdout and bundle.stat().st_ino != first
    assert "ambulans desa" in fragments(tmp_path / "output")["/inovasi/sehat-keliling/"]["content"]

    (tmp_path / "content/news/berita-sehat.md").unlink()
    removed = build(tmp_path)
    assert "Indeks pencarian: 3 halaman" in removed.stdout
    assert "/berita/berita-sehat/" not in fragments(tmp_path / "output")


def _lose_index(site: Path) -> None:
    for path in sorted((site / "pagefind").rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    (site / "pagefind").rmdir()


def test_a_lost_index_is_built_again(tmp_path):
    write_content(tmp_path, {**BASE_FILES, PAGE: STATIC_PAGE})
    build(tmp_path)
    site = tmp_path / "output"
    _lose_index(site)
    nothing_changed = build(tmp_path)
    assert "Indeks pencarian: 4 halaman" in nothing_changed.stdout and len(fragments(site)) == 4

    _lose_index(site)
    page = tmp_path / "content" / PAGE
    page.write_text(STATIC_PAGE.replace("katalog ini", "katalog ini saja"), encoding="utf-8")
    static_only = build(tmp_path)  # the quick road for bodies, on a page the index does not hold
    assert "1 halaman ditulis ulang" in static_only.stdout
    assert "Indeks pencarian: 4 halaman" in static_only.stdout and len(fragments(site)) == 4


def test_pagefind_settings_around_the_build_change_nothing(tmp_path):
    write_content(tmp_path, BASE_FILES)
    (tmp_path / "pagefind.yml").write_text("keep_index_url: true\nforce_language: en\n", encoding="utf-8")
    result = run(tmp_path, env={"PAGEFIND_FORCE_LANGUAGE": "en", "PAGEFIND_KEEP_INDEX_URL": "true"})
    assert result.returncode == 0, result.stderr
    site = tmp_path / "output"
    assert "/inovasi/sehat-keliling/" in fragments(site)
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["id"]


def test_a_static_page_may_not_take_the_index_folder(tmp_path):
    write_content(tmp_path, {**BASE_FILES, "pages/pagefind.md": "---\ntitle: Pagefind\n---\nTeks.\n"})
    result = run(tmp_path)
    assert result.returncode == 1
    assert "content/pages/pagefind.md:1: error: slug 'pagefind' dipakai oleh situs sendiri" in result.stderr


def test_a_catalogue_without_entries_has_a_search_page_and_no_index(tmp_path):
    write_content(tmp_path, {"site.yaml": BASE_FILES["site.yaml"], PAGE: STATIC_PAGE})
    result = build(tmp_path)
    assert "Indeks pencarian" not in result.stdout
    assert not (tmp_path / "output/pagefind").exists()
    page = read_page(tmp_path / "output", "cari/")
    assert page.h1 == "Cari" and "Belum ada inovasi, kunjungan atau berita di katalog ini untuk dicari." in page.text
    assert "pagefind" not in (tmp_path / "output/cari/index.html").read_text(encoding="utf-8")


def test_search_page_in_english_under_a_sub_path(tmp_path):
    write_content(tmp_path, {**BASE_FILES, "site.yaml": BASE_FILES["site.yaml"].replace("language: id", "language: en")})
    build(tmp_path, "--base-url", "/katalog/")
    page = read_page(tmp_path / "output", "cari/")
    html = (tmp_path / "output/cari/index.html").read_text(encoding="utf-8")
    assert page.h1 == "Search" and "Search on this page needs JavaScript" in page.text
    assert 'bundle-path="/katalog/pagefind/"' in html and 'base-url="/katalog/"' in html and 'lang="en"' in html
    assert 'src="/katalog/pagefind/pagefind-component-ui.js"' in html
    assert 'data-word-zero-results="No results for [SEARCH_TERM]"' in html
    assert "<script>" not in html, "inline script"
    home = (tmp_path / "output/index.html").read_text(encoding="utf-8")
    assert 'action="/katalog/cari/"' in home and 'placeholder="Search innovations, visits, news"' in home
