"""The published catalogue as its outside readers use it: served by a plain static
server under a sub-path, crawled from the home page, its sitemap agreeing with its pages
and every feed and data file linked from a page (issue 15's end-to-end check).

The site is the sample catalogue built for https://contoh.go.id/katalog/ and served at
http://127.0.0.1:PORT/katalog/ (tests/support/server.py: a plain static server that
refuses anything outside the prefix). Absolute addresses in the sitemap name the
published host; they are mapped onto the test server by their path.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import SUBPATH_BASE_URL
from support.crawl import crawl, fetch

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PREFIX = urlsplit(SUBPATH_BASE_URL).path  # '/katalog/'


@pytest.fixture(scope="module")
def published(subpath_site, tmp_path_factory):
    from support.server import StaticSite

    server = StaticSite(subpath_site, PREFIX)
    try:
        yield subpath_site.resolve(), server, crawl(server.url)
    finally:
        server.stop()


def _rel(url: str) -> str:
    """The output-relative path of an address on the published site or the test server."""
    path = unquote(urlsplit(url).path)
    assert path.startswith(PREFIX), f"{url} is not under {PREFIX}"
    return path[len(PREFIX):]


def _file(rel: str) -> str:
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


def _sitemap_urls(root: Path) -> list[str]:
    tree = ET.parse(root / "sitemap.xml").getroot()
    if tree.tag == f"{SM}sitemapindex":
        urls = []
        for loc in tree.iter(f"{SM}loc"):
            part = ET.parse(root / _rel(loc.text)).getroot()
            urls += [u.text for u in part.iter(f"{SM}loc")]
        return urls
    assert tree.tag == f"{SM}urlset", tree.tag
    return [u.text for u in tree.iter(f"{SM}loc")]


def test_every_page_is_in_the_sitemap_and_every_sitemap_address_is_a_page(published):
    root, server, result = published
    urls = _sitemap_urls(root)
    assert len(urls) == len(set(urls)), "an address is listed twice in the sitemap"
    assert all(u.startswith(SUBPATH_BASE_URL) for u in urls), [u for u in urls if not u.startswith(SUBPATH_BASE_URL)][:5]
    listed = {_file(_rel(u)) for u in urls}
    pages = {p.relative_to(root).as_posix() for p in root.rglob("*.html")} - {"404.html"}
    assert pages - listed == set(), f"pages missing from the sitemap: {sorted(pages - listed)[:20]}"
    assert listed - pages == set(), f"sitemap addresses that are no page: {sorted(listed - pages)[:20]}"
    crawled = {_file(_rel(u)) for u in result.pages()}
    assert listed <= crawled, f"sitemap pages the crawl from the home page did not reach: {sorted(listed - crawled)[:20]}"
    # served over HTTP as they are listed
    for u in sorted(urls)[:: max(1, len(urls) // 25)]:
        status, _, _ = fetch(server.url + _rel(u))
        assert status == 200, f"{u} -> HTTP {status}"
    robots = (root / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {SUBPATH_BASE_URL}sitemap.xml" in robots


def _linked(result) -> set[str]:
    """Output-relative paths of every internal address some crawled page links to."""
    return {_rel(r.url.split("#")[0]) for r in result.internal_refs()}


def test_every_feed_and_data_file_is_linked_from_a_page(published):
    root, server, result = published
    linked = _linked(result)
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    feeds = [f for f in files if f.endswith(("/feed.xml", "/feed.json"))]
    data = [f for f in files if f.endswith((".csv", ".jsonld")) or (f.endswith(".json") and not f.startswith("cari/")
                                                                    and not f.endswith("/feed.json"))]
    assert "berita/feed.xml" in feeds and "wilayah/jawa-barat/kota-bekasi/feed.xml" in feeds, feeds
    assert {"data/inovasi.csv", "data/inovasi.json", "data/katalog.jsonld"} <= set(data), data
    unlinked = [f for f in feeds + data if f not in linked]
    assert not unlinked, f"feeds and data files no page links to: {unlinked}"
    for f in feeds + data:  # and each is served
        status, headers, body = fetch(server.url + f)
        assert status == 200 and body, f"{f} -> HTTP {status}"


def test_nothing_private_is_published(published):
    root, _, _ = published
    assert not (root / "nginx.conf").exists(), "the nginx snippet belongs beside the output, not in it"
    hidden = sorted(p.relative_to(root).as_posix() for p in root.rglob(".*"))
    assert set(hidden) <= {".htaccess", ".katalog-output"}, hidden
