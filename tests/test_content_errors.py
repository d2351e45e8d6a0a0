"""Broken content: every problem reported with file and line, exit 1, old output untouched."""

from __future__ import annotations

import pytest

from contentkit import BASE_FILES, run, tree_digest, write_content

CASES = {
    "bad-yaml": (
        {"innovations/sehat-keliling.md": "---\ntitle: Layanan\nregion: \"32.16\"\ntags: [kesehatan\nstage: penerapan\n---\nIsi.\n"},
        "content/innovations/sehat-keliling.md:4: error: YAML tidak valid: daftar yang dibuka dengan '[' di baris ini "
        "tidak ditutup dengan ']', atau item-itemnya tidak dipisah koma",
    ),
    "colon-in-value": (
        {"news/berita-sehat.md": BASE_FILES["news/berita-sehat.md"].replace(
            "title: Berita Layanan Sehat", "title: Berita: Layanan Sehat")},
        "content/news/berita-sehat.md:2: error: YAML tidak valid: tanda ':' di tempat yang tidak diharapkan; bila "
        "sebuah nilai mengandung ': ', tulis nilai itu dalam tanda kutip, dan periksa indentasi baris ini",
    ),
    "tab-indent": (
        {"visits/kunjungan-bengkulu.md": BASE_FILES["visits/kunjungan-bengkulu.md"].replace(
            "summary:", "\tsummary:")},
        "content/visits/kunjungan-bengkulu.md:6: error: YAML tidak valid: ada karakter tab; YAML hanya menerima "
        "spasi untuk indentasi",
    ),
    "control-character": (  # XML forbids it: a feed carrying it would not parse
        {"innovations/sehat-keliling.md": BASE_FILES["innovations/sehat-keliling.md"].replace(
            "summary: Layanan kesehatan yang datang ke desa.", 'summary: "Layanan \\x0b kesehatan"')},
        "content/innovations/sehat-keliling.md:4: error: field 'summary': berisi karakter kendali U+000B yang tidak "
        "boleh ada; hapus karakter itu",
    ),
    "control-character-in-list": (
        {"news/berita-sehat.md": BASE_FILES["news/berita-sehat.md"].replace(
            "title: Berita Layanan Sehat", 'title: Berita Layanan Sehat\ntags: [sehat, "a\\x1fb"]')},
        "content/news/berita-sehat.md:3: error: field 'tags' (ke-2): berisi karakter kendali U+001F yang tidak "
        "boleh ada; hapus karakter itu",
    ),
    "unclosed-quote": (
        {"innovations/sehat-keliling.md": BASE_FILES["innovations/sehat-keliling.md"].replace(
            "summary: Layanan", 'summary: "Layanan')},
        "content/innovations/sehat-keliling.md:4: error: YAML tidak valid: tanda kutip yang dibuka di baris ini "
        "tidak pernah ditutup",
    ),
    "missing-required": (
        {"innovations/sehat-keliling.md": BASE_FILES["innovations/sehat-keliling.md"].replace(
            "summary: Layanan kesehatan yang datang ke desa.\n", "")},
        "content/innovations/sehat-keliling.md:1: error: field wajib 'summary' tidak ada; "
        "tambahkan 'summary:' di front-matter",
    ),
    "outside-vocabulary": (
        {"innovations/sehat-keliling.md": BASE_FILES["innovations/sehat-keliling.md"].replace(
            "stage: penerapan", "stage: ujicoba")},
        "content/innovations/sehat-keliling.md:5: error: field 'stage': nilai 'ujicoba' tidak dikenal "
        "(maksud Anda 'uji-coba'?); nilai yang diizinkan: inisiatif, uji-coba, penerapan",
    ),
    "unquoted-region": (
        {"innovations/sehat-keliling.md": BASE_FILES["innovations/sehat-keliling.md"].replace(
            'region: "32.16"', "region: 32.10")},
        "content/innovations/sehat-keliling.md:3: error: field 'region': kode wilayah 32.10 dibaca YAML "
        "sebagai angka 32.1; tulis kode wilayah dalam tanda kutip: '32.10'",
    ),
    "unquoted-region-in-list": (
        {"visits/kunjungan-bengkulu.md": BASE_FILES["visits/kunjungan-bengkulu.md"].replace(
            'visitors: ["17.71"]', "visitors:\n  - \"17.71\"\n  - 32.10")},
        "content/visits/kunjungan-bengkulu.md:7: error: field 'visitors': kode wilayah 32.10 dibaca YAML "
        "sebagai angka 32.1; tulis kode wilayah dalam tanda kutip: '32.10'",
    ),
    "unknown-region": (
        {"innovations/sehat-keliling.md": BASE_FILES["innovations/sehat-keliling.md"].replace(
            'region: "32.16"', 'region: "32.99"')},
        "content/innovations/sehat-keliling.md:3: error: field 'region': kode wilayah '32.99' tidak ada "
        "dalam daftar wilayah Kemendagri (maksud Anda: '32.79' Kota Banjar, '32.09' Kabupaten Cirebon, "
        "'32.78' Kota Tasikmalaya?)",
    ),
    "dangling-slug": (
        {"innovations/sehat-keliling-kota.md": BASE_FILES["innovations/sehat-keliling-kota.md"].replace(
            "replicates: sehat-keliling", "replicates: sehat-kelilin")},
        "content/innovations/sehat-keliling-kota.md:7: error: field 'replicates': inovasi 'sehat-kelilin' "
        "tidak ditemukan (maksud Anda 'sehat-keliling'?); tulis slug (nama berkas tanpa .md) dari folder innovations/",
    ),
    "duplicate-slug": (
        {"innovations/zz-salinan.md": BASE_FILES["innovations/sehat-keliling.md"].replace(
            "stage: penerapan", "stage: penerapan\nslug: sehat-keliling")},
        "content/innovations/zz-salinan.md:6: error: slug 'sehat-keliling' sudah dipakai oleh "
        "content/innovations/sehat-keliling.md; setiap inovasi harus punya slug sendiri",
    ),
    "bad-date": (
        {"visits/kunjungan-bengkulu.md": BASE_FILES["visits/kunjungan-bengkulu.md"].replace(
            "date: 2019-04-10", "date: 2019-02-30")},
        "content/visits/kunjungan-bengkulu.md:3: error: field 'date': '2019-02-30' bukan tanggal yang ada "
        "di kalender; tulis tanggal sebagai YYYY-MM-DD, misalnya 2017-08-02",
    ),
    "date-not-a-date": (
        {"news/berita-sehat.md": BASE_FILES["news/berita-sehat.md"].replace(
            "date: 2020-01-05", "date: 05-01-2020")},
        "content/news/berita-sehat.md:3: error: field 'date': '05-01-2020' bukan tanggal; "
        "tulis tanggal sebagai YYYY-MM-DD, misalnya 2017-08-02",
    ),
    "unknown-field": (
        {"news/berita-sehat.md": BASE_FILES["news/berita-sehat.md"].replace(
            "summary:", "sumary:")},
        "content/news/berita-sehat.md:4: error: field 'sumary' tidak dikenal (maksud Anda 'summary'?); "
        "field yang tersedia: title, date, summary, regions, innovations, visits, source, updated, tags, image, draft, slug",
    ),
    "related-to-itself": (
        {"innovations/sehat-keliling-kota.md": BASE_FILES["innovations/sehat-keliling-kota.md"].replace(
            "replicates: sehat-keliling", "replicates: sehat-keliling\nrelated: [sehat-keliling, sehat-keliling-kota]")},
        "content/innovations/sehat-keliling-kota.md:8: error: field 'related': inovasi tidak dapat berkaitan "
        "dengan dirinya sendiri",
    ),
    "named-twice": (
        {"news/berita-sehat.md": BASE_FILES["news/berita-sehat.md"].replace(
            'regions: ["32.16"]', 'regions:\n  - "32.16"\n  - "32.16"')},
        "content/news/berita-sehat.md:7: error: field 'regions': '32.16' disebut dua kali; hapus salah satunya",
    ),
    "host-among-visitors": (
        {"visits/kunjungan-bengkulu.md": BASE_FILES["visits/kunjungan-bengkulu.md"].replace(
            'visitors: ["17.71"]', 'visitors: ["17.71", "32.16"]')},
        "content/visits/kunjungan-bengkulu.md:5: error: field 'visitors': '32.16' adalah tuan rumah (host); "
        "isi visitors dengan daerah yang berkunjung",
    ),
    "delegation-of-none": (
        {"visits/kunjungan-bengkulu.md": BASE_FILES["visits/kunjungan-bengkulu.md"].replace(
            "summary:", "delegation_size: 0\nsummary:")},
        "content/visits/kunjungan-bengkulu.md:6: error: field 'delegation_size': harus berupa bilangan bulat "
        "positif, bukan 0",
    ),
}


@pytest.fixture()
def built(tmp_path):
    """A good site already built into output/, with a digest of every file in it."""
    write_content(tmp_path, BASE_FILES)
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path, tree_digest(tmp_path / "output")


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_file_reports_exact_line_and_keeps_output(built, case):
    root, before = built
    files, expected = CASES[case]
    write_content(root, files)
    result = run(root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert expected in lines, result.stderr
    assert lines[-1].startswith("Build gagal: ") and lines[-1].endswith("folder output/ tidak diubah.")
    assert tree_digest(root / "output") == before
    # no staging folder left behind (the output link's two trees are .output.site-*)
    assert sorted(p.name for p in root.iterdir() if not p.name.startswith(".output.site-")) == \
        [".katalog-cache", "content", "output", "output.nginx.conf"]


def test_every_problem_in_one_run(built):
    root, before = built
    broken = {}
    for case in ("unquoted-region", "dangling-slug", "bad-date", "unknown-field"):
        broken.update(CASES[case][0])
    write_content(root, broken)
    result = run(root)
    assert result.returncode == 1
    for case in ("unquoted-region", "dangling-slug", "bad-date", "unknown-field"):
        assert CASES[case][1] in result.stderr.splitlines()
    # "sumary" is both an unknown field and a missing "summary": five problems in all
    assert "Build gagal: 5 masalah ditemukan" in result.stderr
    assert tree_digest(root / "output") == before


def test_reference_to_unreadable_file_is_not_reported_twice(built):
    root, _ = built
    write_content(root, {"innovations/sehat-keliling.md": "---\ntitle: [rusak\n---\n"})
    result = run(root)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith("content/innovations/sehat-keliling.md:2: error: YAML tidak valid")


def test_file_without_front_matter(built):
    root, _ = built
    write_content(root, {"news/tanpa-front-matter.md": "Hanya teks.\n"})
    result = run(root)
    assert result.returncode == 1
    assert ("content/news/tanpa-front-matter.md:1: error: front-matter tidak ditemukan; berkas harus diawali "
            "baris '---', diikuti field YAML, lalu ditutup dengan baris '---'") in result.stderr.splitlines()


def test_markdown_in_unknown_folder(built):
    root, _ = built
    write_content(root, {"inovasi/salah-folder.md": BASE_FILES["innovations/sehat-keliling.md"]})
    result = run(root)
    assert result.returncode == 1
    assert ("content/inovasi/salah-folder.md: error: berkas Markdown di tempat yang tidak dikenal; "
            "letakkan di innovations/, visits/, news/, pages/") in result.stderr.splitlines()


def test_bad_site_config(built):
    root, before = built
    write_content(root, {"site.yaml": 'title: Uji\nlanguage: jw\nper_pgae: 3\ndescription: "Katalog\\x07 uji"\n'})
    result = run(root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "content/site.yaml:2: error: language 'jw' tidak didukung; pilihan: id, en" in lines
    assert ("content/site.yaml:3: error: kunci 'per_pgae' tidak dikenal (maksud Anda 'per_page'?); kunci yang "
            "tersedia: title, description, base_url, language, theme, per_page, publisher, iframe_hosts, contact_email, "
            "report_url, license, image") in lines
    assert ("content/site.yaml:4: error: description: berisi karakter kendali U+0007 yang tidak boleh ada; "
            "hapus karakter itu") in lines
    assert tree_digest(root / "output") == before


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path):
    write_content(tmp_path, BASE_FILES)
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "laporan.txt").write_text("penting")
    result = run(tmp_path, "--output", "documents")
    assert result.returncode == 1
    assert "folder output 'documents' sudah berisi berkas yang tidak dibuat oleh Katalog Inovasi" in result.stderr
    assert [p.name for p in precious.iterdir()] == ["laporan.txt"]


# -- regions.yaml, limits and media names (issue 12) --------------------------------------------

INNOVATION = BASE_FILES["innovations/sehat-keliling.md"]
WINDOWS = ("nama itu dicadangkan Windows (con, prn, aux, nul, com1-com9, lpt1-lpt9), jadi foldernya tidak dapat dibuka "
           "di Windows")


def test_two_regions_with_one_name_are_a_regions_yaml_error_never_an_entrys(built):
    root, before = built
    write_content(root, {"regions.yaml": '"32.75":\n  description: Kota.\n"32.16":\n  name: Kota Bekasi\n'})
    expected = ("content/regions.yaml:4: error: wilayah '32.16': nama 'Kota Bekasi' membuat alamat halaman yang sudah "
                "dipakai wilayah '32.75' Kota Bekasi (wilayah/jawa-barat/kota-bekasi/); beri nama yang berbeda")
    for flags in ((), ("--keep-going",)):
        result = run(root, *flags)
        assert result.returncode == 1, result.stderr
        assert result.stderr.splitlines()[:-1] == [expected]
        assert tree_digest(root / "output") == before


def test_a_region_name_without_latin_letters_gets_an_address_from_its_code(built):
    root, _ = built
    write_content(root, {"regions.yaml": '"32": {name: 北京}\n"32.16": {name: 北京市}\n'})
    result = run(root)
    assert result.returncode == 0, result.stderr
    assert (root / "output/wilayah/32/32-16/index.html").is_file()


@pytest.mark.parametrize("slug, message", [
    ("a" * 101, "terlalu panjang (101 karakter; paling panjang 100)"),
    ("b" * 300, "terlalu panjang (300 karakter; paling panjang 100)"),
    ("con", WINDOWS), ("lpt9", WINDOWS), ("com1", WINDOWS), ("nul", WINDOWS), ("aux", WINDOWS), ("prn", WINDOWS),
], ids=lambda v: v[:8])
def test_slug_limits(built, slug, message):
    root, before = built
    shown = slug if len(slug) <= 60 else slug[:60] + "…"
    write_content(root, {"innovations/baru.md": INNOVATION.replace("stage: penerapan", f"stage: penerapan\nslug: {slug}")})
    for flags in ((), ("--keep-going",)):
        result = run(root, *flags)
        assert "Traceback" not in result.stderr
        assert (f"content/innovations/baru.md:6: error: field 'slug': '{shown}' tidak dapat dipakai sebagai slug: "
                f"{message}; pilih slug lain") in result.stderr.splitlines(), result.stderr
    assert result.returncode == 3 and slug not in {p.name for p in (root / "output/inovasi").iterdir()}


def test_file_names_are_slugs_too(built):
    root, _ = built
    write_content(root, {"pages/aux.md": "---\ntitle: Aux\n---\nIsi.\n", f"news/{'c' * 120}.md": BASE_FILES["news/berita-sehat.md"]})
    lines = run(root).stderr.splitlines()
    assert (f"content/pages/aux.md:1: error: nama berkas 'aux.md' tidak dapat dipakai sebagai alamat halaman: {WINDOWS}; "
            "ganti nama berkasnya atau isi field 'slug'") in lines
    assert (f"content/news/{'c' * 120}.md:1: error: nama berkas '{'c' * 60}….md' tidak dapat dipakai sebagai alamat "
            "halaman: terlalu panjang (120 karakter; paling panjang 100); ganti nama berkasnya atau isi field 'slug'") in lines


def test_tag_limits(built):
    root, _ = built
    tags = ", ".join(f"t{i}" for i in range(20_000))
    write_content(root, {"innovations/sehat-keliling.md": INNOVATION.replace("tags: [kesehatan, desa]", f"tags: [{tags}]"),
                         "news/berita-sehat.md": BASE_FILES["news/berita-sehat.md"].replace(
                             "date:", f"tags: [umkm, {'x' * 150}, Con]\ndate:")})
    lines = run(root).stderr.splitlines()
    assert ("content/innovations/sehat-keliling.md:7: error: field 'tags': 20000 tag; paling banyak 20 tag per entri: "
            "pilih yang paling penting") in lines
    assert (f"content/news/berita-sehat.md:3: error: field 'tags': tag '{'x' * 60}…' tidak dapat dipakai sebagai alamat "
            "halaman topik: terlalu panjang (150 karakter; paling panjang 100)") in lines
    assert (f"content/news/berita-sehat.md:3: error: field 'tags': tag 'Con' tidak dapat dipakai sebagai alamat halaman "
            f"topik: {WINDOWS}") in lines


@pytest.mark.parametrize("name", ["foto #1.png", "a?b.png", "100% asli.png", "sawah&ladang.png"])
def test_media_names_are_url_encoded(tmp_path, name):
    from html.parser import HTMLParser
    from urllib.parse import unquote, urlsplit

    write_content(tmp_path, {**BASE_FILES, f"media/{name}": b"\x89PNG",
                             "innovations/sehat-keliling.md": INNOVATION.replace(
                                 "tags:", f"image:\n  src: '{name}'\n  alt: Foto\ntags:")})
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr

    class Images(HTMLParser):
        srcs: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag == "img":
                self.srcs.append(dict(attrs)["src"])

    parser = Images()
    parser.feed((tmp_path / "output/inovasi/sehat-keliling/index.html").read_text(encoding="utf-8"))
    [src] = parser.srcs
    path = urlsplit(src).path  # what a browser requests: a '#' or '?' left raw would end the path there
    assert (tmp_path / "output" / unquote(path).lstrip("/")).is_file(), src
