"""What a reader sees on a 360px phone: words whole, nothing to scroll sideways, enough contrast, short region lists.

In a real headless Chromium, on the sample catalogue's home, innovation, visit, region, province,
regions-overview and search pages (search with results shown), every disclosure opened:
- no word in a label, heading, tag, fact, table header, link, button or badge is broken across two
  lines (each word's client rectangles, measured with a DOM Range, lie on one line; a break after a
  hyphen or a slash is a break between words, and web and mail addresses may break anywhere);
- the page does not scroll sideways, and any box that scrolls can be reached from the keyboard;
- axe-core finds no violation at WCAG 2.1 level A/AA, and text contrast meets AAA (7:1), in light and dark;
- the regions overview lists the provinces with entries first, with their counts, and keeps the others
  behind one disclosure; a province page does the same with its kabupaten/kota;
- the disclosures show an arrow that turns when they open, and a visible keyboard focus.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips, or fails in CI
    expect = None

from contentkit import BASE_FILES, run, write_content
from support import tools

WIDTH, HEIGHT = 360, 800
HOME, INNOVATION, VISIT = "", "inovasi/pancoranmas-kabupaten-bekasi/", "kunjungan/balitbangda-baubau-ke-kota-bekasi-2017/"
REGION, PROVINCE, REGIONS = "wilayah/jawa-barat/kabupaten-bekasi/", "wilayah/jawa-barat/", "wilayah/"
SEARCH = "cari/?q=bekasi"
PAGES = [HOME, INNOVATION, VISIT, REGION, PROVINCE, REGIONS, SEARCH]
SAMPLE_PROVINCES_WITH_ENTRIES = ["Bengkulu", "Jawa Barat", "Jawa Timur", "Sulawesi Tenggara"]  # alphabetical


def _id(path: str) -> str:
    return path.split("?")[0].strip("/").replace("/", "_") or "home"


each_page = pytest.mark.parametrize("path", PAGES, ids=_id)


@pytest.fixture()
def open_page(browser, serve):
    """Factory: ``open_page(site, path, color_scheme="light", open_details=True)`` -> a Playwright page at 360px,
    layout final, search results shown on the search page, every ``<details>`` opened unless told not to."""
    contexts = []

    def open_(site: Path, path: str, color_scheme: str = "light", open_details: bool = True):
        server = serve(site)
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, color_scheme=color_scheme)
        contexts.append(context)
        context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1"
                      else route.abort())
        page = context.new_page()
        response = page.goto(server.url + path, wait_until="load")
        assert response and response.status == 200, f"{path}: HTTP {response and response.status}"
        if path.startswith("cari/"):
            expect(page.locator("#cari-hasil li").first).to_be_visible(timeout=15000)
        if open_details:
            page.evaluate("() => { for (const d of document.querySelectorAll('details')) d.open = true; }")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        return page

    yield open_
    for context in contexts:
        context.close()


# Words of every rendered text outside running prose, measured one by one with a DOM Range.
BROKEN_WORDS = r"""() => {
  const PROSE = '.prose, .lead, .card-summary, .search-result-summary, .search-result-excerpt, .outcome, script, style';
  const LINKISH = /:\/\/|@|^www\./;                 // addresses may break anywhere
  const PART = /[^\-\/\u2010-\u2015]+[\-\/\u2010-\u2015]*/g;  // a break after a hyphen or slash is between words
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const broken = [];
  let words = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const el = node.parentElement;
    if (!el || el.closest(PROSE)) continue;
    for (const token of node.data.matchAll(/\S+/g)) {
      if (LINKISH.test(token[0])) continue;
      for (const part of token[0].matchAll(PART)) {
        const start = token.index + part.index;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + part[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
        if (!rects.length) continue;  // not rendered
        words++;
        const first = rects[0];
        if (rects.some(r => Math.abs(r.top - first.top) > first.height / 2)) {
          const where = [describe(el), el.parentElement ? describe(el.parentElement) : ''].join(' in ');
          broken.push(`${JSON.stringify(part[0])} in <${where}> (lines at ${rects.map(r => Math.round(r.top)).join(', ')})`);
        }
      }
    }
  }
  return {words, broken};
}"""


@each_page
def test_no_word_is_broken_across_lines(open_page, sample_site, path):
    page = open_page(sample_site, path)
    result = page.evaluate(BROKEN_WORDS)
    assert result["words"] > 40, f"/{path}: only {result['words']} words measured; is the page empty?"
    if result["broken"]:
        pytest.fail(f"/{path} at {WIDTH}px breaks words across lines:\n  " + "\n  ".join(result["broken"]),
                    pytrace=False)


def test_the_word_check_sees_a_broken_word(open_page, sample_site):
    page = open_page(sample_site, HOME)
    page.evaluate("""() => { const h = document.createElement('h2'); h.style.width = '4rem';
      h.style.overflowWrap = 'anywhere'; h.textContent = 'Kunjungan Kabupaten/kota'; document.querySelector('main').prepend(h); }""")
    broken = page.evaluate(BROKEN_WORDS)["broken"]
    assert any(b.startswith('"Kunjungan" in <h2 ') for b in broken), broken
    assert any(b.startswith('"Kabupaten/" in <h2 ') for b in broken), broken


# Boxes that scroll (sideways or down) but cannot be focused (and, for a generic box, named), so a keyboard
# user cannot scroll them.
UNREACHABLE_SCROLL_BOXES = r"""() => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const cs = getComputedStyle(el);
    const x = /auto|scroll/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const y = /auto|scroll/.test(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
    if (!x && !y) continue;
    const focusable = el.hasAttribute('tabindex') && el.tabIndex >= 0;
    // a table or a code block is what it is already; a generic box needs a role and a name
    const named = ['TABLE', 'PRE'].includes(el.tagName) ||
      (el.hasAttribute('role') && (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby')));
    if (!(focusable && named)) out.push(`<${el.tagName.toLowerCase()} class="${el.className}"> scrolls ` +
      `(${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}) without tabindex=0, role and label`);
  }
  return out;
}"""


@each_page
def test_nothing_scrolls_sideways_and_scroll_boxes_are_reachable(open_page, sample_site, path):
    page = open_page(sample_site, path)
    scroll_width, inner_width = page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
    assert inner_width == WIDTH
    assert scroll_width <= inner_width, f"/{path} scrolls sideways at {WIDTH}px: {scroll_width}px wide"
    boxes = page.evaluate(UNREACHABLE_SCROLL_BOXES)
    assert not boxes, f"/{path} at {WIDTH}px:\n  " + "\n  ".join(boxes)


AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _axe(page, run_only: dict) -> dict:
    """axe-core's results for the rules in ``run_only``, every passing element listed too."""
    tools.inject_axe(page)
    result = page.evaluate("o => axe.run(document, {runOnly: o})", run_only)
    assert "violations" in result and result.get("passes") is not None, "axe-core did not run"
    return result


def _report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v.get('impact')}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    {json.dumps(node['target'])}: {node['html'][:160]}")
            summary = " ".join((node.get("failureSummary") or "").split())
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more element(s)")
    return "\n".join(lines)


@each_page
def test_no_accessibility_violation_at_level_aa(open_page, sample_site, path):
    page = open_page(sample_site, path)
    result = _axe(page, {"type": "tag", "values": AA_TAGS})
    assert len(result["passes"]) > 5, "axe-core checked almost nothing; is the page empty?"
    if result["violations"]:
        pytest.fail(f"/{path} at {WIDTH}px: axe-core, WCAG 2.1 A/AA:\n" + _report(result["violations"]), pytrace=False)


@each_page
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_meets_aaa(open_page, sample_site, path, scheme):
    page = open_page(sample_site, path, color_scheme=scheme)
    result = _axe(page, {"type": "rule", "values": ["color-contrast-enhanced"]})
    checked = sum(len(p["nodes"]) for p in result["passes"]) + sum(len(v["nodes"]) for v in result["violations"])
    assert checked > 10, f"color-contrast-enhanced checked {checked} elements only"
    if result["violations"]:
        pytest.fail(f"/{path} at {WIDTH}px, {scheme} scheme: text below 7:1 (4.5:1 if large):\n"
                    + _report(result["violations"]), pytrace=False)


# -- region lists -------------------------------------------------------------------------

LISTED = """sel => [...document.querySelectorAll(sel + ' > li')].map(li => ({
  name: li.querySelector('.region-name').innerText.trim(),
  link: !!li.querySelector('.region-name a'),
  counts: li.querySelector('.region-counts').innerText.replace(/\\s+/g, ' ').trim() }))"""
FOLDED = """() => [...document.querySelectorAll('details.region-others li')].map(li => ({
  name: li.innerText.trim(), link: !!li.querySelector('a') }))"""
BEFORE = "([a, b]) => !!(document.querySelector(a).compareDocumentPosition(document.querySelector(b)) & Node.DOCUMENT_POSITION_FOLLOWING)"


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """The contentkit catalogue: two innovations and a news item in Jawa Barat, a visit from Kota Bengkulu."""
    root = tmp_path_factory.mktemp("display")
    write_content(root, BASE_FILES)
    result = run(root, "build", "--content", "content", "--output", "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_regions_overview_lists_provinces_with_entries_first_with_their_counts(open_page, small_site):
    page = open_page(small_site, REGIONS, open_details=False)
    assert page.evaluate(LISTED, ".province-list") == [
        {"name": "Bengkulu", "link": True, "counts": "Kunjungan 1"},
        {"name": "Jawa Barat", "link": True, "counts": "Inovasi 2 · Kunjungan 1 · Berita 1"},
    ]
    details = page.locator("details.region-others")
    expect(details).to_have_count(1)
    summary = details.locator("summary")
    expect(summary).to_have_text("36 provinsi lain belum memiliki entri")
    expect(details.locator("li").first).to_be_hidden()  # folded away until opened
    assert page.evaluate(BEFORE, [".province-list", "details.region-others"])
    summary.click()
    folded = page.evaluate(FOLDED)
    assert len(folded) == 36 and not any(f["link"] for f in folded)  # no page, no link
    assert {"Aceh", "Jawa Tengah", "Papua Pegunungan"} <= {f["name"] for f in folded}
    assert not {"Bengkulu", "Jawa Barat"} & {f["name"] for f in folded}
    assert "2 dari 38 provinsi memiliki entri." in page.locator("main").inner_text()


def test_regions_overview_of_the_sample_catalogue(open_page, sample_site):
    page = open_page(sample_site, REGIONS)
    listed = page.evaluate(LISTED, ".province-list")
    assert [p["name"] for p in listed] == SAMPLE_PROVINCES_WITH_ENTRIES and all(p["link"] for p in listed)
    folded = page.evaluate(FOLDED)
    assert len(folded) == 38 - len(SAMPLE_PROVINCES_WITH_ENTRIES)
    assert not set(SAMPLE_PROVINCES_WITH_ENTRIES) & {f["name"] for f in folded}
    # Jawa Barat's counts are those its own page shows
    jabar = next(p for p in listed if p["name"] == "Jawa Barat")
    province = open_page(sample_site, PROVINCE)
    stats = province.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.stats-small a')].map(a =>
      [a.querySelector('.stat-label').innerText.trim(), a.querySelector('.stat-value').innerText.trim()]))""")
    assert jabar["counts"] == " · ".join(f"{k} {v}" for k, v in stats.items() if v != "0"), (jabar, stats)


def test_province_page_links_its_kabupaten_kota_with_entries_before_the_folded_rest(open_page, small_site, sample_site):
    page = open_page(small_site, PROVINCE, open_details=False)
    assert page.evaluate(LISTED, ".child-regions") == [
        {"name": "Kabupaten Bekasi", "link": True, "counts": "Inovasi 1 · Kunjungan 1 · Berita 1"},
        {"name": "Kota Bekasi", "link": True, "counts": "Inovasi 1"},
    ]
    expect(page.locator("details.region-others summary")).to_have_text("25 kabupaten/kota lain belum memiliki entri")
    assert page.evaluate(BEFORE, [".child-regions", "details.region-others"])
    assert page.evaluate(BEFORE, ["details.region-others", "#innovations"])

    page = open_page(sample_site, PROVINCE, open_details=False)
    listed = page.evaluate(LISTED, ".child-regions")
    assert [c["name"] for c in listed] == ["Kabupaten Bekasi", "Kota Bekasi"] and all(c["link"] for c in listed)
    expect(page.locator("details.region-others li").first).to_be_hidden()
    folded = page.evaluate(FOLDED)
    assert len(folded) == 25 and not any(f["link"] for f in folded)
    # the province's own entries come early: its first innovation within the first two screens
    top = page.evaluate("() => document.querySelector('#innovations .card').getBoundingClientRect().top + scrollY")
    assert top < 2 * HEIGHT, f"the first innovation of Jawa Barat starts {top:.0f}px down a {WIDTH}px-wide page"


# -- disclosures --------------------------------------------------------------------------

DISCLOSURES = [(SEARCH, "#cari-saring"), (REGIONS, "details.region-others"), (PROVINCE, "details.region-others")]


@pytest.mark.parametrize("path, details", DISCLOSURES, ids=[_id(p) for p, _ in DISCLOSURES])
def test_disclosure_shows_its_state_and_keyboard_focus(open_page, sample_site, path, details):
    page = open_page(sample_site, path, open_details=False)
    summary = page.locator(f"{details} > summary")
    expect(summary).to_be_visible()
    page.mouse.move(WIDTH - 1, HEIGHT - 1)
    closed = summary.screenshot()
    page.evaluate("d => { document.querySelector(d).open = true; }", details)
    opened = summary.screenshot()
    assert closed != opened, f"/{path}: the summary of {details} looks the same open and closed: no disclosure arrow"
    page.evaluate("d => { document.querySelector(d).open = false; }", details)

    for _ in range(80):  # reachable with Tab
        page.keyboard.press("Tab")
        if page.evaluate("d => document.activeElement === document.querySelector(d + ' > summary')", details):
            break
    else:
        pytest.fail(f"/{path}: Tab never reaches the summary of {details}", pytrace=False)
    outline = page.evaluate("s => { const c = getComputedStyle(document.querySelector(s)); "
                            "return [c.outlineStyle, parseFloat(c.outlineWidth)]; }", f"{details} > summary")
    assert outline[0] != "none" and outline[1] >= 2, f"/{path}: focused summary has no visible outline: {outline}"
    page.keyboard.press("Enter")
    assert page.evaluate("d => document.querySelector(d).open", details), f"/{path}: Enter does not open {details}"
