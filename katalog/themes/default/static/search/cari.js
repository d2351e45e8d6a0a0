// The search page (/cari/): Pagefind's Component UI, joined to the address bar, a sort
// menu and a helpful empty state. The page carries everything this needs in data
// attributes of #cari (no inline script); without JavaScript its message stays visible.

const root = document.getElementById("cari");
if (root) start(root);

async function start(root) {
  await customElements.whenDefined("pagefind-results");
  const components = window.PagefindComponents;
  if (!components) return;
  const instance = components.getInstanceManager().getInstance("default");
  const keys = root.dataset.filters.split(" ");
  const sortMenu = document.getElementById("cari-urutan");
  const empty = document.getElementById("cari-kosong");
  const hint = document.getElementById("cari-petunjuk");

  instance.setTranslations(words(root.dataset));
  const filterBox = document.getElementById("cari-saring");
  root.querySelector("pagefind-results").resultTemplate = result;
  nameFilterControls(filterBox);

  const params = new URLSearchParams(location.search);
  const term = (params.get("q") || "").trim();
  const filters = {};
  for (const key of keys) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length) filters[key] = values;
  }
  if ([...sortMenu.options].some((o) => o.value === params.get("urutan"))) sortMenu.value = params.get("urutan");

  // The page starts Pagefind itself (the Component UI then uses it) for two things the
  // Component UI does not do: sorting (Pagefind sorts only when asked in each search),
  // and loading the filter index only once the reader opens the filters, which keeps
  // the first query light on a phone (the filter index of a national catalogue weighs
  // more than the rest of a first query together).
  const pagefind = await import(instance.options.bundlePath + "pagefind.js");
  const backend = pagefind.createInstance({ ...instance.pagefindOptions });
  const search = backend.search.bind(backend);
  const allFilters = backend.filters.bind(backend);
  let filtersWanted = false;
  backend.search = (q, options) => search(q, sortMenu.value ? { ...options, sort: { [sortMenu.value]: sortMenu.value === "terlama" ? "asc" : "desc" } } : options);
  backend.filters = () => (filtersWanted ? allFilters() : Promise.resolve({}));
  instance.__pagefind__ = backend;
  document.getElementById("cari-nojs").hidden = true;
  root.querySelector(".search-app").hidden = false;
  const loadFilters = async () => {
    if (filtersWanted) return;
    filtersWanted = true;
    instance.availableFilters = instance.totalFilters = await allFilters();
    instance.__dispatch__("filters", { available: instance.availableFilters, total: instance.totalFilters });
    if ((instance.searchTerm || "").trim()) instance.triggerSearchWithFilters(instance.searchTerm, instance.searchFilters || {});
  };
  filterBox.addEventListener("toggle", () => filterBox.open && loadFilters());
  if (Object.keys(filters).length) filterBox.open = true;

  instance.on("search", (q, chosen) => remember(q, chosen, keys, sortMenu.value));
  instance.on("results", (found) => {
    const q = (instance.searchTerm || "").trim();
    empty.hidden = !(q && found && found.results && found.results.length === 0);
    hint.hidden = Boolean(q) || !Object.values(instance.searchFilters || {}).some((v) => v && v.length);
  });
  sortMenu.addEventListener("change", () => {
    remember(instance.searchTerm || "", instance.searchFilters || {}, keys, sortMenu.value);
    if ((instance.searchTerm || "").trim()) instance.triggerSearchWithFilters(instance.searchTerm, instance.searchFilters || {});
  });

  if (term || Object.keys(filters).length) instance.triggerSearchWithFilters(term, filters);
}

// Pagefind 1.5.2's filter menus give their trigger (role=combobox) no accessible name
// until something is chosen, then name it, and each option, in English ("1 filter
// selected", "3 results"), in words that do not contain what the control shows. Name
// the trigger by its label and the options by their text, as a screen reader user sees them.
function nameFilterControls(box) {
  const fix = () => {
    for (const trigger of box.querySelectorAll(".pf-dropdown-trigger")) {
      const label = (trigger.querySelector(".pf-dropdown-trigger-label") || {}).textContent || "";
      if (trigger.getAttribute("aria-label") !== label) trigger.setAttribute("aria-label", label);
    }
    for (const option of box.querySelectorAll(".pf-dropdown-option[aria-label]")) option.removeAttribute("aria-label");
  };
  new MutationObserver(fix).observe(box, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label"] });
  fix();
}

// data-word-zero-results="..." -> { zero_results: "..." }
function words(dataset) {
  const out = {};
  for (const [name, value] of Object.entries(dataset)) {
    if (name.startsWith("word")) out[name.slice(4).replace(/[A-Z]/g, (c, i) => (i ? "_" : "") + c.toLowerCase())] = value;
  }
  return out;
}

// Keep the address in step with the search, so it can be shared as a link.
function remember(q, chosen, keys, sort) {
  const params = new URLSearchParams();
  if (q && q.trim()) params.set("q", q.trim());
  for (const key of keys) for (const value of (chosen && chosen[key]) || []) params.append(key, value);
  if (sort) params.set("urutan", sort);
  const query = params.toString();
  history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// One result: kind, title, region and date, summary, and the matching words in context.
function result(data) {
  const meta = data.meta || {};
  const item = element("li", "search-result");
  if (meta.kind) item.append(element("p", "card-kind", meta.kind));
  const title = element("h2", "search-result-title");
  const link = element("a", null, meta.title || data.url);
  link.href = data.url;
  title.append(link);
  item.append(title);
  const where = [meta.region, meta.date].filter(Boolean).join(" · ");
  if (where) item.append(element("p", "search-result-meta", where));
  if (meta.summary) item.append(element("p", "search-result-summary", meta.summary));
  if (data.excerpt) {
    const excerpt = element("p", "search-result-excerpt");
    excerpt.innerHTML = data.excerpt; // Pagefind's excerpt: page text, escaped, with <mark> around matches
    item.append(excerpt);
  }
  return item;
}
