"""What bodies and settings may put on a page: attributes that carry addresses, ids the
theme owns, and the base URL's path."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from contentkit import BASE_FILES, run, write_content


@pytest.mark.parametrize("flag", ["/katalog/../../", "/katalog/./", "https://contoh.go.id/a/../b/", "/.."])
def test_base_url_with_dot_segments_is_refused(tmp_path, flag):
    write_content(tmp_path, BASE_FILES)
    result = run(tmp_path, "--base-url", flag)
    assert result.returncode == 2
    assert (f"--base-url: base_url '{flag}' tidak valid; path-nya tidak boleh berisi bagian '.' atau '..'; "
            "tulis path folder situs apa adanya, misalnya /katalog-inovasi/") in result.stderr, result.stderr
    assert not (tmp_path / "output").exists()


def test_base_url_with_dot_segments_is_refused_in_site_yaml(tmp_path):
    write_content(tmp_path, {**BASE_FILES, "site.yaml": BASE_FILES["site.yaml"] + "base_url: /katalog/../x/\n"})
    result = run(tmp_path)
    assert result.returncode == 1
    assert ("content/site.yaml:5: error: base_url '/katalog/../x/' tidak valid; path-nya tidak boleh berisi bagian "
            "'.' atau '..'; tulis path folder situs apa adanya, misalnya /katalog-inovasi/") in result.stderr, result.stderr


def test_dots_inside_a_segment_are_fine(tmp_path):
    write_content(tmp_path, BASE_FILES)
    assert run(tmp_path, "--base-url", "/katalog.v2/...x/").returncode == 0


def _body_site(tmp_path, body: str) -> Path:
    innovation = BASE_FILES["innovations/sehat-keliling.md"].replace("Isi inovasi.", body)
    write_content(tmp_path, {**BASE_FILES, "innovations/sehat-keliling.md": innovation})
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "output" / "inovasi" / "sehat-keliling" / "index.html"


def test_cite_attributes_are_removed(tmp_path):
    body = "\n\n".join(f'<{tag} cite="javascript:alert(1)">kutipan {tag}</{tag}>' for tag in ("q", "blockquote", "del", "ins"))
    page = _body_site(tmp_path, body + '\n\n<p><ins cite="https://contoh.go.id/" datetime="2020-01-01">baru</ins></p>')
    html = page.read_text(encoding="utf-8")
    assert "kutipan blockquote" in html and "kutipan q" in html
    assert "cite=" not in html
    assert '<ins datetime="2020-01-01">baru</ins>' in html


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if (a.get("href") or "").startswith("#"):
            self.hrefs.append(a["href"][1:])


def test_body_ids_keep_off_the_ids_the_theme_uses(tmp_path):
    body = ('Paragraf pertama.\n{: id="isi"}\n\n<p id="isi">Paragraf kedua.</p>\n\n## Judul\n\n'
            '<p id="rel-1">Ketiga.</p>\n\n<p id="catatan">Keempat.</p>\n\n[ke isi](#isi) [ke catatan](#catatan)\n')
    page = _body_site(tmp_path, body)
    parser = _Ids()
    parser.feed(page.read_text(encoding="utf-8"))
    ids = parser.ids
    assert ids.count("isi") == 1 and ids.count("judul") <= 1 and ids.count("rel-1") <= 1, ids
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted(i for i in ids if ids.count(i) > 1)}"
    assert {"isi-isi", "isi-isi-2", "isi-judul", "isi-rel-1", "catatan"} <= set(ids), ids
    # the body's own link follows its target; the theme's skip link still goes to <main id="isi">
    assert "isi-isi" in parser.hrefs and "catatan" in parser.hrefs and "isi" in parser.hrefs


def test_theme_ids_are_read_from_the_theme_templates(tmp_path):
    from katalog.markup import template_ids

    (tmp_path / "a.html").write_text('<main id="isi"><h2 id="g-{{ loop.index }}"></h2><div id="{{ s.id }}">'
                                     '<svg><title id="{{ c.id }}-t"></title></svg>'
                                     "<p id='satu' data-id=\"bukan\"></p></main>", encoding="utf-8")
    assert template_ids([str(tmp_path)]) == ("g\\-.*", "isi", "satu")
