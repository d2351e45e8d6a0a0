"""The study-visit network (issue 16): on 'kunjungan/' the whole network, a diagram whose text
alternative names every flow and a list of the flows with dates and links; on each region page
the regions it visited and that visited it. Read from the built pages of the sample catalogue
(Kota Baubau and Kota Bengkulu visited Kota Bekasi) and of small content folders."""

from __future__ import annotations

from pathlib import Path

from contentkit import BASE_FILES, run, write_content
from support.diagrams import Node, diagram, parse, resolves

BEKASI, BAUBAU, BENGKULU = "wilayah/jawa-barat/kota-bekasi/", "wilayah/sulawesi-tenggara/kota-baubau/", "wilayah/bengkulu/kota-bengkulu/"
BAUBAU_VISIT = "/kunjungan/balitbangda-baubau-ke-kota-bekasi-2017/"
BENGKULU_VISIT = "/kunjungan/pemkot-bengkulu-ke-kota-bekasi-2019/"


def _section(root: Node) -> Node:
    found = [s for s in root.all("section") if "net" in s.cls()]
    assert len(found) == 1, f"{len(found)} network sections"
    return found[0]


def _visit_title(path: str) -> str:
    """A sample visit's title, from its content file."""
    text = (Path(__file__).resolve().parent.parent / "content/visits" / (path.strip("/").split("/")[-1] + ".md")).read_text("utf-8")
    return next(line.split(":", 1)[1].strip().strip('"') for line in text.splitlines() if line.startswith("title:"))


def _date(a: Node) -> str:
    """A visit link's visible text (its date); its accessible name also holds the visit's title."""
    return a.first("time").text


def _flows(section: Node) -> dict[tuple[str, str], tuple[str, list[tuple[str, str, str]]]]:
    """(visitor, host) -> (count text, [(date text, datetime, href)]) from the list of flows."""
    out = {}
    for li in section.all("li", "net-flow"):
        src, dst = li.first(cls="net-from"), li.first(cls="net-to")
        visits = [(_date(a), a.first("time").attrs["datetime"], a.attrs["href"]) for a in li.all("a", "net-visit")]
        out[(src.text, dst.text)] = (li.first(cls="net-count").text, visits)
    return out


def _side(section: Node, heading: str) -> dict[str, tuple[str, list[tuple[str, str, str]]]]:
    """A region page's list under ``heading``: other region -> (count, [(date, datetime, href)])."""
    for side in section.all("section", "net-side"):
        if side.first("h3").text == heading:
            return {li.first(cls="net-region").text: (li.first(cls="net-count").text,
                                                     [(_date(a), a.first("time").attrs["datetime"], a.attrs["href"])
                                                      for a in li.all("a", "net-visit")])
                    for li in side.all("li", "net-row")}
    raise AssertionError(f"no list headed {heading!r}")


def test_visits_page_shows_the_sample_network(sample_site):
    section = _section(parse(sample_site, "kunjungan/"))
    d = diagram(section)
    assert d.title == "Jaringan kunjungan antardaerah"
    assert "Kota Baubau ke Kota Bekasi: 1 kunjungan." in d.desc
    assert "Kota Bengkulu ke Kota Bekasi: 1 kunjungan." in d.desc
    assert "Kemendagri" in d.caption
    # every region a link with its name, to its page
    names = {name: href for href, name in d.links}
    assert set(names) == {"Kota Baubau", "Kota Bengkulu", "Kota Bekasi"}
    assert names["Kota Bekasi"] == "/" + BEKASI
    assert all(resolves(sample_site, href) for href in names.values())
    flows = _flows(section)
    assert flows == {
        ("Kota Bengkulu", "Kota Bekasi"): ("1 kunjungan", [("10 April 2019", "2019-04-10", BENGKULU_VISIT)]),
        ("Kota Baubau", "Kota Bekasi"): ("1 kunjungan", [("2 Agustus 2017", "2017-08-02", BAUBAU_VISIT)]),
    }
    for li in section.all("li", "net-flow"):
        assert all(resolves(sample_site, a.attrs["href"]) for a in li.all("a"))
    data = [a.attrs["href"] for a in section.all("a") if a.attrs["href"].endswith(".csv")]
    assert data == ["/data/kunjungan.csv"] and resolves(sample_site, data[0])


def test_kota_bekasi_page_lists_who_visited_it(sample_site):
    section = _section(parse(sample_site, BEKASI))
    d = diagram(section)
    assert "Kota Baubau ke Kota Bekasi: 1 kunjungan." in d.desc
    assert "Kota Bengkulu ke Kota Bekasi: 1 kunjungan." in d.desc
    assert sorted(d.links) == sorted([("/" + BENGKULU, "Kota Bengkulu, 1 kunjungan"), ("/" + BAUBAU, "Kota Baubau, 1 kunjungan")])
    assert _side(section, "Dikunjungi oleh") == {
        "Kota Bengkulu": ("1 kunjungan", [("10 April 2019", "2019-04-10", BENGKULU_VISIT)]),
        "Kota Baubau": ("1 kunjungan", [("2 Agustus 2017", "2017-08-02", BAUBAU_VISIT)]),
    }
    assert _side(section, "Mengunjungi") == {}
    # each visit link is named by its date and the visit's title (hidden text), not only by a date
    names = {a.first("time").attrs["datetime"]: (a.text, a.first(cls="visually-hidden").text) for a in section.all("a", "net-visit")}
    assert names["2019-04-10"][0].startswith("10 April 2019:")
    assert names["2019-04-10"][1] == ": " + _visit_title(BENGKULU_VISIT)
    assert names["2017-08-02"][1] == ": " + _visit_title(BAUBAU_VISIT)
    for a in section.all("a"):
        assert resolves(sample_site, a.attrs["href"]), a.attrs["href"]


def test_kota_baubau_page_lists_the_region_it_visited(sample_site):
    section = _section(parse(sample_site, BAUBAU))
    d = diagram(section)
    assert d.desc == "Kota Baubau ke Kota Bekasi: 1 kunjungan."
    assert d.links == [("/" + BEKASI, "Kota Bekasi, 1 kunjungan")]
    assert _side(section, "Mengunjungi") == {"Kota Bekasi": ("1 kunjungan", [("2 Agustus 2017", "2017-08-02", BAUBAU_VISIT)])}
    assert _side(section, "Dikunjungi oleh") == {}


def test_province_page_counts_its_kabupaten_kota_visits(sample_site):
    section = _section(parse(sample_site, "wilayah/jawa-barat/"))
    assert "Termasuk kunjungan kabupaten/kota di Jawa Barat" in section.text
    d = diagram(section)
    assert "Kota Baubau ke Jawa Barat: 1 kunjungan." in d.desc
    by = _side(section, "Dikunjungi oleh")
    assert set(by) == {"Kota Baubau", "Kota Bengkulu"}
    row = next(li for li in section.all("li", "net-row") if li.first(cls="net-region").text == "Kota Baubau")
    assert "ke Kota Bekasi" in row.text  # which of the province's regions hosted it


def test_regions_without_visits_have_no_network(sample_site):
    root = parse(sample_site, "wilayah/jawa-barat/kabupaten-bekasi/")
    assert not [s for s in root.all("section") if "net" in s.cls()]


# -- small content folders ------------------------------------------------------------------

def _visit(slug_date: str, host: str, visitors: list[str]) -> str:
    codes = ", ".join(f'"{c}"' for c in visitors)
    return f"---\ntitle: Kunjungan {slug_date}\ndate: {slug_date}\nhost: \"{host}\"\nvisitors: [{codes}]\nsummary: Studi banding.\n---\nIsi.\n"


def _build(tmp_path: Path, files: dict) -> Path:
    write_content(tmp_path, {**BASE_FILES, **files})
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "output"


def test_two_visitors_make_two_edges_and_a_pair_adds_up(tmp_path):
    # BASE_FILES: Kota Bengkulu (17.71) -> Kabupaten Bekasi (32.16) on 2019-04-10
    site = _build(tmp_path, {
        "visits/dua-tamu.md": _visit("2021-03-01", "32.75", ["11.71", "32.16"]),  # Kota Banda Aceh, Kab. Bekasi -> Kota Bekasi
        "visits/lagi.md": _visit("2022-05-06", "32.16", ["17.71"]),  # Kota Bengkulu -> Kab. Bekasi again
    })
    section = _section(parse(site, "kunjungan/"))
    d = diagram(section)
    assert "Kota Banda Aceh ke Kota Bekasi: 1 kunjungan." in d.desc
    assert "Kabupaten Bekasi ke Kota Bekasi: 1 kunjungan." in d.desc
    assert "Kota Bengkulu ke Kabupaten Bekasi: 2 kunjungan." in d.desc
    flows = _flows(section)
    assert set(flows) == {("Kota Bengkulu", "Kabupaten Bekasi"), ("Kota Banda Aceh", "Kota Bekasi"),
                          ("Kabupaten Bekasi", "Kota Bekasi")}
    count, visits = flows[("Kota Bengkulu", "Kabupaten Bekasi")]
    assert count == "2 kunjungan"
    assert [v[1] for v in visits] == ["2022-05-06", "2019-04-10"]  # newest first
    assert list(flows)[0] == ("Kota Bengkulu", "Kabupaten Bekasi")  # the largest flow first
    assert all(resolves(site, v[2]) for _, vs in flows.values() for v in vs)
    # on the host's page: both visitors, each with its own edge
    host = _section(parse(site, "wilayah/jawa-barat/kota-bekasi/"))
    assert set(_side(host, "Dikunjungi oleh")) == {"Kota Banda Aceh", "Kabupaten Bekasi"}
    # Kabupaten Bekasi both visited Kota Bekasi and was visited twice by Kota Bengkulu
    kab = _section(parse(site, "wilayah/jawa-barat/kabupaten-bekasi/"))
    assert _side(kab, "Mengunjungi") == {"Kota Bekasi": ("1 kunjungan", [("1 Maret 2021", "2021-03-01", "/kunjungan/dua-tamu/")])}
    assert _side(kab, "Dikunjungi oleh")["Kota Bengkulu"][0] == "2 kunjungan"
    kd = diagram(kab)
    assert "Kota Bengkulu ke Kabupaten Bekasi: 2 kunjungan." in kd.desc
    assert "Kabupaten Bekasi ke Kota Bekasi: 1 kunjungan." in kd.desc
    # the network is on the first page of the list only (per_page 2: three visits make two pages)
    assert (site / "kunjungan/halaman/2/index.html").is_file()
    assert not [s for s in parse(site, "kunjungan/halaman/2/").all("section") if "net" in s.cls()]


def test_a_province_page_shows_visits_within_the_province_in_both_lists(tmp_path):
    site = _build(tmp_path, {"visits/dalam.md": _visit("2021-03-01", "32.75", ["32.16"])})
    section = _section(parse(site, "wilayah/jawa-barat/"))
    assert set(_side(section, "Mengunjungi")) == {"Kota Bekasi"}
    assert set(_side(section, "Dikunjungi oleh")) == {"Kabupaten Bekasi", "Kota Bengkulu"}


def test_a_large_network_is_drawn_by_province_and_its_list_cut(tmp_path):
    from katalog.regionnames import official

    codes = sorted(c for c in official() if "." in c and not c.startswith("32."))[:45]
    files = {f"visits/v{i:02d}.md": _visit(f"2020-01-{i % 28 + 1:02d}", "32.75", [code]) for i, code in enumerate(codes)}
    site = _build(tmp_path, files)
    section = _section(parse(site, "kunjungan/"))
    d = diagram(section)
    provinces = {c[:2] for c in codes} | {"32", "17"}
    assert d.caption.startswith(f"{len(provinces)} provinsi: daerahnya terlalu banyak")
    names = {name for _, name in d.links}
    assert "Jawa Barat" in names and "Kota Bekasi" not in names  # provinces are the nodes
    assert "Aceh ke Jawa Barat:" in d.desc
    flows = _flows(section)
    assert len(flows) == 30
    assert "Menampilkan 30 alur terbesar dari 46." in section.text
    assert section.first("details", "net-details") is not None and "open" not in section.first("details", "net-details").attrs


def test_a_province_is_never_listed_as_visiting_or_visited_by_itself(tmp_path):
    site = _build(tmp_path, {
        "visits/dari-provinsi.md": _visit("2021-03-01", "32.75", ["32", "32.16"]),  # Jawa Barat and Kab. Bekasi -> Kota Bekasi
        "visits/ke-provinsi.md": _visit("2022-05-06", "32", ["32.75"]),  # Kota Bekasi -> the provincial government
    })
    section = _section(parse(site, "wilayah/jawa-barat/"))
    out, into = _side(section, "Mengunjungi"), _side(section, "Dikunjungi oleh")
    assert set(out) == {"Kota Bekasi"}
    assert set(into) == {"Kabupaten Bekasi", "Kota Bekasi", "Kota Bengkulu"}
    assert into["Kota Bekasi"] == ("1 kunjungan", [("6 Mei 2022", "2022-05-06", "/kunjungan/ke-provinsi/")])
    row = next(li for li in section.all("li", "net-row") if li.first(cls="net-region").text == "Kota Bekasi"
               and li.first("time").attrs["datetime"] == "2021-03-01")
    assert "oleh Jawa Barat, Kabupaten Bekasi" in row.text  # the province's own visit, on its side only
    d = diagram(section)
    assert "Jawa Barat ke Jawa Barat" not in d.desc
    assert {name for _, name in d.links} == {"Kota Bekasi, 1 kunjungan", "Kabupaten Bekasi, 1 kunjungan", "Kota Bengkulu, 1 kunjungan"}
    # the diagram draws the province once, in the middle
    assert [g.text for g in section.first("svg").all("g", "dg-self")] == ["Jawa Barat"]


def test_a_province_mode_network_counts_visits_not_visitors(tmp_path):
    from katalog.regionnames import official

    codes = sorted(c for c in official() if "." in c and c[:2] not in ("32", "33"))[:45]  # Aceh and Sumatera Utara
    files = {f"visits/v{i:02d}.md": _visit(f"2020-01-{i % 28 + 1:02d}", "32.75", [code]) for i, code in enumerate(codes)}
    files["visits/berdua.md"] = _visit("2021-02-03", "33.74", [codes[0], codes[1]])  # two Aceh regions -> Kota Semarang
    files["visits/dalam.md"] = _visit("2021-04-05", "32.75", ["32.16", "32.01"])  # within Jawa Barat, two visitors
    site = _build(tmp_path, files)
    section = _section(parse(site, "kunjungan/"))
    d = diagram(section)
    sentences = [x.strip() + "." for x in d.desc.split(".") if x.strip()]
    assert "Aceh ke Jawa Tengah: 1 kunjungan." in sentences
    aceh = sum(c.startswith("11.") for c in codes)
    assert f"Aceh ke Jawa Barat: {aceh} kunjungan." in sentences
    assert d.caption.endswith("1 kunjungan di dalam satu provinsi tidak digambar.")
    # the list of flows keeps one flow per visiting region
    flows = _flows(section)
    assert flows[(official()[codes[0]], "Kota Semarang")][0] == "1 kunjungan"
    assert flows[(official()[codes[1]], "Kota Semarang")][0] == "1 kunjungan"


def test_a_region_picture_and_its_text_alternative_show_the_same_regions(tmp_path):
    from katalog.regionnames import official

    codes = sorted(c for c in official() if "." in c and not c.startswith("32."))[:12]
    files = {f"visits/v{i:02d}.md": _visit(f"2020-01-{i + 1:02d}", "32.75", [code]) for i, code in enumerate(codes)}
    site = _build(tmp_path, files)
    section = _section(parse(site, BEKASI))
    d = diagram(section)
    drawn = [name.rsplit(", ", 1)[0] for _, name in d.links]
    assert len(drawn) == 10 and "Hanya 10 daerah teratas per sisi yang digambar" in d.caption
    assert d.desc == " ".join(f"{name} ke Kota Bekasi: 1 kunjungan." for name in drawn)
    assert set(_side(section, "Dikunjungi oleh")) == {official()[c] for c in codes}  # the list names all twelve


def test_a_province_mode_picture_with_every_visit_inside_one_province_draws_no_arcs(tmp_path):
    """No real province has more than 40 regions, so only a direct call reaches this case."""
    from katalog import assets
    from katalog.options import BuildOptions
    from katalog.plan.sitenetwork import _provinces
    from katalog.plan.views import Views
    from katalog.site import load_site

    write_content(tmp_path, {**BASE_FILES, "visits/dalam.md": _visit("2021-03-01", "32.75", ["32.16"])})
    site = load_site(BuildOptions(content=tmp_path / "content", output=tmp_path / "output", jobs=1))
    views = Views(site.catalogue, site.translator, assets.names(site.static))
    visit = next(v for v in site.catalogue.entries["visit"] if v.slug == "dalam")
    graphic = _provinces(views, {("32.16", "32.75"): [visit]})
    assert graphic["edges"] == [] and [n["label"] for n in graphic["nodes"]] == ["Jawa Barat"]
    assert graphic["caption"].endswith("1 kunjungan di dalam satu provinsi tidak digambar.")
    assert graphic["desc"] == graphic["caption"]  # the text alternative is never empty
