"""The province map in headless Chromium, on the sample catalogue's home page and 'wilayah/'.

At 360 and 1280 px: the map is visible and fits without sideways scroll, its labels stay
readable, Tab reaches the provinces that have a page (each focused link names its province
and count, with a visible focus ring) and Enter opens that province's page; axe-core finds no
WCAG 2.1 A/AA violation on the map, and its text meets 7:1, in light and dark.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips, or fails in CI
    expect = None

from support import tools

PATHS = ["", "wilayah/"]
WIDTHS = [360, 1280]
# the sample catalogue's provinces with a page, in the map's order (Kemendagri codes)
LINKED = ["Bengkulu", "Jawa Barat", "Jawa Timur", "Sulawesi Tenggara"]
AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _id(path: str) -> str:
    return path.strip("/") or "home"


@pytest.fixture()
def open_map(browser, serve):
    contexts = []

    def open_(site, path: str, width: int, color_scheme: str = "light"):
        server = serve(site)
        context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=color_scheme)
        contexts.append(context)
        context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1"
                      else route.abort())
        page = context.new_page()
        response = page.goto(server.url + path, wait_until="load")
        assert response and response.status == 200
        page.evaluate("() => document.fonts.ready.then(() => true)")
        return page, server

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PATHS, ids=_id)
def test_map_is_visible_fits_and_stays_readable(open_map, sample_site, path, width):
    page, _ = open_map(sample_site, path, width)
    svg = page.locator(".map-svg")
    expect(svg).to_be_visible()
    expect(page.locator(".map-tile")).to_have_count(38)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    box = svg.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert box["width"] <= 800, "the map balloons on a wide screen"
    # a tile's label, drawn at 22 units in a 600-unit-wide map, is at least ~12 px on screen
    label = page.evaluate("""() => document.querySelector('.map-labels text').getBoundingClientRect().height""")
    assert label >= 11.5, f"tile labels are {label:.1f}px tall at {width}px"
    expect(page.locator(".map-legend li")).to_have_count(2)  # the sample: 0, and Jawa Barat's 13
    expect(page.locator(".map-legend li").nth(1)).to_have_text("1–13")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PATHS, ids=_id)
def test_tab_reaches_each_province_link_and_enter_opens_its_page(open_map, sample_site, path, width):
    page, server = open_map(sample_site, path, width)
    focused = []
    for _ in range(120):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const a = document.activeElement;
          return a && a.classList.contains('map-tile') ? {label: a.getAttribute('aria-label'),
            tag: a.tagName.toLowerCase(), stroke: getComputedStyle(a.querySelector('rect')).stroke,
            width: getComputedStyle(a.querySelector('rect')).strokeWidth} : null; }""")
        if info:
            focused.append(info)
        elif focused:
            break
    assert [f["label"].split(":")[0] for f in focused] == LINKED
    assert all(f["tag"] == "a" and re.fullmatch(r"[\w ]+: \d+ inovasi", f["label"]) for f in focused)
    assert "Jawa Barat: 13 inovasi" in [f["label"] for f in focused]
    # the focus ring: the focused square's edge in the theme's focus colour, thicker
    assert all(f["stroke"] == "rgb(180, 83, 9)" and float(f["width"].rstrip("px")) >= 4 for f in focused), focused
    # back to Jawa Barat, and open it from the keyboard
    for _ in range(len(focused) - LINKED.index("Jawa Barat")):  # focus is one past the last province
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Jawa Barat: 13 inovasi"
    page.keyboard.press("Enter")
    page.wait_for_url(server.url + "wilayah/jawa-barat/")
    expect(page.locator("h1")).to_have_text("Jawa Barat")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PATHS, ids=_id)
def test_map_has_no_accessibility_violation(open_map, sample_site, path, width):
    page, _ = open_map(sample_site, path, width)
    page.evaluate("() => { for (const d of document.querySelectorAll('.map-section details')) d.open = true; }")
    tools.inject_axe(page)
    result = page.evaluate("o => axe.run('.map-section', {runOnly: o})", {"type": "tag", "values": AA_TAGS})
    assert len(result["passes"]) > 3, "axe-core checked almost nothing"
    assert not result["violations"], [(v["id"], [n["target"] for n in v["nodes"][:5]]) for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_map_text_meets_aaa_contrast(open_map, sample_site, scheme):
    page, _ = open_map(sample_site, "", 360, color_scheme=scheme)
    page.evaluate("() => { for (const d of document.querySelectorAll('.map-section details')) d.open = true; }")
    tools.inject_axe(page)
    result = page.evaluate("o => axe.run('.map-section', {runOnly: o})", {"type": "rule", "values": ["color-contrast-enhanced"]})
    assert not result["violations"], [(v["id"], [n["target"] for n in v["nodes"][:5]]) for v in result["violations"]]
