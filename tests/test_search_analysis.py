"""The browser analyses a query exactly as the build analyses the catalogue
(docs/search-index.md, "Analysis"): the same folded tokens from the same text, and, for
every word of the sample catalogue and of a generated one, the same term (the build stems with Sastrawi; the
browser finds the term in the index's dictionary, in the bucket its hash names).

Run in headless Chromium on the built sample site, with the page's own module
(static/search/indeks.js) imported as the search page imports it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from contentkit import published

from katalog.searchtext import Analyser, protected_words, tokens

INDEX = "cari/indeks/"
# Where a tokeniser or a folding is easy to get wrong.
TRICKY = [
    "Pelayánan", "Pelaya\u0301nan", "PELAYÁNAN publik", "32.16", "Kode 32.16.01", "Rp1.500.000,00", "1,5 juta", "2024.",
    "v1.2.3", "3.x", "a.1 1.a", "COVID-19", "Covid-19/2020", "ﬁnansial ﬃ ﬀ", "ΣΊΣΥΦΟΣ ΟΔΟΣ Σ", "İSTANBUL ıi ISPARTA",
    "STRASSE ẞ ß", "Ǆemal ǅ ǆ", "Ⅻ ½ ① x² H₂O", "ＡＢＣ１２３", "𝐀𝐁𝐂 𝟏𝟐", "Å K ℃", "snake_case__x", "x" * 50 + " " + "é" * 45,
    "١٢٣.٤ ٣٢", "हिन्दी", "ภาษาไทย", "שָׁלוֹם", "مَرْحَبًا", "Tiếng Việt", "a\u20dd b", "a\U0001d165b", "한국어 조선말",
    "日本語のテキスト", "👍🏽 emoji‍zwj", "tab\tnew\nline\u00a0nbsp\u2009thin", "O'Neill d’Arc", "e\u0301\u0316\u0345\u0334x",
]
ANALYSE = """async ([module, texts]) => {
  const { analyse } = await import(module);
  return texts.map(analyse);
}"""
TERMS = """async ([module, index, words]) => {
  const { Index } = await import(module);
  const found = await Index.open(index);
  return found.terms(words);
}"""


@pytest.fixture(params=["sample", "generated"])
def built(request) -> tuple[Path, Path]:
    """A built catalogue and its content folder."""
    from conftest import SAMPLE_CONTENT

    if request.param == "sample":
        return request.getfixturevalue("sample_site"), SAMPLE_CONTENT
    site = request.getfixturevalue("generated_site")
    return site, site.parent / "content"


@pytest.fixture()
def site_page(browser, serve, built):
    """A page of the served catalogue, and the URLs of the module and the index there."""
    server = serve(built[0], "/")
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "cari/", wait_until="load")
    yield page, server.url + published(built[0], "search/indeks.js"), server.url + INDEX
    context.close()
    assert not errors, errors


def indexed_texts(site) -> list[str]:
    """Texts the index was made from, as published in it: bodies, and the cards' titles,
    summaries and places."""
    root = site / INDEX
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "x").rglob("*.txt"))]
    for block in sorted((root / "c").glob("*.json")):
        texts += [card[k] for card in json.loads(block.read_text(encoding="utf-8")) for k in "tmrp" if card.get(k)]
    return texts


def articles(site) -> list[str]:
    """The text of each entry page's article, as a reader sees it."""
    return [re.sub(r"<[^>]+>", " ", re.search(r"<article class=\"entry.*?</article>", p.read_text(encoding="utf-8"), re.S).group(0))
            for folder in ("inovasi", "kunjungan", "berita") for p in sorted((site / folder).glob("*/index.html"))]


def dictionary(site) -> dict[str, str]:
    """Word -> term, from every bucket of the index's dictionary."""
    words: dict[str, str] = {}
    for bucket in (site / INDEX / "d").glob("*.json"):
        words.update(json.loads(bucket.read_text(encoding="utf-8"))["w"])
    return words


def differences(texts, python, browser) -> list[str]:
    return [f"{text[:60]!r}: Python {p} / browser {b}" for text, p, b in zip(texts, python, browser) if p != b]


def test_the_browser_cuts_and_folds_text_as_the_build_does(site_page, built):
    page, module, _ = site_page
    texts = indexed_texts(built[0]) + articles(built[0]) + TRICKY
    python = [tokens(t) for t in texts]
    browser = page.evaluate(ANALYSE, [module, texts])
    assert sum(map(len, python)) > 2000, "the sample's texts are missing"
    assert differences(texts, python, browser) == []
    # the cases that call for care are really exercised
    expected = {"Pelayánan": ["pelayanan"], "Kode 32.16.01": ["kode", "32.16.01"], "Rp1.500.000,00": ["rp1.500.000,00"],
                "COVID-19": ["covid", "19"], "ﬁnansial ﬃ ﬀ": ["finansial", "ffi", "ff"], "İSTANBUL ıi ISPARTA": ["istanbul", "ıi", "isparta"]}
    assert {t: browser[texts.index(t)] for t in expected} == expected
    assert browser[texts.index("ΣΊΣΥΦΟΣ ΟΔΟΣ Σ")] == ["σισυφος", "οδος", "σ"]
    assert [len(t) for t in browser[texts.index("x" * 50 + " " + "é" * 45)]] == [40, 40]


def test_every_word_of_the_catalogue_finds_the_builds_term_in_the_browser(site_page, built, tmp_path):
    page, module, index = site_page
    words = dictionary(built[0])
    vocabulary = sorted(words)
    # the dictionary holds every word of the indexed texts (bodies, titles, summaries, places)
    missing = {w for text in indexed_texts(built[0]) for w in tokens(text)} - set(vocabulary)
    assert len(vocabulary) > 500 and not missing, sorted(missing)
    places = protected_words(region_names(built[1], tmp_path))
    analyser = Analyser(places)
    python = [analyser.term(w) for w in vocabulary]
    browser = page.evaluate(TERMS, [module, index, vocabulary])
    assert differences(vocabulary, python, browser) == []
    # a folded word is its own single token on both sides
    assert page.evaluate(ANALYSE, [module, vocabulary]) == [[w] for w in vocabulary] == [tokens(w) for w in vocabulary]
    # stems join word forms, and places keep their names
    found = dict(zip(vocabulary, browser))
    assert found["pelayanan"] == found["layanan"]
    named = places & set(vocabulary)
    assert named and all(found[w] == w for w in named), "places keep their names"
    # a word no document has has no term
    assert page.evaluate(TERMS, [module, index, ["zzqxjembatanlayang"]]) == [None]


def region_names(content: Path, unused: Path) -> list[str]:
    """The names of every region the catalogue knows (the build keeps their words as written)."""
    from katalog.options import BuildOptions
    from katalog.site import load_site

    return [r.name for r in load_site(BuildOptions(content=content, output=unused)).catalogue.regions.regions.values()]
