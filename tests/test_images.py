"""Images keep their place before they load: width and height read from the files (Pillow,
SVG's root element), loading="lazy" below the first screen, the lead image loaded at once;
a changed image changes the pages showing it, whichever road the build takes."""

from __future__ import annotations

import os
import time
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image

from contentkit import INNOVATION, site_digest, write_content

from katalog.builder import BuildOptions, build
from katalog.images import read_sizes, sized, svg_size
from katalog.state import Cache, cache_key

BODY = """Isi inovasi.

![Peta layanan](/media/peta.svg)

![Di luar situs](https://contoh.go.id/x.png)

![Foto yang sama](../../media/foto%20utama.png)

<img src="/media/kecil.gif" alt="Ditulis sendiri" width="10">
"""
PAGE = "inovasi/sehat-keliling/index.html"


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


def images_of(site: Path, page: str = PAGE) -> dict[str, dict[str, str | None]]:
    parser = _Images()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return {a["alt"]: a for a in parser.images}


def _site(root: Path) -> Path:
    innovation = INNOVATION.replace("---\nIsi inovasi.\n", "image:\n  src: foto utama.png\n  alt: Foto layanan\n---\n" + BODY)
    write_content(root, {"site.yaml": "title: Uji\n", "innovations/sehat-keliling.md": innovation})
    media = root / "content" / "media"
    media.mkdir()
    Image.new("RGB", (640, 480)).save(media / "foto utama.png")
    Image.new("P", (32, 16)).save(media / "kecil.gif")
    (media / "peta.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"></svg>', encoding="utf-8")
    old = time.time_ns() - 3600 * 10**9
    for path in root.rglob("*"):
        os.utime(path, ns=(old, old))
    return root


def test_lead_and_body_images_carry_their_sizes_and_only_body_images_load_lazily(tmp_path):
    root = _site(tmp_path)
    build(BuildOptions(root / "content", root / "output", today=None))
    found = images_of(root / "output")
    lead = found["Foto layanan"]
    assert (lead["src"], lead["width"], lead["height"]) == ("/media/foto%20utama.png", "640", "480")
    assert "loading" not in lead  # the first screen: loaded at once
    svg = found["Peta layanan"]
    assert (svg["width"], svg["height"], svg["loading"], svg["decoding"]) == ("300", "150", "lazy", "async")
    relative = found["Foto yang sama"]  # a relative address to the same file
    assert (relative["width"], relative["height"], relative["loading"]) == ("640", "480", "lazy")
    own = found["Ditulis sendiri"]  # a size the author wrote is kept as written
    assert own["width"] == "10" and "height" not in own and own["loading"] == "lazy"
    assert "Di luar situs" not in found  # an image of another host stays a link


def test_a_changed_image_changes_the_page_and_a_body_edit_keeps_the_sizes(tmp_path):
    root = _site(tmp_path)
    options = BuildOptions(root / "content", root / "output", today=None)
    build(options)
    kept = Cache.beside(options.output.absolute(), cache_key(options.shaping())).image_sizes()
    assert {name: size for name, (_, size) in kept.items()} == {"foto utama.png": (640, 480), "kecil.gif": (32, 16),
                                                               "peta.svg": (300, 150)}  # read once per stamp
    photo = root / "content/media/foto utama.png"
    Image.new("RGB", (800, 600)).save(photo)
    later = time.time_ns() - 1800 * 10**9
    os.utime(photo, ns=(later, later))
    assert build(options).mode == "update"
    found = images_of(root / "output")
    assert (found["Foto layanan"]["width"], found["Foto yang sama"]["height"]) == ("800", "600")
    # a body edit takes the quick road, with the sizes kept in the page's context
    source = root / "content/innovations/sehat-keliling.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Isi inovasi.", "Isi inovasi yang baru."), encoding="utf-8")
    os.utime(source, ns=(later + 10**9, later + 10**9))
    assert build(options).mode == "bodies"
    assert images_of(root / "output")["Peta layanan"]["width"] == "300"
    build(BuildOptions(root / "content", root / "clean", cache=False, today=None))
    assert site_digest(root / "output") == site_digest(root / "clean")


def _later(path: Path, seconds: int) -> None:
    stamp = time.time_ns() - seconds * 10**9
    os.utime(path, ns=(stamp, stamp))


def test_a_page_carries_the_sizes_of_its_own_images_only(tmp_path):
    root = _site(tmp_path)
    write_content(root, {"pages/tentang.md": "---\ntitle: Tentang\n---\nTanpa gambar.\n"})
    _later(root / "content/pages/tentang.md", 3000)
    options = BuildOptions(root / "content", root / "output", today=None)
    first = build(options)
    assert first.written == first.pages
    # a new image no body names: copied, and no page is rendered again
    Image.new("RGB", (20, 10)).save(root / "content/media/lain.png")
    _later(root / "content/media/lain.png", 2500)
    added = build(options)
    assert (added.mode, added.copied, added.written) == ("update", 1, 0)
    # resizing an image one body names renders that page (and only that one) again
    Image.new("P", (64, 48)).save(root / "content/media/kecil.gif")
    _later(root / "content/media/kecil.gif", 2400)
    resized = build(options)
    assert resized.written == 1
    own = images_of(root / "output")["Ditulis sendiri"]
    assert (own["width"], own.get("height")) == ("10", None)  # the author's width kept, no height added
    # a body edit that names another image takes the full road: the page gets that image's size
    source = root / "content/innovations/sehat-keliling.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Isi inovasi.", "Isi inovasi.\n\n![Tambahan](/media/lain.png)"),
                      encoding="utf-8")
    _later(source, 2300)
    edited = build(options)
    assert (edited.mode, edited.written) == ("update", 3)  # the page, its region's and province's IID exports
    extra = images_of(root / "output")["Tambahan"]
    assert (extra["width"], extra["height"], extra["loading"]) == ("20", "10", "lazy")
    build(BuildOptions(root / "content", root / "clean", cache=False, today=None))
    assert site_digest(root / "output") == site_digest(root / "clean")
    # the static page names no image: its context has no sizes at all
    assert 'width="' not in (root / "output/tentang/index.html").read_text(encoding="utf-8").split("<main", 1)[1]


def test_svg_sizes_from_width_and_height_or_the_view_box():
    assert svg_size(b'<?xml version="1.0"?><svg width="120px" height="60" viewBox="0 0 10 5">') == (120, 60)
    assert svg_size(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,24.4,12">') == (24, 12)
    assert svg_size(b'<svg width="100%" height="50%">') is None
    assert svg_size(b"<html>") is None


def test_sizes_are_read_once_per_stamp_and_unreadable_files_have_none(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    Image.new("RGB", (5, 7)).save(media / "a.png")
    (media / "rusak.jpg").write_bytes(b"bukan gambar")
    (media / "dokumen.pdf").write_bytes(b"%PDF-1.4")
    stamps = {"media/a.png": (1, 2), "media/rusak.jpg": (3, 4), "media/dokumen.pdf": (5, 6)}
    sizes, known = read_sizes(tmp_path, ("a.png", "rusak.jpg", "dokumen.pdf"), stamps)
    assert dict(sizes) == {"a.png": (5, 7)}
    (media / "a.png").unlink()  # the same stamp: not read again
    again, _ = read_sizes(tmp_path, ("a.png",), stamps, known)
    assert dict(again) == {"a.png": (5, 7)}
    changed, _ = read_sizes(tmp_path, ("a.png",), {"media/a.png": (9, 9)}, known)
    assert dict(changed) == {}


def test_sized_leaves_other_images_and_text_alone():
    sizes = {"/katalog/media/a b.png": [4, 3]}
    html = '<p>&lt;img src="/katalog/media/a b.png"&gt;</p><img alt="x" src="/katalog/media/a%20b.png" /><img src="/lain.png">'
    out = str(sized(html, sizes, "/katalog/inovasi/x/"))
    assert out == ('<p>&lt;img src="/katalog/media/a b.png"&gt;</p>'
                   '<img alt="x" src="/katalog/media/a%20b.png" width="4" height="3" loading="lazy" decoding="async"/>'
                   '<img src="/lain.png">')
