"""Shared fixtures: the sample catalogue built once per session, a local static server, a browser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from support.server import StaticSite
from support.tools import CHROMIUM, CHROMIUM_ARGS, missing_tool

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = REPO / "content"
SUBPATH_BASE_URL = "https://contoh.go.id/katalog/"


def build_site(output: Path, *extra: str) -> Path:
    """Run ``python build.py build`` on the sample catalogue the way a user does; return the output folder."""
    proc = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "build", "--content", str(SAMPLE_CONTENT),
         "--output", str(output), *extra],
        cwd=output.parent, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, (
        f"build.py exited {proc.returncode}\n--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}")
    assert (output / "index.html").is_file(), f"build succeeded but wrote no {output / 'index.html'}"
    return output


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample catalogue built with the default base URL ('/')."""
    return build_site(tmp_path_factory.mktemp("sample") / "site")


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory) -> Path:
    """The sample catalogue built for publication under https://contoh.go.id/katalog/."""
    return build_site(tmp_path_factory.mktemp("subpath") / "site", "--base-url", SUBPATH_BASE_URL)


@pytest.fixture(scope="session")
def generated_site(tmp_path_factory) -> Path:
    """A synthetic catalogue of 300 entries (bench/generate.py) built at '/'; its content is beside it."""
    root = tmp_path_factory.mktemp("generated")
    done = subprocess.run([sys.executable, str(REPO / "bench/generate.py"), "300", str(root / "content")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    output = root / "site"
    proc = subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--content", str(root / "content"),
                           "--output", str(output)], cwd=root, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return output


@pytest.fixture()
def serve():
    """Factory: ``serve(directory, prefix="/", headers=None)`` -> running StaticSite with ``.url`` and ``.requests``.

    Every server started in a test is stopped when the test ends.
    """
    started: list[StaticSite] = []

    def start(directory: Path, prefix: str = "/", headers: dict[str, str] | None = None) -> StaticSite:
        site = StaticSite(directory, prefix, headers)
        started.append(site)
        return site

    yield start
    for site in started:
        site.stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("Playwright for Python is not installed (pip install -e '.[test]')")
    if not CHROMIUM.is_file():
        missing_tool(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
