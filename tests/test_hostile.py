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
            if not rel.startswith(("output/", ".katalog-cache/", ".output.new-"))}


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
    failing = sorted(name for name, case in CASES.items() if case["exit"])
    for name in CASES:
        shutil.copyfile(HOSTILE / "cases" / name, site / "content" / "innovations" / name)
    before = outside_output(site)
    for attempt in ("first", "again, with nothing changed"):
        result = run(site, "--keep-going")
        assert result.returncode == 3, f"{attempt}: {result.stderr}"
        lines = result.stderr.splitlines()
        assert lines[-1] == (f"Ditinggalkan karena bermasalah ({len(failing)} berkas, tidak diterbitkan): "
                             + ", ".join(f"content/innovations/{n}" for n in failing)), attempt
        assert sorted(lines[:-1]) == sorted(CASES[n]["stderr"] for n in failing), attempt
    output = site / "output"
    for name, case in CASES.items():
        if not case["exit"]:
            assert read_page(output, case["page"]).h1 == case["h1"]
    for slug in ("sehat-keliling", "sehat-keliling-kota"):
        assert (output / "inovasi" / slug / "index.html").is_file()
    built = {p.name for p in (output / "inovasi").iterdir()}
    assert not built & {Path(n).stem for n in failing}
    assert outside_output(site) == before
    assert_nothing_dangerous(output)
    # without --keep-going the same content fails, and leaves that output as it was
    kept = tree_digest(output)
    result = run(site)
    assert result.returncode == 1 and result.stderr.splitlines()[-1] == FAILED.format(n=len(failing))
    assert tree_digest(output) == kept


def test_keep_going_drops_references_to_entries_left_out(site):
    write_content(site, {"innovations/sehat-keliling.md": BASE_FILES["innovations/sehat-keliling.md"].replace(
        "stage: penerapan", "stage: selesai")})
    result = run(site, "--keep-going")
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        "content/innovations/sehat-keliling.md:5: error: field 'stage': nilai 'selesai' tidak dikenal; "
        "nilai yang diizinkan: inisiatif, uji-coba, penerapan",
        "content/innovations/sehat-keliling-kota.md:7: warning: field 'replicates': 'sehat-keliling' ditinggalkan "
        "karena bermasalah, jadi rujukan ke sana tidak ditampilkan",
        "content/news/berita-sehat.md:6: warning: field 'innovations': 'sehat-keliling' ditinggalkan karena "
        "bermasalah, jadi rujukan ke sana tidak ditampilkan",
        "content/visits/kunjungan-bengkulu.md:7: warning: field 'innovations': 'sehat-keliling' ditinggalkan karena "
        "bermasalah, jadi rujukan ke sana tidak ditampilkan",
        "Ditinggalkan karena bermasalah (1 berkas, tidak diterbitkan): content/innovations/sehat-keliling.md",
    ]
    output = site / "output"
    assert not (output / "inovasi" / "sehat-keliling").exists()
    for page in ("inovasi/sehat-keliling-kota/", "berita/berita-sehat/", "kunjungan/kunjungan-bengkulu/"):
        assert "/inovasi/sehat-keliling/" not in read_page(output, page).hrefs(), page


def test_files_over_the_size_limits(site):
    fm = BASE_FILES["innovations/sehat-keliling.md"]
    write_content(site, {
        "innovations/isi-raksasa.md": fm + ("Kalimat yang diulang-ulang sampai berkas sangat besar. " * 20000),
        "innovations/front-matter-raksasa.md": fm.replace("tags: [kesehatan, desa]",
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
    result = run(site)
    assert result.returncode == 1
    message = ("tautan simbolik ini menunjuk ke luar folder konten; berkas di luar folder konten tidak ikut dibaca "
               "maupun diterbitkan: salin berkasnya ke dalam folder konten")
    assert result.stderr.splitlines() == [
        f"content/innovations/tautan.md: error: {message}",
        f"content/media/akar: error: {message}",
        f"content/media/rahasia.txt: error: {message}",
        FAILED.format(n=3),
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
