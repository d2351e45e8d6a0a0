"""The browser's query engine (static/search/indeks.js) against a reading of
docs/search-index.md written here in plain Python, on a generated catalogue of 300
entries (large enough for common terms, whose postings have files of their own).

For a set of queries (the catalogue's most common words, pairs, rare words, prefixes,
filters, the three sorts), the browser returns the same documents in the same order,
and the same facet counts, as the reference; and a query made of an innovation's full
name ranks that innovation in the top three in at least 95% of a hundred cases. A query
word the dictionary does not hold stands for the term the browser's candidate roots
find (tests/test_search_roots.py tests them), which the reference asks the browser for.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import pytest

from contentkit import published

from katalog.searchtext import tokens
from support.searchfiles import SearchIndex

INDEX = "cari/indeks/"
SEARCH = """async ([module, index, cases]) => {
  const { Index } = await import(module);
  const found = await Index.open(index);
  const facets = await found.facets();
  const out = [];
  for (const [query, filters, sort] of cases) {
    const r = await found.search(query, { filters, sort, facets });
    out.push({ ids: r.ids, counts: Object.fromEntries(Object.entries(r.counts).map(([k, m]) => [k, Object.fromEntries(m)])) });
  }
  return out;
}"""
ROOTS = """async ([module, index, words]) => {
  const { Index } = await import(module);
  const found = await Index.open(index);
  return Promise.all(words.map(async (w) => (await found.root(w))?.term ?? null));
}"""


class Reference(SearchIndex):
    """The index read as docs/search-index.md says (support.searchfiles), and queried as it
    says, without the browser's code."""

    def __init__(self, root: Path):
        super().__init__(root)
        self.m = self.manifest
        self.words: dict[str, str] = {}
        self.info: dict[str, list] = {}
        for bucket in (root / "d").glob("*.json"):
            data = json.loads(bucket.read_text(encoding="utf-8"))
            self.words.update(data["w"])
            self.info.update(data["t"])
        self.a_word = {term: word for word, term in sorted(self.words.items(), reverse=True)}
        self.facet_ids = {key: {label: set(ids) for label, ids in values.items()} for key, values in self.facets().items()}

    def search(self, query: str, filters: dict, sort: str, roots: dict[str, str | None]):
        docs, k1 = self.m["docs"], self.m["bm25"]["k1"]
        words = list(dict.fromkeys(tokens(query)))
        score = [0.0] * docs
        matched = set(range(docs)) if words else set()
        for i, word in enumerate(words):
            own = self.words[word] if word in self.words else roots[word]
            terms = [own] if own else []
            if i == len(words) - 1 and len(word) >= 3:
                more = sorted({t for w, t in self.words.items() if w.startswith(word)} - set(terms),
                              key=lambda t: (-self.info[t][0], t))
                terms += more[:12]
            best: dict[int, float] = {}
            for t in terms:
                df = self.info[t][0]
                idf = math.log(1 + (docs - df + 0.5) / (df + 0.5))
                for d, impact in self.postings(self.a_word[t]).items():
                    best[d] = max(best.get(d, 0.0), idf * (impact / 255) * (k1 + 1))
            matched &= set(best)
            for d, s in best.items():
                score[d] += s
        inside = {key: set().union(*(self.facet_ids[key].get(v, set()) for v in values))
                  for key, values in filters.items() if values}
        counts = {key: {label: len(matched & ids & set.intersection(set(range(docs)), *(s for k, s in inside.items() if k != key)))
                        for label, ids in values.items()} for key, values in self.facet_ids.items()}
        ids = [d for d in matched if all(d in s for s in inside.values())]
        undated = self.m["undated"]
        key = {"terbaru": lambda d: -d, "terlama": lambda d: (d < undated, d)}.get(sort, lambda d: (-score[d], -d))
        return sorted(ids, key=key), counts


@pytest.fixture()
def run_in_browser(browser, serve, generated_site):
    server = serve(generated_site, "/")
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "cari/", wait_until="load")
    yield lambda cases, script=SEARCH: page.evaluate(script, [server.url + published(generated_site, "search/indeks.js"), server.url + INDEX, cases])
    context.close()


def cases(ref: Reference) -> list[tuple[str, dict, str]]:
    by_df = sorted(ref.words, key=lambda w: (-ref.info[ref.words[w]][0], w))
    common = [w for w in by_df if ref.info[ref.words[w]][1].startswith("c/")]
    rare = [w for w in by_df if ref.info[ref.words[w]][1].startswith("r/") and ref.info[ref.words[w]][0] > 1]
    region = max(ref.facet_ids["wilayah"], key=lambda v: (len(ref.facet_ids["wilayah"][v]), v))
    kind = sorted(ref.facet_ids["konten"])[0]
    prefix = next(w[:4] for w in common[5:] if len(w) > 6)
    # the prefix standing for the most terms: only the 12 most frequent count
    starts = {w[:3] for w in ref.words if len(w) >= 3}
    widest = max(sorted(starts), key=lambda p: len({t for w, t in ref.words.items() if w.startswith(p)}))
    # a form on no page of a common affixed word: it stands for a root the browser finds
    unwritten = next(w + "nya" for w in common if ref.words[w] != w and w + "nya" not in ref.words)
    queries = [common[0], common[-1], f"{common[10]} {common[-1]}", rare[0], f"{rare[-1]} {common[3]}", prefix,
               f"{common[-2]} {prefix}", widest, f"{rare[0]} {widest}", "Pelayánan", "zzqxjembatanlayang", "!!!",
               unwritten, f"{unwritten} {common[1]}"]
    out = [(q, {}, sort) for q in queries for sort in ("", "terbaru", "terlama")]
    out += [(q, {"wilayah": [region]}, "") for q in queries[:6]]
    out += [(q, {"wilayah": [region], "konten": [kind]}, "terlama") for q in queries[:6]]
    return out


def test_the_browser_finds_orders_and_counts_as_the_format_says(generated_site, run_in_browser):
    ref = Reference(generated_site / INDEX)
    assert any(info[1].startswith("c/") for info in ref.info.values()), "no common term: the catalogue is too small"
    assert max(len({t for w, t in ref.words.items() if w.startswith(w2[:3])}) for w2 in ref.words) > 12
    chosen = cases(ref)
    found = run_in_browser(chosen)
    absent = sorted({w for query, _, _ in chosen for w in tokens(query)} - set(ref.words))
    roots = dict(zip(absent, run_in_browser(absent, ROOTS)))
    assert any(roots.values()), "no query word stands for a root found by the browser"
    for (query, filters, sort), got in zip(chosen, found):
        ids, counts = ref.search(query, filters, sort, roots)
        assert got["ids"] == ids, (query, filters, sort)
        assert {k: {label: n for label, n in v.items()} for k, v in got["counts"].items()} == counts, (query, filters)
    assert sum(bool(r["ids"]) for r in found) > len(found) // 2, "most cases should find something"


def test_an_innovations_full_name_ranks_it_in_the_top_three(generated_site, run_in_browser):
    root = generated_site / INDEX
    innovations = []  # (id, title)
    for block in sorted((root / "c").glob("*.json"), key=lambda p: int(p.stem)):
        for i, card in enumerate(json.loads(block.read_text(encoding="utf-8"))):
            if card["u"].startswith("inovasi/"):
                innovations.append((int(block.stem) * json.loads((root / "manifest.json").read_text())["block"] + i, card["t"]))
    picked = random.Random(13).sample(innovations, min(100, len(innovations)))
    found = run_in_browser([(title, {}, "") for _, title in picked])
    top3 = sum(doc in r["ids"][:3] for (doc, _), r in zip(picked, found))
    assert top3 >= 0.95 * len(picked), f"{top3} of {len(picked)} in the top three"


EXCERPT = """async ([module, , cases]) => {
  const { excerpt } = await import(module);
  return cases.map(([text, forms, prefix]) => excerpt(text, (t) => forms.includes(t) || (prefix !== null && t.startsWith(prefix))));
}"""


def test_an_excerpt_shows_the_first_marked_word_and_marks_the_query_s_words(generated_site, run_in_browser):
    texts = [p.read_text(encoding="utf-8") for p in sorted((generated_site / INDEX / "x").rglob("*.txt"))[:40]]
    texts.append("Layanan publik. " * 30 + "Program PELAYÁNAN terpadu, pelaya\u0301nan keliling; 2024.5 dan ﬁnansial. " + "Lain. " * 60)
    chosen = []
    for text in texts:
        words = tokens(text)
        chosen += [(text, [words[len(words) * 2 // 3]], None), (text, ["zzqx"], words[-1][:4]), (text, ["zzqx"], None)]
    chosen.append((texts[-1], ["pelayanan", "finansial"], "2024"))
    found = run_in_browser(chosen, EXCERPT)
    for (text, forms, prefix), pieces in zip(chosen, found):
        def marked(s: str) -> bool:
            return any(t in forms or (prefix is not None and t.startswith(prefix)) for t in tokens(s))

        shown = "".join(piece for piece, _ in pieces).removeprefix("… ").removesuffix(" …")
        assert shown and shown in text and len(shown) <= 240, (forms, prefix, pieces)
        start = text.index(shown)
        # the first marked word of the text is shown, and every marked word shown is marked
        assert marked(shown) == marked(text) and not marked(text[:start]), (forms, prefix, pieces)
        assert all(marked(piece) == is_marked for piece, is_marked in pieces if piece not in ("… ", " …")), pieces
    assert [piece for piece, is_marked in found[-1] if is_marked] == ["PELAYÁNAN", "pelaya\u0301nan", "2024.5", "ﬁnansial"]
