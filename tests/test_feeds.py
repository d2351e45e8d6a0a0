"""Feeds: Atom (RFC 4287) and JSON Feed 1.1 of news, innovations, visits and each region's
news, read back by parsing them, with the sample catalogue's items asserted; and the
<link rel="alternate"> by which pages announce them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from contentkit import BASE_FILES, run, write_content

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://contoh.go.id/katalog/"
PATH = "/katalog/"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$")
KOTA_BEKASI = "wilayah/jawa-barat/kota-bekasi/"

# The sample's news, newest first (content/news/*.md: title, date)
NEWS = [
    ("Kabupaten Bekasi dan Tim ITB Tanda Tangani Kerangka Acuan Kerja 7 Solusi Spesifik, Lima Siap Diterapkan", "2023-11-16"),
    ("Balitbangda Kabupaten Bekasi Selenggarakan Innovation and Technology Expo 2022", "2022-12-05"),
    ("Kabupaten Blitar Gelar Rakor Kelitbangan dan Lokakarya Penguatan Inovasi Daerah", "2022-10-25"),
    ("Wakil Wali Kota Bengkulu Pelajari TWUP4 Kota Bekasi", "2019-04-10"),
    ("Balitbangda Kota Baubau Pelajari Kelitbangan di Kota Bekasi", "2017-08-02"),
]


def _atom(site: Path, path: str) -> ET.Element:
    root = ET.parse(site / path).getroot()
    assert root.tag == f"{ATOM}feed", path
    return root


def _json(site: Path, path: str) -> dict:
    return json.loads((site / path).read_text(encoding="utf-8"))


def _entries(feed: ET.Element) -> list[tuple[str, str]]:
    """(title, updated day) of each entry, in order."""
    return [(e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}updated")[:10]) for e in feed.findall(f"{ATOM}entry")]


def _links(feed: ET.Element, rel: str) -> list[str]:
    return [l.get("href") for l in feed.findall(f"{ATOM}link") if l.get("rel", "alternate") == rel]


def _file_of(site: Path, url: str) -> Path:
    """The output file an absolute address of the site is served from."""
    assert url.startswith(BASE), url
    rel = url[len(BASE):]
    return site / (rel + "index.html" if rel.endswith("/") or not rel else rel)


def test_the_site_news_feed_holds_every_news_item_newest_first(subpath_site: Path):
    feed = _atom(subpath_site, "berita/feed.xml")
    assert _entries(feed) == [(title, day) for title, day in NEWS]
    assert feed.findtext(f"{ATOM}updated") == "2023-11-16T00:00:00Z"  # the newest item's date, no clock
    assert _links(feed, "self") == [BASE + "berita/feed.xml"]
    assert _links(feed, "alternate") == [BASE + "berita/"]
    assert "CC BY 4.0" in feed.findtext(f"{ATOM}rights")
    assert feed.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Penyusun katalog contoh"
    doc = _json(subpath_site, "berita/feed.json")
    assert [(i["title"], i["date_published"][:10]) for i in doc["items"]] == NEWS
    assert doc["feed_url"] == BASE + "berita/feed.json" and doc["home_page_url"] == BASE + "berita/"
    assert "CC BY 4.0" in doc["description"]  # JSON Feed has no licence field


def test_the_kota_bekasi_feed_has_its_two_news_items_with_their_summaries(subpath_site: Path):
    feed = _atom(subpath_site, KOTA_BEKASI + "feed.xml")
    assert _entries(feed) == [("Wakil Wali Kota Bengkulu Pelajari TWUP4 Kota Bekasi", "2019-04-10"),
                              ("Balitbangda Kota Baubau Pelajari Kelitbangan di Kota Bekasi", "2017-08-02")]
    assert "Kota Bekasi" in feed.findtext(f"{ATOM}title")
    first = feed.findall(f"{ATOM}entry")[0]
    assert first.findtext(f"{ATOM}summary") == ("Wakil Wali Kota Bekasi, Tri Adhianto, menerima rombongan Pemerintah "
                                                 "Kota Bengkulu yang ingin mempelajari peran dan fungsi TWUP4.")
    assert first.findtext(f"{ATOM}published") == "2019-04-10T00:00:00Z"
    assert _links(first, "alternate") == [BASE + "berita/wakil-wali-kota-bengkulu-pelajari-twup4-kota-bekasi/"]
    assert {c.get("term") for c in first.findall(f"{ATOM}category")} >= {"news", "studi-banding"}
    text = (subpath_site / KOTA_BEKASI / "feed.xml").read_text(encoding="utf-8")
    assert "pertukaran plakat" not in text and "Tri Adhianto menjelaskan" not in text  # summaries, never bodies
    doc = _json(subpath_site, KOTA_BEKASI + "feed.json")
    assert [i["url"] for i in doc["items"]] == [BASE + "berita/wakil-wali-kota-bengkulu-pelajari-twup4-kota-bekasi/",
                                                 BASE + "berita/balitbangda-baubau-kunjungi-kota-bekasi/"]
    assert doc["items"][1]["content_text"].startswith("Rombongan Balitbangda Kota Baubau yang beranggotakan 10 orang")


def test_a_province_feed_includes_its_kabupaten_and_kota_and_regions_without_news_have_none(subpath_site: Path):
    titles = [t for t, _ in _entries(_atom(subpath_site, "wilayah/jawa-barat/feed.xml"))]
    assert titles == [NEWS[0][0], NEWS[1][0], NEWS[3][0], NEWS[4][0]]  # Kota and Kabupaten Bekasi's; not Blitar's
    blitar = [t for t, _ in _entries(_atom(subpath_site, "wilayah/jawa-timur/kabupaten-blitar/feed.xml"))]
    assert blitar == [NEWS[2][0]]
    assert (subpath_site / "wilayah/jawa-barat/kabupaten-bekasi/index.html").is_file()
    for region in (subpath_site / "wilayah").rglob("index.html"):
        folder = region.parent
        rel = folder.relative_to(subpath_site).as_posix()
        if (folder / "feed.xml").is_file():
            assert _entries(_atom(subpath_site, f"{rel}/feed.xml")), rel
    # Kota Bengkulu's page lists visits and news; a region page with no news item gets no feed
    assert not (subpath_site / "wilayah/jawa-barat/kabupaten-bekasi/inovasi/feed.xml").exists()


def test_innovation_and_visit_feeds(subpath_site: Path):
    visits = _entries(_atom(subpath_site, "kunjungan/feed.xml"))
    assert [day for _, day in visits] == ["2019-04-10", "2017-08-02"]
    # the five innovations with a date (implemented 2023-11: its first day), same day: by title;
    # the undated ones (Pancoranmas, TWUP4, ...) are left out
    items = _json(subpath_site, "inovasi/feed.json")["items"]
    assert not any("date_published" in i for i in items)  # an innovation has no publication date (Atom alike)
    assert [(i["title"], i["date_modified"]) for i in items] == [
        (title, "2023-11-01T00:00:00Z") for title in ("CSR Rupiah sama dengan Nol", "Nir Banjir dengan Teknologi Zaro",
                                                      "Pendampingan Beasiswa bagi ASN, Birokrat, Pemerintah dan Masyarakat",
                                                      "Tekno-Sosial Tata Kelola Sampah", "Wisata Industri")]
    assert items[4]["url"] == BASE + "inovasi/wisata-industri-kabupaten-bekasi/"
    assert {"Inovasi", "Penerapan"} <= set(items[4]["tags"])  # its kind and stage
    entry = _atom(subpath_site, "inovasi/feed.xml").findall(f"{ATOM}entry")[4]
    stage = [c for c in entry.findall(f"{ATOM}category") if c.get("term") == "penerapan"]
    assert [(c.get("label"), c.get("scheme")) for c in stage] == [("Penerapan", BASE + "tahap/")]
    assert entry.find(f"{ATOM}published") is None  # an innovation has no publication date, only its own dates


def _all_feeds(site: Path) -> tuple[list[Path], list[Path]]:
    return sorted(site.rglob("feed.xml")), sorted(site.rglob("feed.json"))


def test_every_atom_feed_has_the_required_elements_and_absolute_addresses(subpath_site: Path):
    atoms, _ = _all_feeds(subpath_site)
    assert len(atoms) >= 10
    for path in atoms:
        feed = ET.parse(path).getroot()
        where = path.relative_to(subpath_site).as_posix()
        for name in ("id", "title", "updated"):
            assert feed.findtext(f"{ATOM}{name}"), (where, name)
        assert RFC3339.match(feed.findtext(f"{ATOM}updated")), where
        assert _links(feed, "self") == [BASE + where]
        assert feed.find(f"{ATOM}author/{ATOM}name").text
        entries = feed.findall(f"{ATOM}entry")
        assert 1 <= len(entries) <= 50, where
        assert max(e.findtext(f"{ATOM}updated") for e in entries) == feed.findtext(f"{ATOM}updated")
        for e in entries:
            for name in ("id", "title", "updated", "summary"):
                assert e.findtext(f"{ATOM}{name}"), (where, name)
            assert RFC3339.match(e.findtext(f"{ATOM}updated"))
            assert e.findtext(f"{ATOM}id").startswith(BASE)
            (link,) = _links(e, "alternate")
            assert _file_of(subpath_site, link).is_file(), link
        for el in feed.iter():
            for attr in ("href", "scheme"):
                if el.get(attr):
                    assert el.get(attr).startswith(BASE) or "creativecommons.org" in el.get(attr), el.get(attr)


def test_every_json_feed_has_the_required_fields(subpath_site: Path):
    _, docs = _all_feeds(subpath_site)
    assert len(docs) >= 10
    for path in docs:
        doc = json.loads(path.read_text(encoding="utf-8"))
        where = path.relative_to(subpath_site).as_posix()
        assert doc["version"] == "https://jsonfeed.org/version/1.1"
        assert doc["title"] and doc["language"] == "id"
        assert doc["feed_url"] == BASE + where
        assert _file_of(subpath_site, doc["home_page_url"]).is_file()
        assert doc["items"]
        for item in doc["items"]:
            assert item["id"] and item["content_text"] and item["title"]
            assert _file_of(subpath_site, item["url"]).is_file()
            assert RFC3339.match(item["date_modified"])
            # a news item or a visit is published on its date; an innovation has no such date
            assert RFC3339.match(item["date_published"]) if "/inovasi/" not in item["url"] else "date_published" not in item
        assert path.with_name("feed.xml").is_file()


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates: list[dict] = []
        self.follow: list[str] = []
        self._in_follow = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates.append(a)
        if tag == "p" and a.get("class") == "feed-link":
            self._in_follow = True
        if tag == "a" and self._in_follow:
            self.follow.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "p":
            self._in_follow = False


def _head(site: Path, page: str) -> _Head:
    parser = _Head()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("page, feed", [("berita/", "berita/"), ("", "berita/"), ("inovasi/", "inovasi/"),
                                        ("kunjungan/", "kunjungan/"), (KOTA_BEKASI, KOTA_BEKASI),
                                        ("wilayah/jawa-barat/", "wilayah/jawa-barat/")])
def test_pages_announce_the_feeds_that_follow_them(subpath_site: Path, page: str, feed: str):
    head = _head(subpath_site, page)
    # linked from the site itself ('/katalog/...'), as its other links are
    assert [(a["type"], a["href"]) for a in head.alternates] == [
        ("application/atom+xml", PATH + feed + "feed.xml"), ("application/feed+json", PATH + feed + "feed.json")]
    assert all(a["title"] for a in head.alternates)
    for a in head.alternates:
        assert (subpath_site / a["href"][len(PATH):]).is_file()
    if page in ("berita/", KOTA_BEKASI):
        assert head.follow == [PATH + feed + "feed.xml"]  # the visible "Ikuti (RSS/Atom)" link


def test_pages_that_no_feed_follows_announce_none(subpath_site: Path):
    for page in ("wilayah/", "inovasi/pancoranmas-kabupaten-bekasi/", "tentang/", "tag/"):
        assert _head(subpath_site, page).alternates == [], page


NEWS_ITEM = """\
---
title: "Berita {n} & <Kota> \\"Sehat\\""
date: 2020-{month:02d}-{day:02d}
summary: Ringkasan berita {n}.
regions: ["32.16"]
---
Isi berita {n} yang tidak boleh masuk feed.
"""


def test_a_long_list_end_to_end(tmp_path: Path):
    """51 news items: the feed keeps the 50 newest; titles with '&', '<' and quotes survive
    the escaping; an innovation dated by `updated`; lists without a dated entry get no feed."""
    files = {**BASE_FILES, "site.yaml": BASE_FILES["site.yaml"] + "base_url: https://contoh.go.id/katalog/\n"}
    files["news/berita-sehat.md"] = None
    for n in range(51):
        files[f"news/berita-{n:02d}.md"] = NEWS_ITEM.format(n=n, month=1 + n // 28, day=1 + n % 28)
    files["innovations/sehat-keliling-kota.md"] = (
        BASE_FILES["innovations/sehat-keliling-kota.md"].replace("replicates: sehat-keliling\n",
                                                              "implemented: 2019\nupdated: 2024-02-03\n"))
    write_content(tmp_path, files)
    proc = run(tmp_path, "build", "--output", "out")
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    feed = ET.parse(out / "berita/feed.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert len(titles) == 50
    assert titles[0] == 'Berita 50 & <Kota> "Sehat"' and titles[-1] == 'Berita 1 & <Kota> "Sehat"'
    assert feed.find(f"{ATOM}entry").findtext(f"{ATOM}summary") == "Ringkasan berita 50."
    doc = json.loads((out / "berita/feed.json").read_text(encoding="utf-8"))
    assert [i["title"] for i in doc["items"]] == titles
    assert "tidak boleh masuk feed" not in (out / "berita/feed.json").read_text(encoding="utf-8")
    # the news list's later pages announce the feed too
    assert [a["href"] for a in _head(out, "berita/halaman/3/").alternates] == [PATH + "berita/feed.xml",
                                                                                PATH + "berita/feed.json"]
    # so do the pages of a region's full news list, with the region's feed
    kab = "wilayah/jawa-barat/kabupaten-bekasi/"
    assert len(_entries(_atom(out, kab + "feed.xml"))) == 50
    assert [a["href"] for a in _head(out, kab + "berita/halaman/2/").alternates] == [PATH + kab + "feed.xml",
                                                                                    PATH + kab + "feed.json"]
    # one innovation dated, by `updated`; the undated one left out
    inn = json.loads((out / "inovasi/feed.json").read_text(encoding="utf-8"))["items"]
    assert [(i["url"], i["date_modified"]) for i in inn] == [(BASE + "inovasi/sehat-keliling-kota/", "2024-02-03T00:00:00Z")]
    # Kota Bengkulu (17.71) visits but has no news: its page exists without a feed
    assert (out / "wilayah/bengkulu/kota-bengkulu/index.html").is_file()
    assert not (out / "wilayah/bengkulu/kota-bengkulu/feed.xml").exists()
    assert _head(out, "wilayah/bengkulu/kota-bengkulu/").alternates == []
    # a site whose innovations are all undated has no innovation feed, and its list announces none
    write_content(tmp_path, {"innovations/sehat-keliling-kota.md": BASE_FILES["innovations/sehat-keliling-kota.md"]})
    proc = run(tmp_path, "build", "--output", "out")
    assert proc.returncode == 0, proc.stderr
    assert not (out / "inovasi/feed.xml").exists() and not (out / "inovasi/feed.json").exists()
    assert _head(out, "inovasi/").alternates == []


def test_control_characters_never_reach_a_feed(tmp_path: Path):
    """XML 1.0 forbids C0 controls but tab and line ends: front-matter and site.yaml text
    holding one (a YAML escape) is refused at its line (test_content_errors.py), and the
    feeds take out any that reach them by another road (xml_text)."""
    from katalog.feeds import xml_text

    assert xml_text("Ringkasan\x0b berita\x00\ufffe\tkota\n") == "Ringkasan berita\tkota\n"
    files = {**BASE_FILES, "news/berita-sehat.md": BASE_FILES["news/berita-sehat.md"].replace(
        "summary: Berita tentang layanan sehat.", 'summary: "Berita\\x0b tentang layanan sehat."')}
    write_content(tmp_path, files)
    proc = run(tmp_path, "build", "--output", "out")
    assert proc.returncode == 1 and not (tmp_path / "out").exists()
    assert "field 'summary': berisi karakter kendali U+000B" in proc.stderr


def test_a_site_without_a_host_still_gives_valid_ids(sample_site: Path):
    """base_url '/': addresses from the server's root (``check`` warns), ids absolute all the same."""
    feed = _atom(sample_site, "wilayah/jawa-barat/kota-bekasi/feed.xml")
    ids = [feed.findtext(f"{ATOM}id")] + [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in ids) and len(set(ids)) == 3
    assert _links(feed, "self") == ["/wilayah/jawa-barat/kota-bekasi/feed.xml"]
    assert _links(feed.find(f"{ATOM}entry"), "alternate") == ["/berita/wakil-wali-kota-bengkulu-pelajari-twup4-kota-bekasi/"]
