"""A query word the index's dictionary does not hold (on no page of the catalogue) is
looked up by its candidate roots in the browser (static/search/indeks.js, `roots`;
docs/search-index.md, "Analysis"): "terapkan" finds the pages of "penerapan" when no
page has "terapkan". A word the dictionary holds never goes that way.
"""

from __future__ import annotations

import pytest

from contentkit import published

from katalog.searchtext import Analyser
from support.searchfiles import SearchIndex
from test_search_analysis import INDEX, built, dictionary, site_page  # noqa: F401 (fixtures)

# (query word on no page of the sample catalogue, a form of it that is on some)
PAIRS = [("terapkan", "penerapan"), ("menerapkan", "diterapkan"), ("pengelola", "pengelolaan"),
         ("dikelola", "kelola"), ("menyehatkan", "kesehatan")]
SEARCH = """async ([module, index, pairs]) => {
  const { Index } = await import(module);
  const found = await Index.open(index);
  const out = [];
  for (const [query, form] of pairs) {
    const r = await found.search(query);
    out.push({ ids: r.ids, marks: [r.marks(form), r.marks("zzqx")], root: (await found.root(query))?.term ?? null });
  }
  return out;
}"""
ROOTS = """async ([module, words]) => {
  const { roots } = await import(module);
  return words.map(roots);
}"""
LOOKUP = """async ([module, index, words]) => {
  const { Index } = await import(module);
  const found = await Index.open(index);
  return Promise.all(words.map(async (w) => (await found.lookup(w, false)).terms.map((t) => t.term)));
}"""


@pytest.fixture()
def sample_page(browser, serve, sample_site):
    server = serve(sample_site, "/")
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "cari/", wait_until="load")
    yield page, server.url + published(sample_site, "search/indeks.js"), server.url + INDEX
    context.close()


def test_a_query_word_on_no_page_finds_the_pages_of_its_root(sample_page, sample_site):
    page, module, index = sample_page
    words = dictionary(sample_site)
    assert not {q for q, _ in PAIRS} & set(words), "a query word of PAIRS is on a page: it tests nothing"
    assert {f for _, f in PAIRS} <= set(words)
    ref = SearchIndex(sample_site / INDEX)
    stems = Analyser()
    for (query, form), got in zip(PAIRS, page.evaluate(SEARCH, [module, index, PAIRS])):
        assert got["root"] == words[form] == stems.term(query), (query, form)
        assert got["ids"] and sorted(got["ids"]) == sorted(ref.postings(form)), (query, form)
        assert got["marks"] == [True, False], (query, form)


def test_the_candidate_roots_find_sastrawis_term_for_most_words(site_page, built):
    """Every affixed word of the catalogue, as if the dictionary did not hold it: its first
    candidate root that the dictionary holds has the word's own term (Sastrawi's)."""
    page, module, _ = site_page
    words = dictionary(built[0])
    affixed = sorted(w for w, t in words.items() if t != w)
    firsts = [next((c for c in candidates if c in words), None) for candidates in page.evaluate(ROOTS, [module, affixed])]
    same = [w for w, c in zip(affixed, firsts) if c is not None and words[c] == words[w]]
    assert len(affixed) > 200
    assert len(same) >= 0.9 * len(affixed), [f"{w} -> {c}" for w, c in zip(affixed, firsts) if w not in same]
    assert page.evaluate(ROOTS, [module, ["zzqxjembatanlayang", "abc", "32.16", "pelayánan"]]) == [[], [], [], []]


def test_a_word_the_dictionary_holds_stands_for_its_own_term(site_page, built):
    page, module, index = site_page
    words = dictionary(built[0])
    vocabulary = sorted(words)
    assert page.evaluate(LOOKUP, [module, index, vocabulary]) == [[words[w]] for w in vocabulary]
    # which the fallback would not always give: the test would see a word looked up by its roots
    firsts = [next((c for c in candidates if c in words), None) for candidates in page.evaluate(ROOTS, [module, vocabulary])]
    assert any(c is not None and words[c] != words[w] for w, c in zip(vocabulary, firsts))
