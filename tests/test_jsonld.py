"""Structured data (JSON-LD): every ld+json script of the built sample catalogue parsed
back with json.loads, the schema.org fields asserted with the sample's real content;
hostile content never closes the script element."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from contentkit import BASE_FILES, read_page, run, write_content
from support.head import parse_head, read_head
from katalog.serialise import json_for_script

BASE = "https://contoh.go.id/katalog/"
HOSTILE = Path(__file__).resolve().parent / "hostile" / "xss"
PANCORANMAS = "inovasi/pancoranmas-kabupaten-bekasi/"
VISIT = "kunjungan/balitbangda-baubau-ke-kota-bekasi-2017/"
NEWS = "berita/balitbangda-baubau-kunjungi-kota-bekasi/"
KOTA_BEKASI = "wilayah/jawa-barat/kota-bekasi/"


def the(site: Path, path: str, kind: str) -> dict:
    found = read_head(site, path).of_type(kind)
    assert len(found) == 1, f"{path}: {len(found)} {kind}"
    return found[0]


def code(area: dict) -> str:
    assert area["@type"] == "AdministrativeArea"
    assert area["identifier"]["@type"] == "PropertyValue"
    assert area["identifier"]["propertyID"] == "Kode Wilayah Kemendagri"
    return area["identifier"]["value"]


def addresses(data) -> list[str]:
    """Every string in ``data`` that is one of the site's own addresses."""
    if isinstance(data, dict):
        return [u for v in data.values() for u in addresses(v)]
    if isinstance(data, list):
        return [u for v in data for u in addresses(v)]
    return [data] if isinstance(data, str) and data.startswith(BASE) else []


def test_every_script_parses_and_every_address_is_a_page(subpath_site):
    pages = sorted(subpath_site.rglob("*.html"))
    seen = set()
    for page in pages:
        head = parse_head(page.read_text(encoding="utf-8"))
        for data in head.jsonld:  # json.loads succeeded
            assert data["@context"] == "https://schema.org", page
            seen.add(data["@type"])
            for url in addresses(data):
                rel = url[len(BASE):].split("?")[0]
                assert (subpath_site / rel / "index.html").is_file() or (subpath_site / rel).is_file(), (page, url)
    assert {"GovernmentService", "Event", "NewsArticle", "AdministrativeArea", "BreadcrumbList", "WebSite"} <= seen


def test_an_innovation_is_a_government_service(subpath_site):
    service = the(subpath_site, PANCORANMAS, "GovernmentService")
    assert service["name"] == "Pancoranmas Kabupaten Bekasi"
    assert service["url"] == BASE + PANCORANMAS
    assert service["description"].startswith("Replikasi aplikasi layanan kesehatan Pancoranmas")
    area = service["areaServed"]
    assert (area["name"], code(area)) == ("Kabupaten Bekasi", "32.16")
    assert area["url"] == BASE + "wilayah/jawa-barat/kabupaten-bekasi/"
    assert (area["containedInPlace"]["name"], code(area["containedInPlace"])) == ("Jawa Barat", "32")
    assert service["provider"]["@type"] == "GovernmentOrganization"
    assert service["provider"]["name"] == "Pemerintah Kabupaten Bekasi"
    assert service["serviceType"] == "Kesehatan"


def test_access_becomes_the_service_channel(tmp_path):
    innovation = BASE_FILES["innovations/sehat-keliling.md"].replace("tags: [kesehatan, desa]", """\
        tags: [kesehatan, desa]
        agency: Dinas Kesehatan Kabupaten Bekasi
        access:
          who: Warga lanjut usia
          where: Balai desa setiap Senin
          apps:
            - name: Sehat Keliling
              url: https://sehat.bekasikab.go.id/
        contact:
          phone: "021 8970 1234"
        """.replace("        ", "")[:-1])
    write_content(tmp_path, {**BASE_FILES, "innovations/sehat-keliling.md": innovation,
                             "site.yaml": BASE_FILES["site.yaml"] + "base_url: https://x.go.id/\n"})
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    service = the(tmp_path / "output", "inovasi/sehat-keliling/", "GovernmentService")
    # 'agency' is free text ("... bersama Tim ITB"): the provider is the region's government, never a guess at its units
    assert service["provider"]["name"] == "Pemerintah Kabupaten Bekasi" and "parentOrganization" not in service["provider"]
    assert service["audience"] == {"@type": "Audience", "audienceType": "Warga lanjut usia"}
    channel = service["availableChannel"]
    assert channel["serviceUrl"] == "https://sehat.bekasikab.go.id/"
    assert channel["servicePhone"]["telephone"] == "+622189701234"
    assert channel["serviceLocation"]["address"] == "Balai desa setiap Senin"


def test_a_visit_is_an_event(subpath_site):
    event = the(subpath_site, VISIT, "Event")
    assert event["name"] == "Studi Banding Kelitbangan Balitbangda Kota Baubau ke Kota Bekasi"
    assert event["startDate"] == "2017-08-02"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    organizer = event["organizer"]
    assert (organizer["@type"], organizer["name"]) == ("GovernmentOrganization", "Pemerintah Kota Bekasi")
    assert code(organizer["areaServed"]) == "32.75"
    governments = [a for a in event["attendee"] if a["@type"] == "GovernmentOrganization"]
    assert [(a["name"], code(a["areaServed"])) for a in governments] == [("Pemerintah Kota Baubau", "74.72")]
    assert {"@type": "Person", "name": "Mustafa, Kepala Balitbangda Kota Baubau"} in event["attendee"]
    place = event["location"]
    assert place["address"]["addressLocality"] == "Kota Bekasi" and place["address"]["addressRegion"] == "Jawa Barat"
    assert code(place["containedInPlace"]) == "32.75"


def test_news_is_a_news_article(subpath_site):
    article = the(subpath_site, NEWS, "NewsArticle")
    assert article["headline"] == "Balitbangda Kota Baubau Pelajari Kelitbangan di Kota Bekasi"
    assert article["datePublished"] == "2017-08-02"
    assert "dateModified" not in article
    assert article["url"] == article["mainEntityOfPage"] == BASE + NEWS
    assert article["publisher"] == {"@type": "Organization", "name": "Penyusun katalog contoh", "url": BASE}
    assert article["author"] == {"@type": "Organization", "name": "e-JURNAL BAUBAU"}
    assert [code(a) for a in article["contentLocation"]] == ["74.72", "32.75"]


def test_a_region_is_an_administrative_area(subpath_site):
    area = the(subpath_site, KOTA_BEKASI, "AdministrativeArea")
    assert (area["name"], code(area)) == ("Kota Bekasi", "32.75")
    assert area["url"] == BASE + KOTA_BEKASI
    province = area["containedInPlace"]
    assert (province["name"], code(province), province["url"]) == ("Jawa Barat", "32", BASE + "wilayah/jawa-barat/")
    top = the(subpath_site, "wilayah/jawa-barat/", "AdministrativeArea")
    assert code(top) == "32" and "containedInPlace" not in top


@pytest.mark.parametrize("path", [PANCORANMAS, KOTA_BEKASI, "urusan/kesehatan/", "cari/"])
def test_breadcrumbs_follow_the_visible_trail(subpath_site, path):
    trail = the(subpath_site, path, "BreadcrumbList")["itemListElement"]
    assert [item["position"] for item in trail] == list(range(1, len(trail) + 1))
    page = read_page(subpath_site, path)
    shown = [link.href for link in page.links if any("breadcrumbs" in c for c in link.classes)]
    assert shown, "the page shows a trail"
    assert [item["item"] for item in trail] == ["https://contoh.go.id" + href for href in shown] + [BASE + path]
    assert trail[0]["name"] == "Beranda"


def test_the_region_trail_names_the_province(subpath_site):
    trail = the(subpath_site, KOTA_BEKASI, "BreadcrumbList")["itemListElement"]
    assert [(i["name"], i["item"]) for i in trail] == [
        ("Beranda", BASE), ("Wilayah", BASE + "wilayah/"), ("Jawa Barat", BASE + "wilayah/jawa-barat/"),
        ("Kota Bekasi", BASE + KOTA_BEKASI)]


def test_the_home_page_offers_a_search_action(subpath_site):
    site = the(subpath_site, "", "WebSite")
    assert site["name"] == "Katalog Inovasi Daerah" and site["url"] == BASE
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"] == BASE + "cari/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    assert (subpath_site / "cari/index.html").is_file()
    assert read_head(subpath_site, "inovasi/").of_type("WebSite") == []


# -- escaping ------------------------------------------------------------------------------

TITLE = "</script><script>alert(1)</script> <!-- <script> & \u2028"


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self.open = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self.open, self.scripts = True, self.scripts + [""]

    def handle_endtag(self, tag):
        if tag == "script":
            self.open = False

    def handle_data(self, data):
        if self.open:
            self.scripts[-1] += data


def test_no_content_can_close_the_script_element():
    html = f'<script type="application/ld+json">{json_for_script({"name": TITLE})}</script><p>after</p>'
    parser = _Elements()
    parser.feed(html)
    assert parser.tags == ["script", "p"]  # the one script element, closed where the template closes it
    assert json.loads(parser.scripts[0]) == {"name": TITLE}
    assert "<" not in parser.scripts[0] and ">" not in parser.scripts[0]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-jsonld")
    shutil.copytree(HOSTILE, root / "content")
    result = run(root, "build", "--base-url", "https://x.go.id/")
    assert result.returncode == 0, result.stderr
    return root / "output"


def test_hostile_content_stays_inside_its_script(hostile):
    """tests/hostile/xss: every script element of every page is either the theme's own file or
    JSON that parses and holds no '<' a parser could read as markup."""
    pages = sorted(hostile.rglob("*.html"))
    assert pages
    for path in pages:
        for attrs, text in parse_head(path.read_text(encoding="utf-8")).scripts:
            assert attrs.get("type") == "application/ld+json" or attrs.get("src"), path
            if attrs.get("type") == "application/ld+json":
                json.loads(text)
                assert "<" not in text, path


def test_a_hostile_address_comes_back_whole(tmp_path):
    website = "https://contoh.go.id/?q=" + TITLE.replace(" ", "+").replace("\u2028", "")
    innovation = BASE_FILES["innovations/sehat-keliling.md"].replace(
        "tags: [kesehatan, desa]", f"tags: [kesehatan, desa]\nwebsite: '{website}'")
    write_content(tmp_path, {**BASE_FILES, "innovations/sehat-keliling.md": innovation})
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "output/inovasi/sehat-keliling/index.html").read_text(encoding="utf-8")
    parser = _Elements()
    parser.feed(html)
    service = parse_head(html).of_type("GovernmentService")[0]
    assert service["availableChannel"]["serviceUrl"] == website
    # no script element but the theme's and the JSON-LD ones: the address did not open one
    assert parser.tags.count("script") == html.count('<script type="application/ld+json">') + html.count("<script src=")


def test_chromium_reads_the_data_under_the_policy(browser, serve, subpath_site):
    """A data block is no script to run: under the site's Content-Security-Policy (the
    header its `_headers` file sends, and the page's own <meta>) Chromium reports no
    violation, runs nothing, and gives back the same JSON."""
    from test_csp import WATCH, headers_file

    server = serve(subpath_site, "/katalog/", headers_file(subpath_site, "/katalog/"))
    context = browser.new_context()
    context.add_init_script(WATCH)
    problems: list[str] = []
    context.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    try:
        page = context.new_page()
        page.on("pageerror", lambda e: problems.append(str(e)))
        for path in ("", VISIT, KOTA_BEKASI):
            response = page.goto(server.origin + "/katalog/" + path, wait_until="load")
            assert response.status == 200
            texts = page.eval_on_selector_all('script[type="application/ld+json"]', "els => els.map(e => e.textContent)")
            assert [json.loads(t) for t in texts] == read_head(subpath_site, path).jsonld
            assert texts, path
            assert page.evaluate("() => window.__violations") == [], path
        assert problems == []
    finally:
        context.close()


def test_the_open_data_page_is_a_data_catalog(subpath_site):
    catalog = the(subpath_site, "data/", "DataCatalog")
    assert catalog["url"] == BASE + "data/"
    assert catalog["license"] == "https://creativecommons.org/licenses/by/4.0/"
    datasets = {d["name"]: d for d in catalog["dataset"]}
    innovations = datasets["Inovasi daerah"]
    assert [(d["encodingFormat"], d["contentUrl"]) for d in innovations["distribution"]] == [
        ("text/csv", BASE + "data/inovasi.csv"), ("application/json", BASE + "data/inovasi.json")]
    for dataset in catalog["dataset"]:
        for download in dataset["distribution"]:
            assert output_of(subpath_site, download["contentUrl"]).is_file()


def output_of(site: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    return site / url[len(BASE):]
