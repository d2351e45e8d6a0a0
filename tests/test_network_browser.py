"""The visit network and the replication lineage in headless Chromium (issue 16), at 360 and
1280 px: the diagram is visible and fits the screen (nothing scrolls sideways), each link in it
is reached with Tab and shows a focus ring, its text is at least 11 px on screen, and axe-core
finds no WCAG 2.1 A/AA violation on the page. Pages: 'kunjungan/' and Kota Bekasi's page of the
sample catalogue, and an innovation page with a replication chain (a small content folder)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from contentkit import SITE, run, write_content
from support import tools
from test_lineage import innovation

WIDTHS = (360, 1280)
AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SAMPLE_PAGES = {"kunjungan/": "section.net", "wilayah/jawa-barat/kota-bekasi/": "section.net"}


@pytest.fixture(scope="module")
def lineage_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lineage-browser")
    write_content(root, {"site.yaml": SITE,
                         "innovations/asal.md": innovation("Bank Sampah Asal", "32.16"),
                         "innovations/tiru.md": innovation("Bank Sampah Tiruan di Kabupaten Kepulauan Seribu", "31.01", "asal"),
                         "innovations/tiru-lagi.md": innovation("Bank Sampah Tiruan Kedua", "32.16", "tiru")})
    result = run(root)
    assert result.returncode == 0, result.stderr
    return root / "output"


@pytest.fixture()
def open_at(browser, serve):
    contexts = []

    def open_(site: Path, path: str, width: int, scheme: str = "light"):
        server = serve(site)
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1"
                      else route.abort())
        page = context.new_page()
        response = page.goto(server.url + path, wait_until="load")
        assert response and response.status == 200
        page.evaluate("() => document.fonts.ready.then(() => true)")
        return page

    yield open_
    for c in contexts:
        c.close()


def _check(page, selector: str, width: int) -> None:
    where = f"{page.url} at {width}px"
    svg = page.locator(f"{selector} svg.dg")
    assert svg.count() == 1, where
    assert svg.is_visible(), where
    box = svg.bounding_box()
    assert box["width"] > 200 and box["height"] > 50, (where, box)
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, (where, box)
    scroll, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
    assert scroll <= inner, f"{where}: the page scrolls sideways ({scroll} > {inner})"
    # the smallest text in the diagram, as drawn on screen
    smallest = page.evaluate("""sel => Math.min(...[...document.querySelectorAll(sel + ' svg.dg text')]
        .map(t => t.getBoundingClientRect().height))""", selector)
    assert smallest >= 11, f"{where}: text {smallest:.1f}px high"
    # every link of the diagram is reached with Tab, and shows a focus ring
    links = page.evaluate(f"() => [...document.querySelectorAll('{selector} svg.dg a')].map(a => a.getAttribute('href'))")
    assert links, where
    reached, rings = set(), []
    for _ in range(120):
        page.keyboard.press("Tab")
        info = page.evaluate("""sel => { const a = document.activeElement;
            if (!a || !a.closest(sel + ' svg.dg')) return null;
            const shape = a.querySelector('rect, circle');
            return {href: a.getAttribute('href'), name: a.getAttribute('aria-label'),
                    stroke: getComputedStyle(shape).stroke, width: getComputedStyle(shape).strokeWidth,
                    focus: getComputedStyle(document.documentElement).getPropertyValue('--focus').trim()}; }""", selector)
        if info:
            reached.add(info["href"])
            rings.append(info)
        if reached == set(links):
            break
    assert reached == set(links), f"{where}: Tab reached {sorted(reached)} of {links}"
    for info in rings:
        assert info["name"], f"{where}: {info['href']} has no accessible name"
        assert info["width"] == "4px", f"{where}: no focus ring on {info['href']}: {info}"
    tools.inject_axe(page)
    result = page.evaluate("o => axe.run(document, {runOnly: o})", {"type": "tag", "values": AA_TAGS})
    assert not result["violations"], f"{where}: axe-core:\n" + json.dumps(
        [{"id": v["id"], "nodes": [n["html"][:160] for n in v["nodes"][:5]]} for v in result["violations"]], indent=1)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", list(SAMPLE_PAGES))
def test_network_diagrams_of_the_sample(open_at, sample_site, path, width):
    page = open_at(sample_site, path, width)
    _check(page, SAMPLE_PAGES[path], width)


@pytest.mark.parametrize("width", WIDTHS)
def test_lineage_diagram(open_at, lineage_site, width):
    page = open_at(lineage_site, "inovasi/tiru-lagi/", width)
    _check(page, "section.lineage", width)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_text_meets_aaa_contrast(open_at, sample_site, lineage_site, scheme):
    for site, path, selector in ((sample_site, "wilayah/jawa-barat/kota-bekasi/", "section.net"),
                                 (sample_site, "kunjungan/", "section.net"),
                                 (lineage_site, "inovasi/tiru/", "section.lineage")):
        page = open_at(site, path, 360, scheme)
        tools.inject_axe(page)
        result = page.evaluate("s => axe.run({include: [s]}, {runOnly: {type: 'rule', values: ['color-contrast-enhanced']}})", selector)
        assert not result["violations"], f"{path} {scheme}: " + json.dumps(
            [n["html"][:120] + " " + (n.get("failureSummary") or "")[:200] for v in result["violations"] for n in v["nodes"]], indent=1)
