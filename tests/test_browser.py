"""The sample catalogue in a real headless Chromium, served from 127.0.0.1.

For a few representative pages at a phone width (360px) and a desktop width (1280px):
the page loads without console or script errors, requests nothing from another host,
does not scroll sideways, and axe-core finds no serious or critical accessibility
violation. Plus: the skip link works from the keyboard, and an innovation page is
fully readable with JavaScript turned off.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError, expect
except ImportError:  # the `browser` fixture then skips, or fails in CI
    PlaywrightTimeoutError, expect = TimeoutError, None

from support import tools

PAGES = ["", "inovasi/pancoranmas-kabupaten-bekasi/", "wilayah/jawa-barat/kabupaten-bekasi/", "wilayah/", "cari/?q=bekasi"]
WIDTHS = [360, 1280]
HEIGHT = 800
LOCAL_HOST = "127.0.0.1"
HARMLESS_SCHEMES = {"data", "blob", "about"}


@dataclass
class Visit:
    page: object
    url: str
    status: int | None
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return sorted({u for u in self.requests
                       if urlsplit(u).scheme not in HARMLESS_SCHEMES and urlsplit(u).hostname != LOCAL_HOST})


@pytest.fixture()
def visit(browser, serve, sample_site):
    """Factory: ``visit(path, width, **context_options)`` opens ``path`` of the sample site and records what happens."""
    server = serve(sample_site)
    contexts = []

    def open_page(path: str, width: int = 1280, height: int = HEIGHT, **options) -> Visit:
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        record = Visit(page=None, url=server.url + path, status=None)

        def on_request(request):
            record.requests.append(request.url)

        def only_local(route):
            # a request elsewhere is a defect (recorded above); abort it so the test never waits on the network
            host = urlsplit(route.request.url).hostname
            if host == LOCAL_HOST:
                route.continue_()
            else:
                record.requests.append(route.request.url)
                route.abort()

        context.on("request", on_request)
        context.route("**/*", only_local)
        page = context.new_page()

        def on_console(msg):
            if msg.type == "error":
                where = f"{msg.location.get('url', '')}:{msg.location.get('lineNumber', '')}"
                record.console_errors.append(f"{msg.text} ({where})")

        page.on("console", on_console)
        page.on("pageerror", lambda err: record.page_errors.append(str(err)))
        response = page.goto(record.url, wait_until="load")
        page.evaluate("() => document.fonts.ready.then(() => true)")  # layout is final before measuring
        record.page, record.status = page, response.status if response else None
        return record

    yield open_page
    for context in contexts:
        context.close()


def _ids(value):
    return value if isinstance(value, int) else (value.strip("/") or "home")


page_and_width = pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
each_page = pytest.mark.parametrize("path", PAGES, ids=_ids)


@each_page
@page_and_width
def test_page_loads_cleanly(visit, path, width):
    v = visit(path, width)
    assert v.status == 200, f"{v.url}: HTTP {v.status}"
    heading = v.page.locator("h1")
    assert heading.count() == 1 and heading.is_visible() and heading.inner_text().strip(), \
        f"{v.url}: no single visible <h1>"
    problems = [f"uncaught script error: {e}" for e in v.page_errors]
    problems += [f"console error: {e}" for e in v.console_errors]
    problems += [f"request to another host: {u}" for u in v.foreign_requests()]
    if problems:
        pytest.fail(f"{v.url} at {width}px:\n  " + "\n  ".join(problems), pytrace=False)
    assert any(urlsplit(u).path == urlsplit(v.url).path for u in v.requests), "request recording is not working"


OVERFLOWING = """() => {
  const limit = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > limit + 0.5 || r.left < -0.5)) {
      const parentOut = el.parentElement && out.some(o => o.el === el.parentElement);
      if (!parentOut) out.push({el, desc: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
        ` left=${Math.round(r.left)} right=${Math.round(r.right)} width=${Math.round(r.width)}` +
        ` text=${JSON.stringify((el.textContent || '').trim().slice(0, 60))}`});
    }
  }
  return out.slice(0, 15).map(o => o.desc);
}"""


@each_page
@page_and_width
def test_no_horizontal_overflow(visit, path, width):
    v = visit(path, width)
    assert v.status == 200, f"{v.url}: HTTP {v.status}"
    scroll_width = v.page.evaluate("() => document.documentElement.scrollWidth")
    if scroll_width > width:
        culprits = v.page.evaluate(OVERFLOWING)
        pytest.fail(f"{v.url} at {width}px scrolls sideways: document is {scroll_width}px wide. "
                    f"Elements sticking out:\n  " + "\n  ".join(culprits), pytrace=False)


@each_page
@page_and_width
def test_no_serious_accessibility_violations(visit, path, width):
    v = visit(path, width)
    assert v.status == 200, f"{v.url}: HTTP {v.status}"
    tools.inject_axe(v.page)
    result = v.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    assert "violations" in result and result.get("passes") is not None, "axe-core did not run"
    assert len(result["passes"]) > 5, "axe-core checked almost nothing; is the page empty?"
    serious = [x for x in result["violations"] if x.get("impact") in ("serious", "critical")]
    if serious:
        lines = []
        for x in serious:
            lines.append(f"[{x['impact']}] {x['id']}: {x['help']} ({x['helpUrl']})")
            for node in x["nodes"][:10]:
                lines.append(f"    {json.dumps(node['target'])}: {node['html'][:200]}")
                summary = " ".join((node.get("failureSummary") or "").split())
                if summary:
                    lines.append(f"      {summary[:400]}")
            if len(x["nodes"]) > 10:
                lines.append(f"    ... and {len(x['nodes']) - 10} more element(s)")
        pytest.fail(f"{v.url} at {width}px: {len(serious)} serious/critical axe violation(s):\n" + "\n".join(lines),
                    pytrace=False)


ACTIVE = """() => { const a = document.activeElement; return a && {
  tag: a.tagName.toLowerCase(), id: a.id, href: a.getAttribute('href'), text: (a.innerText || '').trim(),
  inMain: !!a.closest('main#isi') }; }"""


@page_and_width
def test_skip_link_is_first_and_moves_to_main_content(visit, width):
    v = visit("", width)
    page = v.page
    page.keyboard.press("Tab")
    first = page.evaluate(ACTIVE)
    assert first["tag"] == "a" and first["href"] == "#isi", f"first Tab focuses {first}, not the skip link"
    assert first["text"], "the skip link has no visible text"
    # a user can see it once focused (skip links are often hidden until then); waits out any transition
    skip = page.locator("a[href='#isi']:focus")
    expect(skip).to_be_in_viewport(ratio=1)
    box = skip.bounding_box()
    assert box and box["width"] >= 10 and box["height"] >= 10, f"focused skip link is not visible: box {box}"
    assert 0 <= box["x"] and box["x"] + box["width"] <= width and 0 <= box["y"] < HEIGHT, \
        f"focused skip link is outside the viewport: {box}"

    page.keyboard.press("Enter")
    assert urlsplit(page.url).fragment == "isi", page.url
    landed = page.evaluate(ACTIVE)
    assert landed["tag"] == "main" and landed["id"] == "isi", f"after Enter, focus is on {landed}, not main#isi"
    try:  # the start of the main content is on screen, near the top (waits out smooth scrolling)
        page.wait_for_function(
            "h => { const t = document.getElementById('isi').getBoundingClientRect().top; return t >= 0 && t < h / 2; }",
            arg=HEIGHT, timeout=5000)
    except PlaywrightTimeoutError:
        top = page.evaluate("() => document.getElementById('isi').getBoundingClientRect().top")
        pytest.fail(f"after the skip link, main#isi starts at {top}px from the top of a {HEIGHT}px viewport",
                    pytrace=False)
    page.keyboard.press("Tab")
    after = page.evaluate(ACTIVE)
    assert after["inMain"], f"the next Tab after the skip link goes to {after}, outside the main content"


def test_innovation_page_is_readable_without_javascript(visit, sample_site):
    v = visit("inovasi/pancoranmas-kabupaten-bekasi/", 360, java_script_enabled=False)
    assert v.status == 200, f"{v.url}: HTTP {v.status}"
    page = v.page
    heading = page.get_by_role("heading", level=1)
    assert heading.is_visible() and heading.inner_text().strip() == "Pancoranmas Kabupaten Bekasi"
    facts = {
        "Wilayah": "Kabupaten Bekasi",
        "Tahapan": "Penerapan",
        "Urusan": "Kesehatan",
        "Jenis": "Digital",
    }
    for term, value in facts.items():
        dt = page.locator("dt", has_text=term)
        dd = dt.locator("xpath=following-sibling::dd[1]")
        assert dt.is_visible(), f"fact '{term}' is not visible without JavaScript"
        assert dd.is_visible() and value in dd.inner_text(), f"fact '{term}' does not show '{value}'"
    body = page.locator(".prose").first
    assert body.is_visible() and "Puskesmas Lemahabang" in body.inner_text()
    assert not v.foreign_requests()
