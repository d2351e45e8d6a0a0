"""Build options and site settings, end to end on small content folders."""

from __future__ import annotations

from contentkit import BASE_FILES, published, read_page, run, write_content


def build(tmp_path, files=None, *args):
    write_content(tmp_path, {**BASE_FILES, **(files or {})})
    result = run(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    return tmp_path / "output"


def test_drafts_are_left_out_unless_asked_for(tmp_path):
    draft = BASE_FILES["innovations/sehat-keliling.md"].replace("stage: penerapan", "stage: penerapan\ndraft: true")
    site = build(tmp_path, {"innovations/sehat-keliling.md": draft})
    assert not (site / "inovasi/sehat-keliling").exists()
    # the replica still builds; its link to the draft is left out rather than broken
    replica = read_page(site, "inovasi/sehat-keliling-kota/")
    assert "/inovasi/sehat-keliling/" not in replica.hrefs()
    assert "/inovasi/sehat-keliling/" not in read_page(site, "wilayah/jawa-barat/kabupaten-bekasi/").cards()
    result = run(tmp_path, "--drafts")
    assert result.returncode == 0
    page = read_page(site, "inovasi/sehat-keliling/")
    assert page.h1 == "Layanan Sehat Keliling" and "Draf" in page.text


def test_sub_path_base_url_prefixes_every_link(tmp_path):
    site = build(tmp_path, None, "--base-url", "https://contoh.go.id/katalog/")
    home = read_page(site, "")
    internal = [h for h in home.hrefs() if not h.startswith("#")]
    assert internal and all(h.startswith("/katalog/") for h in internal), internal
    assert "/katalog/wilayah/jawa-barat/kabupaten-bekasi/" in home.hrefs()
    html = (site / "index.html").read_text()
    style = published(site, "style.css")
    assert f'href="/katalog/{style}"' in html


def test_links_written_in_bodies_follow_the_base_url(tmp_path):
    body = ("Lihat [replikasinya](/inovasi/sehat-keliling-kota/), [wilayahnya](/wilayah/jawa-barat/kabupaten-bekasi/), "
            "[laman luar](https://example.go.id/x), [bagian ini](#isi) dan [tautan relatif](../).\n")
    files = {"innovations/sehat-keliling.md": BASE_FILES["innovations/sehat-keliling.md"].replace("Isi inovasi.\n", body)}
    site = build(tmp_path, files, "--base-url", "/katalog/")
    hrefs = read_page(site, "inovasi/sehat-keliling/").hrefs()
    assert "/katalog/inovasi/sehat-keliling-kota/" in hrefs and "/katalog/wilayah/jawa-barat/kabupaten-bekasi/" in hrefs
    assert "https://example.go.id/x" in hrefs and "#isi" in hrefs and "../" in hrefs
    assert "/inovasi/sehat-keliling-kota/" not in hrefs
    # at the root the same body links stay as written
    root = build(tmp_path, files)
    assert "/inovasi/sehat-keliling-kota/" in read_page(root, "inovasi/sehat-keliling/").hrefs()


def test_base_url_from_site_yaml(tmp_path):
    site = build(tmp_path, {"site.yaml": BASE_FILES["site.yaml"] + "base_url: /portal/inovasi\n"})
    assert "/portal/inovasi/inovasi/sehat-keliling/" in read_page(site, "").hrefs()


def test_bad_base_url_flag(tmp_path):
    write_content(tmp_path, BASE_FILES)
    result = run(tmp_path, "--base-url", "contoh.go.id")
    assert result.returncode == 2
    assert "--base-url: base_url 'contoh.go.id' tidak valid" in result.stderr
    assert not (tmp_path / "output").exists()


def test_english_interface_and_dates(tmp_path):
    site = build(tmp_path, {"site.yaml": BASE_FILES["site.yaml"].replace("language: id", "language: en")})
    visit = read_page(site, "kunjungan/kunjungan-bengkulu/")
    assert "Wednesday, 10 April 2019" in visit.text
    assert "Innovations studied" in visit.text
    assert (site / "index.html").read_text().startswith('<!DOCTYPE html>\n<html lang="en">')


def test_indonesian_dates_by_default(tmp_path):
    site = build(tmp_path)
    assert "Rabu, 10 April 2019" in read_page(site, "kunjungan/kunjungan-bengkulu/").text
    assert "Minggu, 5 Januari 2020" in read_page(site, "berita/berita-sehat/").text


def test_pagination(tmp_path):
    third = BASE_FILES["innovations/sehat-keliling.md"].replace("Layanan Sehat Keliling", "Inovasi Ketiga")
    site = build(tmp_path, {"innovations/ketiga.md": third})  # per_page is 2 in the test site
    first = read_page(site, "inovasi/")
    second = read_page(site, "inovasi/halaman/2/")
    assert len(first.cards()) == 2 and len(second.cards()) == 1
    assert set(first.cards()) | set(second.cards()) == {
        "/inovasi/sehat-keliling/", "/inovasi/sehat-keliling-kota/", "/inovasi/ketiga/"}
    assert "/inovasi/halaman/2/" in first.hrefs() and "/inovasi/" in second.hrefs()


def test_partial_dates(tmp_path):
    dated = BASE_FILES["innovations/sehat-keliling.md"].replace("stage: penerapan", "stage: penerapan\nstarted: 2021\nimplemented: \"2023-11\"")
    site = build(tmp_path, {"innovations/sehat-keliling.md": dated})
    page = read_page(site, "inovasi/sehat-keliling/")
    assert "Mulai dirintis 2021" in page.text and "Mulai diterapkan November 2023" in page.text


def test_site_theme_extends_default(tmp_path):
    theme = tmp_path / "themes" / "kabupaten"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.yaml").write_text("extends: default\n")
    (theme / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Tidak ada di Kabupaten</h1>{% endblock %}')
    (theme / "i18n").mkdir()
    (theme / "i18n" / "id.yaml").write_text("nav.regions: Daerah\n")
    site = build(tmp_path, {"site.yaml": BASE_FILES["site.yaml"] + "theme: kabupaten\n"})
    assert "Tidak ada di Kabupaten" in (site / "404.html").read_text()
    home = read_page(site, "")
    assert [l.text for l in home.links if l.href == "/wilayah/" and "site-nav" in l.classes] == ["Daerah"]
    assert (site / published(site, "style.css")).is_file()  # static files come from the parent theme


def test_unknown_theme_is_reported(tmp_path):
    write_content(tmp_path, {**BASE_FILES, "site.yaml": BASE_FILES["site.yaml"] + "theme: tidak-ada\n"})
    result = run(tmp_path)
    assert result.returncode == 1
    assert "content/site.yaml: error: tema 'tidak-ada' tidak ditemukan" in result.stderr


def test_help_documents_every_flag():
    from contentkit import REPO
    result = run(REPO, "build", "--help")
    for flag in ("--content", "--output", "--base-url", "--drafts", "--no-cache", "--jobs"):
        assert flag in result.stdout
    top = run(REPO, "--help")
    assert "build" in top.stdout and top.returncode == 0


def test_media_is_copied_and_images_link_to_it(tmp_path):
    with_image = BASE_FILES["innovations/sehat-keliling.md"].replace(
        "stage: penerapan", "stage: penerapan\nimage:\n  src: foto/mobil.svg\n  alt: Mobil layanan kesehatan keliling")
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>'
    site = build(tmp_path, {"innovations/sehat-keliling.md": with_image, "media/foto/mobil.svg": svg})
    assert (site / "media" / "foto" / "mobil.svg").read_text() == svg
    html = (site / "inovasi" / "sehat-keliling" / "index.html").read_text()
    assert '<img src="/media/foto/mobil.svg" alt="Mobil layanan kesehatan keliling" width="4" height="4">' in html


def test_missing_image_is_an_error(tmp_path):
    with_image = BASE_FILES["innovations/sehat-keliling.md"].replace(
        "stage: penerapan", "stage: penerapan\nimage:\n  src: tidak-ada.jpg\n  alt: Foto")
    write_content(tmp_path, {**BASE_FILES, "innovations/sehat-keliling.md": with_image})
    result = run(tmp_path)
    assert result.returncode == 1
    assert ("content/innovations/sehat-keliling.md:7: error: field 'image': berkas 'tidak-ada.jpg' "
            "tidak ada di folder media/") in result.stderr.splitlines()


def test_entries_dated_later_wait_for_their_day(tmp_path):
    later = BASE_FILES["news/berita-sehat.md"].replace("title: Berita Layanan Sehat", "title: Berita Terjadwal")
    later = later.replace("date: 2020-01-05", "date: 2030-06-01")
    write_content(tmp_path, {**BASE_FILES, "news/berita-terjadwal.md": later})
    today = {"KATALOG_TODAY": "2030-05-31"}
    assert run(tmp_path, env=today).returncode == 0
    site = tmp_path / "output"
    assert not (site / "berita/berita-terjadwal").exists()
    assert "/berita/berita-terjadwal/" not in read_page(site, "berita/").hrefs()

    # a preview shows it, marked
    assert run(tmp_path, "--drafts", "--output", "pratinjau", env=today).returncode == 0
    assert read_page(tmp_path / "pratinjau", "berita/berita-terjadwal/").h1 == "Berita Terjadwal"
    html = (tmp_path / "pratinjau/berita/berita-terjadwal/index.html").read_text(encoding="utf-8")
    assert '<span class="badge badge-draft">Terjadwal</span>' in html

    # on its day a build publishes it, though no file changed
    again = run(tmp_path, env={"KATALOG_TODAY": "2030-06-01"})
    assert again.returncode == 0 and "tidak ada yang berubah" not in again.stdout, again.stdout
    assert read_page(site, "berita/berita-terjadwal/").h1 == "Berita Terjadwal"
    assert "/berita/berita-terjadwal/" in read_page(site, "berita/").hrefs()
    quiet = run(tmp_path, env={"KATALOG_TODAY": "2030-06-02"})
    assert "tidak ada yang berubah" in quiet.stdout


def test_an_innovation_dated_later_waits_too(tmp_path):
    planned = BASE_FILES["innovations/sehat-keliling.md"].replace("stage: penerapan\n", 'stage: inisiatif\nstarted: "2031"\n')
    write_content(tmp_path, {**BASE_FILES, "innovations/sehat-keliling.md": planned})
    assert run(tmp_path, env={"KATALOG_TODAY": "2030-12-31"}).returncode == 0
    assert not (tmp_path / "output/inovasi/sehat-keliling").exists()
    assert run(tmp_path, env={"KATALOG_TODAY": "2031-01-01"}).returncode == 0
    assert (tmp_path / "output/inovasi/sehat-keliling/index.html").is_file()
