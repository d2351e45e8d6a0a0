"""Replication lineage on innovation pages (issue 16): the chain of innovations it replicates
and that replicate it, across regions, as a diagram (text alternative, links with accessible
names) and a nested list, read from built pages of small content folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from contentkit import SITE, run, write_content
from support.diagrams import Node, diagram, parse, resolves

X, Y = "32.16", "32.75"  # Kabupaten Bekasi, Kota Bekasi


def innovation(title: str, region: str, replicates: str | None = None) -> str:
    rep = f"replicates: {replicates}\n" if replicates else ""
    return f"---\ntitle: {title}\nregion: \"{region}\"\nsummary: Ringkasan.\nstage: penerapan\n{rep}---\nIsi.\n"


CHAIN = {
    "site.yaml": SITE,
    "innovations/asal.md": innovation("Bank Sampah Asal", X),
    "innovations/tiru.md": innovation("Bank Sampah Tiruan", Y, "asal"),
    "innovations/tiru-lagi.md": innovation("Bank Sampah Tiruan Kedua", X, "tiru"),
    "innovations/lain.md": innovation("Layanan Tanpa Silsilah", Y),
}
CHAIN_SENTENCES = ("Bank Sampah Tiruan (Kota Bekasi) mereplikasi Bank Sampah Asal (Kabupaten Bekasi). "
                   "Bank Sampah Tiruan Kedua (Kabupaten Bekasi) mereplikasi Bank Sampah Tiruan (Kota Bekasi).")
ORDER = [("Bank Sampah Asal", "Kabupaten Bekasi", "/inovasi/asal/"),
         ("Bank Sampah Tiruan", "Kota Bekasi", "/inovasi/tiru/"),
         ("Bank Sampah Tiruan Kedua", "Kabupaten Bekasi", "/inovasi/tiru-lagi/")]


@pytest.fixture(scope="module")
def chain_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lineage")
    write_content(root, CHAIN)
    result = run(root)
    assert result.returncode == 0, result.stderr
    return root / "output"


def _section(root: Node) -> Node | None:
    found = [s for s in root.all("section") if "lineage" in s.cls()]
    assert len(found) <= 1
    return found[0] if found else None


def _tree(ol: Node, depth: int = 0) -> list[tuple[int, str, str, str | None]]:
    """The nested list flattened: (depth, title, region, href or None for this page's innovation)."""
    rows = []
    for li in [c for c in ol.children if isinstance(c, Node) and c.tag == "li"]:
        head = next(c for c in li.children if isinstance(c, Node) and c.tag in ("a", "span"))
        region = next(c for c in li.children if isinstance(c, Node) and c.tag == "span" and "muted" in c.cls())
        rows.append((depth, head.text, region.text.lstrip("· "), head.attrs.get("href")))
        for sub in [c for c in li.children if isinstance(c, Node) and c.tag == "ol"]:
            rows += _tree(sub, depth + 1)
    return rows


@pytest.mark.parametrize("slug", ["asal", "tiru", "tiru-lagi"])
def test_each_page_of_the_chain_shows_it_in_order(chain_site, slug):
    section = _section(parse(chain_site, f"inovasi/{slug}/"))
    assert section is not None, f"{slug}: no lineage"
    d = diagram(section)
    assert d.title == "Silsilah replikasi"
    here = f"/inovasi/{slug}/"
    # the text alternative names every link of the chain, the original first
    assert d.desc == CHAIN_SENTENCES
    # the other two innovations are links with their name and region; this one is not a link
    assert d.links == [(href, f"{title}, {region}") for title, region, href in ORDER if href != here]
    assert all(resolves(chain_site, href) for href, _ in d.links)
    rows = _tree(section.first("ol", "lineage-tree"))
    assert rows == [(i, title, region, None if href == here else href) for i, (title, region, href) in enumerate(ORDER)]


def test_the_innovation_on_the_page_is_highlighted_not_linked(chain_site):
    section = _section(parse(chain_site, "inovasi/tiru/"))
    svg = section.first("svg")
    selves = svg.all("g", "dg-self")
    assert len(selves) == 1 and "Bank Sampah Tiruan" in selves[0].text
    assert section.first("span", "lineage-self").attrs.get("aria-current") == "page"


def test_an_innovation_without_lineage_has_no_diagram(chain_site):
    root = parse(chain_site, "inovasi/lain/")
    assert _section(root) is None
    assert not [s for s in root.all("svg") if "dg" in s.cls()]


def test_a_cycle_of_replication_is_a_content_error(tmp_path):
    write_content(tmp_path, {"site.yaml": SITE,
                             "innovations/satu.md": innovation("Inovasi Satu", X, "dua"),
                             "innovations/dua.md": innovation("Inovasi Dua", Y, "tiga"),
                             "innovations/tiga.md": innovation("Inovasi Tiga", X, "satu"),
                             "innovations/empat.md": innovation("Inovasi Empat", X, "lima"),
                             "innovations/lima.md": innovation("Inovasi Lima", Y, "empat"),
                             "innovations/enam.md": innovation("Inovasi Enam", Y, "satu"),  # leads into a cycle, not in one
                             "innovations/tujuh.md": innovation("Inovasi Tujuh", Y, "enam")})
    result = run(tmp_path)
    assert result.returncode == 1
    tail = ("; salah satunya pasti inovasi asli, yang tidak mereplikasi inovasi lain: hapus 'replicates' dari inovasi itu saja")
    expected = [f"content/innovations/{slug}.md:6: error: field 'replicates': replikasi berputar ({cycle}){tail}"
                for slug, cycle in (
                    ("satu", "satu mereplikasi dua, dua mereplikasi tiga, tiga mereplikasi satu"),
                    ("dua", "dua mereplikasi tiga, tiga mereplikasi satu, satu mereplikasi dua"),
                    ("tiga", "tiga mereplikasi satu, satu mereplikasi dua, dua mereplikasi tiga"),
                    ("empat", "empat mereplikasi lima, lima mereplikasi empat"),
                    ("lima", "lima mereplikasi empat, empat mereplikasi lima"))]
    lines = result.stderr.splitlines()
    assert sorted(line for line in lines if "replicates" in line) == sorted(expected), result.stderr
    assert "Build gagal: 5 masalah ditemukan" in result.stderr
    assert not (tmp_path / "output").exists()


def test_a_large_tree_is_cut_and_says_so(tmp_path):
    files = {"site.yaml": SITE, "innovations/induk.md": innovation("Inovasi Induk", X)}
    for i in range(30):
        files[f"innovations/anak-{i:02d}.md"] = innovation(f"Inovasi Anak {i:02d}", Y, "induk")
    write_content(tmp_path, files)
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    section = _section(parse(tmp_path / "output", "inovasi/induk/"))
    d = diagram(section)
    assert len(d.links) == 23  # 24 innovations drawn, this one among them
    assert "7 replikasi lain tidak ditampilkan." in d.caption
