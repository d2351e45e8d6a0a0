"""The build state (katalog.state) and the output trees (katalog.trees, katalog.publish):
what the cache key covers, hand-made damage to the output repaired, leftovers of killed
builds removed, and builds that cannot write ending in one message with nothing changed.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from contentkit import BASE_FILES, run, site_digest, tree_digest, write_content
from katalog.builder import BuildOptions, build
from test_incremental import _age_all, _edit

NEWS_PAGE = "berita/berita-sehat/index.html"  # dated 2020-01-05


def _site(tmp_path: Path) -> Path:
    write_content(tmp_path, BASE_FILES)
    _age_all(tmp_path)
    return tmp_path


def _clean_digest(root: Path, **env) -> dict[str, str]:
    proc = run(root, "--output", "ref", "--no-cache", env=env)
    assert proc.returncode == 0, proc.stderr
    return site_digest(root / "ref")


# -- the day a build takes as today ----------------------------------------------------

def test_an_earlier_day_drops_entries_dated_after_it(tmp_path: Path):
    """The reported case: 2026-11-30, then 2019-05-01 answered 'tidak ada yang berubah' and
    kept a news item dated 2020 that a clean build for 2019-05-01 leaves out."""
    root = _site(tmp_path)
    assert run(root, env={"KATALOG_TODAY": "2026-11-30"}).returncode == 0
    assert (root / "output" / NEWS_PAGE).is_file()
    proc = run(root, env={"KATALOG_TODAY": "2019-05-01"})
    assert proc.returncode == 0, proc.stderr
    assert "tidak ada yang berubah" not in proc.stdout
    assert not (root / "output" / NEWS_PAGE).exists()
    assert site_digest(root / "output") == _clean_digest(root, KATALOG_TODAY="2019-05-01")


def test_a_later_day_before_anything_is_due_keeps_the_quick_road(tmp_path: Path):
    root = _site(tmp_path)
    assert run(root, env={"KATALOG_TODAY": "2026-11-30"}).returncode == 0
    proc = run(root, env={"KATALOG_TODAY": "2026-12-01"})
    assert proc.returncode == 0 and "tidak ada yang berubah" in proc.stdout, proc.stdout + proc.stderr


# -- the libraries that shape the output -------------------------------------------------

def test_a_new_sanitiser_version_converts_every_body_again(tmp_path: Path, monkeypatch):
    """A security fix in nh3 must reach a cached site: simulated in-process, the first
    build cleans bodies with a sanitiser that lets everything through (the 'old version'),
    the second runs with the real one and nh3's version reported as newer."""
    import katalog.sanitize
    import katalog.state.key as key

    root = _site(tmp_path)
    _edit(root, "innovations/sehat-keliling.md", "Isi inovasi.", 'Isi <b onclick="curi()">inovasi</b>.')
    options = BuildOptions(root / "content", root / "output", progress=False)

    class LetsAllThrough:
        def clean(self, html: str) -> str:
            return html

    with monkeypatch.context() as m:
        m.setattr(katalog.sanitize, "_cleaner", lambda hosts: LetsAllThrough())
        build(options)
    page = root / "output/inovasi/sehat-keliling/index.html"
    assert "onclick" in page.read_text(encoding="utf-8")

    real = key.distribution_version
    monkeypatch.setattr(key, "distribution_version", lambda name: "99.0" if name == "nh3" else real(name))
    result = build(options)
    assert result.mode == "clean"
    assert "onclick" not in page.read_text(encoding="utf-8")


def test_the_key_names_every_library_that_shapes_the_output():
    from katalog.state import library_versions

    names = dict(library_versions())
    assert {"markdown", "nh3", "jinja2", "markupsafe", "pyyaml", "libyaml", "babel", "python-frontmatter",
            "PySastrawi"} <= set(names)
    assert all(names[n] for n in ("markdown", "nh3", "jinja2", "pyyaml"))


# -- the output is repaired, whatever was done to it ----------------------------------

@pytest.mark.parametrize("damage", ["deleted", "edited in place", "replaced", "index deleted", "index file edited",
                                    "excerpt text deleted"])
def test_a_page_changed_by_hand_is_restored(tmp_path: Path, damage: str):
    root = _site(tmp_path)
    assert run(root).returncode == 0
    page = root / "output/inovasi/sehat-keliling/index.html"
    if damage == "deleted":
        page.unlink()
    elif damage == "edited in place":  # the trees share this inode: both see the edit
        with open(page, "a", encoding="utf-8") as f:
            f.write("<p>tambahan</p>")
    elif damage == "replaced":
        page.write_bytes(b"x")
        os.utime(page, ns=(1, 1))
    elif damage == "index deleted":
        import shutil

        shutil.rmtree(root / "output/cari/indeks")
    elif damage == "index file edited":
        manifest = root / "output/cari/indeks/manifest.json"
        with open(manifest, "a", encoding="utf-8") as f:
            f.write(" ")
    else:
        (root / "output/cari/indeks/x/inovasi/sehat-keliling.txt").unlink()
    proc = run(root)
    assert proc.returncode == 0, proc.stderr
    assert "tidak ada yang berubah" not in proc.stdout
    assert site_digest(root / "output") == _clean_digest(root)
    # and the tree switched away from still holds the damage, until the next build repairs it
    _edit(root, "innovations/sehat-keliling-kota.md", "Isi replikasi.", "Isi replikasi baru.")
    assert run(root).returncode == 0
    assert site_digest(root / "output") == _clean_digest(root)


def test_leftovers_of_a_killed_build_are_removed(tmp_path: Path):
    root = _site(tmp_path)
    assert run(root).returncode == 0
    junk = [root / ".output.new-abc123", root / ".output.site-0badc0ffee00", root / ".output.link-x"]
    for folder in junk[:2]:
        (folder / "inovasi").mkdir(parents=True)
        (folder / "inovasi/x.html").write_text("sisa", encoding="utf-8")
    os.symlink(".output.site-0badc0ffee00", junk[2])
    cache = root / ".katalog-cache/output"
    (cache / ".manifest.marshal.999.tmp").write_bytes(b"\0" * 100)
    (cache / "contexts/.x.pickle.999.tmp").write_bytes(b"\0")
    mine = root / ".output.catatan"  # not a name the tool makes: never removed
    mine.write_text("milik saya", encoding="utf-8")
    _edit(root, "innovations/sehat-keliling.md", "Isi inovasi.", "Isi inovasi baru.")
    assert run(root).returncode == 0
    assert not any(p.exists() or p.is_symlink() for p in junk)
    assert not list(cache.rglob("*.tmp"))
    assert mine.read_text(encoding="utf-8") == "milik saya"
    assert len(list(root.glob(".output.site-*"))) == 2
    assert site_digest(root / "output") == _clean_digest(root)


def test_an_output_folder_of_the_older_layout_becomes_the_link(tmp_path: Path):
    root = _site(tmp_path)
    assert run(root, "--no-cache").returncode == 0
    real = root / "output"
    os.rename(os.path.realpath(real), root / "lama")
    real.unlink()
    os.rename(root / "lama", real)  # a real folder with the marker, as older versions made
    assert real.is_dir() and not real.is_symlink()
    assert run(root).returncode == 0
    assert real.is_symlink() and site_digest(real) == _clean_digest(root)
    assert sorted(p.name for p in root.iterdir() if ".site-" not in p.name) == [
        ".katalog-cache", "content", "output", "output.nginx.conf", "ref", "ref.nginx.conf"]  # nginx snippets beside
    assert len(list(root.glob(".output.site-*"))) == 2


def test_an_output_link_the_tool_did_not_make_is_refused(tmp_path: Path):
    root = _site(tmp_path)
    elsewhere = root / "web"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("situs lain", encoding="utf-8")
    os.symlink("web", root / "output")
    proc = run(root)
    assert proc.returncode == 1
    assert "tautan simbolik yang tidak dibuat oleh Katalog Inovasi" in proc.stderr
    assert (elsewhere / "index.html").read_text(encoding="utf-8") == "situs lain"


# -- builds that cannot write, or are told something they cannot use ----------------------

@pytest.mark.parametrize("variable, value, allowed", [
    ("KATALOG_TODAY", "besok", "tulis tanggal sebagai YYYY-MM-DD"),
    ("KATALOG_BODY_SECONDS", "abc", "tulis jumlah detik lebih dari 0"),
])
def test_a_bad_environment_value_is_named(tmp_path: Path, variable: str, value: str, allowed: str):
    root = _site(tmp_path)
    assert run(root).returncode == 0
    before = tree_digest(root / "output")
    proc = run(root, env={variable: value})
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == f"{variable}: error: nilai '{value}' tidak dapat dipakai; " + \
        proc.stderr.splitlines()[0].split("; ", 1)[1]
    assert allowed in proc.stderr and "Traceback" not in proc.stderr
    assert tree_digest(root / "output") == before


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture()
def tmpfs(tmp_path: Path):
    """A small file system of its own: a tmpfs mounted when the tests run as root (as here
    and in the container CI uses); skipped elsewhere (the in-process test below still runs)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)):
        pytest.skip("cannot mount a tmpfs here (not root)")
    yield disk
    subprocess.run(["umount", "-l", str(disk)])


def test_disk_full_ends_in_one_message_and_changes_nothing(tmpfs: Path):
    """A real full disk: the 3 MB tmpfs filled up to the last few KB before the build."""
    root = _site(tmpfs)
    assert run(root).returncode == 0
    before = tree_digest(root / "output")
    _edit(root, "innovations/sehat-keliling.md", "Isi inovasi.", "Isi inovasi " + "panjang " * 2000)
    free = os.statvfs(tmpfs).f_bavail * os.statvfs(tmpfs).f_frsize
    (tmpfs / "pengisi").write_bytes(b"\0" * max(0, free - 8192))
    proc = run(root)
    assert proc.returncode == 1, proc.stdout
    lines = proc.stderr.splitlines()
    assert len(lines) == 2 and "ruang disk penuh" in lines[0] and "Traceback" not in proc.stderr, proc.stderr
    (tmpfs / "pengisi").unlink()
    assert tree_digest(root / "output") == before  # the spare tree took the failed writes
    assert not [p for p in root.iterdir() if ".new-" in p.name]
    assert not list((root / ".katalog-cache").rglob("*.tmp"))
    proc = run(root)
    assert proc.returncode == 0, proc.stderr
    assert site_digest(root / "output") == _clean_digest(root)


def test_disk_full_while_writing_a_page(tmp_path: Path, monkeypatch):
    """The same without a file system of its own: ENOSPC simulated in-process, from the
    os.write that writes pages."""
    import errno

    from katalog.diagnostics import BuildFailed

    root = _site(tmp_path)
    options = BuildOptions(root / "content", root / "output", progress=False, jobs=1)
    build(options)
    before = tree_digest(root / "output")
    _edit(root, "innovations/sehat-keliling.md", "Isi inovasi.", "Isi inovasi baru.")

    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(BuildFailed) as failed:
        build(options)
    monkeypatch.undo()
    assert [d.format() for d in failed.value.diagnostics] == [
        f"{root / 'output'}: error: build tidak dapat menulis: ruang disk penuh; kosongkan ruang lalu jalankan build lagi"]
    assert tree_digest(root / "output") == before
    assert not [p for p in root.iterdir() if ".new-" in p.name]
    assert build(options).mode == "bodies"
    assert site_digest(root / "output") == _clean_digest(root)


def test_a_read_only_output_folder_ends_in_one_message(tmpfs: Path):
    """Read-only by remounting the tmpfs read-only (chmod is ignored for root): the folder
    holding the output cannot be written at all, not even a staging folder."""
    root = _site(tmpfs)
    assert run(root).returncode == 0
    before = tree_digest(root)
    _edit(root, "innovations/sehat-keliling.md", "Isi inovasi.", "Isi inovasi baru.")
    assert _mount("-o", "remount,ro", str(tmpfs))
    proc = run(root)
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert len(lines) == 2 and "hanya-baca" in lines[0] and "Traceback" not in proc.stderr, proc.stderr
    assert {k: v for k, v in tree_digest(root).items() if not k.startswith("content/")} == \
        {k: v for k, v in before.items() if not k.startswith("content/")}
