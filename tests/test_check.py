"""``python build.py check``: every problem as 'path:line: level: message', in text, JSON
and GitHub annotations, with the exit codes a content repository's CI relies on."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from contentkit import BASE_FILES, INNOVATION, run, tree_digest, write_content
from katalog.markup import BODY_TOO_DEEP

# A site published at a full address: a base_url without a host gets a warning of its own
# (tests/test_sitemap.py), which the exact problem lists here are not about.
BASE_FILES = {**BASE_FILES, "site.yaml": BASE_FILES["site.yaml"] + "base_url: https://contoh.go.id/\n"}

BODY = """\
Isi inovasi, lihat [replikasinya](../sehat-keliling-kota/) dan [wilayahnya](/wilayah/jawa-barat/kabupaten-bekasi/).
Tautan [rusak](/inovasi/sehat-kelilng/) dan [luar](https://example.go.id/x).

`[bukan tautan](/tidak-ada/)`

```
[juga bukan](/tidak-ada/)
```
![](/media/denah.png)
[relatif rusak](../../tidak-ada/)
"""

TROUBLED = {
    **BASE_FILES,
    "innovations/sehat-keliling.md": INNOVATION.replace("tags: [kesehatan, desa]\n", "image:\n  src: foto.jpg\n")
                                               .replace("Isi inovasi.\n", BODY),
    "news/berita-kembar.md": '---\ntitle: Berita Layanan Sehat\ndate: 2099-01-01\nsummary: Kembar.\nregions: ["32.16"]\n---\nIsi.\n',
    "media/foto.jpg": b"\xff\xd8", "media/denah.png": b"\x89PNG", "media/lama.png": b"\x89PNG",
}

INN = "content/innovations/sehat-keliling.md"
EXPECTED = [
    (INN, 7, "error", "field 'image': gambar utama belum punya 'alt'; tulis apa isi gambarnya untuk pembaca yang memakai pembaca layar"),
    (INN, 11, "error", "tautan '/inovasi/sehat-kelilng/' tidak menuju halaman atau berkas mana pun di situs ini (maksud Anda '/inovasi/sehat-keliling/'?)"),
    (INN, 18, "warning", "gambar '/media/denah.png' belum punya teks alt: tulis isinya di antara kurung siku, ![seperti ini](...)"),
    (INN, 19, "error", "tautan '../../tidak-ada/' tidak menuju halaman atau berkas mana pun di situs ini"),
    ("content/media/lama.png", 0, "warning", "berkas media ini tidak dipakai entri mana pun; hapus bila memang tidak diperlukan"),
    ("content/news/berita-kembar.md", 3, "warning", "field 'date': tanggal 2099-01-01 belum tiba; entri ini baru terbit pada tanggal itu; periksa tahunnya bila bukan itu maksudnya"),
    ("content/news/berita-sehat.md", 2, "warning", "judul 'Berita Layanan Sehat' sudah dipakai content/news/berita-kembar.md di Kabupaten Bekasi; bedakan judulnya agar pembaca tidak tertukar"),
]


def _line(path, line, level, message):
    return f"{path}:{line}: {level}: {message}" if line else f"{path}: {level}: {message}"


def test_check_reports_every_problem_with_its_line_and_writes_nothing(tmp_path):
    write_content(tmp_path, TROUBLED)
    before = tree_digest(tmp_path)
    result = run(tmp_path, "check")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [_line(*p) for p in EXPECTED] + ["Pemeriksaan selesai: 3 error, 4 peringatan."]
    assert tree_digest(tmp_path) == before and not (tmp_path / "output").exists()
    # the build lets these pass: they are what a check is for
    assert run(tmp_path).returncode == 0


def test_check_as_json(tmp_path):
    write_content(tmp_path, TROUBLED)
    result = run(tmp_path, "check", "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert (data["errors"], data["warnings"]) == (3, 4)
    assert [(p["path"], p["line"], p["level"], p["message"]) for p in data["problems"]] == EXPECTED


def test_check_as_github_annotations(tmp_path):
    write_content(tmp_path, TROUBLED)
    result = run(tmp_path, "check", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[1] == ("::error file=content/innovations/sehat-keliling.md,line=11,title=Katalog Inovasi::tautan "
                        "'/inovasi/sehat-kelilng/' tidak menuju halaman atau berkas mana pun di situs ini "
                        "(maksud Anda '/inovasi/sehat-keliling/'?)")
    assert lines[4] == ("::warning file=content/media/lama.png,title=Katalog Inovasi::berkas media ini tidak dipakai "
                        "entri mana pun; hapus bila memang tidak diperlukan")
    assert len(lines) == len(EXPECTED)


def test_warnings_alone_pass_unless_strict(tmp_path):
    files = {**BASE_FILES, "media/lama.png": b"\x89PNG"}
    write_content(tmp_path, files)
    result = run(tmp_path, "check")
    assert result.returncode == 0
    assert result.stdout == ("content/media/lama.png: warning: berkas media ini tidak dipakai entri mana pun; "
                             "hapus bila memang tidak diperlukan\nPemeriksaan selesai: 0 error, 1 peringatan.\n")
    assert run(tmp_path, "check", "--strict").returncode == 1
    (tmp_path / "content/media/lama.png").unlink()
    clean = run(tmp_path, "check", "--strict")
    assert (clean.returncode, clean.stdout) == (0, "Pemeriksaan selesai: tidak ada masalah.\n")


def test_check_reports_what_the_build_refuses_and_the_rest_in_one_run(tmp_path):
    broken = {**BASE_FILES,
              "innovations/sehat-keliling.md": INNOVATION.replace('region: "32.16"', 'region: "32.99"')
                                                         .replace("tags: [kesehatan, desa]\n", "image:\n  src: hilang.jpg\n"),
              "news/berita-sehat.md": BASE_FILES["news/berita-sehat.md"].replace("date: 2020-01-05", "date: 2099-01-05")}
    write_content(tmp_path, broken)
    result = run(tmp_path, "check")
    assert result.returncode == 1
    build = run(tmp_path)
    build_errors = [line for line in build.stderr.splitlines() if ": error: " in line]
    assert build_errors and set(build_errors) <= set(result.stdout.splitlines())
    assert any("32.99" in line for line in build_errors) and any("hilang.jpg" in line for line in build_errors)
    # check's own rules run only on entries that passed the build's validation
    assert _line(INN, 7, "error", EXPECTED[0][3]) not in result.stdout.splitlines()
    assert ("content/news/berita-sehat.md:3: warning: field 'date': tanggal 2099-01-05 belum tiba; entri ini baru terbit "
            "pada tanggal itu; periksa tahunnya bila bukan itu maksudnya") in result.stdout.splitlines()


def test_check_warns_of_html_the_site_will_not_show(tmp_path):
    body = ("Video: <iframe src=\"https://www.youtube.com/embed/abc\" title=\"Video\"></iframe>\n\n"
            "<p style=\"color: red\" onclick=\"x()\">Merah</p>\n\n"
            "<script>hitung()</script>\n\n"
            "![Peta](https://peta.example/peta.png) dan [kirim](javascript:kirim())\n")
    write_content(tmp_path, {**BASE_FILES, "innovations/sehat-keliling.md": INNOVATION.replace("Isi inovasi.\n", body)})
    result = run(tmp_path, "check")
    assert result.returncode == 0, result.stdout  # warnings only
    assert result.stdout.splitlines() == [
        f"{INN}:9: warning: iframe dari www.youtube.com dibuang saat diterbitkan; bila host itu dipercaya, pengelola "
        "situs dapat mencantumkannya di iframe_hosts (site.yaml)",
        f"{INN}:11: warning: atribut 'onclick' pada <p> dibuang saat diterbitkan",
        f"{INN}:11: warning: atribut 'style' pada <p> dibuang saat diterbitkan",
        f"{INN}:13: warning: HTML <script> dibuang saat diterbitkan beserta isinya",
        f"{INN}:15: warning: alamat 'javascript:kirim()' dibuang saat diterbitkan; hanya http, https, mailto dan alamat "
        "di situs ini yang diizinkan",
        f"{INN}:15: warning: gambar 'https://peta.example/peta.png' dari situs lain tampil sebagai tautan, bukan gambar; "
        "simpan berkasnya di media/ agar tampil",
        "Pemeriksaan selesai: 0 error, 6 peringatan.",
    ]
    write_content(tmp_path, {"site.yaml": BASE_FILES["site.yaml"] + "iframe_hosts: [www.youtube.com]\n"})
    assert "iframe" not in run(tmp_path, "check").stdout  # a host the site owner lists is kept


# -- check runs the build's own validation (issue 12) ------------------------------------------

LINE = re.compile(r"^\S.*?(?::\d+)?: (error|warning): \S.*$")
VISIT = BASE_FILES["visits/kunjungan-bengkulu.md"]

REFUSED = {
    "region-name": {"innovations/sehat-keliling.md": INNOVATION.replace('region: "32.16"', "region: Kota Bekasi")},
    "no-region": {"innovations/sehat-keliling.md": INNOVATION.replace('region: "32.16"\n', "")},
    "empty-title": {"innovations/sehat-keliling.md": INNOVATION.replace("title: Layanan Sehat Keliling", "title: ''")},
    "visit-without-host": {"visits/kunjungan-bengkulu.md": VISIT.replace('host: "32.16"\n', "")},
    "long-slug": {"innovations/sehat-keliling-kota.md": BASE_FILES["innovations/sehat-keliling-kota.md"].replace(
        "stage: uji-coba", "stage: uji-coba\nslug: " + "a" * 300)},
    "reserved-slug": {"innovations/con.md": INNOVATION.replace("Layanan Sehat Keliling", "Layanan Con")},
    "reserved-page-slug": {"pages/tentang.md": "---\ntitle: Tentang\nslug: inovasi\n---\nIsi.\n"},
    "region-clash": {"regions.yaml": '"32.16": {name: Kota Bekasi}\n'},
    "theme-missing": {"site.yaml": BASE_FILES["site.yaml"] + "theme: tidak-ada\n"},
    "theme-extends-escape": {"site.yaml": BASE_FILES["site.yaml"] + "theme: lepas\n"},
    "too-many-tags": {"innovations/sehat-keliling.md": INNOVATION.replace(
        "tags: [kesehatan, desa]", "tags: [" + ", ".join(f"t{i}" for i in range(25)) + "]")},
}


def _errors(text: str) -> set[str]:
    return {line for line in text.splitlines() if ": error: " in line}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_check_reports_every_error_the_build_prints_and_never_crashes(tmp_path, case):
    write_content(tmp_path, {**BASE_FILES, **REFUSED[case]})
    if case == "theme-extends-escape":
        (tmp_path / "elsewhere").mkdir()
        (tmp_path / "themes/lepas").mkdir(parents=True)
        (tmp_path / "themes/lepas/theme.yaml").write_text("extends: ../../elsewhere\n")
    checked = run(tmp_path, "check")
    assert "Traceback" not in checked.stdout + checked.stderr, checked.stderr
    assert checked.stderr == ""
    lines = checked.stdout.splitlines()
    assert all(LINE.match(line) for line in lines[:-1]) and lines[-1].startswith("Pemeriksaan selesai: ")
    built = run(tmp_path)
    assert "Traceback" not in built.stderr, built.stderr
    assert built.returncode == 1 and checked.returncode == 1, (built.stderr, checked.stdout)
    assert _errors(built.stderr) <= _errors(checked.stdout), built.stderr


def test_check_reports_what_the_build_refuses_in_every_hostile_case(tmp_path):
    from test_hostile import CASES, HOSTILE

    write_content(tmp_path, BASE_FILES)
    for name in CASES:
        shutil.copyfile(HOSTILE / "cases" / name, tmp_path / "content" / "innovations" / name)
    built, checked = run(tmp_path), run(tmp_path, "check")
    assert built.returncode == checked.returncode == 1
    assert _errors(built.stderr) and _errors(built.stderr) <= _errors(checked.stdout)


def test_a_region_written_as_a_name_gets_its_code(tmp_path):
    write_content(tmp_path, {**BASE_FILES, **REFUSED["region-name"],
                             "visits/kunjungan-bengkulu.md": VISIT.replace('host: "32.16"', "host: bekasi")})
    lines = run(tmp_path, "check").stdout.splitlines()
    assert (f"{INN}:3: error: field 'region': 'Kota Bekasi' bukan kode wilayah Kemendagri; 'Kota Bekasi' adalah "
            "kode '32.75': tulis kodenya dalam tanda kutip, \"32.75\"") in lines
    assert ("content/visits/kunjungan-bengkulu.md:4: error: field 'host': 'bekasi' bukan kode wilayah Kemendagri; "
            "nama itu cocok dengan beberapa wilayah: '32.16' Kabupaten Bekasi, '32.75' Kota Bekasi; tulis kode yang "
            "dimaksud dalam tanda kutip") in lines


def test_links_the_page_does_not_show_are_not_reported(tmp_path):
    body = ("Paragraf.\n\n    [dalam blok kode](/tidak-ada-1/)\n\n<!-- [dalam komentar](/tidak-ada-2/) -->\n\n"
            "<!--\n<a href=\"/tidak-ada-3/\">x</a>\n-->\n\n"
            "[rusak sungguhan](/tidak-ada-4/) dan <a href=\"/tidak-ada-5/\">HTML</a> "
            "dan [kirim](javascript:kirim())\n\n[acuan]: /tidak-ada-6/\n\nLihat [acuan].\n\n"
            "```html\n<script>x()</script>\n<a href=\"/tidak-ada-7/\" onclick=\"x()\">x</a>\n```\n\n"
            "`<iframe src=\"https://evil.example/\">` dalam kode\n")
    write_content(tmp_path, {**BASE_FILES, "innovations/sehat-keliling.md": INNOVATION.replace("Isi inovasi.\n", body)})
    lines = run(tmp_path, "check").stdout.splitlines()
    broken = "tidak menuju halaman atau berkas mana pun di situs ini"
    assert [line for line in lines if broken in line] == [
        f"{INN}:19: error: tautan '/tidak-ada-4/' {broken}",
        f"{INN}:19: error: tautan '/tidak-ada-5/' {broken}",
        f"{INN}:21: error: tautan '/tidak-ada-6/' {broken}",
    ]
    assert [line for line in lines if ": warning: " in line] == [
        f"{INN}:19: warning: alamat 'javascript:kirim()' dibuang saat diterbitkan; hanya http, https, mailto dan "
        "alamat di situs ini yang diizinkan"]


def test_wilayah_prints_the_codes_of_regions_by_name(tmp_path):
    write_content(tmp_path, {**BASE_FILES, "regions.yaml": '"32.99": {name: Kota Bekasi Baru}\n'})
    found = run(tmp_path, "wilayah", "bekasi")
    assert (found.returncode, found.stdout) == (0, "32.16  Kabupaten Bekasi\n32.75  Kota Bekasi\n"), found.stderr
    province = run(tmp_path, "wilayah", "JAWA barat")
    assert (province.returncode, province.stdout) == (0, "32     Jawa Barat\n")
    assert run(tmp_path, "wilayah", "Kota  Bekasi").stdout == "32.75  Kota Bekasi\n"
    assert run(tmp_path, "wilayah", "32.75").stdout == "32.75  Kota Bekasi\n"  # a code: its name
    assert run(tmp_path, "wilayah", "32.99").stdout == "32.99  Kota Bekasi Baru\n"
    assert run(tmp_path, "wilayah", "Bekasi Baru", "--content", "content").stdout == "32.99  Kota Bekasi Baru\n"
    assert run(tmp_path, "wilayah", "Bekasi Baru", "--content", "tidak-ada").returncode == 1  # the official list only
    none = run(tmp_path, "wilayah", "Atlantis")
    assert none.returncode == 1 and none.stdout == ""
    assert none.stderr == ("wilayah: tidak ada wilayah yang namanya cocok dengan 'Atlantis'; tulis sebagian nama "
                           "kabupaten, kota atau provinsi, misalnya 'bekasi' atau 'jawa barat'\n")


# -- the body scanner: what the page shows, at the right lines (issue 12 review) --------------------

def _check_body(tmp_path, body: str, env: dict[str, str] | None = None) -> list[str]:
    write_content(tmp_path, {**BASE_FILES, "innovations/sehat-keliling.md": INNOVATION.replace("Isi inovasi.\n", body)})
    result = run(tmp_path, "check", env=env)
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout.splitlines()[:-1]


BROKEN = "tidak menuju halaman atau berkas mana pun di situs ini"


def test_a_body_the_parser_cannot_finish_gets_the_builds_message(tmp_path):
    body = "[a" * 3000 + "\n\n" + "teks panjang " * 3000 + "\n"
    env = {"KATALOG_BODY_SECONDS": "0.05"}
    lines = _check_body(tmp_path, body, env)
    message = (f"{INN}: error: isi Markdown entri ini tidak selesai diolah dalam 0.05 detik; biasanya karena ribuan "
               "tanda '[' atau '<' yang tidak berpasangan, atau ribuan baris singkatan/definisi; rapikan isinya")
    assert lines == [message]
    assert message in run(tmp_path, env=env).stderr.splitlines()


def test_a_broken_link_written_twice_is_reported_twice(tmp_path):
    lines = _check_body(tmp_path, "[a](/x/) dan [b](/y/)\n\nTeks.\n\n[c](/x/)\n")
    assert lines == [f"{INN}:9: error: tautan '/x/' {BROKEN}", f"{INN}:9: error: tautan '/y/' {BROKEN}",
                     f"{INN}:13: error: tautan '/x/' {BROKEN}"]


def test_links_inside_elements_the_sanitiser_drops_whole_are_not_reported(tmp_path):
    body = ('<svg><a href="/tidak-ada-1/">x</a></svg>\n\n<noscript><a href="/tidak-ada-2/">y</a></noscript>\n\n'
            'Teks <object data="x"><a href="/tidak-ada-3/">z</a></object> dan <a href="/tidak-ada-4/">w</a>\n')
    assert _check_body(tmp_path, body) == [
        f"{INN}:9: warning: HTML <svg> dibuang saat diterbitkan beserta isinya",
        f"{INN}:11: warning: HTML <noscript> dibuang saat diterbitkan beserta isinya",
        f"{INN}:13: warning: HTML <object> dibuang saat diterbitkan beserta isinya",
        f"{INN}:13: error: tautan '/tidak-ada-4/' {BROKEN}",
    ]


def test_attributes_of_html_holding_markdown_are_judged(tmp_path):
    body = ('Teks.\n\n<div markdown="1" style="color: red" onclick="x()">\n*tebal* dan [tautan](/tidak-ada/)\n\n'
            '<p class="k" onmouseover="y()">dalam</p>\n</div>\n')
    assert _check_body(tmp_path, body) == [
        f"{INN}:11: warning: atribut 'onclick' pada <div> dibuang saat diterbitkan",
        f"{INN}:11: warning: atribut 'style' pada <div> dibuang saat diterbitkan",
        f"{INN}:12: error: tautan '/tidak-ada/' {BROKEN}",
        f"{INN}:14: warning: atribut 'onmouseover' pada <p> dibuang saat diterbitkan",
    ]


def test_examples_in_code_are_not_blamed_for_what_follows_them(tmp_path):
    body = ('Contoh:\n\n```html\n<p onclick="x()">contoh</p>\n```\n\n    [contoh](/tidak-ada/)\n\n'
            '<p onclick="x()">sungguhan</p>\n\n[sungguhan](/tidak-ada/)\n')
    assert _check_body(tmp_path, body) == [
        f"{INN}:17: warning: atribut 'onclick' pada <p> dibuang saat diterbitkan",
        f"{INN}:19: error: tautan '/tidak-ada/' {BROKEN}",
    ]


def test_thousands_of_links_with_entities_get_their_lines_quickly():
    from katalog.bodyscan import Scanner

    body = "".join(f"- [x](/inovasi/twup4-kota-bekasi/?a=1&amp;b={n})\n" for n in range(1500))
    links = Scanner().scan(body, 10).links
    assert len(links) == 1500
    assert [(links[n].target, links[n].line) for n in (0, 1, 700, 1499)] == [
        (f"/inovasi/twup4-kota-bekasi/?a=1&b={n}", 10 + n) for n in (0, 1, 700, 1499)]


def test_a_tag_with_no_latin_letter_or_digit_is_refused_by_build_and_check(tmp_path):
    write_content(tmp_path, {**BASE_FILES, "innovations/sehat-keliling.md": INNOVATION.replace(
        "tags: [kesehatan, desa]", 'tags: [kesehatan, 北京, "!!!"]')})
    expected = [f"{INN}:7: error: field 'tags': tag '{tag}' tidak dapat dipakai sebagai alamat halaman topik: tidak ada "
                "huruf Latin atau angka di dalamnya; tulis dengan huruf Latin atau angka" for tag in ("!!!", "北京")]
    checked, built = run(tmp_path, "check"), run(tmp_path)
    assert checked.returncode == built.returncode == 1
    assert _errors(checked.stdout) == _errors(built.stderr) == set(expected)


def test_a_body_without_links_the_parser_cannot_finish_is_reported(tmp_path):
    lines = _check_body(tmp_path, "istilah\n: arti\n" * 3000)
    message = f"{INN}: error: " + BODY_TOO_DEEP
    assert lines == [message]
    assert message in run(tmp_path).stderr.splitlines()


def test_check_refuses_bad_environment_values_as_the_build_does(tmp_path):
    """A typo in CI's KATALOG_TODAY or KATALOG_BODY_SECONDS ends check as it ends build:
    one line per variable, exit 1, never a traceback."""
    write_content(tmp_path / "content", BASE_FILES)
    env = {"KATALOG_TODAY": "besok", "KATALOG_BODY_SECONDS": "abc"}
    checked = run(tmp_path, "check", env=env)
    built = run(tmp_path, "build", env=env)
    expected = ["KATALOG_TODAY: error: nilai 'besok' tidak dapat dipakai; tulis tanggal sebagai YYYY-MM-DD, "
                "misalnya 2024-05-01",
                "KATALOG_BODY_SECONDS: error: nilai 'abc' tidak dapat dipakai; tulis jumlah detik lebih dari 0, "
                "misalnya 10 atau 2.5"]
    assert checked.returncode == 1 and "Traceback" not in checked.stderr + checked.stdout
    assert checked.stdout.splitlines() == expected + ["Pemeriksaan selesai: 2 error, 0 peringatan."]
    assert built.returncode == 1 and sorted(built.stderr.splitlines()[:-1]) == sorted(expected)
