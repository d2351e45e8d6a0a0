// The search index of docs/search-index.md (format version 1), read piece by piece:
// query analysis, dictionary, postings, BM25, facets, result cards and excerpts.
// No DOM here; the page (cari.js) draws what this finds.

export const VERSION = 1;
const WORD = /[\p{L}\p{N}]+(?:(?<=[0-9])[.,][0-9]+)*/gu;
// A word of the text as written (its accents still attached), to mark in an excerpt.
const WRITTEN_WORD = /[\p{L}\p{N}\p{M}]+(?:(?<=[0-9]\p{M}*)[.,][0-9]+)*/gu;
const ASCII = /^[\x00-\x7f]*$/;
const MAX_TOKEN = 40; // characters
const PREFIX_MIN = 3; // characters of a last word taken as a prefix
const PREFIX_TERMS = 12; // most frequent terms a prefix stands for

// Python's unicodedata.combining(c) != 0 without a table: a character of canonical
// combining class k > 0 is put by NFD before one of class 240 when k < 240, and after
// one of class 1 when k > 1; a character of class 0 is moved by neither.
function combining(c) {
  if (c < "\u0300") return false;
  return ("\u0345" + c).normalize("NFD") !== "\u0345" + c || (c + "\u0334").normalize("NFD") !== c + "\u0334";
}

// NFKD, combining marks dropped, lowercase: "Pelayánan" -> "pelayanan".
export function fold(text) {
  if (ASCII.test(text)) return text.toLowerCase(); // its own NFKD, no combining mark
  let out = "";
  for (const c of text.normalize("NFKD")) if (!combining(c)) out += c;
  return out.toLowerCase();
}

// The tokens of a text, as the build's analysis makes them (katalog/searchtext.py).
export function analyse(text) {
  return Array.from(fold(text).matchAll(WORD), (m) => cut(m[0]));
}

function cut(token) {
  return token.length <= MAX_TOKEN ? token : Array.from(token).slice(0, MAX_TOKEN).join("");
}

// A word's dictionary bucket: FNV-1a (32-bit) of the UTF-8 of its first three characters.
export function bucket(word, buckets) {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(Array.from(word).slice(0, 3).join(""))) {
    h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  }
  return h % buckets;
}

// One posting list at byte `at`: {ids, impacts (or null)}; ids count on from `first`.
function postingList(view, at, first, withImpacts) {
  const n = view.getUint32(at, true);
  const width = view.getUint8(at + 4);
  const ids = new Uint32Array(n);
  let p = at + 5;
  for (let i = 0, id = first; i < n; i++, p += width) {
    id += width === 2 ? view.getUint16(p, true) : view.getUint32(p, true);
    ids[i] = id;
  }
  const impacts = withImpacts ? new Uint8Array(view.buffer, view.byteOffset + p, n) : null;
  return { ids, impacts };
}

// Candidate roots of a query word the dictionary does not hold, likeliest first
// (docs/search-index.md, "Analysis"): Sastrawi's confix stripping, suffixes first.
const SUFFIXES = [/(?:lah|kah|tah|pun)$/, /(?:ku|mu|nya)$/, /(?:kan|an|i)$/]; // stripped in turn
// A prefix, and what the rest of the word then starts with: a nasal's lost consonant
// restored first (menata -> tata, then nata).
const PREFIXES = [
  [/^(?:di|ke|se)/, ""],
  [/^(?:bel|pel)(?=ajar)/, ""],
  [/^(?:ber|ter|per)(?=[aiueo])/, "", "r"],
  [/^(?:ber|ter|per)(?=[^aiueor])/, ""],
  [/^(?:be|te|pe)(?=[^aiueor]er[^aiueo])/, ""],
  [/^(?:me|pe)(?=[lrwy][aiueo])/, ""],
  [/^(?:mem|pem)(?=[bfpv])/, ""],
  [/^(?:mem|pem)(?=[aiueo])/, "p", "m"],
  [/^(?:men|pen)(?=[cdjstz])/, ""],
  [/^(?:men|pen)(?=[aiueo])/, "t", "n"],
  [/^(?:meng|peng)(?=[^aiueo])/, ""],
  [/^(?:meng|peng)(?=[aiueo])/, "k", ""],
  [/^(?:menge|penge)/, ""],
  [/^(?:meny|peny)(?=[aiueo])/, "s", "ny"],
  [/^pe(?=[^aiueolrwymn])/, ""],
];

// A word less up to three prefixes: each layer's remainders, nearest first.
function unprefixed(word) {
  const found = [];
  for (let layer = [word], depth = 0; depth < 3 && layer.length; depth++) {
    layer = layer.flatMap((w) => PREFIXES.flatMap(([prefix, ...starts]) => {
      const m = w.match(prefix);
      return m ? starts.map((start) => start + w.slice(m[0].length)) : [];
    }));
    found.push(...layer);
  }
  return found;
}

export function roots(word) {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return [];
  const ends = [word]; // less its particle, possessive, derivational suffix in turn
  for (const suffix of SUFFIXES) ends.push(ends[ends.length - 1].replace(suffix, ""));
  const [, w1, w2, w3] = ends;
  const bases = [w3, ...(w2.endsWith("kan") ? [w3 + "k"] : []), w2, w1, word]; // "-kan" may be "k" + "-an"
  const found = [w1, w2, ...bases.flatMap((base) => [base, ...unprefixed(base)])];
  return [...new Set(found)].filter((w) => w !== word && w.length >= 3);
}

export class IndexError extends Error {}

export class Index {
  // The index at `base` ('/katalog/cari/indeks/'); refuses one of another version.
  static async open(base) {
    const response = await fetch(base + "manifest.json", { cache: "no-cache" });
    if (!response.ok) throw new IndexError(`manifest: HTTP ${response.status}`);
    const manifest = await response.json();
    if (manifest.version !== VERSION) throw new IndexError(`index version ${manifest.version}, not ${VERSION}`);
    return new Index(base, manifest);
  }

  constructor(base, manifest) {
    this.base = base;
    this.m = manifest;
    this.files = new Map(); // path -> promise of its contents, fetched once
    this.facetData = null;
  }

  // A file of the index, fetched once; `missing`: what a file that is not there stands for.
  file(path, as, missing) {
    if (!this.files.has(path)) {
      const loading = fetch(`${this.base}${path}?v=${encodeURIComponent(this.m.stamp)}`).then((r) => {
        if (r.status === 404 && missing !== undefined) return missing;
        if (!r.ok) throw new IndexError(`${path}: HTTP ${r.status}`);
        return r[as]();
      });
      loading.catch(() => this.files.delete(path)); // a failed fetch is tried again next time
      this.files.set(path, loading);
    }
    return this.files.get(path);
  }

  // The dictionary bucket of a word, with a map word -> term.
  async dictionary(word) {
    // a bucket no word falls in may not be written
    const data = await this.file(`d/${bucket(word, this.m.dict_buckets)}.json`, "json", { w: [], t: {} });
    data.map ??= new Map(data.w);
    return data;
  }

  // The term of a folded token (null when no document has the word).
  async term(token) {
    return (await this.dictionary(token)).map.get(token) ?? null;
  }

  async terms(tokens) {
    return Promise.all(tokens.map((token) => this.term(token)));
  }

  // A word the dictionary does not hold: the first of its candidate roots that it holds,
  // {dict (its bucket), term}, or null.
  async root(word) {
    for (const candidate of roots(word)) {
      const dict = await this.dictionary(candidate);
      if (dict.map.has(candidate)) return { dict, term: dict.map.get(candidate) };
    }
    return null;
  }

  // What a query word stands for: its terms [{term, df, loc}] and the word forms to mark.
  async lookup(word, asPrefix) {
    const dict = await this.dictionary(word);
    const info = (d) => (term) => ({ term, df: d.t[term][0], loc: d.t[term][1] });
    let exact = dict.map.get(word);
    let home = dict; // the bucket holding the exact term's data
    if (exact === undefined) ({ dict: home, term: exact } = (await this.root(word)) ?? { dict });
    const terms = exact === undefined ? [] : [info(home)(exact)];
    const forms = new Set(exact === undefined ? [word] : [word, ...home.t[exact][2]]);
    const prefix = asPrefix && Array.from(word).length >= PREFIX_MIN ? word : null;
    if (prefix) {
      const more = [...new Set(dict.w.filter(([w]) => w.startsWith(prefix)).map(([, t]) => t))]
        .filter((t) => t !== exact).map(info(dict)).sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1));
      terms.push(...more.slice(0, PREFIX_TERMS));
    }
    return { terms, forms, prefix };
  }

  // A term's postings: a list of {ids, impacts}.
  async postings({ term, loc }) {
    const [kind, name] = loc.split("/");
    if (kind === "c") {
      const parts = Math.ceil(this.m.docs / this.m.range);
      const files = await Promise.all(Array.from({ length: parts }, (_, i) => this.file(`p/c/${name}-${i}.bin`, "arrayBuffer")));
      return files.map((buffer, i) => postingList(new DataView(buffer), 0, i * this.m.range, true));
    }
    const view = new DataView(await this.file(`p/r/${name}.bin`, "arrayBuffer"));
    const decoder = new TextDecoder();
    for (let at = 0; at < view.byteLength;) { // entries: u8 length, term, list
      const length = view.getUint8(at);
      const list = at + 1 + length;
      if (decoder.decode(new Uint8Array(view.buffer, at + 1, length)) === term) return [postingList(view, list, 0, true)];
      at = list + 5 + view.getUint32(list, true) * (view.getUint8(list + 4) + 1);
    }
    return [];
  }

  // {facets: [{key, values: [{label, ids}]}]}, loaded once (only when asked for).
  facets() {
    this.facetData ??= Promise.all([this.file("facets.json", "json"), this.file("facets.bin", "arrayBuffer")])
      .then(([json, buffer]) => json.facets.map(({ key, values }) => ({
        key, values: values.map(([label, offset]) => ({ label, ids: postingList(new DataView(buffer), offset, 0, false).ids })),
      })));
    this.facetData.catch(() => { this.facetData = null; });
    return this.facetData;
  }

  // Search: `query` (text), `filters` ({key: [labels]}), `sort` ('', 'terbaru', 'terlama'),
  // `facets` (from facets(), or null). Returns {ids, counts, marks}: the matching ids in
  // order, the number of matches per facet value (when facets are given) and what to mark.
  async search(query, { filters = {}, sort = "", facets = null } = {}) {
    const { docs, bm25: { k1 } } = this.m;
    const tokens = [...new Set(analyse(query))];
    const words = await Promise.all(tokens.map((t, i) => this.lookup(t, i === tokens.length - 1)));
    const score = new Float64Array(docs);
    const matched = new Uint8Array(docs).fill(tokens.length ? 1 : 0); // a query of no word finds nothing
    for (const word of words) {
      const best = new Float64Array(docs);
      for (const info of word.terms) {
        const idf = Math.log(1 + (docs - info.df + 0.5) / (info.df + 0.5));
        for (const { ids, impacts } of await this.postings(info)) {
          for (let i = 0; i < ids.length; i++) best[ids[i]] = Math.max(best[ids[i]], idf * (impacts[i] / 255) * (k1 + 1));
        }
      }
      for (let id = 0; id < docs; id++) {
        if (best[id] > 0) score[id] += best[id];
        else matched[id] = 0;
      }
    }
    const { passes, counts } = facets ? this.narrow(facets, filters, matched) : { passes: () => true, counts: null };
    const ids = [];
    for (let id = 0; id < docs; id++) if (matched[id] && passes(id)) ids.push(id);
    const undated = this.m.undated;
    const order = {
      terbaru: (a, b) => b - a,
      terlama: (a, b) => (a < undated) - (b < undated) || a - b,
    }[sort] || ((a, b) => score[b] - score[a] || b - a);
    ids.sort(order);
    const forms = new Set(words.flatMap((w) => [...w.forms]));
    const prefix = words.length ? words[words.length - 1].prefix : null;
    return { ids, counts, marks: (token) => forms.has(token) || (prefix !== null && token.startsWith(prefix)) };
  }

  // The facet filters over the matched documents: which ids pass every chosen filter, and,
  // per facet value, how many matched documents it would give with the other facets' filters.
  narrow(facets, filters, matched) {
    const docs = this.m.docs;
    const failed = new Uint8Array(docs); // filters an id fails
    const which = new Uint8Array(docs); // the facet of the one filter it fails
    facets.forEach(({ key, values }, f) => {
      const chosen = values.filter((v) => (filters[key] || []).includes(v.label));
      if (!chosen.length) return;
      const inside = new Uint8Array(docs);
      for (const v of chosen) for (const id of v.ids) inside[id] = 1;
      for (let id = 0; id < docs; id++) if (!inside[id]) { failed[id]++; which[id] = f; }
    });
    const counts = {};
    facets.forEach(({ key, values }, f) => {
      counts[key] = new Map(values.map((v) => {
        let n = 0;
        for (const id of v.ids) if (matched[id] && (!failed[id] || (failed[id] === 1 && which[id] === f))) n++;
        return [v.label, n];
      }));
    });
    // a filter for a value the index does not have matches nothing
    const unknown = Object.entries(filters).some(([key, labels]) => labels.length && !labels.some((l) => counts[key]?.has(l)));
    return { passes: (id) => !unknown && !failed[id], counts };
  }

  // The result cards of some ids, in that order.
  async cards(ids) {
    const block = this.m.block;
    const blocks = await Promise.all(ids.map((id) => this.file(`c/${Math.floor(id / block)}.json`, "json")));
    return ids.map((id, i) => blocks[i][id % block]);
  }

  text(card) {
    return this.file(card.x, "text");
  }
}

// An excerpt of `text` around its first marked word: a list of [piece, marked]. The text
// is read only up to the excerpt's end; a word of ASCII is its own token, lowercased.
export function excerpt(text, marks, size = 240) {
  const marked = (word) => (ASCII.test(word) ? [cut(word.toLowerCase())] : analyse(word)).some(marks);
  const hits = [];
  let [start, end] = around(text, 0, 0, size); // where no word is marked
  for (const m of text.matchAll(WRITTEN_WORD)) {
    if (hits.length && m.index >= end) break;
    if (!marked(m[0])) continue;
    if (!hits.length) [start, end] = around(text, m.index, m.index + m[0].length, size);
    if (m.index + m[0].length <= end) hits.push(m);
  }
  const pieces = start > 0 ? [["… ", false]] : [];
  let at = start;
  for (const m of hits) {
    pieces.push([text.slice(at, m.index), false], [m[0], true]);
    at = m.index + m[0].length;
  }
  pieces.push([text.slice(at, end).trimEnd(), false]);
  if (end < text.length) pieces.push([" …", false]);
  return pieces.filter(([piece]) => piece);
}

// The excerpt's [start, end] around a word at first .. last, on whole words.
function around(text, first, last, size) {
  let start = Math.max(0, first - Math.floor(size / 3));
  let end = Math.min(text.length, start + size);
  const space = text.indexOf(" ", start); // whole words only
  if (start > 0 && space >= 0 && space < first) start = space + 1;
  if (end < text.length && text.lastIndexOf(" ", end) > last) end = text.lastIndexOf(" ", end);
  return [start, end];
}
