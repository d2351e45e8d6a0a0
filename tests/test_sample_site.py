"""The bundled sample catalogue, built for real: the right entries on the right pages."""

from __future__ import annotations

import pytest

from contentkit import REPO, read_page, run

I = "/inovasi/"
HUB = I + "innovation-hub-kota-bekasi/"
TWUP4 = I + "twup4-kota-bekasi/"
PANCORANMAS = I + "pancoranmas-kabupaten-bekasi/"
PANCORANMAS_PKM = I + "pancoranmas-puskesmas-lemahabang/"
BEBELI = I + "bebeli-kabupaten-bekasi/"
BEBELI_ULP = I + "bebeli-ulp-kabupaten-bekasi/"
ITB_FIVE = [I + s + "/" for s in (
    "pendampingan-beasiswa-kabupaten-bekasi", "nir-banjir-teknologi-zaro-kabupaten-bekasi",
    "tekno-sosial-tata-kelola-sampah-kabupaten-bekasi", "wisata-industri-kabupaten-bekasi",
    "csr-rupiah-sama-dengan-nol-kabupaten-bekasi")]
ITB_PROPOSALS = [I + s + "/" for s in (  # the two of seven still being reformulated
    "pendirian-perguruan-tinggi-kabupaten-bekasi", "pengembangan-valuasi-koridor-industri-bekasi-cikarang")]
VISIT_BAUBAU = "/kunjungan/balitbangda-baubau-ke-kota-bekasi-2017/"
VISIT_BENGKULU = "/kunjungan/pemkot-bengkulu-ke-kota-bekasi-2019/"
NEWS_BAUBAU = "/berita/balitbangda-baubau-kunjungi-kota-bekasi/"
NEWS_BENGKULU = "/berita/wakil-wali-kota-bengkulu-pelajari-twup4-kota-bekasi/"
NEWS_EXPO = "/berita/innovation-and-technology-expo-kabupaten-bekasi-2022/"
NEWS_ITB = "/berita/kabupaten-bekasi-itb-tandatangani-kak-solusi-spesifik/"
NEWS_BLITAR = "/berita/rakor-kelitbangan-kabupaten-blitar-2022/"
KOTA_BEKASI = "/wilayah/jawa-barat/kota-bekasi/"
KAB_BEKASI = "/wilayah/jawa-barat/kabupaten-bekasi/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "site"
    result = run(REPO, "build", "--content", "content", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Selesai: ")
    return out


def page(site, url):
    return read_page(site, url.lstrip("/"))


def test_kota_bekasi_page_lists_its_entries(site):
    p = page(site, KOTA_BEKASI)
    assert p.h1 == "Kota Bekasi"
    assert sorted(p.cards("innovations")) == sorted([HUB, TWUP4])
    assert sorted(p.cards("hosted")) == sorted([VISIT_BAUBAU, VISIT_BENGKULU])
    assert p.cards("made") == []
    assert sorted(p.cards("news")) == sorted([NEWS_BAUBAU, NEWS_BENGKULU])


def test_visiting_regions_list_the_visits_they_made(site):
    baubau = page(site, "/wilayah/sulawesi-tenggara/kota-baubau/")
    assert baubau.h1 == "Kota Baubau"  # the name from content/regions.yaml, over the official spelling
    assert baubau.cards("made") == [VISIT_BAUBAU]
    assert baubau.cards("hosted") == [] and baubau.cards("innovations") == []
    bengkulu = page(site, "/wilayah/bengkulu/kota-bengkulu/")
    assert bengkulu.cards("made") == [VISIT_BENGKULU]


def test_kabupaten_bekasi_holds_its_innovations_newest_first(site):
    p = page(site, KAB_BEKASI)
    cards = p.cards("innovations")
    assert sorted(cards) == sorted([PANCORANMAS, PANCORANMAS_PKM, BEBELI, BEBELI_ULP, *ITB_FIVE, *ITB_PROPOSALS])
    assert set(cards[:5]) == set(ITB_FIVE)  # implemented 2023-11: before the undated ones
    assert sorted(p.cards("news")) == sorted([NEWS_EXPO, NEWS_ITB])


def test_province_page_lists_kabupaten_kota_and_everything_in_it(site):
    p = page(site, "/wilayah/jawa-barat/")
    assert p.h1 == "Jawa Barat"
    children = {l.text: l.href for l in p.links if "child-regions" in l.classes}
    assert children == {"Kabupaten Bekasi": KAB_BEKASI, "Kota Bekasi": KOTA_BEKASI}
    assert "27 kabupaten/kota" in p.text  # every kabupaten/kota of Jawa Barat is listed, with or without entries
    assert len(p.cards("innovations")) == 13
    assert sorted(p.cards("hosted")) == sorted([VISIT_BAUBAU, VISIT_BENGKULU])


def test_region_index_lists_all_provinces(site):
    p = page(site, "/wilayah/")
    rows = [l for l in p.links if "province-list" in l.classes]
    assert {l.text for l in rows} == {"Jawa Barat", "Jawa Timur", "Bengkulu", "Sulawesi Tenggara"}
    assert not [l for l in p.links if "region-others" in l.classes]  # the provinces without entries have no page
    assert "4 dari 38 provinsi memiliki entri." in p.text


def test_innovation_and_visit_link_each_other(site):
    hub = page(site, HUB)
    assert hub.cards() and VISIT_BAUBAU in hub.cards() and NEWS_BAUBAU in hub.cards()
    assert KOTA_BEKASI in hub.hrefs()
    visit = page(site, VISIT_BAUBAU)
    assert HUB in visit.cards()
    assert NEWS_BAUBAU in visit.cards()
    facts = {l.href for l in visit.links if "facts" in l.classes}
    assert {KOTA_BEKASI, "/wilayah/sulawesi-tenggara/kota-baubau/"} <= facts
    assert "Rabu, 2 Agustus 2017" in visit.text


def test_replication_links_go_both_ways(site):
    replica = page(site, PANCORANMAS)
    assert PANCORANMAS_PKM in replica.cards()
    original = page(site, PANCORANMAS_PKM)
    assert PANCORANMAS in original.cards()
    assert "Direplikasi oleh" in original.text and "Mereplikasi inovasi" in replica.text


def test_news_links_its_regions_innovations_and_visits(site):
    news = page(site, NEWS_BENGKULU)
    assert TWUP4 in news.cards() and VISIT_BENGKULU in news.cards()
    assert "/wilayah/bengkulu/kota-bengkulu/" in news.hrefs()
    itb = page(site, NEWS_ITB)
    assert sorted(c for c in itb.cards() if c.startswith(I)) == sorted(ITB_FIVE + ITB_PROPOSALS)
    for url in ITB_FIVE + ITB_PROPOSALS:
        assert NEWS_ITB in page(site, url).cards()


def test_the_five_itb_programmes_are_related_to_each_other(site):
    for url in ITB_FIVE:
        others = set(ITB_FIVE) - {url}
        assert others <= set(page(site, url).cards()), url
    assert ITB_PROPOSALS[1] in page(site, ITB_PROPOSALS[0]).cards()


def test_taxonomy_pages_hold_the_right_entries(site):
    health = page(site, "/urusan/kesehatan/")
    assert sorted(health.cards()) == sorted([PANCORANMAS, PANCORANMAS_PKM])
    assert "Penerapan" in health.text  # grouped by stage
    assert sorted(page(site, "/tahap/inisiatif/").cards()) == sorted([HUB, *ITB_PROPOSALS])
    assert set(page(site, "/tahap/penerapan/").cards()) == {PANCORANMAS, PANCORANMAS_PKM, BEBELI, BEBELI_ULP, TWUP4, *ITB_FIVE}
    sectors = page(site, "/urusan/")
    assert "/urusan/kesehatan/" in sectors.hrefs()


def test_lists_are_newest_first_and_complete(site):
    news = page(site, "/berita/")
    assert news.cards() == [NEWS_ITB, NEWS_EXPO, NEWS_BLITAR, NEWS_BENGKULU, NEWS_BAUBAU]
    visits = page(site, "/kunjungan/")
    assert visits.cards() == [VISIT_BENGKULU, VISIT_BAUBAU]
    innovations = page(site, "/inovasi/")
    assert len(innovations.cards()) == 13


def test_home_page(site):
    home = page(site, "/")
    assert home.h1 == "Katalog Inovasi Daerah"
    assert NEWS_ITB in home.cards()
    assert KAB_BEKASI in home.hrefs() and KOTA_BEKASI in home.hrefs()
    for section in ("/inovasi/", "/kunjungan/", "/berita/", "/wilayah/", "/urusan/", "/tahap/", "/tentang/"):
        assert section in home.hrefs()


def test_static_page_in_menu(site):
    about = page(site, "/tentang/")
    assert about.h1 == "Tentang Katalog"
    assert any(l.href == "/tentang/" for l in about.links if "site-nav" in l.classes)


def test_what_a_reader_of_the_articles_mended_stays_mended(site):
    assert page(site, TWUP4).h1 == ("TWUP4 Kota Bekasi (Tim Wali Kota untuk P4, Percepatan Penyelenggaraan "
                                    "Pemerintah dan Pembangunan)")  # as the article names it, not "Pemerintahan"
    for url in (VISIT_BENGKULU, NEWS_BENGKULU):  # the article gives only "Rabu (10/4)"
        assert "Tahun 2019 merupakan hasil penyimpulan yang belum dipastikan" in page(site, url).text, url
    for url in (VISIT_BAUBAU, NEWS_BAUBAU):  # the delegation said the same way on both pages
        assert "beranggotakan 10 orang" in page(site, url).text, url
    itb = page(site, NEWS_ITB)
    assert "Kerangka Acuan Kerja 7 Solusi Spesifik" in itb.h1 and "Lima Siap Diterapkan" in itb.h1
    for url in ITB_PROPOSALS:
        assert "/tahap/inisiatif/" in page(site, url).hrefs(), url
