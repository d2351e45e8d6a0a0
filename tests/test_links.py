"""Every link of the built catalogue works when the site is served over HTTP.

The crawl starts at the home page (plus one unknown URL, which must give the site's 404
page whose links have to work from any depth) and follows every internal href/src
breadth-first, at the root ('/') and under a sub-path ('/katalog/', built with
--base-url https://contoh.go.id/katalog/). Redirects are not followed: a link must
lead straight to a page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.crawl import crawl

NOT_FOUND_PROBE = "halaman-yang-tidak-ada/lebih/dalam/"
VARIANTS = {"root": ("sample_site", "/"), "subpath": ("subpath_site", "/katalog/")}


def _listing(items, limit=80) -> str:
    items = [str(i) for i in items]
    more = f"\n  ... and {len(items) - limit} more" if len(items) > limit else ""
    return "\n  " + "\n  ".join(items[:limit]) + more


@pytest.fixture(params=list(VARIANTS))
def crawled(request, serve):
    fixture, prefix = VARIANTS[request.param]
    site_dir: Path = request.getfixturevalue(fixture)
    server = serve(site_dir, prefix)
    result = crawl(server.url, server.url + NOT_FOUND_PROBE)
    return site_dir, server, result


def test_crawl_covers_the_catalogue(crawled):
    site_dir, server, result = crawled
    home = result.docs[server.url]
    assert home.status == 200 and home.is_html, f"home page {server.url}: HTTP {home.status} {home.content_type}"
    probe = result.docs[server.url + NOT_FOUND_PROBE]
    assert probe.status == 404 and probe.is_html, (
        f"an unknown URL should give the site's 404 page, got HTTP {probe.status} {probe.content_type}")
    pages = result.pages()
    assert len(pages) > 50, f"the crawl reached only {len(pages)} pages from {server.url}"
    # the crawl really went over HTTP through the test server
    assert server.requests.count(server.prefix) == 1 and len(server.requests) >= len(pages)


def test_no_broken_links(crawled):
    _, server, result = crawled
    problems = result.broken()
    assert not problems, f"{len(problems)} broken reference(s) when served at {server.url}:" + _listing(problems)


def test_every_page_is_reachable_from_the_home_page(crawled):
    site_dir, server, result = crawled
    root = site_dir.resolve()
    built = {p.resolve() for p in root.rglob("*.html")} - {root / "404.html"}
    orphans = sorted(p.relative_to(root).as_posix() for p in built - result.files_reached(root))
    assert not orphans, f"{len(orphans)} page(s) not linked from anywhere reachable from {server.url}:" + _listing(
        orphans)


def test_no_resource_is_loaded_from_another_host(crawled):
    _, server, result = crawled
    foreign = result.foreign_resources()
    assert not foreign, "pages load resources from another host:" + _listing(
        f"{r.source}: {r.describe()}" for r in foreign)


def test_links_under_a_sub_path_keep_the_sub_path(subpath_site, serve):
    server = serve(subpath_site, "/katalog/")
    result = crawl(server.url, server.url + NOT_FOUND_PROBE)
    assert len(result.pages()) > 50
    outside = result.outside_prefix()
    assert not outside, "links that leave /katalog/ (they break when the site is published under a sub-path):" + \
        _listing(f"{r.source}: {r.describe()}" for r in outside)
    # and the server really refuses what is outside the prefix, so such a link would be caught
    assert all(p.startswith("/katalog/") for p in server.requests), sorted(set(server.requests))


# -- the harness itself ---------------------------------------------------------------

PLANTED = {
    "index.html": """<!DOCTYPE html><html lang="id"><head><title>Uji</title>
        <link rel="stylesheet" href="/katalog/gaya.css">
        <script src="https://cdn.example.com/x.js"></script></head>
        <body><a href="#isi">lompat</a><main id="isi">
        <a href="/katalog/ada/">ada</a> <a href="/katalog/hilang/">hilang</a>
        <a href="/ada/">tanpa prefix</a> <a href="/katalog/ada/#tidak-ada">fragmen</a>
        <a href="/katalog/ada">tanpa garis miring</a> <a href="mailto:a@b.id">surel</a>
        <a href="https://example.com/">luar</a></main></body></html>""",
    "ada/index.html": """<!DOCTYPE html><html lang="id"><head><title>Ada</title></head>
        <body><img src="../gambar.png" alt=""></body></html>""",
    "yatim/index.html": "<!DOCTYPE html><title>Yatim</title>",
    "gaya.css": "body { background: url('latar.png') } @import 'https://fonts.example.com/f.css';",
    "gambar.png": "png",
    "latar.png": "png",
    "404.html": "<!DOCTYPE html><title>404</title><a href='rel-relatif/'>x</a>",
}


def test_crawler_reports_planted_defects(tmp_path, serve):
    """Control: a small hand-written site with one of each defect; every one must be reported."""
    for rel, text in PLANTED.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    server = serve(tmp_path, "/katalog/")
    result = crawl(server.url, server.url + NOT_FOUND_PROBE)

    broken = {(p.ref.value, p.message.split(" for ")[0].split(" on ")[0]) for p in result.broken()}
    assert broken == {
        ("/katalog/hilang/", "HTTP 404"),
        ("/ada/", "HTTP 404"),
        ("/katalog/ada/#tidak-ada", "no element with id 'tidak-ada'"),
        ("/katalog/ada", "HTTP 301 to /katalog/ada/"),
        ("rel-relatif/", "HTTP 404"),  # a relative link on the 404 page, seen from a deep URL
    }, result.broken()
    assert {r.value for r in result.outside_prefix()} == {"/ada/"}
    assert {r.value for r in result.foreign_resources()} == {"https://cdn.example.com/x.js",
                                                             "https://fonts.example.com/f.css"}
    reached = {p.relative_to(tmp_path.resolve()).as_posix() for p in result.files_reached(tmp_path.resolve())}
    assert reached == {"index.html", "ada/index.html"}  # yatim/ is an orphan
    assert f"/katalog/latar.png" in server.requests and "/katalog/gambar.png" in server.requests
