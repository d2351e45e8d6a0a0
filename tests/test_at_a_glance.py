"""The catalogue at a glance (issue 16), in a real headless Chromium at 360 and 1280 px.

On the sample catalogue's home page, 'statistik/', 'wilayah/', a province page and a region page:
- every graphic (the province map, each chart, the visit network) is drawn: its SVG has a size, lies
  inside the window's width and has a text alternative;
- the page does not scroll sideways;
- axe-core finds no violation at WCAG 2.1 level A/AA.
The figures themselves are asserted by tests/test_statistics.py, test_map.py, test_network.py and
test_lineage.py; this file checks that the pages carrying them stay usable at both widths.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from support import tools

HOME, STATISTICS, REGIONS = "", "statistik/", "wilayah/"
PROVINCE, REGION = "wilayah/jawa-barat/", "wilayah/jawa-barat/kota-bekasi/"
PAGES = [HOME, STATISTICS, REGIONS, PROVINCE, REGION]
WIDTHS = [360, 1280]
AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# What the page's graphics are: each <svg> inside <main> that is a picture, its box and its name.
# (A picture holding links is a role="group" with a title and a description: axe refuses links inside role="img".)
GRAPHICS = r"""() => [...document.querySelectorAll('main figure svg[role="img"], main figure svg[role="group"]')].map(svg => {
  const r = svg.getBoundingClientRect();
  const ids = [svg.getAttribute('aria-labelledby'), svg.getAttribute('aria-describedby')].join(' ').split(/\s+/).filter(Boolean);
  const named = ids.map(id => document.getElementById(id)).filter(Boolean).map(el => el.textContent.trim()).join(' ');
  const cs = getComputedStyle(svg);
  return {left: r.left, right: r.right, width: r.width, height: r.height, name: named,
          shown: cs.display !== 'none' && cs.visibility !== 'hidden',
          where: [svg.closest('section[id]')?.id, svg.closest('figure').id, svg.closest('figure').className,
          svg.getAttribute('class')].join(' ').trim()};
})"""


@pytest.fixture()
def open_at(browser, serve, sample_site):
    contexts = []

    def open_(path: str, width: int):
        server = serve(sample_site)
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1"
                      else route.abort())
        page = context.new_page()
        response = page.goto(server.url + path, wait_until="load")
        assert response and response.status == 200, f"/{path}: HTTP {response and response.status}"
        return page

    yield open_
    for context in contexts:
        context.close()


def _id(path: str) -> str:
    return path.strip("/").replace("/", "_") or "home"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES, ids=_id)
def test_graphics_are_drawn_and_fit_the_window(open_at, path, width):
    page = open_at(path, width)
    graphics = page.evaluate(GRAPHICS)
    assert graphics, f"/{path} at {width}px has no graphic"
    for g in graphics:
        where = f"/{path} at {width}px, graphic {g['where']}"
        assert g["shown"] and g["width"] > 100 and g["height"] > 15, f"{where} is not drawn: {g}"
        assert g["left"] >= 0 and g["right"] <= width + 0.5, f"{where} sticks out of the window: {g}"
        assert len(g["name"]) > 10, f"{where} has no text alternative: {g['name']!r}"
    scroll_width = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert scroll_width <= width, f"/{path} scrolls sideways at {width}px: {scroll_width}px wide"


def test_the_pages_carry_the_graphics_they_promise(open_at):
    """Home and 'wilayah/' carry the map, 'statistik/' and the region pages charts, Kota Bekasi its network."""
    def kinds(path: str) -> str:
        page = open_at(path, 1280)
        return " ".join(g["where"] for g in page.evaluate(GRAPHICS))
    assert "map" in kinds(HOME) and "map" in kinds(REGIONS)
    assert "chart" in kinds(STATISTICS) and "chart" in kinds(PROVINCE)
    region = kinds(REGION)
    assert "chart" in region and "jaringan" in region


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES, ids=_id)
def test_no_accessibility_violation_at_level_aa(open_at, path, width):
    page = open_at(path, width)
    page.evaluate("() => { for (const d of document.querySelectorAll('details')) d.open = true; }")
    tools.inject_axe(page)
    result = page.evaluate("o => axe.run(document, {runOnly: o})", {"type": "tag", "values": AA_TAGS})
    assert len(result["passes"]) > 5, "axe-core checked almost nothing"
    problems = [f"{v['id']}: {v['help']} " + json.dumps([n["target"] for n in v["nodes"][:5]])
                for v in result["violations"]]
    assert not problems, f"/{path} at {width}px:\n  " + "\n  ".join(problems)
