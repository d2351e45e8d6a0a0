"""The search index as the build writes it (docs/search-index.md): which entries it holds,
what it records of each, how it reads Indonesian word forms, and which of its files a
build writes again. Read with tests/support/searchfiles.py, written from the format
document; the browser tests (test_search.py) use the index through the search page.
"""

from __future__ import annotations

import os
from pathlib import Path

from contentkit import BASE_FILES, read_page, run, tree_digest, write_content
from support.searchfiles import SearchIndex

PAGE = "pages/tentang.md"
STATIC_PAGE = "---\ntitle: Tentang\n---\nTentang katalog ini, kata unikpagestatis.\n"
ENTRY_URLS = ["berita/berita-sehat/", "inovasi/sehat-keliling-kota/", "inovasi/sehat-keliling/",
              "kunjungan/kunjungan-bengkulu/"]


def build(root: Path, *args: str):
    result = run(root, *args)
    assert result.returncode == 0, result.stderr
    return result


def index_of(root: Path, output: str = "output") -> SearchIndex:
    return SearchIndex(root / output / "cari/indeks")


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / "content" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_index_holds_every_entry_and_nothing_else(tmp_path):
    write_content(tmp_path, {**BASE_FILES, PAGE: STATIC_PAGE})
    result = build(tmp_path)
    index = index_of(tmp_path)
    assert sorted(c["u"] for c in index.cards()) == ENTRY_URLS
    assert index.manifest["docs"] == 4 and index.manifest["version"] == 1
    assert "Indeks pencarian: 4 entri" in result.stdout
    assert index.term("unikpagestatis") is None  # static pages are not searched
    # every card's excerpt text is there
    for card in index.cards():
        assert (index.root / card["x"]).is_file(), card


def test_what_the_index_records_of_an_innovation(tmp_path):
    full = BASE_FILES["innovations/sehat-keliling.md"].replace(
        "stage: penerapan\n", 'stage: penerapan\nform: pelayanan-publik\ntype: non-digital\nimplemented: "2019-03"\n')
    write_content(tmp_path, {**BASE_FILES, "innovations/sehat-keliling.md": full})
    build(tmp_path)
    index = index_of(tmp_path)
    cards = index.cards()
    me = next(i for i, c in enumerate(cards) if c["u"] == "inovasi/sehat-keliling/")
    card = cards[me]
    assert card["t"] == "Layanan Sehat Keliling" and card["k"] == "Inovasi" and card["s"] == "Penerapan"
    assert card["r"] == "Kabupaten Bekasi" and card["p"] == "Jawa Barat" and card["d"] == "Mulai diterapkan Maret 2019"
    assert card["m"] == "Layanan kesehatan yang datang ke desa."
    facets = index.facets()
    mine = {key: sorted(v for v, ids in values.items() if me in ids) for key, values in facets.items()}
    assert mine == {"konten": ["Inovasi"], "provinsi": ["Jawa Barat"], "wilayah": ["Kabupaten Bekasi"],
                    "tahap": ["Penerapan"], "bentuk": ["Pelayanan publik"], "jenis": ["Non digital"],
                    "urusan": ["Kesehatan"], "status": ["Berjalan"], "penghargaan": [], "tahun": ["2019"]}
    # the body's text is searched and kept for excerpts; the fact box and related entries are not
    text = (index.root / card["x"]).read_text(encoding="utf-8")
    assert "Isi inovasi." in text and "Direplikasi oleh" not in text
    assert me in index.postings("isi") and me in index.postings("bekasi")
    # the title weighs more than the body: 'keliling' is in this title, 'isi' only in the body
    assert index.postings("keliling")[me] > index.postings("isi")[me]


def test_documents_are_numbered_by_date_undated_first(tmp_path):
    write_content(tmp_path, BASE_FILES)
    build(tmp_path)
    index = index_of(tmp_path)
    cards = index.cards()
    undated = index.manifest["undated"]
    assert undated >= 1 and all(not c["d"] for c in cards[:undated])
    facets = index.facets()
    visit = next(i for i, c in enumerate(cards) if c["u"] == "kunjungan/kunjungan-bengkulu/")
    assert visit >= undated
    assert {v for v, ids in facets["wilayah"].items() if visit in ids} == {"Kabupaten Bekasi", "Kota Bengkulu"}
    assert {v for v, ids in facets["provinsi"].items() if visit in ids} == {"Jawa Barat", "Bengkulu"}
    years = [v for v, _ in facets["tahun"].items()]
    assert years == sorted(years, reverse=True), "years are listed newest first"


def test_indonesian_word_forms_share_a_term_and_place_names_are_kept(tmp_path):
    body = ("Pelayanan dan layanan warga. Penerapan aplikasi yang diterapkan, pengelolaan sampah yang dikelola. "
            "Kesehatan lansia sehat. Pembangunan desa dibangun. Kode wilayah 32.16 tahun 2024, biaya 1.500.000. "
            "Pelayánan dengan aksen.")
    write_content(tmp_path, {**BASE_FILES, "innovations/sehat-keliling.md":
                             BASE_FILES["innovations/sehat-keliling.md"].replace("Isi inovasi.", body)})
    build(tmp_path)
    index = index_of(tmp_path)
    for a, b in [("pelayanan", "layanan"), ("penerapan", "diterapkan"), ("pengelolaan", "dikelola"),
                 ("kesehatan", "sehat"), ("pembangunan", "dibangun")]:
        assert index.term(a) is not None and index.term(a) == index.term(b), (a, b, index.term(a), index.term(b))
    assert index.term("bekasi") == "bekasi", "a region's name is not stemmed ('bekas')"
    for number in ("32.16", "2024", "1.500.000"):
        assert index.term(number) == number
    assert "pelayanan" in index.bucket("pelayanan")["t"][index.term("pelayanan")][2]


def test_a_body_edit_rewrites_only_the_index_files_it_changes(tmp_path):
    write_content(tmp_path, {**BASE_FILES, PAGE: STATIC_PAGE})
    build(tmp_path)
    root = tmp_path / "output/cari/indeks"
    before = {p: (p.stat().st_ino, p.read_bytes()) for p in root.rglob("*") if p.is_file()}

    again = build(tmp_path)
    assert "Indeks pencarian" not in again.stdout

    _edit(tmp_path, "innovations/sehat-keliling.md", "Isi inovasi.", "Isi inovasi ambulans desa.")
    edited = build(tmp_path)
    assert "Indeks pencarian: 4 entri" in edited.stdout
    after = {p: (p.stat().st_ino, p.read_bytes()) for p in root.rglob("*") if p.is_file()}
    assert before.keys() <= after.keys()
    rewritten = {p for p in after if p not in before or after[p][0] != before[p][0]}
    changed = {p for p in after if p not in before or after[p][1] != before[p][1]}
    assert rewritten == changed, "a file was written again with the same bytes, or changed in place"
    assert root / "manifest.json" in changed and root / "x/inovasi/sehat-keliling.txt" in changed
    assert not any("kunjungan" in str(p) for p in changed), "another entry's text was written again"
    assert len(changed) < len(after) / 2
    index = SearchIndex(root)
    assert "inovasi/sehat-keliling/" in index.urls_with("ambulans")


def test_two_clean_builds_are_identical_byte_for_byte(tmp_path):
    write_content(tmp_path, {**BASE_FILES, PAGE: STATIC_PAGE})
    build(tmp_path, "--no-cache", "--output", "satu")
    build(tmp_path, "--no-cache", "--output", "dua")
    one, two = tree_digest(tmp_path / "satu"), tree_digest(tmp_path / "dua")
    assert any(p.startswith("cari/indeks/p/") for p in one)
    assert one == two


def test_a_lost_index_is_built_again(tmp_path):
    write_content(tmp_path, {**BASE_FILES, PAGE: STATIC_PAGE})
    build(tmp_path)
    site = tmp_path / "output"
    want = tree_digest(site)
    for path in sorted((site / "cari/indeks").rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    (tmp_path / ".katalog-cache/output/search.sqlite").write_bytes(b"rusak")  # and a corrupt state
    build(tmp_path)
    assert tree_digest(site) == want


def test_a_catalogue_without_entries_has_a_search_page_and_no_index(tmp_path):
    write_content(tmp_path, {"site.yaml": BASE_FILES["site.yaml"], PAGE: STATIC_PAGE})
    result = build(tmp_path)
    assert "Indeks pencarian" not in result.stdout
    assert not (tmp_path / "output/cari/indeks").exists()
    page = read_page(tmp_path / "output", "cari/")
    assert page.h1 == "Cari" and "Belum ada inovasi, kunjungan atau berita di katalog ini untuk dicari." in page.text
    assert "indeks/" not in (tmp_path / "output/cari/index.html").read_text(encoding="utf-8")


def test_removing_every_entry_removes_the_index(tmp_path):
    write_content(tmp_path, {**BASE_FILES, PAGE: STATIC_PAGE})
    build(tmp_path)
    for rel in ("innovations/sehat-keliling.md", "innovations/sehat-keliling-kota.md", "visits/kunjungan-bengkulu.md",
                "news/berita-sehat.md"):
        os.unlink(tmp_path / "content" / rel)
    build(tmp_path)
    assert not (tmp_path / "output/cari/indeks").exists()


def test_the_index_kept_up_to_date_equals_the_index_made_anew(monkeypatch):
    """The delta road of katalog.searchindex (an edit keeps every id) against a clean index,
    over many random edits to 400 documents, with parts of 32 ids so that common terms
    span many part files."""
    import random

    from katalog import searchfiles
    from katalog.searchdocs import FIELD_WEIGHTS, Doc
    from katalog.searchindex import update

    monkeypatch.setattr(searchfiles, "RANGE", 32)
    rng = random.Random(13)
    vocabulary = [f"kata{i}" for i in range(300)] + ["layan", "sehat", "bangun", "desa"]

    def doc(key: str, date: str) -> Doc:
        terms = rng.sample(vocabulary[:60], rng.randint(3, 20)) + rng.sample(vocabulary, rng.randint(0, 15))
        terms = list(dict.fromkeys(terms + ["layan"] * rng.randint(0, 1)))
        words = {f"pe{t}an": t for t in terms[: len(terms) // 2]}
        words.update((t, t) for t in terms[len(terms) // 2:])
        return Doc((date, "innovation", key), "\n".join(terms), bytes(rng.randint(1, 255) for _ in terms),
                   "\n".join(words), "\n".join(words.values()), {"t": key, "u": key},
                   (("konten", rng.choice(["Inovasi", "Berita"])),), f"x/{key}.txt", key.encode())

    docs = {f"inovasi/d{i}/index.html": doc(f"d{i}", f"20{10 + i % 12}-01-01" if i % 5 else "") for i in range(400)}
    sorts = {k: d.sort for k, d in docs.items()}
    index, _ = update(None, docs, sorts, dict(FIELD_WEIGHTS))
    for round_ in range(25):
        fresh = {}
        for key in rng.sample(sorted(docs), rng.randint(1, 12)):
            old = docs[key]
            fresh[key] = docs[key] = doc(old.sort[2], old.sort[0])._replace(card={"t": f"{key} {round_}", "u": key})
        index.docs.load = lambda keys: {k: docs[k] for k in keys}
        index, written = update(index, fresh, None, dict(FIELD_WEIGHTS))
        clean, made = update(None, docs, sorts, dict(FIELD_WEIGHTS))
        assert index.files == clean.files, f"round {round_}: the files kept up to date differ from a clean index"
        assert set(written) <= set(made) and all(made[p] == data for p, data in written.items())
        assert len(written) < len(made) / 2, f"round {round_}: {len(written)} of {len(made)} files written"


def test_a_body_edit_that_makes_a_common_word_rare_leaves_no_old_file(tmp_path):
    """A word on 64 entries has postings files of its own (docs/search-index.md); an edit of
    one body, on the quick road for bodies, moves it among the rare words: its own files go,
    and the index equals a clean build's."""
    files = {"site.yaml": BASE_FILES["site.yaml"]}
    for i in range(64):
        files[f"innovations/inovasi-{i}.md"] = (f"---\ntitle: Inovasi Nomor {i}\nregion: \"32.16\"\nstage: penerapan\n"
                                                f"summary: Ringkasan {i}.\n---\nTeks zzbersama dan kata{i}.\n")
    write_content(tmp_path, files)
    for path in (tmp_path / "content").rglob("*"):
        os.utime(path, ns=(10**18, 10**18))  # long ago: not within the racy window
    build(tmp_path)
    common = {p.name for p in (tmp_path / "output/cari/indeks/p/c").iterdir()}
    assert common, "no common word: the test needs one"
    edited = tmp_path / "content/innovations/inovasi-7.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("zzbersama ", ""), encoding="utf-8")
    os.utime(edited, ns=(10**18 + 1, 10**18 + 1))
    result = build(tmp_path)
    assert "1 halaman ditulis ulang" in result.stdout, result.stdout
    assert common - {p.name for p in (tmp_path / "output/cari/indeks/p/c").iterdir()}, "the word stayed common"
    build(tmp_path, "--no-cache", "--output", "bersih")
    assert tree_digest(tmp_path / "output") == tree_digest(tmp_path / "bersih")
