"""Search in a real headless Chromium: the index the build writes into cari/indeks/
(docs/search-index.md), used through the search page, with the sample catalogue served
from 127.0.0.1 at the site root and under a sub-path (built with --base-url
https://contoh.go.id/katalog/).

What is expected is read from the catalogue (its entries' regions and dates) and from
the built entry pages, never from the search interface under test. The analysis the
browser does is compared with the build's in test_search_analysis.py.
"""

from __future__ import annotations

import json
import re
import shutil
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
RESULT = "#cari-hasil .search-result"
INDEX = "cari/indeks/"
ARTICLE = re.compile(r"<article class=\"entry[^>]*>.*?</article>", re.S)
SHOWN = """items => items.map(li => ({
    title: li.querySelector('.search-result-title').innerText.trim(),
    href: li.querySelector('.search-result-title a').getAttribute('href'),
    kind: ((li.querySelector('.card-kind') || {}).textContent || '').trim(),
    meta: (li.querySelector('.search-result-meta') || {}).innerText || '',
    marked: [...li.querySelectorAll('.search-result-excerpt mark')].map(m => m.textContent)}))"""


@dataclass(frozen=True)
class Expected:
    """What the catalogue says of one searchable entry."""
    title: str
    kind: str
    regions: frozenset[str]  # names of its regencies and cities
    date: str  # ISO date, '' when undated


@pytest.fixture(scope="session")
def catalogue(tmp_path_factory) -> dict[str, Expected]:
    """Path below the site root ('inovasi/x/') -> what the sample catalogue says of that entry."""
    from conftest import SAMPLE_CONTENT
    from katalog import urls
    from katalog.options import BuildOptions
    from katalog.site import load_site

    cat = load_site(BuildOptions(content=SAMPLE_CONTENT, output=tmp_path_factory.mktemp("unused"))).catalogue
    return {urls.entry_path(e): Expected(e.title, e.kind, frozenset(cat.regions.get(c).name for c in e.regions() if "." in c),
                                         e.date.isoformat() if e.date else "")
            for kind in urls.KIND_FOLDERS for e in cat.entries.get(kind, ())}


@dataclass
class Session:
    page: object
    url: str  # the site's root URL on the local server ('http://127.0.0.1:p/katalog/')
    prefix: str
    site: Path
    catalogue: dict[str, Expected]
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    server: object = None  # what the server itself received

    def open(self, path: str) -> None:
        response = self.page.goto(self.url + path, wait_until="load")
        assert response and response.status == 200, f"{self.url + path}: HTTP {response and response.status}"

    def settled(self) -> None:
        """Wait until the search under way (if any) has drawn its results."""
        expect(self.page.locator("#cari-ringkasan")).not_to_be_empty(timeout=15000)
        expect(self.page.locator("#cari-hasil")).not_to_have_attribute("aria-busy", "true", timeout=15000)

    def results(self, everything: bool = True) -> list[dict]:
        """The results listed (all of them, pressing "load more" until it goes, unless not ``everything``)."""
        self.settled()
        more = self.page.locator("#cari-lagi")
        while everything and more.is_visible():
            count = self.page.locator(RESULT).count()
            more.click()
            expect(self.page.locator(RESULT)).not_to_have_count(count, timeout=15000)
        return self.page.eval_on_selector_all(RESULT, SHOWN)

    def summary(self) -> str:
        self.settled()
        return self.page.locator("#cari-ringkasan").inner_text().strip()

    def expected(self, href: str) -> Expected:
        return self.catalogue[href[len(self.prefix):]]

    def where(self, test) -> set[str]:
        """Hrefs of the entries whose expected record passes ``test``."""
        return {self.prefix + path for path, e in self.catalogue.items() if test(e)}

    def article(self, href: str) -> str:
        """The entry's article as built: what a reader sees of it."""
        html = (self.site / href[len(self.prefix):] / "index.html").read_text(encoding="utf-8")
        return re.sub(r"<[^>]+>", " ", ARTICLE.search(html).group(0))

    def foreign(self) -> list[str]:
        return sorted({u for u in self.requests
                       if urlsplit(u).scheme not in HARMLESS_SCHEMES and urlsplit(u).hostname != LOCAL_HOST})

    def index_requests(self) -> list[str]:
        return [p for p in self.server.requests if INDEX in p]


@pytest.fixture()
def search(browser, serve, sample_site, subpath_site, catalogue):
    """Factory: ``search(where, js=True, width=1280, site=None, scheme="light")`` -> a Session on the sample
    site (or ``site``, built for ``where``) served there, in a light or dark colour scheme."""
    sessions: list[tuple[Session, object]] = []

    def start(where: str, js: bool = True, width: int = 1280, site: Path | None = None, scheme: str = "light") -> Session:
        built, prefix = (sample_site, "/") if where == "root" else (subpath_site, "/katalog/")
        site = site or built
        server = serve(site, prefix)
        context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=js, color_scheme=scheme)
        page = context.new_page()
        s = Session(page, server.url, prefix, site, catalogue, server=server)
        context.on("request", lambda request: s.requests.append(request.url))
        context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == LOCAL_HOST
                      else route.abort())
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
    box = s.page.get_by_role("searchbox", name="Cari di katalog")
    box.click()
    box.press_sequentially("Pancoranmas", delay=20)
    expect(s.page.locator("#cari-ringkasan")).to_contain_text("untuk Pancoranmas", timeout=15000)
    results = s.results()
    first = results[0]
    assert first["href"].startswith(s.prefix + "inovasi/pancoranmas-"), first
    assert first["title"] == s.expected(first["href"]).title and "Pancoranmas" in first["title"]
    assert first["kind"] == "Inovasi", first
    # the excerpt marks the word searched for, as written in the text
    assert {m.lower() for r in results for m in r["marked"]} == {"pancoranmas"}, results
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
    expect(s.page.get_by_role("searchbox")).to_have_value("bekasi")
    assert s.page.locator("#cari-ringkasan").get_attribute("aria-live") == "polite"
    first_page = s.results(everything=False)
    results = s.results()
    assert len(first_page) == 10 < len(results), "results come ten at a time"
    hrefs = [r["href"] for r in results]
    assert len(hrefs) == len(set(hrefs)), f"a page listed twice: {hrefs}"
    # the keyboard lands on the first of the results loaded last
    assert s.page.evaluate("() => document.activeElement.closest('li').querySelector('a').getAttribute('href')") == hrefs[10]
    # no false hits: each is an entry whose page mentions Bekasi
    assert all("bekasi" in s.article(h).lower() for h in hrefs), hrefs
    # none missed: every entry in Kabupaten or Kota Bekasi is found
    in_bekasi = s.where(lambda e: {"Kabupaten Bekasi", "Kota Bekasi"} & e.regions)
    assert in_bekasi and in_bekasi <= set(hrefs), f"missed: {sorted(in_bekasi - set(hrefs))}"
    assert s.summary() == f"{len(hrefs)} hasil untuk bekasi"
    for r in results:
        e = s.expected(r["href"])
        assert r["title"] == e.title and r["kind"], r
        assert all(name in r["meta"] for name in e.regions), (r, e)
    assert any(r["marked"] for r in results) and all(m.lower() == "bekasi" for r in results for m in r["marked"])


@WHERE
def test_a_region_filter_narrows_results_to_that_region_and_the_count_matches(search, where):
    s = search(where)
    s.open("cari/?q=bekasi")
    everything = s.results()
    in_kota = s.where(lambda e: "Kota Bekasi" in e.regions)
    assert 0 < len(in_kota) < len(everything), "the sample catalogue no longer tells Kota Bekasi apart"

    summary = s.page.locator("#cari-saring summary")
    summary.focus()
    s.page.keyboard.press("Enter")  # the filters are folded away until asked for, and open from the keyboard
    menu = s.page.get_by_label("Kabupaten/kota")
    # each value offers the number of results it gives for this query
    expect(menu.locator("option[value='Kota Bekasi']")).to_have_text(f"Kota Bekasi ({len(in_kota)})", timeout=15000)
    menu.focus()
    menu.select_option("Kota Bekasi")
    narrowed = s.results()
    assert {r["href"] for r in narrowed} == in_kota
    assert all("Kota Bekasi" in r["meta"] for r in narrowed), narrowed
    assert s.summary() == f"{len(in_kota)} hasil untuk bekasi"
    query = parse_qs(urlsplit(s.page.url).query)
    assert query == {"q": ["bekasi"], "wilayah": ["Kota Bekasi"]}, s.page.url

    # the shared link opens the same narrowed search, its filter shown
    s.open("cari/?" + urlsplit(s.page.url).query)
    assert {r["href"] for r in s.results()} == in_kota
    expect(s.page.locator("#cari-saring")).to_have_attribute("open", "")
    expect(s.page.get_by_label("Kabupaten/kota")).to_have_value("Kota Bekasi")


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
    expect(s.page.locator("#cari-lagi")).to_be_hidden()


@WHERE
def test_the_last_word_is_also_a_prefix(search, where):
    s = search(where)
    s.open("cari/?q=layanan puskes")
    hrefs = {r["href"] for r in s.results()}
    assert s.prefix + "inovasi/pancoranmas-puskesmas-lemahabang/" in hrefs, hrefs
    assert all(re.search(r"\bpuskes", s.article(h), re.I) for h in hrefs), hrefs


def dates_in_order(s: Session, hrefs: list[str], newest_first: bool) -> None:
    dates = [s.expected(h).date for h in hrefs]
    dated = [d for d in dates if d]
    assert dated and len(dated) < len(dates), f"the sample no longer mixes dated and undated hits: {dates}"
    assert dated == sorted(dated, reverse=newest_first), f"not {'newest' if newest_first else 'oldest'} first: {dates}"
    assert dates[:len(dated)] == dated, f"an undated entry before a dated one: {dates}"


@WHERE
def test_sorting_by_date_orders_results_and_puts_undated_entries_last(search, where):
    s = search(where)
    s.open("cari/?q=bekasi&urutan=terbaru")
    expect(s.page.locator("#cari-urutan")).to_have_value("terbaru")
    newest = [r["href"] for r in s.results()]
    dates_in_order(s, newest, newest_first=True)

    s.page.locator("#cari-urutan").select_option("terlama")
    expect(s.page).to_have_url(re.compile(r"urutan=terlama"))
    oldest = [r["href"] for r in s.results()]
    assert sorted(oldest) == sorted(newest)
    dates_in_order(s, oldest, newest_first=False)


@WHERE
def test_the_header_search_box_leads_to_the_results(search, where):
    s = search(where, width=360)
    s.open("")
    s.page.locator("#site-q").fill("sampah")
    s.page.locator("#site-q").press("Enter")
    s.page.wait_for_load_state("load")
    assert urlsplit(s.page.url).path == s.prefix + "cari/"
    expect(s.page.get_by_role("searchbox")).to_have_value("sampah")
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
    hrefs = {r["href"] for r in s.results()}
    in_region = s.where(lambda e: "Kabupaten Bekasi" in e.regions)
    assert s.where(lambda e: "Kota Bekasi" in e.regions) - in_region, "the sample no longer has entries of Kota Bekasi alone"
    assert hrefs == in_region, f"outside the region: {sorted(hrefs - in_region)}; missed: {sorted(in_region - hrefs)}"
    assert parse_qs(urlsplit(s.page.url).query)["wilayah"] == ["Kabupaten Bekasi"]


@WHERE
def test_the_facet_files_load_only_when_the_filters_are_opened(search, where):
    s = search(where)
    s.open("cari/?q=bekasi")
    s.results()
    stamp = json.loads((s.site / INDEX / "manifest.json").read_text(encoding="utf-8"))["stamp"]
    requested = s.index_requests()
    assert any("/p/" in p for p in requested) and any("/c/" in p for p in requested), requested
    # every file but the manifest is asked for as of this build, so no two builds' files mix
    assert all(p.endswith(f"?v={stamp}") for p in requested if "/manifest.json" not in p), requested
    assert not [p for p in requested if INDEX + "facets" in p], "facet files loaded before they were asked for"
    s.page.locator("#cari-saring summary").click()
    expect(s.page.get_by_label("Kabupaten/kota").locator("option[value='Kota Bekasi']")).to_be_attached(timeout=15000)
    assert {p.split("?")[0].rsplit("/", 1)[1] for p in s.index_requests() if INDEX + "facets" in p} == {"facets.json",
                                                                                                      "facets.bin"}


AXE_SERIOUS = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                     .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '));
}"""


@pytest.mark.parametrize("width, scheme", [(360, "light"), (1280, "light"), (360, "dark")])
def test_the_filters_fit_the_screen_and_pass_axe(search, width, scheme):
    from support import tools

    s = search("root", width=width, scheme=scheme)
    s.open("cari/?q=bekasi")
    s.results(everything=False)
    s.page.locator("#cari-saring summary").click()
    menus = s.page.locator("#cari-saring select")
    assert menus.count() == 10  # konten, provinsi, wilayah, tahap, bentuk, jenis, urusan, status, penghargaan, tahun
    expect(s.page.get_by_label("Kabupaten/kota").locator("option[value='Kota Bekasi']")).to_be_attached(timeout=15000)
    for i in range(menus.count()):
        box = menus.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] >= 44, f"menu {i} at {width}px: {box}"
    assert s.page.evaluate("() => document.documentElement.scrollWidth") <= width
    # the summary still shows that it opens and closes
    # (the native marker of a list item, or an arrow drawn before it; tests/test_display.py compares the pixels)
    marker = s.page.evaluate("""() => { const summary = document.querySelector('#cari-saring summary');
      const own = getComputedStyle(summary), before = getComputedStyle(summary, '::before');
      return own.display === 'list-item' && own.listStyleType !== 'none' ? 'marker'
        : before.content !== 'none' && before.borderInlineStartWidth !== '0px' ? 'arrow' : own.display; }""")
    assert marker in ("marker", "arrow"), f"the filter summary shows no disclosure arrow (display: {marker})"
    tools.inject_axe(s.page)
    assert s.page.evaluate(AXE_SERIOUS) == []
    s.page.get_by_label("Kabupaten/kota").select_option("Kota Bekasi")
    s.results(everything=False)
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


def test_an_index_of_another_version_is_refused_and_the_fallback_stays(search, sample_site, tmp_path):
    site = Path(shutil.copytree(sample_site, tmp_path / "site"))
    manifest = site / INDEX / "manifest.json"
    manifest.write_text(json.dumps({**json.loads(manifest.read_text(encoding="utf-8")), "version": 2}), encoding="utf-8")
    s = search("root", site=site)
    s.open("cari/?q=bekasi")
    expect(s.page.locator("#cari")).to_have_attribute("data-status", "unavailable", timeout=15000)
    expect(s.page.locator("#cari-nojs")).to_be_visible()
    expect(s.page.locator(".search-app")).to_be_hidden()
    assert s.index_requests() == ["/" + INDEX + "manifest.json"]
