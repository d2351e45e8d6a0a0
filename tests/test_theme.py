"""Site themes: `extends:` names a theme folder and nothing else; broken theme files are
reported as `file:line` messages, never a traceback, by `build` and `check` alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from contentkit import BASE_FILES, read_page, run, write_content

FAILED = "Build gagal: 1 masalah ditemukan; folder output/ tidak diubah."
BAD_EXTENDS = ("themes/lokal/theme.yaml:{line}: error: extends '{value}' tidak valid; tulis nama sebuah folder tema "
               "di themes/ atau nama tema bawaan, misalnya default (huruf, angka, '-' dan '_'; bukan jalur folder)")


def _site(root: Path, files: dict[str, str]) -> Path:
    """A content folder using the site theme ``themes/lokal`` made of ``files``."""
    write_content(root, {**BASE_FILES, "site.yaml": BASE_FILES["site.yaml"] + "theme: lokal\n"})
    theme = root / "themes" / "lokal"
    for rel, text in files.items():
        (theme / rel).parent.mkdir(parents=True, exist_ok=True)
        (theme / rel).write_text(text, encoding="utf-8")
    return root


def _refused(root: Path) -> list[str]:
    """stderr of a failed build, after checking that it failed cleanly and wrote nothing."""
    result = run(root)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "output").exists()
    return result.stderr.splitlines()


@pytest.mark.parametrize("value, line", [
    ("/etc", 1),
    ("../../x", 1),
    ("5", 2),
    ("default/../../..", 1),
    ("true", 1),
])
def test_extends_names_a_theme_folder_and_nothing_else(tmp_path, value, line):
    text = f"extends: {value}\n" if line == 1 else f"# tema kabupaten\nextends: {value}\n"
    root = _site(tmp_path, {"theme.yaml": text})
    assert _refused(root) == [BAD_EXTENDS.format(line=line, value=value), FAILED]


def test_extends_a_list_is_refused(tmp_path):
    root = _site(tmp_path, {"theme.yaml": "extends:\n  - default\n"})
    assert _refused(root)[0].startswith("themes/lokal/theme.yaml:1: error: extends harus satu nama, bukan daftar")


def test_an_absolute_extends_publishes_nothing_from_outside(tmp_path):
    outside = tmp_path / "rahasia"
    (outside / "static").mkdir(parents=True)
    (outside / "static" / "kunci.txt").write_text("kata sandi server")
    (outside / "theme.yaml").write_text("extends: default\n")  # shaped like a theme, so it would be used
    root = _site(tmp_path / "situs", {"theme.yaml": f"extends: {outside}\n"})
    assert _refused(root) == [BAD_EXTENDS.format(line=1, value=outside), FAILED]


def test_extends_an_unknown_theme_names_the_line(tmp_path):
    root = _site(tmp_path, {"theme.yaml": "# tema\n\nextends: tidak-ada\n"})
    assert _refused(root) == [
        f"themes/lokal/theme.yaml:3: error: tema 'tidak-ada' tidak ditemukan di themes atau di tema bawaan", FAILED]


def test_a_malformed_theme_yaml_is_a_message(tmp_path):
    root = _site(tmp_path, {"theme.yaml": "extends: [default\n"})
    assert _refused(root) == [
        "themes/lokal/theme.yaml:1: error: YAML tidak valid: daftar yang dibuka dengan '[' di baris ini tidak ditutup "
        "dengan ']', atau item-itemnya tidak dipisah koma", FAILED]


def test_a_theme_yaml_that_is_not_a_mapping_is_a_message(tmp_path):
    root = _site(tmp_path, {"theme.yaml": "- default\n"})
    assert _refused(root) == [
        "themes/lokal/theme.yaml:1: error: theme.yaml harus berisi field, misalnya 'extends: default'", FAILED]


@pytest.mark.parametrize("text, message", [
    ("nav.regions: Daerah\nnav.home: 'Beranda\n",
     "themes/lokal/i18n/id.yaml:2: error: YAML tidak valid: tanda kutip yang dibuka di baris ini tidak pernah ditutup"),
    ("- Daerah\n",
     "themes/lokal/i18n/id.yaml:1: error: berkas terjemahan harus berisi pasangan 'kunci: teks', satu per baris"),
    ("nav.regions: Daerah\nnav.home:\n  - Beranda\n",
     "themes/lokal/i18n/id.yaml:2: error: terjemahan 'nav.home' harus berupa teks, bukan daftar"),
    ("nav.regions:\n",
     "themes/lokal/i18n/id.yaml:1: error: terjemahan 'nav.regions' harus berupa teks, bukan kosong"),
    ("nav.regions: {a: b}\n",
     "themes/lokal/i18n/id.yaml:1: error: terjemahan 'nav.regions' harus berupa teks, bukan kumpulan field"),
    (b"nav.regions: \xff\n".decode("latin-1"),
     None),
])
def test_a_malformed_i18n_file_is_a_message(tmp_path, text, message):
    root = _site(tmp_path, {"theme.yaml": "extends: default\n", "i18n/id.yaml": text})
    if message is None:  # not UTF-8
        (root / "themes/lokal/i18n/id.yaml").write_bytes(b"nav.regions: \xff\n")
        message = "themes/lokal/i18n/id.yaml:1: error: berkas bukan teks UTF-8; simpan ulang sebagai UTF-8"
    assert _refused(root) == [message, FAILED]


def test_check_reports_theme_problems_too(tmp_path):
    root = _site(tmp_path, {"theme.yaml": "extends: /etc\n"})
    result = run(root, "check")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert BAD_EXTENDS.format(line=1, value="/etc") in result.stdout


def test_i18n_scalars_are_read_as_written(tmp_path):
    root = _site(tmp_path, {"theme.yaml": "extends: default\n", "i18n/id.yaml": "nav.regions: yes\n"})
    result = run(root)
    assert result.returncode == 0, result.stderr
    home = read_page(root / "output", "")
    assert [l.text for l in home.links if l.href == "/wilayah/" and "site-nav" in l.classes] == ["yes"]


def test_the_default_theme_ships_inside_the_package():
    from katalog.theme import builtin_themes

    default = builtin_themes() / "default"
    assert default.parent.parent.name == "katalog"
    assert (default / "templates" / "base.html").is_file() and (default / "static" / "style.css").is_file()
    assert sorted(p.name for p in (default / "i18n").iterdir()) == ["en.yaml", "id.yaml"]
