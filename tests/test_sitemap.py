"""sitemap.xml (an index past the protocol's 50,000 addresses), robots.txt, and the
`check` warning for a base_url without a host; read back by parsing."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from contentkit import BASE_FILES, run, write_content

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://contoh.go.id/katalog/"
HOSTED = {**BASE_FILES, "site.yaml": BASE_FILES["site.yaml"] + "base_url: https://contoh.go.id/katalog/\n"}


def _html_pages(site: Path) -> set[str]:
    """The address of every HTML page of the output but the 404 page."""
    pages = set()
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        pages.add(BASE + (rel[:-len("index.html")] if rel.endswith("index.html") else rel))
    return pages


def _urlset(path: Path) -> list[tuple[str, str | None]]:
    root = ET.parse(path).getroot()
    assert root.tag == f"{SM}urlset"
    return [(u.findtext(f"{SM}loc"), u.findtext(f"{SM}lastmod")) for u in root.findall(f"{SM}url")]


def _file_of(site: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    rel = url[len(BASE):]
    return site / (rel + "index.html" if rel.endswith("/") or not rel else rel)


def test_the_sitemap_lists_every_page_and_only_real_ones(subpath_site: Path):
    urls = _urlset(subpath_site / "sitemap.xml")
    locs = [loc for loc, _ in urls]
    assert len(locs) == len(set(locs))
    assert set(locs) == _html_pages(subpath_site)
    assert locs == sorted(locs)  # a stable order
    for loc in locs:
        assert _file_of(subpath_site, loc).is_file(), loc
    assert BASE + "wilayah/jawa-barat/kota-bekasi/" in locs
    assert not [loc for loc in locs if loc.endswith((".xml", ".json", ".csv", "404.html"))]


def test_lastmod_comes_from_the_content(subpath_site: Path):
    lastmod = dict(_urlset(subpath_site / "sitemap.xml"))
    assert lastmod[BASE + "berita/balitbangda-baubau-kunjungi-kota-bekasi/"] == "2017-08-02"
    assert lastmod[BASE + "kunjungan/pemkot-bengkulu-ke-kota-bekasi-2019/"] == "2019-04-10"
    # implemented "2023-11" says nothing about when the page changed: no lastmod rather than a guess
    assert lastmod[BASE + "inovasi/wisata-industri-kabupaten-bekasi/"] is None
    assert lastmod[BASE + "inovasi/pancoranmas-kabupaten-bekasi/"] is None
    assert lastmod[BASE + "wilayah/jawa-barat/kota-bekasi/"] == "2019-04-10"  # its newest entry: the Bengkulu visit
    assert lastmod[BASE + "wilayah/jawa-timur/kabupaten-blitar/"] == "2022-10-25"
    assert lastmod[BASE + "berita/"] == lastmod[BASE] == "2023-11-16"
    assert lastmod[BASE + "cari/"] is None


def test_an_innovation_has_a_lastmod_only_when_updated(tmp_path: Path):
    from katalog.builder import BuildOptions, build

    files = {**HOSTED,
             "innovations/sehat-keliling.md": BASE_FILES["innovations/sehat-keliling.md"].replace(
                 "stage: penerapan", "stage: penerapan\nimplemented: 2019-05\nupdated: 2024-02-03"),
             "innovations/sehat-keliling-kota.md": BASE_FILES["innovations/sehat-keliling-kota.md"].replace(
                 "stage: uji-coba", "stage: uji-coba\nimplemented: 2023-11")}
    build(BuildOptions(write_content(tmp_path, files), tmp_path / "out", cache=False))
    lastmod = dict(_urlset(tmp_path / "out/sitemap.xml"))
    assert lastmod[BASE + "inovasi/sehat-keliling/"] == "2024-02-03"
    assert lastmod[BASE + "inovasi/sehat-keliling-kota/"] is None  # implemented only
    assert lastmod[BASE + "wilayah/jawa-barat/kabupaten-bekasi/"] == "2024-02-03"  # newer than its visit and news
    assert lastmod[BASE + "wilayah/jawa-barat/kota-bekasi/"] is None  # its one innovation says nothing
    assert lastmod[BASE + "inovasi/"] == lastmod[BASE] == "2024-02-03"
    assert lastmod[BASE + "kunjungan/kunjungan-bengkulu/"] == "2019-04-10"


def test_robots_names_the_sitemap(subpath_site: Path):
    lines = (subpath_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    assert "Sitemap: https://contoh.go.id/katalog/sitemap.xml" in lines


def test_a_site_without_a_host_has_no_sitemap_and_robots_names_none(sample_site: Path):
    assert not (sample_site / "sitemap.xml").exists()
    text = (sample_site / "robots.txt").read_text(encoding="utf-8")
    assert text.splitlines() == ["User-agent: *", "Allow: /"]


def test_past_the_limit_the_sitemap_becomes_an_index(tmp_path: Path, monkeypatch):
    from katalog.builder import BuildOptions, build
    from katalog.plan import sitemap

    monkeypatch.setattr(sitemap, "LIMIT", 5)
    content = write_content(tmp_path, HOSTED)
    build(BuildOptions(content, tmp_path / "out", cache=False))
    out = tmp_path / "out"
    root = ET.parse(out / "sitemap.xml").getroot()
    assert root.tag == f"{SM}sitemapindex"
    parts = [s.findtext(f"{SM}loc") for s in root.findall(f"{SM}sitemap")]
    pages = _html_pages(out)
    assert len(pages) > 10 and parts == [f"{BASE}sitemap-{n}.xml" for n in range(1, -(-len(pages) // 5) + 1)]
    listed = []
    for url in parts:
        urls = _urlset(_file_of(out, url))
        assert 1 <= len(urls) <= 5
        listed += [loc for loc, _ in urls]
    assert sorted(listed) == listed and set(listed) == pages and len(listed) == len(pages)
    lastmods = [s.findtext(f"{SM}lastmod") for s in root.findall(f"{SM}sitemap")]
    assert "2020-01-05" in lastmods  # the news item's date, on the part that lists its page
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://contoh.go.id/katalog/sitemap.xml" in robots.splitlines()
    # and back under the limit: one sitemap again, the parts gone
    monkeypatch.setattr(sitemap, "LIMIT", 50_000)
    build(BuildOptions(content, tmp_path / "out", cache=False))
    assert set(dict(_urlset(out / "sitemap.xml"))) == pages
    assert not list(out.glob("sitemap-*.xml"))


def test_check_warns_when_base_url_names_no_host(tmp_path: Path):
    write_content(tmp_path, {**BASE_FILES, "site.yaml": BASE_FILES["site.yaml"] + "base_url: /katalog/\n"})
    proc = run(tmp_path, "check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    line = len(BASE_FILES["site.yaml"].splitlines()) + 1
    assert (f"content/site.yaml:{line}: warning: base_url '/katalog/' tidak memuat nama host; feed, sitemap, pratinjau "
            "tautan dan katalog data memerlukan alamat lengkap seperti https://contoh.go.id/katalog/") in proc.stdout.splitlines()
    assert run(tmp_path, "check", "--strict").returncode == 1
    # given on the command line, as a CI build does: no warning
    hosted = run(tmp_path, "check", "--base-url", "https://contoh.go.id/katalog/")
    assert "base_url" not in hosted.stdout
    write_content(tmp_path, HOSTED)
    assert "base_url" not in run(tmp_path, "check").stdout


def test_check_gives_the_sitemap_line_for_the_hosts_robots_txt_under_a_sub_path(tmp_path: Path):
    write_content(tmp_path, HOSTED)
    proc = run(tmp_path, "check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    line = len(BASE_FILES["site.yaml"].splitlines()) + 1
    assert (f"content/site.yaml:{line}: notice: robots.txt di /katalog/robots.txt tidak dibaca mesin pencari, yang "
            "hanya membaca https://contoh.go.id/robots.txt; agar sitemap ditemukan, tambahkan baris ini ke robots.txt "
            "milik host itu: Sitemap: https://contoh.go.id/katalog/sitemap.xml") in proc.stdout.splitlines()
    assert proc.stdout.splitlines()[-1] == "Pemeriksaan selesai: tidak ada masalah."  # advice, not a problem
    assert run(tmp_path, "check", "--strict").returncode == 0
    # at the host's root the build's own robots.txt is the one crawlers read: nothing to say
    write_content(tmp_path, {"site.yaml": BASE_FILES["site.yaml"] + "base_url: https://contoh.go.id/\n"})
    proc = run(tmp_path, "check")
    assert proc.returncode == 0 and "robots.txt" not in proc.stdout, proc.stdout
