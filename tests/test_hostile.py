"""Hostile and broken content (tests/hostile/): every case ends in the tool's own message
and exit code, the previous output untouched, nothing written outside the output folder,
and no dangerous markup on any built page."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from contentkit import BASE_FILES, dangerous_markup, read_page, run, tree_digest, write_content

HOSTILE = Path(__file__).resolve().parent / "hostile"
CASES = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
FAILED = "Build gagal: {n} masalah ditemukan; folder output/ tidak diubah."
FRAME_HOSTS = ("www.youtube-nocookie.com",)


def outside_output(root: Path) -> dict[str, str]:
    """Every file under ``root`` except the build's own: output/, its cache and staging folders."""
    return {rel: h for rel, h in tree_digest(root).items()
            if not rel.startswith(("output/", ".katalog-cache/", ".output."))}


@pytest.fixture(scope="module")
def built_base(tmp_path_factory) -> Path:
    """The small valid catalogue, built once; each case starts from a copy of it."""
    root = tmp_path_factory.mktemp("base")
    write_content(root, BASE_FILES)
    result = run(root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture()
def site(built_base, tmp_path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(built_base, root, symlinks=True)
    return root


def innovation_with(old: str, new: str) -> str:
    """The base catalogue's first innovation, with ``old`` replaced by ``new``."""
    return BASE_FILES["innovations/sehat-keliling.md"].replace(old, new)


def keep_going(site: Path, files: dict[str, str]) -> list[str]:
    """Write ``files``, build with --keep-going (which must leave something out): stderr's lines."""
    write_content(site, files)
    result = run(site, "--keep-going")
    assert result.returncode == 3, result.stderr
    return result.stderr.splitlines()


def assert_nothing_dangerous(output: Path) -> None:
    pages = sorted(output.rglob("*.html"))
    assert pages, f"no pages in {output}"
    found = {str(p.relative_to(output)): d for p in pages if (d := dangerous_markup(p.read_text(encoding="utf-8"), FRAME_HOSTS))}
    assert not found, found


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_has_its_exact_outcome(site, name):
    case = CASES[name]
    before_output = tree_digest(site / "output")
    shutil.copyfile(HOSTILE / "cases" / name, site / "content" / "innovations" / name)
    before = outside_output(site)
    result = run(site)
    assert result.returncode == case["exit"], result.stderr
    assert outside_output(site) == before, "the build wrote outside its output folder"
    if case["exit"]:
        assert result.stderr.splitlines() == [case["stderr"], FAILED.format(n=1)]
        assert tree_digest(site / "output") == before_output, "a failed build changed the output"
    else:
        assert result.stderr == ""
        assert read_page(site / "output", case["page"]).h1 == case["h1"]
        assert_nothing_dangerous(site / "output")


def test_every_problem_is_reported_in_one_run(site):
    failing = {name: case for name, case in CASES.items() if case["exit"]}
    for name in CASES:
        shutil.copyfile(HOSTILE / "cases" / name, site / "content" / "innovations" / name)
    result = run(site)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert sorted(lines[:-1]) == sorted(case["stderr"] for case in failing.values())
    assert lines[-1] == FAILED.format(n=len(failing))


def test_keep_going_builds_the_good_entries_and_names_the_rest(site):
    # An entry whose main image cannot be published is kept, without the image.
    imageless = {"image-absolute-path.md": "/etc/passwd", "image-path-escape.md": "../../../etc/passwd"}
    failing = sorted(name for name, case in CASES.items() if case["exit"] and name not in imageless)
    for name in CASES:
        shutil.copyfile(HOSTILE / "cases" / name, site / "content" / "innovations" / name)
    before = outside_output(site)
    for attempt in ("first", "again, with nothing changed"):
        result = run(site, "--keep-going")
        assert result.returncode == 3, f"{attempt}: {result.stderr}"
        lines = result.stderr.splitlines()
        assert lines[-1] == (f"Ditinggalkan karena bermasalah ({len(failing)} berkas, tidak diterbitkan): "
                             + ", ".join(f"content/innovations/{n}" for n in failing)), attempt
        assert sorted(lines[:-1]) == sorted([CASES[n]["stderr"] for n in failing] + [
            f"content/innovations/{n}:6: warning: field 'image': '{src}' tidak diterbitkan, jadi entri ini tampil "
            "tanpa gambar utama" for n, src in imageless.items()]), attempt
    output = site / "output"
    for name, case in CASES.items():
        if not case["exit"]:
            assert read_page(output, case["page"]).h1 == case["h1"]
    for slug in ("sehat-keliling", "sehat-keliling-kota"):
        assert (output / "inovasi" / slug / "index.html").is_file()
    built = {p.name for p in (output / "inovasi").iterdir()}
    assert not built & {Path(n).stem for n in failing}
    assert {Path(n).stem for n in imageless} <= built
    assert outside_output(site) == before
    assert_nothing_dangerous(output)
    # without --keep-going the same content fails, and leaves that output as it was
    kept = tree_digest(output)
    result = run(site)
    assert result.returncode == 1 and result.stderr.splitlines()[-1] == FAILED.format(n=len(failing) + len(imageless))
    assert tree_digest(output) == kept


def test_keep_going_drops_references_to_entries_left_out(site):
    assert keep_going(site, {"innovations/sehat-keliling.md": innovation_with("stage: penerapan", "stage: selesai")}) == [
        "content/innovations/sehat-keliling.md:5: error: field 'stage': nilai 'selesai' tidak dikenal; "
        "nilai yang diizinkan: inisiatif, uji-coba, penerapan",
        "content/innovations/sehat-keliling-kota.md:7: warning: field 'replicates': 'sehat-keliling' tidak ada atau ditinggalkan "
        "karena bermasalah, jadi rujukan ke sana tidak ditampilkan",
        "content/news/berita-sehat.md:6: warning: field 'innovations': 'sehat-keliling' tidak ada atau ditinggalkan karena "
        "bermasalah, jadi rujukan ke sana tidak ditampilkan",
        "content/visits/kunjungan-bengkulu.md:7: warning: field 'innovations': 'sehat-keliling' tidak ada atau ditinggalkan karena "
        "bermasalah, jadi rujukan ke sana tidak ditampilkan",
        "Ditinggalkan karena bermasalah (1 berkas, tidak diterbitkan): content/innovations/sehat-keliling.md",
    ]
    output = site / "output"
    assert not (output / "inovasi" / "sehat-keliling").exists()
    for page in ("inovasi/sehat-keliling-kota/", "berita/berita-sehat/", "kunjungan/kunjungan-bengkulu/"):
        assert "/inovasi/sehat-keliling/" not in read_page(output, page).hrefs(), page


def test_files_over_the_size_limits(site):
    write_content(site, {
        "innovations/isi-raksasa.md": innovation_with("", "") + ("Kalimat yang diulang-ulang sampai berkas sangat besar. " * 20000),
        "innovations/front-matter-raksasa.md": innovation_with("tags: [kesehatan, desa]",
                                                               "tags: [" + ", ".join(["desa"] * 60000) + "]"),
    })
    result = run(site)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/innovations/front-matter-raksasa.md:2: error: YAML terlalu besar (351 KB); batasnya 256 KB",
        "content/innovations/isi-raksasa.md: error: berkas lebih besar dari 1 MB; sebuah entri cukup berisi teks: "
        "simpan gambar dan lampiran besar di media/",
        FAILED.format(n=2),
    ]


def test_symbolic_links_out_of_the_content_folder_are_refused(site, tmp_path):
    secret = tmp_path / "rahasia.txt"
    secret.write_text("kata sandi server\n", encoding="utf-8")
    content = site / "content"
    (content / "media").mkdir(exist_ok=True)
    os.symlink(secret, content / "innovations" / "tautan.md")
    os.symlink(secret, content / "media" / "rahasia.txt")
    os.symlink("/", content / "media" / "akar")
    os.symlink("..", content / "media" / "induk")  # back into content/: walked once, no loop
    os.symlink("tidak-ada.png", content / "media" / "hilang.png")  # a link to nothing is named, not skipped
    result = run(site)
    assert result.returncode == 1
    message = ("tautan simbolik ini menunjuk ke luar folder konten; berkas di luar folder konten tidak ikut dibaca "
               "maupun diterbitkan: salin berkasnya ke dalam folder konten")
    assert result.stderr.splitlines() == [
        f"content/innovations/tautan.md: error: {message}",
        f"content/media/akar: error: {message}",
        "content/media/hilang.png: error: tidak dapat dibaca (izin akses, atau tautan yang menunjuk ke berkas yang "
        "tidak ada); periksa berkas atau folder ini",
        f"content/media/rahasia.txt: error: {message}",
        FAILED.format(n=4),
    ]
    result = run(site, "--keep-going")
    assert result.returncode == 3
    published = b"".join(p.read_bytes() for p in (site / "output").rglob("*") if p.is_file())
    assert b"kata sandi server" not in published


def test_a_theme_name_cannot_lead_out_of_the_themes_folder(site):
    write_content(site, {"site.yaml": BASE_FILES["site.yaml"] + "theme: ../../../etc\n"})
    result = run(site, "--keep-going")  # the site's own settings cannot be left out
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/site.yaml:5: error: theme '../../../etc' tidak valid; tulis nama folder tema di themes/, misalnya "
        "default (huruf, angka, '-' dan '_')",
        FAILED.format(n=1),
    ]


def test_script_payloads_in_every_field_and_body_are_cleaned(tmp_path):
    shutil.copytree(HOSTILE / "xss", tmp_path / "content")
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    output = tmp_path / "output"
    assert_nothing_dangerous(output)
    page = read_page(output, "inovasi/xss-semua-field/")
    assert page.h1 == "Layanan Aman"  # markup taken out of the title, its words kept
    assert "https://contoh.go.id/" in page.hrefs()  # an ordinary link survives, without its onclick
    assert "https://evil.example/pelacak.png" in page.hrefs()  # an image from elsewhere becomes a link to it
    html = (output / "inovasi/xss-semua-field/index.html").read_text(encoding="utf-8")
    assert '<iframe src="https://www.youtube-nocookie.com/embed/contoh" title="Video contoh"></iframe>' in html
    assert html.count("<iframe") == 1
    assert '<th class="align-right">Nilai</th>' in html  # column alignment without an inline style
    assert "frame-src https://www.youtube-nocookie.com;" in html  # the page's policy admits that host alone
    assert read_page(output, "berita/xss-berita/").h1 == "Berita Aman"
    assert "Media Contoh" in read_page(output, "berita/xss-berita/").text


def test_media_publishes_no_page_script_or_active_svg(site):
    write_content(site, {
        "media/halaman.html": '<script src="x.js"></script>',
        "media/x.js": "alert(1)",
        "media/ikon.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script href="x.js"/></svg>',
        "media/awalan.svg": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:s="http://www.w3.org/2000/svg"><s:script>x</s:script></svg>',
        "media/peta.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>',
        "media/laporan.pdf": b"%PDF-1.4\n",
    })
    result = run(site)
    allowed = ".jpg .jpeg .png .gif .webp .avif .svg .ico .pdf .doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .rtf .csv .txt .zip .mp3 .m4a .ogg .oga .wav .mp4 .webm .ogv"
    kind = ("jenis berkas ini tidak diterbitkan dari media/ (halaman, skrip atau berkas lain yang dapat berjalan di "
            f"situs); yang diizinkan: {allowed}")
    assert result.returncode == 1
    active = ("berkas SVG ini memuat skrip, atribut on...= atau objek sisipan, yang akan berjalan bila berkasnya "
              "dibuka langsung; simpan ulang sebagai gambar biasa (misalnya ekspor ulang ke PNG)")
    assert result.stderr.splitlines() == [
        f"content/media/awalan.svg: error: {active}",
        f"content/media/halaman.html: error: {kind}",
        f"content/media/ikon.svg: error: {active}",
        f"content/media/x.js: error: {kind}",
        FAILED.format(n=4),
    ]
    assert run(site, "--keep-going").returncode == 3
    media = {p.name for p in (site / "output" / "media").iterdir()}
    assert media == {"peta.svg", "laporan.pdf"}


def test_keep_going_never_lets_a_new_file_take_over_a_page(site):
    assert keep_going(site, {"innovations/aa-palsu.md": innovation_with(
            "title: Layanan Sehat Keliling", "title: Halaman Palsu\nslug: sehat-keliling")}) == [
        "content/innovations/aa-palsu.md:3: error: slug 'sehat-keliling' juga dipakai oleh "
        "content/innovations/sehat-keliling.md; setiap entri harus punya slug sendiri",
        "Ditinggalkan karena bermasalah (1 berkas, tidak diterbitkan): content/innovations/aa-palsu.md",
    ]
    assert read_page(site / "output", "inovasi/sehat-keliling/").h1 == "Layanan Sehat Keliling"
    # nor when the page's own file has a problem of its own: the slug stays reserved for it
    lines = keep_going(site, {"innovations/sehat-keliling.md": innovation_with("stage: penerapan", "stage: selesai")})
    assert lines[-1] == ("Ditinggalkan karena bermasalah (2 berkas, tidak diterbitkan): content/innovations/aa-palsu.md, "
                         "content/innovations/sehat-keliling.md")
    assert not (site / "output" / "inovasi" / "sehat-keliling").exists()


def test_keep_going_keeps_an_entry_whose_reference_points_at_a_broken_file(site):
    lines = keep_going(site, {"innovations/rusak.md": "---\ntitle: [tidak ditutup\nslug: nama-lain\n---\nIsi.\n",
                              "innovations/sehat-keliling.md": innovation_with("tags: [kesehatan, desa]",
                                                                               "related: [nama-lain]")})
    assert lines[0].startswith("content/innovations/rusak.md:2: error: YAML tidak valid")
    assert lines[1:] == [
        "content/innovations/sehat-keliling.md:7: warning: field 'related': 'nama-lain' tidak ada atau ditinggalkan "
        "karena bermasalah, jadi rujukan ke sana tidak ditampilkan",
        "Ditinggalkan karena bermasalah (1 berkas, tidak diterbitkan): content/innovations/rusak.md",
    ]
    assert read_page(site / "output", "inovasi/sehat-keliling/").h1 == "Layanan Sehat Keliling"


def test_keep_going_leaves_out_a_body_markdown_cannot_finish(site):
    slow = "".join(f"*[A{i}]: singkatan\n" for i in range(3000)) + "A1 " * 3000 + "\n"
    write_content(site, {"innovations/lambat.md": innovation_with("Layanan Sehat Keliling", "Lambat").replace(
        "Isi inovasi.\n", slow)})
    message = ("isi Markdown entri ini tidak selesai diolah dalam 1 detik; biasanya karena ribuan tanda '[' atau '<' yang "
               "tidak berpasangan, atau ribuan baris singkatan/definisi; rapikan isinya")
    result = run(site, env={"KATALOG_BODY_SECONDS": "1"})
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"content/innovations/lambat.md: error: {message}", FAILED.format(n=1)]
    result = run(site, "--keep-going", env={"KATALOG_BODY_SECONDS": "1"})
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        f"content/innovations/lambat.md: error: {message}",
        "Ditinggalkan karena bermasalah (1 berkas, tidak diterbitkan): content/innovations/lambat.md",
    ]
    assert not (site / "output" / "inovasi" / "lambat").exists()
    assert (site / "output" / "inovasi" / "sehat-keliling" / "index.html").is_file()


def test_keep_going_cannot_leave_out_the_site_settings(site, tmp_path):
    outside = tmp_path / "site.yaml"
    outside.write_text("title: Dari Luar\n", encoding="utf-8")
    (site / "content" / "site.yaml").unlink()
    os.symlink(outside, site / "content" / "site.yaml")
    result = run(site, "--keep-going")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == FAILED.format(n=1)


def test_the_quick_body_road_refuses_what_a_full_build_refuses(site):
    """After a cached build, an edit to a body alone takes the quick road; a body a full build
    would refuse must be refused there too, with the same message."""
    path = site / "content" / "innovations" / "sehat-keliling.md"
    path.write_bytes(path.read_bytes().replace(b"Isi inovasi.", b"Isi inovasi.\x00"))
    result = run(site)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "content/innovations/sehat-keliling.md:9: error: berkas berisi karakter NUL, jadi bukan berkas teks; simpan ulang "
        "sebagai teks UTF-8 biasa",
        FAILED.format(n=1),
    ]
