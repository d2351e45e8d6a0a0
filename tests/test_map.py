"""The province map on the home page and on 'wilayah/' (issue 16), read from the built HTML.

A small catalogue: Jawa Barat 2 innovations (contentkit), Jawa Timur 3 (Kota Surabaya 2,
Kabupaten Sidoarjo 1) plus a news item about Kabupaten Malang, Bali 1, Bengkulu only a visitor
(a page, no innovation). The map shows all 38 provinces, each named with its count, shaded
in the class its count falls in, a link to the province's page when it has one; the list
behind the map says the same numbers; the legend lists the classes. Also: the grid data
places each province once, and a province page ranks its kabupaten/kota by innovations.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from contentkit import BASE_FILES, read_page, run, write_content
from katalog import provincegrid
from katalog.plan.maps import breaks

WILAYAH = json.loads((Path(__file__).resolve().parent.parent / "katalog/data/wilayah.json").read_text(encoding="utf-8"))
PROVINCES = {code: name for code, name in WILAYAH["regions"].items() if "." not in code}


def _innovation(slug: str, region: str) -> str:
    return (f"---\ntitle: Inovasi {slug}\nregion: \"{region}\"\nsummary: Ringkasan {slug}.\nstage: penerapan\n"
            f"sector: kesehatan\n---\nIsi.\n")


FILES = {
    **BASE_FILES,
    "innovations/surabaya-satu.md": _innovation("surabaya-satu", "35.78"),
    "innovations/surabaya-dua.md": _innovation("surabaya-dua", "35.78"),
    "innovations/sidoarjo-satu.md": _innovation("sidoarjo-satu", "35.15"),
    "innovations/denpasar-satu.md": _innovation("denpasar-satu", "51.71"),
    "news/berita-malang.md": "---\ntitle: Berita Malang\ndate: 2021-02-03\nsummary: Berita Kabupaten Malang.\n"
                             "regions: [\"35.07\"]\n---\nIsi berita.\n",
}
COUNTS = {"Jawa Barat": 2, "Jawa Timur": 3, "Bali": 1}  # every other province: 0
PAGES = {"Jawa Barat": "/wilayah/jawa-barat/", "Jawa Timur": "/wilayah/jawa-timur/", "Bali": "/wilayah/bali/",
         "Bengkulu": "/wilayah/bengkulu/"}


class _MapParser(HTMLParser):
    """The map's tiles (SVG links and named groups), its legend and the list behind it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tiles: list[dict] = []
        self.legend: list[dict] = []
        self.listed: list[dict] = []
        self.abbrs: list[dict] = []  # the letters drawn on the tiles, in the tiles' order
        self.desc = ""
        self.where: list[str] = []  # open map elements we collect text for
        self.in_map = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if "map-section" in classes:
            self.in_map = True
        if not self.in_map:
            return
        if "map-tile" in classes:
            self.tiles.append({"tag": tag, "label": a.get("aria-label"), "href": a.get("href"), "code": a.get("data-code"),
                               "class": next(c for c in classes if re.fullmatch(r"map-c\d", c))})
            self.where.append("tile")
        elif tag == "g" and "map-labels" in classes:
            self.where.append("labels")
        elif tag == "text" and self.where[-1:] == ["labels"]:
            self.abbrs.append({"class": a.get("class"), "text": ""})
            self.where.append("abbr")
        elif tag == "desc":
            self.where.append("desc")
        elif tag == "ul" and "map-legend" in classes:
            self.where.append("legend")
        elif tag == "li" and self.where[-1:] == ["legend"]:
            self.legend.append({"class": "", "label": ""})
            self.where.append("legend-li")
        elif "map-swatch" in classes and self.where[-1:] == ["legend-li"]:
            self.legend[-1]["class"] = next(c for c in classes if re.fullmatch(r"map-c\d", c))
        elif tag == "ol" and "map-numbers" in classes:
            self.where.append("ol")
        elif tag == "li" and self.where[-1:] == ["ol"]:
            self.listed.append({"name": "", "count": "", "href": None})
            self.where.append("list")
        elif tag == "a" and self.where[-2:] == ["list", "name"]:
            self.listed[-1]["href"] = a.get("href")
        elif "map-count" in classes:
            self.where.append("count")
        elif "map-name" in classes:
            self.where.append("name")

    def handle_endtag(self, tag):
        if not self.in_map:
            return
        if tag == "section":
            self.in_map = False
        ends = {"tile": ("a", "g"), "labels": ("g",), "abbr": ("text",), "desc": ("desc",), "legend": ("ul",), "legend-li": ("li",), "ol": ("ol",),
                "list": ("li",), "count": ("span",), "name": ("span",)}
        if self.where and tag in ends[self.where[-1]]:
            self.where.pop()

    def handle_data(self, data):
        if not self.in_map or not self.where:
            return
        top = self.where[-1]
        if top == "abbr":
            self.abbrs[-1]["text"] += data.strip()
        elif top == "desc":
            self.desc += data
        elif top == "legend-li":
            self.legend[-1]["label"] += data.strip()
        elif top in ("name", "count") and self.listed:
            self.listed[-1][top] += data.strip()


def read_map(site: Path, path: str) -> _MapParser:
    parser = _MapParser()
    parser.feed((site / path / "index.html").read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("map")
    write_content(root, FILES)
    result = run(root)
    assert result.returncode == 0, result.stderr
    return root / "output"


@pytest.mark.parametrize("path", ["", "wilayah/"], ids=["home", "wilayah"])
def test_map_names_every_province_with_its_count_and_class(site, path):
    m = read_map(site, path)
    assert len(m.tiles) == 38
    assert sorted(t["code"] for t in m.tiles) == sorted(PROVINCES)
    by_name = {}
    for t in m.tiles:
        name = PROVINCES[t["code"]]
        assert t["label"] == f"{name}: {COUNTS.get(name, 0)} inovasi"
        by_name[name] = t
    # classes: 0 / 1 / 2 / 3 innovations, shaded light to dark; no innovation is a class of its own
    assert [c["label"] for c in m.legend] == ["0", "1", "2", "3"]
    assert [c["class"] for c in m.legend] == ["map-c0", "map-c1", "map-c3", "map-c4"]
    assert by_name["Jawa Timur"]["class"] == "map-c4"
    assert by_name["Jawa Barat"]["class"] == "map-c3"
    assert by_name["Bali"]["class"] == "map-c1"
    assert by_name["Aceh"]["class"] == by_name["Bengkulu"]["class"] == "map-c0"
    assert {t["class"] for t in m.tiles} == {c["class"] for c in m.legend}
    # the letters drawn on each tile are the grid data's, in the colour of its class
    abbrs = {t.code: t.abbr for t in provincegrid.load().tiles}
    assert [(a["text"], a["class"]) for a in m.abbrs] == [(abbrs[t["code"]], t["class"]) for t in m.tiles]
    assert m.desc.strip() == "3 dari 38 provinsi memiliki inovasi di katalog ini. Terbanyak: Jawa Timur, 3 inovasi."


@pytest.mark.parametrize("path", ["", "wilayah/"], ids=["home", "wilayah"])
def test_provinces_with_a_page_are_links_to_it_the_others_named_groups(site, path):
    m = read_map(site, path)
    links = {PROVINCES[t["code"]]: t["href"] for t in m.tiles if t["tag"] == "a"}
    assert links == PAGES
    for name, href in links.items():
        assert read_page(site, href.strip("/") + "/").h1 == name
    others = [t for t in m.tiles if t["tag"] != "a"]
    assert len(others) == 34 and all(t["tag"] == "g" and t["href"] is None and t["label"] for t in others)


@pytest.mark.parametrize("path", ["", "wilayah/"], ids=["home", "wilayah"])
def test_the_list_behind_the_map_says_the_same_numbers(site, path):
    m = read_map(site, path)
    listed = {item["name"]: int(item["count"]) for item in m.listed}
    assert listed == {name: COUNTS.get(name, 0) for name in PROVINCES.values()}
    assert [item["name"] for item in m.listed[:3]] == ["Jawa Timur", "Jawa Barat", "Bali"]  # most first
    assert {item["name"]: item["href"] for item in m.listed if item["href"]} == PAGES
    tiles = {PROVINCES[t["code"]]: t["label"] for t in m.tiles}
    assert all(tiles[item["name"]].endswith(f": {item['count']} inovasi") for item in m.listed)


def test_province_page_ranks_its_kabupaten_kota_by_innovations(site):
    html = (site / "wilayah/jawa-timur/index.html").read_text(encoding="utf-8")
    ranked = re.search(r'<ol class="region-list region-ranked child-regions">(.*?)</ol>', html, re.S)
    assert ranked, "no ranked list of kabupaten/kota"
    rows = []
    for item in ranked.group(1).split("<li>")[1:]:
        name = re.search(r'<span class="region-name"><a href="[^"]+">([^<]+)</a>', item).group(1)
        innovations = re.search(r"Inovasi <strong>(\d+)</strong>", item)
        rows.append((name, innovations.group(1) if innovations else "0", re.search(r"region-bar-(\d+)", item).group(1)))
    assert rows == [
        ("Kota Surabaya", "2", "10"), ("Kabupaten Sidoarjo", "1", "5"), ("Kabupaten Malang", "0", "0")]


@pytest.mark.parametrize("counts, labels", [
    ([0, 0, 0], []),
    ([13], [13]),
    ([1, 2, 13], [1, 2, 13]),
    (list(range(1, 39)), [10, 20, 30, 38]),
    ([3, 0, 0, 7, 120, 5, 9], [5, 10, 120]),
])
def test_breaks_are_nice_numbers_from_the_data(counts, labels):
    assert breaks(counts) == labels


def test_grid_places_every_province_once_in_its_own_cell():
    grid = provincegrid.load()
    codes = [t.code for t in grid.tiles]
    assert sorted(codes) == sorted(PROVINCES) and len(codes) == len(set(codes)) == 38
    cells = [(t.col, t.row) for t in grid.tiles]
    assert len(set(cells)) == len(cells), "two provinces share a cell"
    assert all(0 <= c < grid.columns and 0 <= r < grid.rows for c, r in cells)
    assert len({t.abbr for t in grid.tiles}) == 38
    # roughly geographic: Aceh furthest west, the Papua provinces furthest east
    col = {t.code: t.col for t in grid.tiles}
    assert col["11"] == min(col.values())
    assert min(col[c] for c in ("91", "92", "93", "94", "95", "96")) > max(col[c] for c in col if c < "91")


def test_a_tie_for_the_most_names_every_province_in_it(tmp_path):
    """Bali, Jawa Barat (BASE_FILES) and Jawa Timur all have 2: the text names the three, not the first in the alphabet."""
    root = tmp_path / "tie"
    write_content(root, {**BASE_FILES,
                         "innovations/surabaya-satu.md": _innovation("surabaya-satu", "35.78"),
                         "innovations/surabaya-dua.md": _innovation("surabaya-dua", "35.78"),
                         "innovations/denpasar-satu.md": _innovation("denpasar-satu", "51.71"),
                         "innovations/denpasar-dua.md": _innovation("denpasar-dua", "51.71")})
    result = run(root)
    assert result.returncode == 0, result.stderr
    desc = read_map(root / "output", "").desc.strip()
    assert desc.endswith("Terbanyak: Bali, Jawa Barat dan Jawa Timur, 2 inovasi."), desc
