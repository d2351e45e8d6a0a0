"""The search index: Pagefind run over the built entry pages, as a step of the build.

Pagefind (https://pagefind.app) reads the rendered pages of innovations, visits and
news, takes the article marked ``data-pagefind-body`` and the filters, metadata and
sort key the entry template writes (``plan.views.Views.search``), and writes a static,
chunked index into ``pagefind/`` of the site. A browser then downloads only the chunks
a query needs. Pagefind cannot update an index in place, so whenever an indexed page
is written or removed the whole index is built again (``bundle_token`` says when); a
build that changes no indexed page keeps the index it has. ``katalog.publish`` decides
and puts the bundle in place with the pages.

We run Pagefind's binary (PyPI ``pagefind-bin``) once over the folder of pages: its
Python service API costs a round trip per page, far too slow for thousands of pages.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .urls import KIND_FOLDERS

BUNDLE = urls.SEARCH_BUNDLE
# Entry pages only; list pages are never indexed.
GLOB = urls.ENTRY_GLOB
# What a finished bundle always has; without it the index is built again.
BUNDLE_MARK = "pagefind-entry.json"
# Pagefind's legacy Default and Modular interfaces and its highlighter: the site uses
# the Component UI only, so these are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-highlight.js")


TIMEOUT = 3600  # seconds; 100,000 pages take about 5 minutes on two cores


class SearchFailed(Exception):
    pass


@dataclass(frozen=True)
class Indexed:
    pages: int
    seconds: float


def is_indexed(output_path: str) -> bool:
    """Whether a page ('inovasi/x/index.html') is one Pagefind indexes."""
    return urls.is_entry_page(output_path)


def executable() -> Path:
    """The Pagefind binary installed by the pinned ``pagefind-bin`` package."""
    spec = importlib.util.find_spec("pagefind_bin")
    if spec is None or spec.origin is None:
        raise SearchFailed("paket 'pagefind-bin' belum terpasang; jalankan: pip install -e .")
    folder = Path(spec.origin).parent
    for name in ("pagefind_extended", "pagefind", "pagefind.exe"):
        if (folder / name).is_file():
            return folder / name
    raise SearchFailed(f"program Pagefind tidak ditemukan di {folder}; pasang ulang paket 'pagefind-bin'")


def version_stamp() -> str:
    """Identifies the installed Pagefind, so that a new version rebuilds the index."""
    try:
        st = executable().stat()
    except (SearchFailed, OSError):
        return "none"
    return f"{st.st_size}:{st.st_mtime_ns}"


def bundle_token(tokens: dict[str, bytes | None]) -> bytes | None:
    """What the search bundle of a site with these pages (output path -> token) is made
    from: its indexed pages and the Pagefind version. None: no page is indexed."""
    h = hashlib.blake2b(version_stamp().encode(), digest_size=16)
    found = False
    for path in sorted(filter(is_indexed, tokens)):
        found = True
        h.update(path.encode() + b"\0" + (tokens[path] or b""))
    return h.digest() if found else None


def build_index(site: Path, bundle: Path) -> Indexed:
    """Index the entry pages below ``site`` into the (new, empty or absent) folder ``bundle``."""
    started = time.perf_counter()
    command = [str(executable()), "--site", str(site.absolute()), "--glob", GLOB, "--output-path", str(bundle.absolute()),
               "--quiet"]
    # Pagefind also reads pagefind.yml/.json/.toml in its working folder and PAGEFIND_*
    # variables; neither may change what the build asked for (a stray 'serve: true' would
    # never return), so it runs in an empty folder with its own variables removed.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    try:
        with tempfile.TemporaryDirectory(prefix="katalog-pagefind-") as empty:
            done = subprocess.run(command, capture_output=True, text=True, cwd=empty, timeout=TIMEOUT,
                                  env={**env, "NO_COLOR": "1"})
    except subprocess.TimeoutExpired:
        raise SearchFailed(f"Pagefind tidak selesai dalam {TIMEOUT // 60} menit; indeks pencarian tidak dibuat") from None
    except OSError as exc:
        raise SearchFailed(f"Pagefind tidak dapat dijalankan: {exc}") from None
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise SearchFailed("Pagefind gagal membuat indeks pencarian: " + " / ".join(tail))
    try:
        entry = json.loads((bundle / BUNDLE_MARK).read_text(encoding="utf-8"))
        pages = sum(lang["page_count"] for lang in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError):
        raise SearchFailed(f"Pagefind tidak menulis indeks yang lengkap di {bundle}") from None
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    return Indexed(pages, time.perf_counter() - started)
