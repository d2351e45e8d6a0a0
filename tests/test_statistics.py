"""Statistics (issue 16): the page 'statistik/', the block on province and kabupaten/kota pages,
the coverage gaps and the open data 'data/statistik.csv|json', read as a reader and a program
read them: each chart's text alternative (<desc>) and its table, the gap lists, the data files.

Small catalogues built in tmp folders (one province with two kabupaten/kota, one innovation
stopped, awards, visits), and the sample catalogue, whose figures must be what content/ says."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from contentkit import REPO, run, write_content
from support.diagrams import resolves
from katalog.charts import Row, bar_chart, wrap
from katalog.regionnames import official

SITE = "title: Katalog Uji\ndescription: Katalog untuk pengujian.\nlanguage: id\n"


def innovation(title: str, region: str, stage: str, sector: str, extra: str = "") -> str:
    return (f"---\ntitle: {title}\nregion: \"{region}\"\nsummary: Ringkasan {title}.\nstage: {stage}\n"
            f"sector: {sector}\n{extra}---\nIsi.\n")


def visit(title: str, date: str, host: str, visitors: list[str]) -> str:
    codes = ", ".join(f'"{c}"' for c in visitors)
    return f"---\ntitle: {title}\ndate: {date}\nhost: \"{host}\"\nvisitors: [{codes}]\nsummary: Studi banding.\n---\nIsi.\n"


# Jawa Barat: Kabupaten Bekasi (32.16) two innovations, Kota Bekasi (32.75) one, stopped.
FILES = {
    "site.yaml": SITE,
    "innovations/sehat.md": innovation(
        "Sehat Keliling", "32.16", "penerapan", "kesehatan",
        "form: pelayanan-publik\ntype: digital\ninitiator: asn\nstarted: \"2021-03\"\nimplemented: 2022\n"
        "awards:\n  - {name: Top 45 KIPP, year: 2022}\n  - {name: IGA, year: 2023}\n"),
    "innovations/antrean.md": innovation(
        "Antrean Daring", "32.75", "uji-coba", "kesehatan",
        "form: tata-kelola\ntype: digital\nstatus: dihentikan\nstarted: 2021-05-02\n"),
    "innovations/beasiswa.md": innovation("Pendampingan Beasiswa", "32.16", "inisiatif", "pendidikan",
                                          "initiator: kepala-daerah\n"),
    "visits/bengkulu-2019.md": visit("Kota Bengkulu ke Kabupaten Bekasi", "2019-04-10", "32.16", ["17.71"]),
    "visits/bekasi-2020.md": visit("Kabupaten Bekasi dan Kota Bengkulu ke Kota Bekasi", "2020-02-03", "32.75",
                                   ["32.16", "17.71"]),
}
# An innovation in a second province: the catalogue is no longer a sample of one region
BENGKULU = {"innovations/bengkulu.md": innovation("Pasar Daring", "17.71", "penerapan", "perdagangan")}

JAWA_BARAT = sorted(c for c in official() if c.startswith("32."))


# -- reading the pages ---------------------------------------------------------------------

class Node:
    def __init__(self, tag: str, attrs: dict[str, str]):
        self.tag, self.attrs, self.children = tag, attrs, []

    @property
    def text(self) -> str:
        return " ".join("".join(c if isinstance(c, str) else " " + c.text + " " for c in self.children).split())

    def find(self, pred) -> list[Node]:
        out = []
        for c in self.children:
            if isinstance(c, Node):
                if pred(c):
                    out.append(c)
                out += c.find(pred)
        return out

    def by_class(self, name: str) -> list[Node]:
        return self.find(lambda n: name in n.attrs.get("class", "").split())

    def by_tag(self, tag: str) -> list[Node]:
        return self.find(lambda n: n.tag == tag)


class _Tree(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
            "rect", "path", "circle", "line"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def tree(site: Path, path: str) -> Node:
    parser = _Tree()
    parser.feed((site / path / "index.html").read_text(encoding="utf-8"))
    return parser.root


def charts(page: Node) -> dict[str, dict]:
    """Each chart by its title: its text alternative (<desc>), its table (label -> number as
    written) and its bars' labels. A screen reader hears the title once: the svg is named by
    its <title> and described by the <desc>, which does not repeat it, and the caption that
    shows the title is hidden from it."""
    out = {}
    for fig in page.by_class("chart"):
        svg = fig.by_tag("svg")[0]
        title, desc = svg.by_tag("title")[0], svg.by_tag("desc")[0]
        assert svg.attrs["role"] == "img"
        assert svg.attrs["aria-labelledby"] == title.attrs["id"]
        assert svg.attrs["aria-describedby"] == desc.attrs["id"]
        figcaption = fig.by_tag("figcaption")[0]
        caption = figcaption.text
        assert figcaption.attrs.get("aria-hidden") == "true" and caption == title.text
        assert caption not in desc.text
        rows = {tr.by_tag("th")[0].text: tr.by_tag("td")[0].text for tr in fig.by_tag("tbody")[0].by_tag("tr")}
        labels = [t.text for t in svg.by_class("chart-label")]
        values = [t.text for t in svg.by_class("chart-value")]
        out[caption] = {"desc": desc.text, "table": rows, "bars": dict(zip(labels, values)), "caption": caption}
    return out


def gaps(page: Node) -> dict[str, list[str]]:
    """The coverage gap lists: heading -> names listed."""
    out = {}
    for section in page.by_class("stat-gaps"):
        heading = None
        for child in section.children:
            if isinstance(child, Node) and child.tag in ("h3", "h4"):
                heading = child.text
                out[heading] = []
            elif isinstance(child, Node) and "stat-gap-list" in child.attrs.get("class", ""):
                out[heading] = [li.text for li in child.by_tag("li")]
    return out


def notes(page: Node) -> list[str]:
    return [n.text for n in page.by_class("stat-note")]


@pytest.fixture(scope="module")
def one_province(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("stats-one")
    write_content(root, FILES)
    result = run(root, "build", "--content", "content", "--output", "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def two_provinces(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("stats-two")
    write_content(root, {**FILES, **BENGKULU})
    result = run(root, "build", "--content", "content", "--output", "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


# -- the figures ---------------------------------------------------------------------------

def test_statistics_page_counts_by_stage_and_status(one_province):
    page = tree(one_province, "statistik/")
    c = charts(page)
    assert c["Inovasi menurut tahapan"]["desc"] == "Inisiatif: 1, Uji coba: 1, Penerapan: 1."
    assert c["Inovasi menurut tahapan"]["table"] == {"Inisiatif": "1", "Uji coba": "1", "Penerapan": "1"}
    assert c["Inovasi menurut status"]["desc"] == "Berjalan: 2, Dihentikan: 1."
    assert c["Inovasi menurut status"]["table"] == {"Berjalan": "2", "Dihentikan": "1"}
    assert c["Inovasi menurut status"]["bars"] == {"Berjalan": "2", "Dihentikan": "1"}
    # fields a file leaves out are counted as such, so every table adds up to the innovations
    assert c["Inovasi menurut bentuk"]["table"] == {"Tata kelola pemerintahan": "1", "Pelayanan publik": "1",
                                                    "Inovasi daerah lainnya": "0", "Tidak diisi": "1"}
    assert c["Inovasi menurut jenis"]["table"] == {"Digital": "2", "Non digital": "0", "Tidak diisi": "1"}
    assert c["Inovasi menurut inisiator"]["table"] == {"Kepala daerah": "1", "Anggota DPRD": "0", "Perangkat daerah": "0",
                                                       "ASN": "1", "Masyarakat": "0", "Tidak diisi": "1"}
    sectors = c["Inovasi menurut urusan"]
    assert len(sectors["table"]) == 38 and sectors["table"]["Kesehatan"] == "2" and sectors["table"]["Pendidikan"] == "1"
    assert sectors["table"]["Sosial"] == "0"
    # the chart draws the urusan with innovations; its text alternative says how many have none
    assert sectors["bars"] == {"Pendidikan": "1", "Kesehatan": "2"}
    assert sectors["desc"] == "Pendidikan: 1, Kesehatan: 2; 36 urusan lain tanpa inovasi."
    totals = [li.text for li in page.by_class("stat-totals")[0].by_tag("li")]
    assert totals == ["3 Inovasi", "2 Berjalan", "1 Dihentikan", "2 Kunjungan", "2 Penghargaan",
                      "2 Kabupaten/kota dengan inovasi"]
    # the table links a value to its own page on the site, when it has one (a count that is not zero)
    links = {a.text: a.attrs["href"] for a in page.by_class("chart-table")[1].by_tag("a")}
    assert links == {"Berjalan": "/status/berjalan/", "Dihentikan": "/status/dihentikan/"}
    forms = {a.text for a in page.by_class("chart-table")[2].by_tag("a")}
    assert forms == {"Tata kelola pemerintahan", "Pelayanan publik"}  # not 'Inovasi daerah lainnya' (0)


def test_years_awards_and_visits_per_year(one_province):
    c = charts(tree(one_province, "statistik/"))
    assert c["Inovasi mulai dirintis per tahun"]["table"] == {"2021": "2"}
    assert c["Inovasi mulai diterapkan per tahun"]["desc"] == "2022: 1."
    assert c["Penghargaan per tahun"]["table"] == {"2022": "1", "2023": "1"}
    assert c["Kunjungan per tahun"]["table"] == {"2019": "1", "2020": "1"}
    # Kabupaten Bekasi hosted the 2019 visit and made the 2020 one
    kab = charts(tree(one_province, "wilayah/jawa-barat/kabupaten-bekasi/"))
    assert kab["Kunjungan yang diterima per tahun"]["table"] == {"2019": "1"}
    assert kab["Kunjungan yang dilakukan per tahun"]["table"] == {"2020": "1"}
    assert kab["Penghargaan per tahun"]["desc"] == "2022: 1, 2023: 1."
    # Kota Bengkulu has no innovation: only its visits, made in 2019 and 2020
    bengkulu = charts(tree(one_province, "wilayah/bengkulu/kota-bengkulu/"))
    assert list(bengkulu) == ["Kunjungan yang dilakukan per tahun"]
    assert bengkulu["Kunjungan yang dilakukan per tahun"]["table"] == {"2019": "1", "2020": "1"}
    # the province counts each visit once, though it both hosted and made the 2020 one
    province = charts(tree(one_province, "wilayah/jawa-barat/"))
    assert province["Kunjungan yang diterima per tahun"]["table"] == {"2019": "1", "2020": "1"}
    assert province["Kunjungan yang dilakukan per tahun"]["table"] == {"2020": "1"}


def test_province_and_region_pages_count_their_own_innovations(one_province):
    province = tree(one_province, "wilayah/jawa-barat/")
    c = charts(province)
    assert c["Inovasi menurut tahapan"]["table"] == {"Inisiatif": "1", "Uji coba": "1", "Penerapan": "1"}
    assert c["Inovasi menurut status"]["desc"] == "Berjalan: 2, Dihentikan: 1."
    kota = charts(tree(one_province, "wilayah/jawa-barat/kota-bekasi/"))
    assert kota["Inovasi menurut tahapan"]["table"] == {"Inisiatif": "0", "Uji coba": "1", "Penerapan": "0"}
    assert kota["Inovasi menurut status"]["table"] == {"Berjalan": "0", "Dihentikan": "1"}
    kab = charts(tree(one_province, "wilayah/jawa-barat/kabupaten-bekasi/"))
    assert kab["Inovasi menurut status"]["table"] == {"Berjalan": "2", "Dihentikan": "0"}
    # ids are unique on a page, and the statistics link to the site's page
    ids = [n.attrs["id"] for n in province.find(lambda n: "id" in n.attrs)]
    assert len(ids) == len(set(ids))
    assert "/statistik/" in [a.attrs.get("href") for a in province.by_class("stat-all")[0].by_tag("a")]


def test_coverage_gaps_on_province_page(one_province):
    page = tree(one_province, "wilayah/jawa-barat/")
    g = gaps(page)
    without = [official()[c] for c in JAWA_BARAT if c not in ("32.16", "32.75")]
    assert g[f"Kabupaten/kota tanpa inovasi: {len(without)} dari {len(JAWA_BARAT)}"] == sorted(without)
    assert "Kabupaten Bogor" in without and "Kota Bekasi" not in without
    sectors = g["Urusan tanpa inovasi: 36 dari 38"]
    assert "Sosial" in sectors and "Kesehatan" not in sectors and "Pendidikan" not in sectors
    # a kabupaten/kota page has no gaps of its own
    assert not tree(one_province, "wilayah/jawa-barat/kota-bekasi/").by_class("stat-gaps")


def test_single_region_sample_says_the_gaps_mean_nothing(one_province, two_provinces):
    note = ("Katalog ini baru memuat inovasi dari satu wilayah (Jawa Barat); daftar di bawah belum "
            "menggambarkan kesenjangan yang sebenarnya.")
    assert notes(tree(one_province, "statistik/")) == [note]
    # on the page of that province, its kabupaten/kota without innovations are a real gap
    assert notes(tree(one_province, "wilayah/jawa-barat/")) == [
        "Katalog ini baru memuat inovasi dari satu wilayah (Jawa Barat); daftar urusan di bawah belum "
        "menggambarkan kesenjangan yang sebenarnya, tetapi daftar kabupaten/kota menunjukkan yang belum punya "
        "inovasi di provinsi ini."]
    # another province's lists mean nothing
    assert notes(tree(one_province, "wilayah/bengkulu/")) == [note]
    # two provinces with innovations: the gaps are real
    assert notes(tree(two_provinces, "statistik/")) == []
    assert notes(tree(two_provinces, "wilayah/jawa-barat/")) == []
    g = gaps(tree(two_provinces, "statistik/"))
    assert g["Urusan tanpa inovasi: 35 dari 38"][:3] == ["Pekerjaan umum dan penataan ruang",
                                                          "Perumahan rakyat dan kawasan permukiman",
                                                          "Ketenteraman, ketertiban umum, dan pelindungan masyarakat"]
    provinces = {li.by_class("stat-province")[0].text: li for li in tree(two_provinces, "statistik/").by_class("stat-provinces")[0].by_tag("li")}
    bengkulu = [c for c in official() if c.startswith("17.")]
    assert provinces["Bengkulu"].by_class("stat-province-gap")[0].text == \
        f"{len(bengkulu) - 1} dari {len(bengkulu)} kabupaten/kota tanpa inovasi"
    assert "Kota Bengkulu" not in provinces["Bengkulu"].by_tag("details")[0].text
    assert "Kabupaten Rejang Lebong" in provinces["Bengkulu"].by_tag("details")[0].text


def test_one_kabupaten_sample_is_named(tmp_path):
    write_content(tmp_path, {"site.yaml": SITE, "innovations/a.md": innovation("A", "32.16", "penerapan", "kesehatan")})
    result = run(tmp_path, "build", "--content", "content", "--output", "site")
    assert result.returncode == 0, result.stderr
    assert notes(tree(tmp_path / "site", "statistik/")) == [
        "Katalog ini baru memuat inovasi dari satu wilayah (Kabupaten Bekasi); daftar di bawah belum "
        "menggambarkan kesenjangan yang sebenarnya."]
    # a sample of one kabupaten says nothing of the rest of its province either
    assert notes(tree(tmp_path / "site", "wilayah/jawa-barat/")) == [
        "Katalog ini baru memuat inovasi dari satu wilayah (Kabupaten Bekasi); daftar di bawah belum "
        "menggambarkan kesenjangan yang sebenarnya."]


def test_open_data_agrees_with_the_page(one_province):
    c = charts(tree(one_province, "statistik/"))
    raw = (one_province / "data/statistik.csv").read_bytes().decode("utf-8")
    assert raw.startswith("\ufeffscope_code,scope_name,dimension,key,label,count\r\n")
    rows = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"))))
    doc = json.loads((one_province / "data/statistik.json").read_text(encoding="utf-8"))
    assert doc["count"] == len(rows) == len(doc["items"])
    assert [{k: str(v) for k, v in item.items()} for item in doc["items"]] == rows
    site = {(r["dimension"], r["label"]): r["count"] for r in rows if r["scope_code"] == ""}
    for title, dimension in (("Inovasi menurut tahapan", "stage"), ("Inovasi menurut status", "status"),
                             ("Inovasi menurut urusan", "sector"), ("Penghargaan per tahun", "awards"),
                             ("Kunjungan per tahun", "visits")):
        assert {label: site[(dimension, label)] for label in c[title]["table"]} == c[title]["table"], title
    assert site[("total", "Inovasi")] == "3"
    kota = {(r["dimension"], r["key"]): r["count"] for r in rows if r["scope_code"] == "32.75"}
    assert kota == {("total", "innovations"): "1", ("total", "visits"): "1", ("stage", "uji-coba"): "1",
                    ("status", "dihentikan"): "1", ("form", "tata-kelola"): "1", ("type", "digital"): "1",
                    ("initiator", ""): "1", ("sector", "kesehatan"): "1", ("started", "2021"): "1", ("hosted", "2020"): "1"}
    assert {r["scope_name"] for r in rows if r["scope_code"] == "32"} == {"Jawa Barat"}
    # the data page says what the files hold
    data = tree(one_province, "data/")
    assert "/data/statistik.csv" in [a.attrs["href"] for a in data.by_tag("a")]
    assert "scope_code" in data.text
    # what it says of the regions' rows is what they are: totals always (Kota Bengkulu has no
    # innovation, and its 0 is written), other counts only when not zero
    assert "untuk wilayah, jumlah inovasi dan kunjungannya (dimension total) selalu dicantumkan" in data.text
    bengkulu = {(r["dimension"], r["key"]): r["count"] for r in rows if r["scope_code"] == "17.71"}
    assert bengkulu[("total", "innovations")] == "0" and "0" not in [n for (d, _), n in bengkulu.items() if d != "total"]


# -- the sample catalogue: its figures are what content/ says -------------------------------

def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_sample_figures_are_what_the_content_says(sample_site):
    innovations = [_front(p) for p in sorted((REPO / "content/innovations").glob("*.md"))]
    visits = [_front(p) for p in sorted((REPO / "content/visits").glob("*.md"))]
    c = charts(tree(sample_site, "statistik/"))
    stages = Counter(f["stage"] for f in innovations)
    assert c["Inovasi menurut tahapan"]["table"] == {"Inisiatif": str(stages["inisiatif"]),
                                                     "Uji coba": str(stages["uji-coba"]),
                                                     "Penerapan": str(stages["penerapan"])}
    stopped = sum(1 for f in innovations if f.get("status") == "dihentikan")
    assert c["Inovasi menurut status"]["table"] == {"Berjalan": str(len(innovations) - stopped), "Dihentikan": str(stopped)}
    assert c["Inovasi menurut urusan"]["table"]["Kesehatan"] == str(sum(1 for f in innovations if f.get("sector") == "kesehatan"))
    years = Counter(str(v["date"].year) for v in visits)
    assert c["Kunjungan per tahun"]["table"] == {y: str(years.get(y, 0)) for y in ("2017", "2018", "2019")}
    # Kota Bekasi hosted both visits (Baubau 2017, Kota Bengkulu 2019); Pancoranmas is Kabupaten Bekasi's
    kota = charts(tree(sample_site, "wilayah/jawa-barat/kota-bekasi/"))
    # the years between are drawn as zeros, as on 'statistik/' (the open data stays sparse)
    assert kota["Kunjungan yang diterima per tahun"]["table"] == {"2017": "1", "2018": "0", "2019": "1"}
    assert kota["Kunjungan yang diterima per tahun"]["bars"] == {"2017": "1", "2018": "0", "2019": "1"}
    assert kota["Kunjungan yang diterima per tahun"]["desc"] == "2017: 1, 2018: 0, 2019: 1."
    baubau = charts(tree(sample_site, "wilayah/sulawesi-tenggara/kota-baubau/"))
    assert baubau["Kunjungan yang dilakukan per tahun"]["table"] == {"2017": "1"}
    kab = [f for f in innovations if f["region"] == "32.16"]
    kab_charts = charts(tree(sample_site, "wilayah/jawa-barat/kabupaten-bekasi/"))
    assert kab_charts["Inovasi menurut tahapan"]["table"]["Penerapan"] == str(sum(1 for f in kab if f["stage"] == "penerapan"))
    # every innovation of the sample is in Jawa Barat: the page says its gaps mean nothing
    assert {f["region"][:2] for f in innovations} == {"32"}
    assert notes(tree(sample_site, "statistik/"))[0].startswith("Katalog ini baru memuat inovasi dari satu wilayah (Jawa Barat)")
    # and the site's menu leads there
    assert any(a.attrs.get("href") == "/statistik/" for a in tree(sample_site, "").by_class("site-nav")[0].by_tag("a"))


def _internal_hrefs(site: Path, path: str) -> list[str]:
    hrefs = [a.attrs.get("href", "") for a in tree(site, path).by_tag("a")]
    return sorted({h.split("#")[0].split("?")[0] for h in hrefs if h.startswith("/") and not h.startswith("//")} - {""})


@pytest.mark.parametrize("path", ["statistik/", "wilayah/jawa-barat/", "wilayah/jawa-barat/kota-bekasi/"])
def test_every_link_leads_to_a_built_page(sample_site, one_province, path):
    """No link to a term page that is not built: a value with no innovation ('status/dihentikan/'
    when none is stopped, most urusan) is written without one."""
    for site in (sample_site, one_province):
        hrefs = _internal_hrefs(site, path)
        assert len(hrefs) > 5, hrefs
        missing = [h for h in hrefs if not resolves(site, h)]
        assert not missing, (site, path, missing)
    # the sample's statistics page does link the values it has (Kesehatan has innovations)
    assert "/urusan/kesehatan/" in _internal_hrefs(sample_site, "statistik/")
    assert "/urusan/sosial/" not in _internal_hrefs(one_province, "statistik/")


# -- chart geometry ----------------------------------------------------------------------

def test_long_labels_wrap_and_bars_fit_the_view_box():
    label = "Ketenteraman, ketertiban umum, dan pelindungan masyarakat"
    rows = (Row(label, 1500, "1.500"), Row("Sosial", 3, "3"), Row("Pendidikan", 0, "0"))
    chart = bar_chart("c", "Judul", rows, "Urusan", "Jumlah")
    first = chart.bars[0]
    assert len(first.lines) == 2 and " ".join(t for _, t in first.lines) == label
    assert first.lines[1][0] > first.lines[0][0] and first.y > first.lines[1][0]  # lines, then the bar below
    for bar in chart.bars:
        assert 0 <= bar.x and bar.x + bar.width + 6 + len(bar.text) * 9 <= chart.width
        assert bar.y + bar.height <= chart.height
    assert chart.bars[2].width == 0 and chart.bars[1].width >= 2  # a small count still shows
    assert chart.desc == f"{label}: 1.500, Sosial: 3, Pendidikan: 0."
    # years go left of their bar, one row each
    years = bar_chart("y", "Per tahun", (Row("2020", 1, "1"), Row("2021", 2, "2")), "Tahun", "Jumlah")
    assert years.bars[0].x > 0 and years.bars[0].lines[0][1] == "2020" and years.bars[1].y > years.bars[0].y
    assert wrap("a bb ccc", 4) == ("a bb", "ccc")


def test_a_cached_rebuild_redraws_the_figures_an_edit_changes(tmp_path):
    """The region pages' signatures carry the figures, not the charts: an edit that changes a
    count and nothing else the page shows (an initiator: no card shows it) re-renders the
    pages with that count, and a cached build equals a clean one."""
    write_content(tmp_path, FILES)
    assert run(tmp_path, "build", "--content", "content", "--output", "site").returncode == 0
    before = charts(tree(tmp_path / "site", "wilayah/jawa-barat/"))["Inovasi menurut inisiator"]["table"]
    assert (before["Kepala daerah"], before["Masyarakat"]) == ("1", "0")
    write_content(tmp_path, {"innovations/beasiswa.md": FILES["innovations/beasiswa.md"].replace(
        "initiator: kepala-daerah\n", "initiator: masyarakat\n")})
    result = run(tmp_path, "build", "--content", "content", "--output", "site")
    assert result.returncode == 0, result.stderr
    for path in ("wilayah/jawa-barat/", "wilayah/jawa-barat/kabupaten-bekasi/", "statistik/"):
        after = charts(tree(tmp_path / "site", path))["Inovasi menurut inisiator"]["table"]
        assert (after["Kepala daerah"], after["Masyarakat"]) == ("0", "1"), path
    clean = tmp_path / "clean"
    assert run(tmp_path, "build", "--content", "content", "--output", str(clean), "--no-cache").returncode == 0
    for path in ("wilayah/jawa-barat/", "wilayah/jawa-barat/kabupaten-bekasi/", "wilayah/jawa-barat/kota-bekasi/",
                 "statistik/"):
        assert (tmp_path / "site" / path / "index.html").read_bytes() == (clean / path / "index.html").read_bytes(), path
    assert (tmp_path / "site/data/statistik.csv").read_bytes() == (clean / "data/statistik.csv").read_bytes()
