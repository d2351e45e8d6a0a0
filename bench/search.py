#!/usr/bin/env python3
"""What search costs a reader, and which Indonesian word forms it matches, in Chromium.

    python3 bench/search.py bench/.data/o10000            # a site built by bench/run.py
    python3 bench/search.py output                        # the sample catalogue
    python3 bench/search.py output --query sampah "dinas kesehatan"

First query: serves the built site from 127.0.0.1 as a static host does with gzip on
(``bench/searchsite.py``: HTML, CSS, JavaScript, JSON and plain text gzipped, as nginx's
``gzip on`` with a usual ``gzip_types``; the index's ``.bin`` postings and facets too,
as a server whose ``gzip_types`` also names ``application/octet-stream``), opens
``/cari/?q=QUERY`` in a fresh Chromium context (empty cache), waits until the first
results are shown and the page has loaded everything it asked for, and adds up the
bytes of every response body: as the files are, and as gzipped. By default the
queries are the most common word of the catalogue (the term in the most documents of
the index's dictionary), a rare word, the two most common words together, and the
prefix "puskes". Then, in the same page (files loaded), it empties the list (an
empty query), submits the same query again, and times from the submission to the
first result in the list (``performance.now()`` in the page; median of five); then it
opens the filter panel and adds up the bytes that loaded for it. Gzip level 6, as the
Pagefind figures were measured (nginx's own default is 1: ``--gzip-level 1``).

Word forms: for each pair (query, form) of PAIRS, the pages whose indexed text (the
result card's fields and the index's ``x/`` text) has the form while the page (its
<main>, other entries' cards left out) nowhere has the query word; for some of them
(``--checks``), the query with two rare words of that page is searched on the page,
and the pair's answer is whether the page is among the results. A query word that is
on no page is looked up by its candidate roots (the browser has no stemmer:
docs/search-index.md, "Analysis"), which the table says. Pagefind's answers, where ``docs/performance.md`` recorded them, are
shown beside.

Nothing is asserted; the figures are for the README.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "bench"), str(REPO / "tests")]
from searchsite import INDEX, CountingSite, Dictionary, Sent, count, docs, narrowing, only_form  # noqa: E402
from support.tools import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# (query, form it should also find): Indonesian affixes the stemmer may or may not strip
PAIRS = [("layanan", "pelayanan"), ("pelayanan", "layanan"), ("inovasi", "inovatif"), ("inovatif", "inovasi"),
         ("kelola", "pengelolaan"), ("pengelolaan", "kelola"), ("sehat", "kesehatan"), ("kesehatan", "sehat"),
         ("bangun", "pembangunan"), ("terapkan", "penerapan"), ("penerapan", "diterapkan"),
         ("pengelola", "pengelolaan"), ("menerapkan", "diterapkan"), ("daerah", "daerahnya"),
         ("aplikasi", "aplikasinya"), ("digital", "digitalisasi")]
# Pagefind 1.5.2 (Snowball "id") as docs/performance.md records it, sample catalogue; synthetic
# one. It speaks of some pairs of words without saying which way: the answer is given both ways.
PAGEFIND = {("layanan", "pelayanan"): "yes (2 of 2; 33 of 33)", ("pelayanan", "layanan"): "yes",
            ("inovasi", "inovatif"): "no (0 of 7)", ("inovatif", "inovasi"): "no (0 of 7)",
            ("kelola", "pengelolaan"): "no (0 of 4; 83 of 4,980)", ("pengelolaan", "kelola"): "no (0 of 4; 83 of 4,980)",
            ("sehat", "kesehatan"): "yes", ("bangun", "pembangunan"): "yes", ("terapkan", "penerapan"): "no (0 of 7)",
            ("penerapan", "diterapkan"): "partly (123 of 207)", ("digital", "digitalisasi"): "yes"}

SEL = {"input": "#cari form input[name=q]", "list": "#cari-hasil", "result": "#cari-hasil > li",
       "empty": "#cari-kosong", "more": "#cari-lagi", "filters": "#cari-saring", "summary": "#cari-ringkasan"}
SETTLED = """sel => document.querySelector(sel.result)
  || (document.querySelector(sel.empty) && !document.querySelector(sel.empty).hidden)"""
# Submit the query again in a page that has its files: the time from the submission to the
# first result of the new list in the DOM (the old list cleared first by an empty query).
RESUBMIT = """async ([sel, query]) => {
  const input = document.querySelector(sel.input), list = document.querySelector(sel.list);
  const submit = (value) => { input.value = value; input.form.requestSubmit(); };
  const until = (ok, ms) => new Promise((resolve) => {
    const end = performance.now() + ms;
    const poll = () => (ok() || performance.now() > end ? resolve(ok()) : setTimeout(poll, 10));
    poll();
  });
  submit("");
  await until(() => !list.querySelector(":scope > li"), 2000);
  await new Promise((r) => setTimeout(r, 300));
  const old = new Set(list.querySelectorAll(":scope > li"));
  const fresh = () => [...list.querySelectorAll(":scope > li")].some((li) => !old.has(li));
  return new Promise((resolve) => {
    let t0;
    const seen = new MutationObserver(() => {
      if (fresh()) { seen.disconnect(); resolve(performance.now() - t0); }
    });
    seen.observe(list, { childList: true, subtree: true });
    setTimeout(() => { seen.disconnect(); resolve(null); }, 10000);
    t0 = performance.now();
    submit(query);
  });
}"""
HREFS = "sel => Array.from(document.querySelectorAll(sel.result + ' a[href]'), a => a.href)"


def launch(pw):
    return pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


def first_query(browser, server: CountingSite, query: str, repeats: int) -> dict:
    """Bytes of the first results in a fresh context, the query's time once loaded, the filter panel's bytes."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    try:
        page = context.new_page()
        mark = server.mark()
        page.goto(server.url + "cari/?q=" + quote(query))
        page.wait_for_function(SETTLED, arg=SEL, timeout=60000)
        server.wait_quiet()
        loaded = server.since(mark)
        found = page.locator(SEL["result"]).count()
        total = re.sub(r"\D", "", page.locator(SEL["summary"]).inner_text().split()[0]) if found else "0"
        mark = server.mark()
        times = [page.evaluate(RESUBMIT, [SEL, query]) for _ in range(repeats)] if found else []
        times = [t for t in times if t is not None]
        page.wait_for_timeout(300)
        server.wait_quiet()
        # files fetched while timing: the times would not be those of a loaded query (Chromium
        # fetches the page's icon again whenever the script puts the query in the address)
        again = [s for s in server.since(mark) if "favicon" not in s.path]
        mark = server.mark()
        page.locator(SEL["filters"] + " > summary").click()
        server.wait_quiet()
        panel = server.since(mark)
    finally:
        context.close()
    return {"loaded": loaded, "found": int(total or found), "ms": statistics.median(times) if times else None,
            "again": again, "panel": panel}


def results_for(page, server: CountingSite, query: str, want: str, pages: int = 5) -> bool:
    """Whether searching ``query`` on the page lists ``want`` (a URL), looking at ``pages`` pages of results."""
    page.goto(server.url + "cari/?q=" + quote(query))
    page.wait_for_function(SETTLED, arg=SEL, timeout=60000)
    for _ in range(pages):
        if want in page.evaluate(HREFS, SEL):
            return True
        more = page.locator(SEL["more"])
        if not more.count() or not more.is_visible():
            return False
        shown = page.locator(SEL["result"]).count()
        more.click()
        page.wait_for_function("([sel, n]) => document.querySelectorAll(sel.result).length > n", arg=[SEL, shown])
    return want in page.evaluate(HREFS, SEL)


def word_forms(browser, server: CountingSite, site: Path, checks: int) -> list[dict]:
    dictionary, all_docs = Dictionary.read(site), docs(site)
    rows = []
    context = browser.new_context()
    try:
        page = context.new_page()
        for query, form in PAIRS:
            having = only_form(all_docs, query, form)
            step = max(1, len(having) / checks) if having else 1
            sample = [having[int(i * step)] for i in range(min(checks, len(having)))]
            found = sum(results_for(page, server, " ".join([query, *narrowing(d, dictionary, query)]),
                                    server.url + d.url) for d in sample)
            rows.append({"query": query, "form": form, "pages": len(having), "checked": len(sample), "found": found,
                         "known": dictionary.df_of(query) > 0})
    finally:
        context.close()
    return rows


def kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def answer(row: dict) -> str:
    if not row["checked"]:
        return "- (no such page)"
    word = "yes" if row["found"] == row["checked"] else "no" if not row["found"] else "partly"
    unknown = "" if row["known"] else f"; no page has the word {row['query']!r}"
    return f"{word} ({row['found']} of {row['checked']}{'' if row['checked'] == row['pages'] else ' checked'}{unknown})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", type=Path, help="a built site (output folder)")
    ap.add_argument("--query", nargs="+", help="first queries to measure (default: the most common word, "
                    "a rare word, the two most common words, 'puskes')")
    ap.add_argument("--repeats", type=int, default=5, help="submissions timed per query (median)")
    ap.add_argument("--checks", type=int, default=20, help="pages checked per word-form pair at most")
    ap.add_argument("--gzip-level", type=int, default=6, help="gzip level of the server (nginx's default is 1)")
    ap.add_argument("--no-forms", action="store_true", help="leave out the word-form table")
    opts = ap.parse_args()
    site = opts.site.resolve()
    if not (site / INDEX / "manifest.json").is_file():
        print(f"{opts.site} has no search index ({INDEX}/manifest.json); build it first", file=sys.stderr)
        return 2
    dictionary = Dictionary.read(site)
    common = dictionary.common(2)
    queries = opts.query or [common[0], dictionary.rare(), " ".join(common), "puskes"]
    pages = lambda word: f"in {dictionary.df_of(word):,} page{'' if dictionary.df_of(word) == 1 else 's'}"  # noqa: E731
    notes = {common[0]: f"most common word, {pages(common[0])}", " ".join(common): "the two most common words",
             "puskes": "a prefix", dictionary.rare(): f"rare word, {pages(dictionary.rare())}"}

    from playwright.sync_api import sync_playwright

    server = CountingSite(site, opts.gzip_level)
    try:
        with sync_playwright() as pw:
            browser = launch(pw)
            measured = [(q, first_query(browser, server, q, opts.repeats)) for q in queries]
            forms = [] if opts.no_forms else word_forms(browser, server, site, opts.checks)
            browser.close()
    finally:
        server.stop()

    print(f"Site: {opts.site} ({count(site):,} searchable pages); every response body counted, headers not; "
          f"gzip level {opts.gzip_level}, .bin files gzipped too (gzip_types application/octet-stream)\n")
    print("| first query | results | files | as is (KB) | gzipped (KB) | of which .bin, gzipped (KB) "
          "| query, files loaded (ms) | filter panel, gzipped (KB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for q, m in measured:
        label = f"{q} ({notes[q]})" if q in notes else q
        loaded, panel = m["loaded"], m["panel"]
        postings = sum(s.gzipped for s in loaded if s.path.endswith(".bin"))
        ms = f"{m['ms']:.1f}" if m["ms"] is not None else "-"
        ms += f" ({len(m['again'])} files fetched again)" if m["again"] else ""
        print(f"| {label} | {m['found']:,} | {len(loaded)} | {kb(sum(s.raw for s in loaded))} "
              f"| {kb(sum(s.gzipped for s in loaded))} | {kb(postings)} | {ms} | {kb(sum(s.gzipped for s in panel))} |")
    q, m = max(measured, key=lambda x: sum(s.gzipped for s in x[1]["loaded"]))
    print(f"\nFiles of the heaviest first query, {q!r} (KB as is / gzipped), then the filter panel's:")
    for s in [*m["loaded"], Sent("-- filter panel --", 0, 0, 0, 0), *m["panel"]]:
        error = f"  (HTTP {s.status})" if s.status not in (0, 200) else ""
        print(f"  {kb(s.raw):>8} / {kb(s.gzipped):>7}  {s.path}{error}" if s.raw else f"  {s.path}")
    failed = sorted({f"{s.path} ({s.status})" for _, m in measured for s in [*m["loaded"], *m["panel"]]
                     if s.status not in (200, 304)})
    if failed:
        print(f"\nWarning: {len(failed)} requests failed; the figures count their error pages: {', '.join(failed[:5])}"
              + (" ..." if len(failed) > 5 else ""))
    if forms:
        print("\n| query | other form | pages with only the other form | found by the query "
              "| Pagefind 1.5.2 (docs/performance.md) |")
        print("|---|---|---:|---|---|")
        for r in forms:
            print(f"| {r['query']} | {r['form']} | {r['pages']:,} | {answer(r)} | {PAGEFIND.get((r['query'], r['form']), '-')} |")
    print(f"\nCommand: python3 bench/search.py {' '.join(sys.argv[1:])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
