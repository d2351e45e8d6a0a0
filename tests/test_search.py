"""Search in a real headless Chromium: the Pagefind index the build writes, used through
the search page, with the sample catalogue served from 127.0.0.1 at the site root and
under a sub-path (built with --base-url https://contoh.go.id/katalog/).

What is expected is read from the built entry pages themselves (the filter values the
index was given), never from the search interface under test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips, or fails in CI
    expect = None

LOCAL_HOST = "127.0.0.1"
HARMLESS_SCHEMES = {"data", "blob", "about"}
WHERE = pytest.mark.parametrize("where", ["root", "subpath"])
RESULT = "pagefind-results .search-result"
FILTER_SPAN = re.compile(r'data-pagefind-filter="([^":]+):([^"]*)"')
SORT_SPAN = re.compile(r'data-pagefind-sort="(terbaru|terlama):([^"]*)"')
LOAD_ALL = """async (atLeast) => {
  for (let i = 0; i < 150; i++) {
    const items = [...document.querySelectorAll('pagefind-results li')];
    const waiting = items.find(li => !li.classList.contains('search-result'));
    if (items.length >= atLeast && !waiting) return items.length;
    if (waiting) waiting.scrollIntoView();
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return -1;
}"""


@dataclass
class Session:
    page: object
    url: str  # the site's root URL on the local server ('http://127.0.0.1:p/katalog/')
    prefix: str
    site: Path
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    server: object = None  # what the server itself received (a Web Worker's fetches included)

    def open(self, path: str) -> None:
        response = self.page.goto(self.url + path, wait_until="load")
        assert response and response.status == 200, f"{self.url + path}: HTTP {response and response.status}"

    def results(self, at_least: int = 1) -> list[dict]:
        """The results shown, once at least ``at_least`` are listed and every one has loaded its data
        (results load their data when scrolled into view)."""
        loaded = self.page.evaluate(LOAD_ALL, at_least)
        assert loaded >= at_least, f"fewer than {at_least} results appeared: {self.page.locator('pagefind-summary').inner_text()!r}"
        return self.page.eval_on_selector_all(RESULT, """items => items.map(li => ({
            title: li.querySelector('.search-result-title').innerText.trim(),
            href: li.querySelector('.search-result-title a').getAttribute('href'),
            kind: ((li.querySelector('.card-kind') || {}).textContent || '').trim(),
            meta: (li.querySelector('.search-result-meta') || {}).innerText || ''}))""")

    def summary(self) -> str:
        expect(self.page.locator("pagefind-summary")).not_to_have_text(re.compile(r"^\s*$|Mencari"), timeout=15000)
        return self.page.locator("pagefind-summary").inner_text().strip()

    def foreign(self) -> list[str]:
        return sorted({u for u in self.requests
                       if urlsplit(u).scheme not in HARMLESS_SCHEMES and urlsplit(u).hostname != LOCAL_HOST})

    def entry_pages(self) -> dict[str, str]:
        """URL path ('/katalog/inovasi/x/') -> HTML of every indexed entry page of the built site."""
        return {self.prefix + p.parent.relative_to(self.site).as_posix() + "/": p.read_text(encoding="utf-8")
                for folder in ("inovasi", "kunjungan", "berita") for p in (self.site / folder).glob("*/index.html")}


@pytest.fixture()
def search(browser, serve, sample_site, subpath_site):
    """Factory: ``search(where, js=True, width=1280)`` -> a Session on the sample site served there."""
    sessions: list[tuple[Session, object]] = []

    def start(where: str, js: bool = True, width: int = 1280) -> Session:
        site, prefix = (sample_site, "/") if where == "root" else (subpath_site, "/katalog/")
        server = serve(site, prefix)
        context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=js)
        page = context.new_page()
        s = Session(page, server.url, prefix, site, server=server)

        def only_local(route):
            if urlsplit(route.request.url).hostname == LOCAL_HOST:
                route.continue_()
            else:
                route.abort()

        context.on("request", lambda request: s.requests.append(request.url))
        context.route("**/*", only_local)
        page.on("console", lambda msg: msg.type == "error" and s.errors.append(f"console: {msg.text}"))
        page.on("pageerror", lambda err: s.errors.append(f"uncaught: {err}"))
        sessions.append((s, context))
        return s

    yield start
    for s, context in sessions:
        context.close()
        assert not s.foreign(), f"requests to other hosts: {s.foreign()}"
        assert not s.errors, "script errors:\n  " + "\n  ".join(s.errors)


@WHERE
def test_typing_pancoranmas_lists_the_pancoranmas_innovation_first(search, where):
    s = search(where)
    s.open("cari/")
    box = s.page.locator("pagefind-input input")
    box.click()
    box.press_sequentially("Pancoranmas", delay=20)
    expect(s.page.locator("pagefind-summary")).to_contain_text("untuk Pancoranmas", timeout=15000)
    first = s.results()[0]
    assert "Pancoranmas" in first["title"], f"first result is {first}"
    assert first["kind"] == "Inovasi", first
    assert first["href"].startswith(s.prefix + "inovasi/pancoranmas-"), first["href"]
    # the query is in the address, so the search can be shared as a link
    expect(s.page).to_have_url(re.compile(r"[?&]q=Pancoranmas(&|$)"))
    # and the result leads to the innovation's page, under the sub-path too
    s.page.locator(RESULT).first.locator("a").click()
    s.page.wait_for_load_state("load")
    assert urlsplit(s.page.url).path == first["href"]
    assert "Pancoranmas" in s.page.locator("h1").inner_text()


@WHERE
def test_a_query_in_the_address_shows_its_results(search, where):
    s = search(where)
    s.open("cari/?q=bekasi")
    results = s.results(5)
    expect(s.page.locator("pagefind-input input")).to_have_value("bekasi")
    pages = s.entry_pages()
    hrefs = [r["href"] for r in results]
    assert len(hrefs) == len(set(hrefs)), f"a page listed twice: {hrefs}"
    # no false hits: each is an entry page whose indexed article mentions Bekasi
    articles = {url: re.search(r"<article[^>]*data-pagefind-body.*?</article>", html, re.S).group(0)
                for url, html in pages.items()}
    assert all("bekasi" in articles.get(h, "").lower() for h in hrefs), hrefs
    # none missed: every entry in Kabupaten or Kota Bekasi is found
    in_bekasi = {url for url, html in pages.items()
                 if any(k == "wilayah" and v.endswith(" Bekasi") for k, v in FILTER_SPAN.findall(html))}
    assert in_bekasi and in_bekasi <= set(hrefs), f"missed: {sorted(in_bekasi - set(hrefs))}"
    assert re.search(rf"\b{len(hrefs)} hasil untuk bekasi\b", s.summary()), s.summary()
    assert all(r["title"] and r["kind"] for r in results), results


@WHERE
def test_a_region_filter_narrows_results_to_that_region_and_the_count_matches(search, where):
    s = search(where)
    s.open("cari/?q=bekasi")
    everything = s.results(5)
    pages = s.entry_pages()
    in_kota = {url for url, html in pages.items() if ("wilayah", "Kota Bekasi") in FILTER_SPAN.findall(html)}
    assert 0 < len(in_kota) < len(everything), "the sample catalogue no longer tells Kota Bekasi apart"

    s.page.locator("#cari-saring summary").click()  # the filters are folded away until asked for
    s.page.locator("pagefind-filter-dropdown[filter='wilayah'] button").first.click()
    s.page.get_by_role("option", name=re.compile(r"^Kota Bekasi\b")).click()
    s.page.keyboard.press("Escape")
    s.page.wait_for_function("n => document.querySelectorAll('pagefind-results li').length === n",
                             arg=len(in_kota), timeout=15000)
    narrowed = s.results(len(in_kota))
    assert {r["href"] for r in narrowed} == in_kota
    assert all("Kota Bekasi" in r["meta"] for r in narrowed), narrowed
    assert re.search(rf"\b{len(in_kota)} hasil untuk bekasi\b", s.summary()), s.summary()
    query = parse_qs(urlsplit(s.page.url).query)
    assert query == {"q": ["bekasi"], "wilayah": ["Kota Bekasi"]}, s.page.url

    # the shared link opens the same narrowed search
    s.open("cari/?" + urlsplit(s.page.url).query)
    assert {r["href"] for r in s.results(len(in_kota))} == in_kota


@WHERE
def test_a_query_without_matches_says_so_helpfully_in_indonesian(search, where):
    s = search(where)
    s.open("cari/?q=zzqxjembatanlayang")
    empty = s.page.locator("#cari-kosong")
    expect(empty).to_be_visible(timeout=15000)
    expect(empty.locator("h2")).to_have_text("Tidak ada hasil yang cocok")
    assert "periksa ejaan" in empty.inner_text()
    links = empty.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert s.prefix + "wilayah/" in links and s.prefix + "urusan/" in links, links
    assert s.summary() == "Tidak ada hasil untuk zzqxjembatanlayang"
    assert s.page.locator(RESULT).count() == 0


@WHERE
def test_sorting_by_date_orders_results_and_puts_undated_entries_last(search, where):
    s = search(where)
    s.open("cari/?q=bekasi&urutan=terbaru")
    expect(s.page.locator("#cari-urutan")).to_have_value("terbaru")
    results = s.results(5)
    keys = {url: dict(SORT_SPAN.findall(html)) for url, html in s.entry_pages().items()}
    dated = {url for url, k in keys.items() if not k["terbaru"].startswith("0000")}
    hrefs = [r["href"] for r in results]
    assert any(h not in dated for h in hrefs) and any(h in dated for h in hrefs), "the sample no longer mixes dated and undated hits"
    got = [keys[h]["terbaru"] for h in hrefs if h in dated]
    assert got == sorted(got, reverse=True), f"not newest first: {got}"
    first_undated = next(i for i, h in enumerate(hrefs) if h not in dated)
    assert all(h not in dated for h in hrefs[first_undated:]), f"an undated entry before a dated one: {hrefs}"

    s.page.locator("#cari-urutan").select_option("terlama")
    expect(s.page).to_have_url(re.compile(r"urutan=terlama"))
    s.page.wait_for_function("d => { const a = document.querySelector('pagefind-results .search-result a');"
                             " return a && a.getAttribute('href') !== d; }", arg=results[0]["href"], timeout=15000)
    hrefs = [r["href"] for r in s.results(len(results))]
    got = [keys[h]["terlama"] for h in hrefs if h in dated]
    assert got == sorted(got), f"not oldest first: {got}"
    first_undated = next(i for i, h in enumerate(hrefs) if h not in dated)
    assert all(h not in dated for h in hrefs[first_undated:]), f"an undated entry before a dated one: {hrefs}"


@WHERE
def test_the_header_search_box_leads_to_the_results(search, where):
    s = search(where, width=360)
    s.open("")
    s.page.locator("#site-q").fill("sampah")
    s.page.locator("#site-q").press("Enter")
    s.page.wait_for_load_state("load")
    assert urlsplit(s.page.url).path == s.prefix + "cari/"
    results = s.results()
    assert any("Sampah" in r["title"] for r in results), results


@WHERE
def test_search_within_a_region_keeps_to_that_region(search, where):
    s = search(where)
    s.open("wilayah/jawa-barat/kabupaten-bekasi/")
    form = s.page.locator("form.search-within")
    expect(form.locator("label")).to_have_text("Cari di Kabupaten Bekasi")
    form.locator("input[name=q]").fill("bekasi")  # also in Kota Bekasi's entries, which must stay out
    form.locator("input[name=q]").press("Enter")
    s.page.wait_for_load_state("load")
    results = s.results()
    pages = s.entry_pages()
    in_region = {url for url, html in pages.items() if ("wilayah", "Kabupaten Bekasi") in FILTER_SPAN.findall(html)}
    only_kota = {url for url, html in pages.items()
                 if ("wilayah", "Kota Bekasi") in FILTER_SPAN.findall(html) and url not in in_region}
    hrefs = {r["href"] for r in results}
    assert only_kota, "the sample no longer has entries of Kota Bekasi alone"
    assert hrefs == in_region, f"outside the region: {sorted(hrefs - in_region)}; missed: {sorted(in_region - hrefs)}"
    assert parse_qs(urlsplit(s.page.url).query)["wilayah"] == ["Kabupaten Bekasi"]


@WHERE
def test_the_filter_index_loads_only_when_the_filters_are_opened(search, where):
    s = search(where)
    s.open("cari/?q=bekasi")
    s.results(5)
    loaded = lambda: [p for p in s.server.requests if "/pagefind/filter/" in p]  # noqa: E731
    assert any("/pagefind/index/" in p for p in s.server.requests), "the request log misses the index"
    assert not loaded(), "filter index loaded before it was asked for"
    s.page.locator("#cari-saring summary").click()
    options = s.page.locator("pagefind-filter-dropdown[filter='wilayah'] .pf-dropdown-option")
    expect(options.first).to_be_attached(timeout=15000)
    assert loaded(), "the filters show values without their index being loaded"


AXE_SERIOUS = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                     .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '));
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_open_filter_menus_fit_the_screen_and_pass_axe(search, width):
    from support import tools

    s = search("root", width=width)
    s.open("cari/?q=bekasi")
    s.results(5)
    s.page.locator("#cari-saring summary").click()
    trigger = s.page.locator("pagefind-filter-dropdown[filter='wilayah'] .pf-dropdown-trigger")
    expect(trigger).to_have_attribute("aria-label", "Kabupaten/kota")
    trigger.click()
    menu = s.page.locator("pagefind-filter-dropdown[filter='wilayah'] .pf-dropdown-menu")
    expect(menu).to_be_visible()
    option = s.page.get_by_role("option", name="Kota Bekasi", exact=True)
    expect(option).to_be_visible()
    box = menu.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"menu sticks out of a {width}px screen: {box}"
    tools.inject_axe(s.page)
    assert s.page.evaluate(AXE_SERIOUS) == []
    option.click()
    expect(option).to_have_attribute("aria-selected", "true")
    expect(trigger).to_have_attribute("aria-label", "Kabupaten/kota")
    assert s.page.evaluate(AXE_SERIOUS) == []


@WHERE
def test_without_javascript_the_search_page_points_to_browsable_pages(search, where):
    s = search(where, js=False)
    s.open("cari/?q=sampah")
    message = s.page.locator("#cari-nojs")
    expect(message).to_be_visible()
    assert "memerlukan JavaScript" in message.inner_text()
    links = message.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert {s.prefix + "wilayah/", s.prefix + "urusan/", s.prefix + "inovasi/"} <= set(links), links
    expect(s.page.locator(".search-app")).to_be_hidden()
    # those pages are there
    for href in links:
        assert (s.site / href[len(s.prefix):] / "index.html").is_file(), href
