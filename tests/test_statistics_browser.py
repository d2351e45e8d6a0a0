"""The statistics charts in headless Chromium, on the sample catalogue's 'statistik/' and its
province page (Jawa Barat), at 360 and 1280 px: every chart is drawn and visible, its text
stays readable (at least 12 px) and does not balloon on a wide screen, nothing scrolls
sideways, the tables open from the keyboard, and axe-core finds no violation at level AA
(and text meets AAA in light and dark), every table opened."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from support import tools

PAGES = ["statistik/", "wilayah/jawa-barat/"]
WIDTHS = [360, 1280]
AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

CHARTS = """() => [...document.querySelectorAll('figure.chart')].map(fig => {
  const svg = fig.querySelector('svg');
  const box = svg.getBoundingClientRect();
  const view = svg.viewBox.baseVal;
  const label = svg.querySelector('.chart-label');
  return {id: fig.id, width: box.width, height: box.height, left: box.left, right: box.right,
          scale: box.width / view.width, font: parseFloat(getComputedStyle(label).fontSize),
          bars: svg.querySelectorAll('rect.chart-bar').length,
          visible: getComputedStyle(svg).visibility === 'visible' && box.width > 0 && box.height > 0};
})"""


@pytest.fixture()
def open_page(browser, serve):
    contexts = []

    def open_(site, path: str, width: int, scheme: str = "light", open_details: bool = False):
        server = serve(site)
        context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
        contexts.append(context)
        context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1"
                      else route.abort())
        page = context.new_page()
        response = page.goto(server.url + path, wait_until="load")
        assert response and response.status == 200
        if open_details:
            page.evaluate("() => { for (const d of document.querySelectorAll('details')) d.open = true; }")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        return page

    yield open_
    for context in contexts:
        context.close()


def _violations(page, run_only: dict) -> list[str]:
    tools.inject_axe(page)
    result = page.evaluate("o => axe.run(document, {runOnly: o})", run_only)
    assert result.get("passes"), "axe-core checked nothing"
    return [f"{v['id']}: {v['help']} {json.dumps([n['target'] for n in v['nodes'][:5]])}" for v in result["violations"]]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_every_chart_is_visible_readable_and_fits(open_page, sample_site, path, width):
    page = open_page(sample_site, path, width)
    charts = page.evaluate(CHARTS)
    assert len(charts) >= 8, charts  # six vocabularies, years, visits
    for c in charts:
        assert c["visible"] and c["bars"] >= 1, c
        assert c["left"] >= 0 and c["right"] <= width, c
        assert c["font"] * c["scale"] >= 12, f"{c['id']}: text at {c['font'] * c['scale']:.1f}px on screen"
        if width > 360:
            assert c["width"] <= 26 * 16 + 1, f"{c['id']} {c['width']}px wide at {width}px"
    for fig in page.locator("figure.chart svg").all():
        fig.scroll_into_view_if_needed()
        assert fig.is_visible()
    scroll, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
    assert scroll <= inner, f"/{path} scrolls sideways at {width}px: {scroll}px"
    # opened, the tables still fit
    page.evaluate("() => { for (const d of document.querySelectorAll('details')) d.open = true; }")
    scroll, inner = page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
    assert scroll <= inner, f"/{path} with its tables open scrolls sideways at {width}px: {scroll}px"


def test_a_chart_table_opens_from_the_keyboard(open_page, sample_site):
    page = open_page(sample_site, "statistik/", 360)
    summary = page.locator("figure.chart details summary").first
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('figure.chart details')"):
            break
    else:
        pytest.fail("no chart table reached with Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.closest('details').open")
    table = page.locator("figure.chart details[open] table").first
    assert table.is_visible() and "Penerapan" in table.inner_text()
    assert summary.is_visible()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_no_accessibility_violation_at_level_aa(open_page, sample_site, path, width):
    page = open_page(sample_site, path, width, open_details=True)
    found = _violations(page, {"type": "tag", "values": AA_TAGS})
    assert not found, f"/{path} at {width}px:\n" + "\n".join(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_text_contrast_meets_aaa(open_page, sample_site, path, scheme):
    page = open_page(sample_site, path, 360, scheme, open_details=True)
    found = _violations(page, {"type": "rule", "values": ["color-contrast-enhanced"]})
    assert not found, f"/{path}, {scheme}:\n" + "\n".join(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_bars_stand_out_from_the_page(open_page, sample_site, scheme):
    """Marks at least 3:1 against the background (WCAG 1.4.11), in light and dark."""
    page = open_page(sample_site, "statistik/", 360, scheme)
    colours = page.evaluate("""() => [getComputedStyle(document.querySelector('rect.chart-bar')).fill,
                                      getComputedStyle(document.body).backgroundColor]""")

    def luminance(css: str) -> float:
        r, g, b = (int(x) / 255 for x in css[css.index("(") + 1:css.index(")")].split(",")[:3])
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    a, b = sorted(map(luminance, colours), reverse=True)
    assert (a + 0.05) / (b + 0.05) >= 3, colours
