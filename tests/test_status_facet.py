"""An innovation's status as a facet wherever stages are one: its own term pages
(/status/berjalan/, /status/dihentikan/, an absent status counting as berjalan), a group
of its own on stage and sector pages, and the search index's status and award filters."""

from __future__ import annotations

from pathlib import Path

from contentkit import BASE_FILES, read_page, run, write_content
from support.searchfiles import SearchIndex

STOPPED = """\
---
title: Antrean Daring Puskesmas
region: "32.16"
summary: Antrean puskesmas lewat aplikasi.
stage: penerapan
sector: kesehatan
status: dihentikan
stopped: "2022-06"
stopped_reason: Diganti aplikasi provinsi.
awards:
  - {name: Top 45 KIPP, year: 2021, rank: Top 45}
  - {name: IGA, year: 2022}
---
Isi inovasi lama.
"""
AWARDED = BASE_FILES["innovations/sehat-keliling.md"].replace(
    "tags: [kesehatan, desa]\n", "tags: [kesehatan, desa]\nawards:\n  - {name: Top 45 KIPP, year: 2023}\n")
FILES = {**BASE_FILES, "innovations/antrean-daring.md": STOPPED, "innovations/sehat-keliling.md": AWARDED}


def _built(tmp_path: Path) -> Path:
    write_content(tmp_path, FILES)
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "output"


def test_status_pages_list_discontinued_and_running_innovations(tmp_path):
    site = _built(tmp_path)
    stopped = read_page(site, "status/dihentikan/")
    assert stopped.h1 == "Dihentikan"
    assert stopped.cards() == ["/inovasi/antrean-daring/"]
    running = read_page(site, "status/berjalan/")  # no status in their files: running
    assert running.h1 == "Berjalan"
    assert sorted(running.cards()) == ["/inovasi/sehat-keliling-kota/", "/inovasi/sehat-keliling/"]
    # grouped by stage, as a sector page is
    assert "Penerapan" in running.text and "Uji coba" in running.text
    overview = read_page(site, "status/")
    assert {"/status/berjalan/", "/status/dihentikan/"} <= set(overview.hrefs())


def test_stage_and_sector_pages_set_discontinued_innovations_apart(tmp_path):
    site = _built(tmp_path)
    for path in ("tahap/penerapan/", "urusan/kesehatan/"):
        page = read_page(site, path)
        assert "/inovasi/antrean-daring/" in page.cards(), path
        # the discontinued one is in a group of its own, headed by its status, after the running ones
        text = page.text
        assert "Dihentikan 1" in text, (path, text)
        assert page.cards().index("/inovasi/antrean-daring/") == len(page.cards()) - 1, path
        assert text.index("Layanan Sehat Keliling") < text.index("Dihentikan 1") < text.index("Antrean Daring Puskesmas")


def test_search_index_filters_by_status_and_award(tmp_path):
    site = _built(tmp_path)
    index = SearchIndex(site / "cari/indeks")
    ids = {c["u"]: i for i, c in enumerate(index.cards())}
    facets = index.facets()
    assert facets["status"] == {"Berjalan": sorted([ids["inovasi/sehat-keliling/"], ids["inovasi/sehat-keliling-kota/"]]),
                                "Dihentikan": [ids["inovasi/antrean-daring/"]]}
    assert facets["penghargaan"] == {"IGA": [ids["inovasi/antrean-daring/"]],
                                     "Top 45 KIPP": sorted([ids["inovasi/antrean-daring/"], ids["inovasi/sehat-keliling/"]])}
    # visits and news have neither
    for url in ("kunjungan/kunjungan-bengkulu/", "berita/berita-sehat/"):
        assert not any(ids[url] in docs for key in ("status", "penghargaan") for docs in facets[key].values())
    # award names and a discontinued innovation's status are searched too
    assert index.urls_with("iga") == {"inovasi/antrean-daring/"}
    assert "inovasi/antrean-daring/" in index.urls_with("dihentikan")
    # the search page offers both filters
    search = (site / "cari/index.html").read_text(encoding="utf-8")
    assert '<label for="cari-saring-status">Status</label>' in search
    assert '<label for="cari-saring-penghargaan">Penghargaan</label>' in search
