"""``python build.py serve`` driven for real: a server on a free port, files edited on disk,
the new content served (and pushed to an open tab) without a restart, a broken file
turned into an error page and a fixed one bringing the site back."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from contentkit import BASE_FILES, REPO, write_content

INNOVATION = "content/innovations/sehat-keliling.md"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def _until(check, what: str, timeout: float = 20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture()
def server(tmp_path):
    draft = BASE_FILES["news/berita-sehat.md"].replace("title: Berita Layanan Sehat", "title: Berita Draf\ndraft: true")
    write_content(tmp_path, {**BASE_FILES, "news/berita-draf.md": draft})
    port = _free_port()
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--port", str(port)], cwd=tmp_path,
                            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/"
    try:
        _until(lambda: _reachable(url), "the server to answer")
        yield tmp_path, url, proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()
    assert not (tmp_path / "output").exists(), "the preview wrote into the publishing output folder"


def _reachable(url: str) -> bool:
    try:
        return _get(url)[0] == 200
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


def test_an_edit_is_served_without_restarting(server):
    root, url, proc = server
    status, page = _get(url + "inovasi/sehat-keliling/")
    assert status == 200 and "Isi inovasi." in page
    assert "livereload.js" in page, "the page carries no live-reload client"
    # drafts are visible in the preview, marked as such, and only there
    status, draft = _get(url + "berita/berita-draf/")
    assert status == 200 and "Draf" in draft
    assert (root / "pratinjau/berita/berita-draf/index.html").is_file()

    _edit(root, INNOVATION, "Isi inovasi.", "Isi inovasi yang baru disunting.")
    _until(lambda: "baru disunting" in _get(url + "inovasi/sehat-keliling/")[1], "the edited body")
    # the search index is brought up to date by the same rebuild: its excerpt text and
    # the dictionary know the new words as soon as the page is served
    text = root / "pratinjau/cari/indeks/x/inovasi/sehat-keliling.txt"
    assert "baru disunting" in text.read_text(encoding="utf-8")
    assert any('"disunting"' in d.read_text(encoding="utf-8") for d in (root / "pratinjau/cari/indeks/d").iterdir())
    _edit(root, INNOVATION, "Layanan Sehat Keliling\n", "Layanan Sehat Keliling Desa\n")
    _until(lambda: "Layanan Sehat Keliling Desa" in _get(url + "wilayah/jawa-barat/kabupaten-bekasi/")[1],
           "the new title on the region page")
    assert proc.poll() is None


def test_a_broken_file_shows_an_error_page_until_it_is_fixed(server):
    root, url, proc = server
    _edit(root, INNOVATION, "stage: penerapan", "stage: selesai")
    status, page = _until(lambda: (lambda r: r if r[0] == 500 else None)(_get(url + "inovasi/sehat-keliling/")),
                          "the error page")
    assert "Build gagal: 1 masalah" in page
    assert ("<code>content/innovations/sehat-keliling.md:5</code> <strong>error</strong>: field &#x27;stage&#x27;: "
            "nilai &#x27;selesai&#x27; tidak dikenal") in page
    assert "livereload.js" in page, "the error page must reload itself once fixed"
    assert proc.poll() is None, "a bad edit stopped the server"

    _edit(root, INNOVATION, "stage: selesai", "stage: uji-coba")
    _until(lambda: (lambda r: r[0] == 200 and "Uji coba" in r[1])(_get(url + "inovasi/sehat-keliling/")),
           "the page back after the fix")


def test_an_open_tab_reloads_by_itself(server, browser):
    root, url, _ = server
    page = browser.new_page()
    try:
        page.goto(url + "inovasi/sehat-keliling/")
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=10000)
        _edit(root, INNOVATION, "Isi inovasi.", "Isi inovasi, dimuat ulang sendiri.")
        page.wait_for_function("() => document.body.innerText.includes('dimuat ulang sendiri')", timeout=20000)
    finally:
        page.close()


def test_preview_rebuilds_equal_clean_builds_after_every_kind_of_edit(tmp_path):
    """The server's own loop, in one long-lived process as `serve` runs it: after each edit,
    addition, rename and deletion its output equals a clean build of the same content."""
    import io

    from contentkit import site_digest
    from katalog.builder import BuildOptions, build
    from katalog.serve import Preview
    from test_incremental import SEQUENCE, make_site

    make_site(tmp_path)
    log = io.StringIO()
    preview = Preview(BuildOptions(tmp_path / "content", tmp_path / "pratinjau"), out=log)
    preview.rebuild()
    for what, edit, _ in SEQUENCE:
        edit(tmp_path)
        preview.rebuild()
        assert not preview.problems, f"after {what}: {preview.problems}"
        ref = tmp_path / "ref"
        build(BuildOptions(tmp_path / "content", ref, base_url="/", drafts=True, cache=False))
        assert site_digest(tmp_path / "pratinjau") == site_digest(ref), f"after {what}: preview differs from a clean build"
    assert preview.builds == len(SEQUENCE) + 1 and "Build gagal" not in log.getvalue()
    assert "Indeks pencarian: " in log.getvalue()
