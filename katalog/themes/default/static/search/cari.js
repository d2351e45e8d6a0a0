// The search page (/cari/): a search form, filters, sort and results over the index of
// indeks.js. The page carries what this needs in data attributes of #cari (no inline
// script); without JavaScript, or with an index this script cannot read, its links to
// browsable pages stay visible. Query, filters and sort live in the address, so a
// search can be shared: cari/?q=sampah&wilayah=Kota+Depok&urutan=terbaru.

import { Index, excerpt } from "./indeks.js";

const PAGE = 10; // results shown at a time
const DELAY = 200; // ms of quiet typing before a search

const root = document.getElementById("cari");
if (root) start(root);

async function start(root) {
  let index;
  try {
    index = await Index.open(root.dataset.index);
  } catch {
    root.dataset.status = "unavailable"; // the no-JavaScript fallback stays
    return;
  }
  const $ = (id) => document.getElementById(id);
  const ui = {
    form: $("cari-form"), input: $("cari-q"), box: $("cari-saring"), sort: $("cari-urutan"), hint: $("cari-petunjuk"),
    summary: $("cari-ringkasan"), list: $("cari-hasil"), more: $("cari-lagi"), empty: $("cari-kosong"),
    selects: [...root.querySelectorAll("select[data-filter]")],
  };
  const keys = root.dataset.filters.split(" ");
  const page = { index, ui, words: root.dataset, base: root.dataset.base, facets: null, found: null, shown: 0, run: 0,
    loading: false };

  const params = new URLSearchParams(location.search);
  ui.input.value = params.get("q") || "";
  page.filters = Object.fromEntries(keys.map((key) => [key, params.getAll(key).filter(Boolean)]));
  if ([...ui.sort.options].some((o) => o.value === params.get("urutan"))) ui.sort.value = params.get("urutan");

  $("cari-nojs").hidden = true;
  root.querySelector(".search-app").hidden = false;
  root.dataset.status = "ready";

  let timer;
  ui.input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(page), DELAY);
  });
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search(page);
  });
  ui.sort.addEventListener("change", () => search(page));
  for (const select of ui.selects) {
    select.addEventListener("change", () => {
      page.filters[select.dataset.filter] = select.value ? [select.value] : [];
      search(page);
    });
  }
  ui.box.addEventListener("toggle", () => ui.box.open && !page.facets && search(page));
  ui.more.addEventListener("click", () => showMore(page));

  if (Object.values(page.filters).some((values) => values.length)) ui.box.open = true; // the toggle searches
  else search(page);
}

// Run the search the form describes, and show its first results.
async function search(page) {
  const { ui, index } = page;
  const run = ++page.run;
  const query = ui.input.value.trim();
  const filtered = Object.values(page.filters).some((values) => values.length);
  remember(query, page.filters, ui.sort.value);
  ui.list.setAttribute("aria-busy", "true");
  try {
    // the facet files are loaded only once asked for: filters open, or in the address
    if (!page.facets && (ui.box.open || filtered)) page.facets = await index.facets();
    const found = query ? await index.search(query, { filters: page.filters, sort: ui.sort.value, facets: page.facets }) : null;
    const items = found ? await results(page, found, 0) : [];
    if (run !== page.run) return;
    page.found = found;
    page.shown = items.length;
    ui.list.replaceChildren(...items);
    ui.more.hidden = !found || page.shown >= found.ids.length;
    ui.hint.hidden = Boolean(query) || !filtered;
    ui.empty.hidden = !found || found.ids.length > 0;
    ui.summary.textContent = found ? summary(page.words, found.ids.length, query) : "";
    if (page.facets) showFacets(page, found && found.counts);
  } catch {
    if (run === page.run) ui.summary.textContent = page.words.wordFailed;
  } finally {
    if (run === page.run) ui.list.removeAttribute("aria-busy");
  }
}

function summary(words, count, query) {
  const text = count === 0 ? words.wordZeroResults : count === 1 ? words.wordOneResult : words.wordManyResults;
  return text.replace("[COUNT]", count.toLocaleString(document.documentElement.lang)).replace("[SEARCH_TERM]", () => query);
}

// The list items of the PAGE results from the `from`th.
async function results(page, found, from) {
  const cards = await page.index.cards(found.ids.slice(from, from + PAGE));
  const texts = await Promise.all(cards.map((card) => page.index.text(card).catch(() => "")));
  return cards.map((card, i) => result(card, page.base, excerpt(texts[i], found.marks)));
}

// "Load more": the next results, the keyboard moved to the first of them.
async function showMore(page) {
  const { run, found, ui } = page;
  if (page.loading) return; // one page at a time, however often the button is pressed
  page.loading = true;
  try {
    const items = await results(page, found, page.shown);
    if (run !== page.run) return;
    ui.list.append(...items);
    page.shown += items.length;
    ui.more.hidden = page.shown >= found.ids.length;
    if (items.length) items[0].querySelector("a").focus();
  } catch {
    if (run === page.run) ui.summary.textContent = page.words.wordFailed;
  } finally {
    page.loading = false;
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// One result: kind, title, region and date, stage, summary, and the query's words in context.
function result(card, base, pieces) {
  const item = element("li", "search-result");
  if (card.k) item.append(element("p", "card-kind", card.k));
  const title = element("h2", "search-result-title");
  const link = element("a", null, card.t || card.u);
  link.href = base + card.u;
  title.append(link);
  item.append(title);
  const where = [card.r, card.d].filter(Boolean).join(" · ");
  if (where) item.append(element("p", "search-result-meta", where));
  if (card.s) {
    const tags = element("p", "search-result-tags");
    tags.append(element("span", "badge", card.s));
    item.append(tags);
  }
  if (card.m) item.append(element("p", "search-result-summary", card.m));
  if (pieces.some(([, marked]) => marked)) {
    const text = element("p", "search-result-excerpt");
    text.append(...pieces.map(([piece, marked]) => (marked ? element("mark", null, piece) : piece)));
    item.append(text);
  }
  return item;
}

// Each filter menu: its values that the query matches, with how many results each gives.
function showFacets(page, counts) {
  for (const select of page.ui.selects) {
    const key = select.dataset.filter;
    const facet = page.facets.find((f) => f.key === key);
    const chosen = page.filters[key][0] || "";
    const any = select.options[0];
    const options = (facet ? facet.values : [])
      .map((v) => [v.label, counts ? counts[key].get(v.label) : v.ids.length])
      .filter(([label, n]) => n > 0 || label === chosen)
      .map(([label, n]) => new Option(`${label} (${n.toLocaleString(document.documentElement.lang)})`, label));
    select.replaceChildren(any, ...options);
    select.value = chosen;
  }
}

// Keep the address in step with the search, so it can be shared as a link.
function remember(query, filters, sort) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [key, values] of Object.entries(filters)) for (const value of values) params.append(key, value);
  if (sort) params.set("urutan", sort);
  const text = params.toString();
  history.replaceState(null, "", location.pathname + (text ? "?" + text : ""));
}
