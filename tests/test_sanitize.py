"""What bodies and settings may put on a page: attributes that carry addresses, ids the
theme owns, and the base URL's path."""

from __future__ import annotations

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
