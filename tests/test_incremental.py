"""Cached and incremental builds: byte for byte what a clean build makes, doing less.

One content folder goes through a sequence of edits of every kind; after each, the
cached build of ``out/`` must equal a clean ``--no-cache`` build of ``ref/``, file for
file, and it must have taken the quick road the edit allows.
"""

from __future__ import annotations

import os
import pty
import sys
import time
from pathlib import Path

import pytest

from contentkit import BASE_FILES, REPO, read_page, run, site_digest, tree_digest, write_content
from katalog.builder import BuildOptions, build

MORE = {
    "innovations/pasar-daring.md": """\
        ---
        title: Pasar Daring Desa
        region: "35.05"
        summary: Pasar daring untuk produk desa.
        stage: uji-coba
        sector: koperasi-ukm
        tags: [desa, pasar]
        ---
        ## Latar belakang

        Produk desa dijual *daring*.
        """,
    "pages/tentang.md": "---\ntitle: Tentang\nmenu: 1\n---\nTentang katalog ini.\n",
}


def _build(root: Path, out: str, **options) -> object:
    return build(BuildOptions(root / "content", root / out, **options))


_clock = [time.time_ns() - 3600 * 10**9]


def _touch_later(path: Path) -> None:
    """Give an edited file a modification time of its own, an hour in the past: a file
    written within the last seconds is one the build rightly re-checks every time
    (katalog.state.RACY_NS), which would hide which road a build took."""
    _clock[0] += 1_000_000
    os.utime(path, ns=(_clock[0], _clock[0]))


def _age_all(root: Path) -> None:
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        _touch_later(path)


def _written(root: Path, files: dict) -> None:
    write_content(root, files)
    for rel in files:
        _touch_later(root / "content" / rel)


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / "content" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} has no {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    _touch_later(path)


def _same_as_clean(root: Path) -> dict[str, str]:
    ref = _build(root, "ref", cache=False)
    assert ref.mode == "clean"
    got, want = site_digest(root / "out"), site_digest(root / "ref")
    assert any(p.startswith("cari/indeks/p/") for p in want), "the clean build has no search index"
    assert sorted(got) == sorted(want), f"files differ: only cached {sorted(set(got) - set(want))}, only clean {sorted(set(want) - set(got))}"
    differing = [p for p in want if got[p] != want[p]]
    assert not differing, f"pages differ from a clean build: {differing}"
    return got


SEQUENCE = [
    # (what, edit, the mode the cached build must take)
    ("body of an innovation", lambda r: _edit(r, "innovations/sehat-keliling.md", "Isi inovasi.", "Isi inovasi yang **baru**."), "bodies"),
    ("body of a static page", lambda r: _edit(r, "pages/tentang.md", "Tentang katalog ini.", "Tentang katalog."), "bodies"),
    ("a title, shown on lists, regions and cross-links", lambda r: _edit(r, "innovations/sehat-keliling.md", "Layanan Sehat Keliling\n", "Layanan Sehat Keliling Desa\n"), "update"),
    ("an innovation moves region", lambda r: _edit(r, "innovations/pasar-daring.md", '"35.05"', '"32.75"'), "update"),
    ("a new entry", lambda r: _written(r, {"news/berita-pasar.md": "---\ntitle: Berita Pasar\ndate: 2021-02-03\nsummary: Pasar daring dibuka.\nregions: [\"32.75\"]\ninnovations: [pasar-daring]\n---\nIsi.\n"}), "update"),
    ("a file renamed (new slug)", lambda r: os.replace(r / "content/news/berita-pasar.md", r / "content/news/pasar-dibuka.md"), "update"),
    ("an entry deleted", lambda r: (r / "content/news/pasar-dibuka.md").unlink(), "update"),
    ("site settings", lambda r: _edit(r, "site.yaml", "title: Katalog Uji", "title: Katalog Uji Coba"), "update"),
    ("a tag given a label in terms.yaml", lambda r: _written(r, {"terms.yaml": "desa: Desa dan kelurahan\n"}), "update"),
    ("a region renamed in regions.yaml", lambda r: _written(r, {"regions.yaml": '"32.75":\n  name: Kota Bekasi Raya\n'}), "update"),
    ("a template of the site's theme", lambda r: _edit(r, "../themes/lokal/templates/partials/card.html", "card-summary", "card-summary ringkas"), "update"),
    ("a style sheet of the site's theme (published under a new hashed name)",
     lambda r: _written(r, {"../themes/lokal/static/style.css": (REPO / "katalog/themes/default/static/style.css").read_text(encoding="utf-8") + ".baru{}\n"}), "update"),
    ("a media file added", lambda r: _written(r, {"media/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"}), "update"),
    ("a media file removed", lambda r: (r / "content/media/logo.svg").unlink(), "update"),
]


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path)


def make_site(tmp_path: Path) -> Path:
    """A content folder with a site theme of its own, every file aged past the racy window."""
    write_content(tmp_path, {**BASE_FILES, **MORE})
    theme = tmp_path / "themes" / "lokal"
    (theme / "templates" / "partials").mkdir(parents=True)
    (theme / "theme.yaml").write_text("extends: default\n", encoding="utf-8")
    card = (REPO / "katalog/themes/default/templates/partials/card.html").read_text(encoding="utf-8")
    (theme / "templates/partials/card.html").write_text(card, encoding="utf-8")
    _edit(tmp_path, "site.yaml", "language: id", "language: id\ntheme: lokal")
    _age_all(tmp_path)
    return tmp_path


def test_cached_builds_equal_clean_builds_after_every_kind_of_edit(site: Path):
    first = _build(site, "out")
    assert first.mode == "clean"
    _same_as_clean(site)
    again = _build(site, "out")
    assert (again.mode, again.written) == ("unchanged", 0)

    for what, edit, mode in SEQUENCE:
        edit(site)
        result = _build(site, "out")
        assert result.mode == mode, f"after {what}: took the {result.mode!r} road, expected {mode!r}"
        assert result.written or result.removed or result.copied, f"after {what}: nothing was rewritten"
        assert result.written < first.pages or what.startswith(("a template", "site settings")), \
            f"after {what}: every page was rewritten"
        _same_as_clean(site)


def test_deleted_entry_page_disappears_and_links_to_it_go(site: Path):
    _build(site, "out")
    page = site / "out/berita/berita-sehat/index.html"
    assert page.is_file()
    assert "/berita/berita-sehat/" in read_page(site / "out", "inovasi/sehat-keliling/").hrefs()
    (site / "content/news/berita-sehat.md").unlink()
    result = _build(site, "out")
    assert result.removed >= 1
    assert not page.exists() and not page.parent.exists()
    assert "/berita/berita-sehat/" not in read_page(site / "out", "inovasi/sehat-keliling/").hrefs()
    assert "/berita/berita-sehat/" not in read_page(site / "out", "berita/").hrefs()


def test_an_edit_of_terms_yaml_rewrites_the_pages_that_show_the_tag_and_no_other(site: Path):
    _build(site, "out")
    before = tree_digest(site / "out")
    _written(site, {"terms.yaml": "desa:\n  label: Desa dan kelurahan\n  description: Wilayah terkecil.\n"})
    result = _build(site, "out")
    assert result.mode == "update"
    after = _same_as_clean(site)
    page = read_page(site / "out", "tag/desa/")
    assert page.h1 == "Desa dan kelurahan" and "Wilayah terkecil." in page.text
    assert ("Desa dan kelurahan", "/tag/desa/") in [(l.text, l.href) for l in
                                                   read_page(site / "out", "inovasi/pasar-daring/").links]
    changed = {p for p in before if p.endswith(".html") and before[p] != after.get(p)}
    # the tag's page, its place in the list of tags, and the pages of the entries tagged with it
    assert {"tag/desa/index.html", "tag/index.html", "inovasi/sehat-keliling/index.html",
            "inovasi/pasar-daring/index.html"} <= changed
    assert changed <= {"tag/desa/index.html", "tag/index.html", "inovasi/sehat-keliling/index.html",
                       "inovasi/pasar-daring/index.html"}, sorted(changed)
    assert result.written < result.pages


def test_parallel_render_equals_serial_render(site: Path):
    _build(site, "serial", cache=False, jobs=1)
    _build(site, "parallel", cache=False, jobs=2)
    assert site_digest(site / "parallel") == site_digest(site / "serial")


def test_bad_edit_leaves_output_and_cache_alone(site: Path):
    _build(site, "out")
    before = tree_digest(site / "out")
    _edit(site, "innovations/sehat-keliling.md", "stage: penerapan", "stage: selesai")
    proc = run(site, "--output", "out")
    assert proc.returncode == 1 and "nilai 'selesai' tidak dikenal" in proc.stderr
    assert tree_digest(site / "out") == before
    _edit(site, "innovations/sehat-keliling.md", "stage: selesai", "stage: penerapan")
    assert _build(site, "out").mode in ("unchanged", "bodies", "update")
    _same_as_clean(site)


def test_no_cache_leaves_no_cache_and_rebuilds_everything(site: Path):
    proc = run(site, "--output", "bersih", "--no-cache")
    assert proc.returncode == 0, proc.stderr
    assert not (site / ".katalog-cache" / "bersih").exists()
    proc = run(site, "--output", "bersih", "--no-cache")
    assert proc.stdout.startswith("Selesai: ") and "ditulis ke bersih/" in proc.stdout


def test_cache_of_an_output_replaced_by_hand_is_not_trusted(site: Path):
    _build(site, "out")
    _build(site, "out", cache=False)  # replaces out/ whole: the cache no longer describes it
    _edit(site, "innovations/sehat-keliling.md", "Isi inovasi.", "Isi lain.")
    assert _build(site, "out").mode == "clean"
    _same_as_clean(site)


# -- the progress display --------------------------------------------------------

def test_progress_stays_out_of_output_that_is_not_a_terminal(site: Path):
    proc = run(site, "--output", "out", "--jobs", "2", env={"KATALOG_PROGRESS_DELAY": "0"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.count("\n") == 1 and proc.stdout.startswith("Selesai: ")


def test_progress_shows_on_a_terminal(site: Path):
    """The counterpart of the test above: on a terminal the bar does appear."""
    pid, fd = pty.fork()
    if pid == 0:  # the child runs the build on the pseudo-terminal
        os.chdir(site)
        os.environ["KATALOG_PROGRESS_DELAY"] = "0"
        os.execv(sys.executable, [sys.executable, str(REPO / "build.py"), "--output", "out", "--no-cache"])
    chunks = []
    while True:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    text = b"".join(chunks).decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "Merender" in text, text
    assert "Selesai: " in text


def test_a_theme_template_edit_leaves_the_data_files_and_feeds_alone(site: Path):
    """Files made from built-in templates the theme does not replace (data files, feeds,
    server files) do not depend on the theme: a theme edit re-renders the pages only."""
    _build(site, "out")
    out = site / "out"
    made = [p.relative_to(out).as_posix() for p in out.rglob("*")
            if p.is_file() and (p.suffix in (".csv", ".json", ".jsonld", ".xml") or p.name in ("_headers", ".htaccess"))
            and not p.relative_to(out).as_posix().startswith("cari/")]
    assert {"data/inovasi.csv", "data/inovasi.json", "data/katalog.jsonld", "berita/feed.xml"} <= set(made), made
    inodes = {rel: (out / rel).stat().st_ino for rel in made}
    _edit(site, "../themes/lokal/templates/partials/card.html", "card-summary", "card-summary ringkas")
    result = _build(site, "out")
    assert result.mode == "update" and result.written
    assert {rel: (out / rel).stat().st_ino for rel in made} == inodes, "a file not made from the theme was made again"
    _same_as_clean(site)
