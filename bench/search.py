#!/usr/bin/env python3
"""What search costs a reader, and which Indonesian word forms it matches, in Chromium.

    python3 bench/search.py bench/.data/o10000            # a site built by bench/run.py
    python3 bench/search.py output --query sampah         # the sample catalogue

Bytes: serves the built site from 127.0.0.1 the way a plain static host does, opens
the search page in a fresh headless Chromium (empty cache), types the query, waits
until the first results are shown, and adds up the bytes the server sent: once with
every file sent as it is, once with text files (HTML, CSS, JavaScript, JSON) gzipped
as nginx's ``gzip on`` with ``gzip_types`` does. Pagefind's own index files are
already compressed, so gzip changes only its scripts and the page.

Word forms: with Pagefind's JavaScript API in the same page, searches each base word
and its derived forms (layanan / pelayanan, inovasi / inovatif, ...) and reports,
for each pair, whether searching one finds the pages that contain only the other.

Nothing is asserted; the figures are for the README.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from support.server import StaticSite  # noqa: E402
from support.tools import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TEXT_TYPES = ("text/", "application/javascript", "application/json")
# (query, form it should also find): Indonesian affixes the stemmer may or may not strip
PAIRS = [("layanan", "pelayanan"), ("pelayanan", "layanan"), ("inovasi", "inovatif"), ("inovatif", "inovasi"),
         ("kelola", "pengelolaan"), ("pengelolaan", "kelola"), ("sehat", "kesehatan"), ("kesehatan", "sehat"),
         ("bangun", "pembangunan"), ("terapkan", "penerapan"), ("penerapan", "diterapkan"), ("daerah", "daerahnya"),
         ("aplikasi", "aplikasinya"), ("digital", "digitalisasi")]


class CountingSite(StaticSite):
    """The tests' static server, counting the bytes it sends, optionally gzipping text."""

    def __init__(self, directory: Path, gzip_text: bool):
        self.gzip_text = gzip_text
        self.sent: list[tuple[str, int]] = []
        super().__init__(directory)

    def resolve(self, raw_path: str):
        status, headers, body = super().resolve(raw_path)
        if self.gzip_text and headers.get("Content-Type", "").startswith(TEXT_TYPES):
            body = gzip.compress(body, 6)
            headers = {**headers, "Content-Encoding": "gzip"}
        self.sent.append((raw_path, len(body)))
        return status, headers, body


FIRST_RESULTS = "n => document.querySelectorAll('pagefind-results .search-result').length >= n"

WORD_FORMS = """async ([bundle, pairs]) => {
  const pf = await import(bundle + 'pagefind.js');
  await pf.options({ excerptLength: 10 });
  await pf.init();
  const words = async (q) => {
    const r = await pf.search(q);
    return Promise.all(r.results.map(x => x.data()));
  };
  const has = (text, w) => new RegExp('(^|[^a-z])' + w + '([^a-z]|$)', 'i').test(text);
  const out = [];
  for (const [query, form] of pairs) {
    const found = new Set((await words(query)).map(d => d.url));
    const withForm = (await words(form)).filter(d => has(d.content, form) && !has(d.content, query));
    out.push({ query, form, onlyForm: withForm.length, foundOfThose: withForm.filter(d => found.has(d.url)).length,
               results: found.size });
  }
  return out;
}"""


def first_query_bytes(site: Path, query: str, gzip_text: bool) -> tuple[int, int, list[tuple[str, int]]]:
    from playwright.sync_api import sync_playwright

    server = CountingSite(site, gzip_text)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 360, "height": 800})
            page.goto(server.url + "cari/", wait_until="load")
            page_bytes = sum(n for _, n in server.sent)
            page.locator("pagefind-input input").click()
            page.locator("pagefind-input input").press_sequentially(query, delay=30)
            page.wait_for_function(FIRST_RESULTS, arg=1, timeout=60000)
            page.wait_for_timeout(1500)  # the results on screen load their data
            browser.close()
        return page_bytes, sum(n for _, n in server.sent), list(server.sent)
    finally:
        server.stop()


def word_forms(site: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server = StaticSite(site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(server.url + "cari/", wait_until="load")
            result = page.evaluate(WORD_FORMS, [server.url + "pagefind/", PAIRS])
            browser.close()
        return result
    finally:
        server.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", type=Path, help="a built site (output folder)")
    ap.add_argument("--query", nargs="+", default=["puskesmas", "sampah", "pelayanan"],
                    help="first queries to measure, each in a fresh browser (default: puskesmas sampah pelayanan)")
    opts = ap.parse_args()
    if not (opts.site / "pagefind" / "pagefind.js").is_file():
        print(f"{opts.site} has no search index; build it first", file=sys.stderr)
        return 2
    pages = sum(1 for _ in (opts.site / "pagefind" / "fragment").iterdir())
    print(f"Site: {opts.site} ({pages:,} indexed pages)\n")
    print("| first query | served | search page alone (KB) | page + first query (KB) | files |")
    print("|---|---|---:|---:|---:|")
    for query in opts.query:
        for gz in (False, True):
            alone, total, sent = first_query_bytes(opts.site, query, gz)
            print(f"| {query} | {'text gzipped' if gz else 'as is'} | {alone / 1000:.1f} | {total / 1000:.1f} | {len(sent)} |")
            if gz:
                detail = sorted(sent, key=lambda x: -x[1])
    print(f"\nLargest files for {opts.query[-1]!r} (text gzipped):")
    for path, n in detail[:12]:
        print(f"  {n / 1000:7.1f} KB  {path}")
    print("\n| query | other form | pages with only the other form | of those found |")
    print("|---|---|---:|---:|")
    for r in word_forms(opts.site):
        print(f"| {r['query']} | {r['form']} | {r['onlyForm']} | {r['foundOfThose']} |")
    print(f"\nCommand: python3 bench/search.py {' '.join(sys.argv[1:])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
