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


def _flows(section: Node) -> dict[tuple[str, str], tuple[str, list[tuple[str, str, str]]]]:
    """(visitor, host) -> (count text, [(date text, datetime, href)]) from the list of flows."""
    out = {}
    for li in section.all("li", "net-flow"):
        src, dst = li.first(cls="net-from"), li.first(cls="net-to")
        visits = [(a.text, a.first("time").attrs["datetime"], a.attrs["href"]) for a in li.all("a", "net-visit")]
        out[(src.text, dst.text)] = (li.first(cls="net-count").text, visits)
    return out


def _side(section: Node, heading: str) -> dict[str, tuple[str, list[tuple[str, str, str]]]]:
    """A region page's list under ``heading``: other region -> (count, [(date, datetime, href)])."""
    for side in section.all("section", "net-side"):
        if side.first("h3").text == heading:
            return {li.first(cls="net-region").text: (li.first(cls="net-count").text,
                                                     [(a.text, a.first("time").attrs["datetime"], a.attrs["href"])
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
