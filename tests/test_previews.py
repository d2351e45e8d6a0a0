"""Link previews and search engines' tags: every page's <head> read as WhatsApp, Telegram
and a search engine read it (only its first 32 KB), with the sample catalogue's real
content; an entry's own image, the site's ``image`` option and the theme's default."""

from __future__ import annotations

import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from contentkit import BASE_FILES, run, write_content
from support.head import PREVIEW_BYTES, read_head
from katalog.plan.head import plain

BASE = "https://contoh.go.id/katalog/"
SITE_NAME = "Katalog Inovasi Daerah"
PANCORANMAS_SUMMARY = ("Replikasi aplikasi layanan kesehatan Pancoranmas dari Puskesmas Lemahabang ke tingkat "
                       "Kabupaten Bekasi.")
# page -> (og:title, og:type)
PAGES = {
    "": (SITE_NAME, "website"),
    "inovasi/": ("Inovasi", "website"),
    "inovasi/pancoranmas-kabupaten-bekasi/": ("Pancoranmas Kabupaten Bekasi", "website"),
    "kunjungan/balitbangda-baubau-ke-kota-bekasi-2017/":
        ("Studi Banding Kelitbangan Balitbangda Kota Baubau ke Kota Bekasi", "website"),
    "berita/balitbangda-baubau-kunjungi-kota-bekasi/": ("Balitbangda Kota Baubau Pelajari Kelitbangan di Kota Bekasi",
                                                        "article"),
    "wilayah/": ("Wilayah", "website"),
    "wilayah/jawa-barat/kota-bekasi/": ("Kota Bekasi", "website"),
    "urusan/": ("Urusan pemerintahan", "website"),
    "urusan/kesehatan/": ("Urusan: Kesehatan", "website"),
    "cari/": ("Cari", "website"),
    "tentang/": ("Tentang Katalog", "website"),
    "data/": ("Data terbuka", "website"),
}


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def output_file(site: Path, url: str, base: str = BASE) -> Path:
    """The built file an absolute address of the site serves."""
    assert url.startswith(base), url
    rel = url[len(base):]
    return site / (rel + "index.html" if rel.endswith("/") or not rel else rel)


@pytest.mark.parametrize("path", sorted(PAGES))
def test_every_page_previews_within_32_kb(subpath_site, path):
    head = read_head(subpath_site, path, limit=PREVIEW_BYTES)
    m = head.meta
    title, kind = PAGES[path]
    url = BASE + path
    assert head.links.get("canonical") == [url]
    assert m["og:url"] == url
    assert m["og:title"] == m["twitter:title"]
    assert m["og:title"].startswith(title), m["og:title"]
    assert m["og:type"] == kind
    assert m["og:site_name"] == SITE_NAME
    assert m["og:locale"] == "id_ID"
    assert m["description"] and m["og:description"] == m["description"] == m["twitter:description"]
    assert len(m["description"]) <= 200 and "<" not in m["description"]
    assert m["twitter:card"] == "summary_large_image"
    for key in ("og:image", "twitter:image"):
        assert m[key] == BASE + "static/preview.png", key
        assert urlsplit(m[key]).scheme == "https"
    assert m["og:image:alt"] == SITE_NAME
    assert (m["og:image:width"], m["og:image:height"]) == ("1200", "630")
    # before the stylesheets: a page's size never pushes them past what a chat app reads
    first_css = head.order.index("link:stylesheet")
    assert max(head.order.index(f"meta:{k}") for k in ("og:title", "og:image", "twitter:card", "description")) < first_css


def test_the_default_image_ships_with_the_theme(subpath_site):
    image = output_file(subpath_site, read_head(subpath_site, "").meta["og:image"])
    assert png_size(image) == (1200, 630)
    assert image.stat().st_size < 40 * 1024


def test_descriptions_are_the_pages_own(subpath_site):
    assert read_head(subpath_site, "inovasi/pancoranmas-kabupaten-bekasi/").meta["description"] == PANCORANMAS_SUMMARY
    region = read_head(subpath_site, "wilayah/jawa-barat/kota-bekasi/").meta["description"]
    assert region.startswith("Kota di Provinsi Jawa Barat")
    home = read_head(subpath_site, "").meta["description"]
    assert home.startswith("Katalog contoh yang menghimpun inovasi pemerintah daerah") and home.endswith("…")
    assert read_head(subpath_site, "inovasi/").meta["description"] != home


def test_404_has_no_canonical_address(subpath_site):
    head = read_head(subpath_site, "404.html")
    assert "canonical" not in head.links and "og:url" not in head.meta
    assert head.meta["og:title"] == "Halaman tidak ditemukan"
    assert head.meta["og:image"] == BASE + "static/preview.png"


def test_plain_cuts_on_a_word_boundary():
    text = "kata " * 60
    cut = plain(text)
    assert len(cut) <= 200 and cut.endswith("kata…")
    assert plain("  dua\n baris ") == "dua baris"
    assert plain("pendek") == "pendek"


# -- small catalogues built in tmp folders ------------------------------------------------

PNG = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
       + b"\0\0\0\0")  # a header is all a copy needs
THIRD = BASE_FILES["innovations/sehat-keliling.md"].replace("Layanan Sehat Keliling", "Layanan Ketiga")
WITH_IMAGE = BASE_FILES["innovations/sehat-keliling.md"].replace(
    "tags: [kesehatan, desa]", "tags: [kesehatan, desa]\nimage:\n  src: foto/mobil sehat.png\n  alt: Mobil layanan sehat")
HOST = "https://pemda.contoh.go.id/"


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("previews")
    write_content(root, {**BASE_FILES, "site.yaml": BASE_FILES["site.yaml"] + f"base_url: {HOST}\n",
                         "innovations/sehat-keliling.md": WITH_IMAGE, "innovations/ketiga.md": THIRD,
                         "media/foto/mobil sehat.png": PNG})
    result = run(root)
    assert result.returncode == 0, result.stderr
    return root


def test_an_entry_with_an_image_previews_it(small):
    m = read_head(small / "output", "inovasi/sehat-keliling/").meta
    assert m["og:image"] == m["twitter:image"] == HOST + "media/foto/mobil%20sehat.png"
    assert m["og:image:alt"] == "Mobil layanan sehat"
    assert "og:image:width" not in m  # not known without reading the file
    assert (small / "output/media/foto/mobil sehat.png").is_file()
    other = read_head(small / "output", "inovasi/sehat-keliling-kota/").meta
    assert other["og:image"] == HOST + "static/preview.png"


def test_paginated_lists_link_their_neighbours(small):
    first = read_head(small / "output", "inovasi/")
    second = read_head(small / "output", "inovasi/halaman/2/")
    assert first.links.get("next") == [HOST + "inovasi/halaman/2/"] and "prev" not in first.links
    assert second.links.get("prev") == [HOST + "inovasi/"] and "next" not in second.links
    assert second.links["canonical"] == [HOST + "inovasi/halaman/2/"]
    assert second.meta["og:title"].startswith("Inovasi") and second.meta["og:title"] != first.meta["og:title"]


def test_the_site_image_replaces_the_themes(tmp_path):
    root = tmp_path / "site"
    write_content(root, {**BASE_FILES, "site.yaml": BASE_FILES["site.yaml"] + "image: bagikan.png\nbase_url: https://x.go.id/\n",
                         "media/bagikan.png": PNG})
    result = run(root)
    assert result.returncode == 0, result.stderr
    for path in ("", "inovasi/sehat-keliling/", "wilayah/"):
        m = read_head(root / "output", path).meta
        assert m["og:image"] == m["twitter:image"] == "https://x.go.id/media/bagikan.png", path
        assert "og:image:width" not in m
    assert "static/preview.png" not in (root / "output/index.html").read_text(encoding="utf-8")
    result = run(root, "check")
    assert "bagikan.png" not in result.stdout + result.stderr  # not reported as media nobody uses


def test_a_child_themes_preview_carries_its_own_size(tmp_path):
    from PIL import Image

    write_content(tmp_path, {**BASE_FILES, "site.yaml": BASE_FILES["site.yaml"] + "theme: lokal\nbase_url: https://x.go.id/\n"})
    theme = tmp_path / "themes/lokal"
    (theme / "static").mkdir(parents=True)
    (theme / "theme.yaml").write_text("extends: default\n", encoding="utf-8")
    Image.new("RGB", (800, 418)).save(theme / "static/preview.png")
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    for path in ("", "inovasi/sehat-keliling/"):
        m = read_head(tmp_path / "output", path).meta
        assert m["og:image"] == "https://x.go.id/static/preview.png"
        assert (m["og:image:width"], m["og:image:height"]) == ("800", "418"), path
    assert png_size(tmp_path / "output/static/preview.png") == (800, 418)
    # a preview no reader understands: published without a size rather than a wrong one
    (theme / "static/preview.png").write_bytes(PNG)
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    m = read_head(tmp_path / "output", "").meta
    assert m["og:image"] == "https://x.go.id/static/preview.png" and "og:image:width" not in m


def test_an_english_site_says_en_us(tmp_path):
    write_content(tmp_path, {**BASE_FILES, "site.yaml": BASE_FILES["site.yaml"].replace("language: id", "language: en")})
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert read_head(tmp_path / "output", "").meta["og:locale"] == "en_US"


ALLOWED = ("tulis nama berkas gambar di folder media/ (PNG, JPG, WebP atau GIF), misalnya 'pratinjau.png' "
           "atau 'situs/pratinjau.jpg'")


@pytest.mark.parametrize("value, message", [
    ("tidak-ada.png", f"image: berkas 'tidak-ada.png' tidak ada di folder media/; {ALLOWED}"),
    ("../rahasia.png", f"image '../rahasia.png' menunjuk ke luar folder media/; {ALLOWED}"),
    ("https://contoh.go.id/a.png", f"image 'https://contoh.go.id/a.png' menunjuk ke luar folder media/; {ALLOWED}"),
    ("panduan.pdf", f"image 'panduan.pdf' bukan gambar yang dapat dipakai untuk pratinjau tautan; {ALLOWED}"),
])
def test_a_bad_image_option_names_its_line(tmp_path, value, message):
    write_content(tmp_path, {**BASE_FILES, "site.yaml": f"title: Uji\nimage: {value}\n", "media/panduan.pdf": b"%PDF-1.4"})
    result = run(tmp_path)
    assert result.returncode == 1
    assert f"content/site.yaml:2: error: {message}" in result.stderr.splitlines()
    assert not (tmp_path / "output").exists()


def test_a_page_without_its_own_head_gets_the_sites(small):
    """A page another planner adds without a ``head`` (the theme falls back to the site's)."""
    from katalog import assets
    from katalog.options import BuildOptions
    from katalog.plan.views import Views
    from katalog.render import make_environment
    from katalog.site import load_site
    from support.head import parse_head

    site = load_site(BuildOptions(content=small / "content", output=small / "output", jobs=1))
    views = Views(site.catalogue, site.translator, assets.names(site.static))
    env = make_environment(site.theme, site.translator)
    page = env.from_string('{% extends "base.html" %}{% block main %}isi{% endblock %}')
    # the template prints the site's head as the plan prepared it; it makes no description of its own
    head = parse_head(page.render(site=views.site, title="Data terbuka", description="Berkas data katalog."))
    assert head.meta["og:title"] == head.meta["twitter:title"] == "Data terbuka"
    assert head.meta["description"] == head.meta["og:description"] == "Katalog untuk pengujian."
    assert head.meta["og:image"] == HOST + "static/preview.png"
    assert "canonical" not in head.links


def test_every_built_page_has_its_preview_in_the_first_32_kb(subpath_site):
    pages = sorted(subpath_site.rglob("*.html"))
    assert len(pages) > 80
    for page in pages:
        rel = page.relative_to(subpath_site).as_posix()
        path = rel[:-len("index.html")] if rel.endswith("/index.html") or rel == "index.html" else rel
        head = read_head(subpath_site, path, limit=PREVIEW_BYTES)
        for key in ("description", "og:title", "og:description", "og:image", "og:site_name", "twitter:card"):
            assert head.meta.get(key), (rel, key)
        assert head.meta["og:image"].startswith("https://"), rel
        if rel != "404.html":
            assert head.links.get("canonical") == [BASE + path], rel
