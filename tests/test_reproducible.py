"""Reproducible output: the same content gives the same bytes, whatever folder it is
built in and from, whether the cache was used or not; SOURCE_DATE_EPOCH sets the
build's day when KATALOG_TODAY does not; nothing private is published."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from contentkit import REPO, run, site_digest, write_content

from katalog.builder import BuildOptions, build

SAMPLE = REPO / "content"
EPOCH = "1735689600"  # 2025-01-01 00:00:00 UTC
NO_TODAY = {"KATALOG_TODAY": "", "SOURCE_DATE_EPOCH": EPOCH}
BASE_URL = "https://contoh.go.id/katalog/"


def _copy_sample(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(SAMPLE, content)
    return content


def _build_cli(content: Path, output: Path, *extra: str, env: dict[str, str] | None = None) -> None:
    proc = run(content.parent, "build", "--content", str(content), "--output", str(output), *extra,
               env={**NO_TODAY, **(env or {})})
    assert proc.returncode == 0, proc.stderr


def _every_byte(output: Path) -> dict[str, bytes]:
    """Relative path -> bytes of every file of a built site, the link followed."""
    found = {}
    for folder, _, files in os.walk(output, followlinks=True):
        for name in files:
            path = Path(folder) / name
            found[path.relative_to(output).as_posix()] = path.read_bytes()
    return found


def _differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(set(a) ^ set(b)) + sorted(p for p in set(a) & set(b) if a[p] != b[p])


def test_two_builds_from_different_folders_are_identical_byte_for_byte(tmp_path):
    first = _copy_sample(tmp_path / "a")
    second = tmp_path / "b" / "lain" / "folder-konten"
    second.parent.mkdir(parents=True)
    shutil.copytree(SAMPLE, second)
    _build_cli(first, tmp_path / "a" / "output")
    _build_cli(second, tmp_path / "b" / "hasil")
    one, two = _every_byte(tmp_path / "a" / "output"), _every_byte(tmp_path / "b" / "hasil")
    assert len(one) > 150 and "inovasi/pancoranmas-kabupaten-bekasi/index.html" in one
    assert any(p.startswith("cari/indeks/") for p in one)
    assert not _differences(one, two)
    # the nginx snippets beside the two outputs too
    assert (tmp_path / "a/output.nginx.conf").read_bytes() == (tmp_path / "b/hasil.nginx.conf").read_bytes()
    # and no file names the folders it was built in or from
    for rel, data in one.items():
        for folder in (str(tmp_path), str(REPO)):
            assert folder.encode() not in data, f"{rel} names the folder {folder}"


def test_a_cached_rebuild_after_an_unrelated_change_equals_a_clean_build(tmp_path):
    content = _copy_sample(tmp_path)
    old = time.time_ns() - 3600 * 10**9
    for path in content.rglob("*"):  # past the racy window: the cache is trusted
        os.utime(path, ns=(old, old))
    options = BuildOptions(content, tmp_path / "output", today=None)
    os.environ.pop("KATALOG_TODAY", None)
    env_before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        assert build(options).mode == "clean"
        site_yaml = content / "site.yaml"
        site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "\n# catatan\n", encoding="utf-8")
        later = old + 10**9
        os.utime(site_yaml, ns=(later, later))
        (content / "media").mkdir(exist_ok=True)
        (content / "media" / "tidak-dipakai.txt").write_text("x", encoding="utf-8")
        os.utime(content / "media" / "tidak-dipakai.txt", ns=(later, later))
        assert build(options).mode == "update"
        assert build(BuildOptions(content, tmp_path / "clean", cache=False)).mode == "clean"
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH")
        if env_before is not None:
            os.environ["SOURCE_DATE_EPOCH"] = env_before
    cached, clean = _every_byte(tmp_path / "output"), _every_byte(tmp_path / "clean")
    assert cached and not _differences(cached, clean)
    assert site_digest(tmp_path / "output") == site_digest(tmp_path / "clean")


def test_cached_rebuilds_after_an_image_resize_and_a_license_change_equal_clean_builds(tmp_path, monkeypatch):
    """An image resized under the same name (the lead and a body image of Pancoranmas, and the
    site's preview image), then site.yaml's ``license``: after each, the cached build equals a
    clean one, every byte."""
    from PIL import Image

    monkeypatch.delenv("KATALOG_TODAY", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    content = _copy_sample(tmp_path)
    (content / "media").mkdir(exist_ok=True)
    photo = content / "media/peta.png"
    Image.new("RGB", (40, 30)).save(photo)
    page = content / "innovations/pancoranmas-kabupaten-bekasi.md"
    head, body = page.read_text(encoding="utf-8")[4:].split("\n---\n", 1)
    page.write_text(f"---\n{head}\nimage:\n  src: peta.png\n  alt: Peta layanan\n---\n![Peta](/media/peta.png)\n\n{body}",
                    encoding="utf-8")
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "image: peta.png\n", encoding="utf-8")
    stamp = [time.time_ns() - 3600 * 10**9]

    def age(*paths: Path) -> None:  # past the racy window: the cache is trusted
        stamp[0] += 10**9
        for path in paths:
            os.utime(path, ns=(stamp[0], stamp[0]))

    def same_as_clean(name: str) -> dict[str, bytes]:
        assert build(BuildOptions(content, tmp_path / "output", base_url=BASE_URL)).mode == "update"
        assert build(BuildOptions(content, tmp_path / name, base_url=BASE_URL, cache=False)).mode == "clean"
        cached, clean = _every_byte(tmp_path / "output"), _every_byte(tmp_path / name)
        assert cached and not _differences(cached, clean), name
        return clean

    age(*content.rglob("*"))
    assert build(BuildOptions(content, tmp_path / "output", base_url=BASE_URL)).mode == "clean"
    page_file = "inovasi/pancoranmas-kabupaten-bekasi/index.html"
    assert _every_byte(tmp_path / "output")[page_file].decode().count('width="40" height="30"') == 2  # lead, body
    Image.new("RGB", (80, 60)).save(photo)
    age(photo)
    clean = same_as_clean("clean-resized")
    assert clean[page_file].decode().count('width="80" height="60"') == 2
    assert '<meta property="og:image:width" content="80">' in clean["index.html"].decode()  # the site's preview
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "license: CC-BY-SA-4.0\n", encoding="utf-8")
    age(site_yaml)
    clean = same_as_clean("clean-license")
    assert "creativecommons.org/licenses/by-sa/4.0/" in clean["data/katalog.jsonld"].decode()


NEWS = "---\ntitle: Berita Tahun Baru\ndate: 2025-01-02\nsummary: Berita yang terbit pada 2 Januari 2025.\n---\nIsi.\n"


def test_source_date_epoch_sets_the_day_when_katalog_today_is_unset(tmp_path):
    write_content(tmp_path, {"site.yaml": "title: Uji\n", "news/tahun-baru.md": NEWS})
    content = tmp_path / "content"
    _build_cli(content, tmp_path / "sebelum", env={"SOURCE_DATE_EPOCH": "1735689600"})  # 2025-01-01
    _build_cli(content, tmp_path / "sesudah", env={"SOURCE_DATE_EPOCH": "1735862400"})  # 2025-01-03
    assert not (tmp_path / "sebelum/berita/tahun-baru/index.html").exists()  # dated after the build's day
    assert (tmp_path / "sesudah/berita/tahun-baru/index.html").is_file()
    # KATALOG_TODAY wins over SOURCE_DATE_EPOCH
    _build_cli(content, tmp_path / "hari", env={"SOURCE_DATE_EPOCH": "1735689600", "KATALOG_TODAY": "2025-01-05"})
    assert (tmp_path / "hari/berita/tahun-baru/index.html").is_file()
    # the same day from another folder: the same bytes
    other = tmp_path / "lain" / "konten"
    shutil.copytree(content, other)
    _build_cli(other, tmp_path / "lain" / "sesudah", env={"SOURCE_DATE_EPOCH": "1735862400"})
    assert not _differences(_every_byte(tmp_path / "sesudah"), _every_byte(tmp_path / "lain" / "sesudah"))


def test_a_bad_source_date_epoch_is_refused_with_one_clear_line(tmp_path):
    write_content(tmp_path, {"site.yaml": "title: Uji\n"})
    for value in ("kemarin", "1.5", "-3", "99999999999999999999"):
        proc = run(tmp_path, "build", "--content", "content", "--output", "output",
                   env={"KATALOG_TODAY": "", "SOURCE_DATE_EPOCH": value})
        assert proc.returncode != 0
        assert "Traceback" not in proc.stderr
        assert f"SOURCE_DATE_EPOCH: error: nilai '{value}' tidak dapat dipakai" in proc.stderr
        assert "bilangan bulat" in proc.stderr
        assert not (tmp_path / "output").exists()


def test_the_nginx_snippet_is_beside_the_output_and_only_the_needed_dot_files_are_in_it(tmp_path):
    content = _copy_sample(tmp_path)
    _build_cli(content, tmp_path / "output")
    assert (tmp_path / "output").is_symlink()
    snippet = tmp_path / "output.nginx.conf"
    assert "add_header Content-Security-Policy" in snippet.read_text(encoding="utf-8")
    files = _every_byte(tmp_path / "output")
    assert "nginx.conf" not in files and not any(p.endswith("nginx.conf") for p in files)
    dot_files = sorted(p for p in files if any(part.startswith(".") for part in p.split("/")))
    assert dot_files == [".htaccess", ".katalog-output"]  # the marker proves the folder is the build's
    # a snippet removed by hand is written again by the next build, even when nothing else changed
    snippet.unlink()
    _build_cli(content, tmp_path / "output")
    assert snippet.is_file()
    # nothing half-written is left beside the output
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".output.site-")) == [
        ".katalog-cache", "content", "output", "output.nginx.conf"]
