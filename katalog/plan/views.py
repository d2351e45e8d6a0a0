"""View data for templates: entry cards, fact lists, region links, built once per entry."""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import quote

from .. import csp
from ..catalogue import TAXONOMIES, Catalogue
from ..i18n import Translator, format_date, format_partial, format_short_date
from ..models import KIND_FOLDERS, Entry
from ..regions import slugify
from ..vocab import VOCABULARIES

KIND_LABEL_KEYS = {"innovation": "kind.innovation", "visit": "kind.visit", "news": "kind.news"}
# The search filter (and search link parameter) for the kind of entry.
SEARCH_KIND = "konten"
# Search filters in the order the search page offers them.
SEARCH_FILTERS = (SEARCH_KIND, "provinsi", "wilayah", "tahap", "bentuk", "jenis", "urusan", "tahun")


class Shared(dict):
    """A view dict that many pages show (an entry's card, the site header).

    Its repr is a short digest of its contents, computed once, so that a page's
    signature (a digest of the repr of its context, see ``katalog.render``) costs
    little however many cards the page lists. Never change one after it is shown.
    """

    __slots__ = ("_digest",)

    def __repr__(self) -> str:
        try:
            return self._digest
        except AttributeError:
            text = dict.__repr__(self).encode("utf-8", "surrogatepass")
            self._digest = "<" + hashlib.blake2b(text, digest_size=12).hexdigest() + ">"
            return self._digest


def entry_path(e: Entry) -> str:
    return f"{KIND_FOLDERS[e.kind]}/{e.slug}/" if e.kind in KIND_FOLDERS else f"{e.slug}/"


def term_path(taxonomy: str, term: str) -> str:
    return f"{TAXONOMIES[taxonomy][1]}/{term}/"


def entry_dep(e: Entry) -> str:
    return f"entry:{e.kind}/{e.slug}"


class Views:
    def __init__(self, cat: Catalogue, t: Translator, static_files: dict[str, str]):
        self.cat = cat
        self.t = t
        self.lang = cat.config.language
        self.base = cat.config.base_path
        self._cards: dict[tuple[str, str], Shared] = {}
        self._region_refs: dict[str, dict[str, Any]] = {}
        self.site = self._site(static_files)

    # -- links -------------------------------------------------------------
    def link(self, path: str) -> str:
        return self.base + path

    def media(self, rel: str) -> str:
        """The URL of a file of media/: its name percent-encoded, so '#', '?', '%' or a space
        in it is part of the path a browser asks for, and the published file is found."""
        return self.link("media/" + quote(rel, safe="/"))

    def region_ref(self, code: str) -> dict[str, Any]:
        """Name and link of a region (no link when it has no page); shared, do not change."""
        ref = self._region_refs.get(code)
        if ref is None:
            region = self.cat.regions.get(code)
            has_page = code in self.cat.by_region
            ref = self._region_refs[code] = {"code": code, "name": region.name if region else code,
                                             "url": self.link(region.path) if region and has_page else None}
        return ref

    def term_ref(self, taxonomy: str, term: str) -> dict[str, Any]:
        return {"name": self.term_label(taxonomy, term), "url": self.link(term_path(taxonomy, term))}

    def search_within(self, key: str, value: str, name: str) -> dict[str, Any]:
        """A search form that opens the search page filtered to one region or term."""
        return {"url": self.link("cari/"), "key": key, "value": value, "label": self.t("search.within", name=name)}

    def term_label(self, taxonomy: str, term: str) -> str:
        if taxonomy == "tag":
            return self.cat.tag_labels.get(term, term)
        vocab = VOCABULARIES[TAXONOMIES[taxonomy][0]]
        return vocab[term].label(self.lang)

    def vocab_label(self, field: str, value: str) -> str:
        return VOCABULARIES[field][value].label(self.lang)

    # -- site-wide ---------------------------------------------------------
    def _site(self, static_files: dict[str, str]) -> dict[str, Any]:
        cfg = self.cat.config
        t = self.t
        menu = [
            {"label": t("nav.innovations"), "url": self.link("inovasi/"), "key": "inovasi"},
            {"label": t("nav.visits"), "url": self.link("kunjungan/"), "key": "kunjungan"},
            {"label": t("nav.news"), "url": self.link("berita/"), "key": "berita"},
            {"label": t("nav.regions"), "url": self.link("wilayah/"), "key": "wilayah"},
            {"label": t("nav.sectors"), "url": self.link("urusan/"), "key": "urusan"},
        ]
        pages = sorted((p for p in self.cat.entries.get("page", ()) if p.fields.get("menu") is not None),
                       key=lambda p: (p.fields["menu"], p.title))
        menu += [{"label": p.title, "url": self.link(entry_path(p)), "key": p.slug} for p in pages]
        return Shared({
            "title": cfg.title,
            "description": cfg.description,
            "publisher": cfg.publisher,
            "lang": self.lang,
            "base": self.base,
            "home_url": self.link(""),
            "search_url": self.link("cari/"),
            "menu": menu,
            "css": [self.link(f"static/{p}") for p in sorted(static_files) if p.endswith(".css")],
            "js": [self.link(f"static/{p}") for p in sorted(static_files) if p.endswith(".js") and not p.startswith("search/")],
            "favicon": self.link("static/favicon.svg") if "favicon.svg" in static_files else None,
            "csp": csp.policy(cfg),
            "iframe_hosts": cfg.iframe_hosts,
        })

    # -- entries -------------------------------------------------------------
    def card(self, e: Entry) -> Shared:
        """The summary of an entry shown in every list: built once, shared by all pages."""
        card = self._cards.get(e.key)
        if card is None:
            card = self._cards[e.key] = self._make_card(e)
        return card

    def cards(self, entries) -> list[dict[str, Any]]:
        return [self.card(e) for e in entries]

    def _make_card(self, e: Entry) -> Shared:
        f = e.fields
        badges: list[str] = []
        date_label = None
        if e.kind == "innovation":
            regions = [self.region_ref(f["region"])]
            badges.append(self.vocab_label("stage", f["stage"]))
            if f.get("sector"):
                badges.append(self.vocab_label("sector", f["sector"]))
            when = f.get("implemented") or f.get("started")
            date_label = format_partial(when, self.lang) if when else None
        elif e.kind == "visit":
            regions = [self.region_ref(c) for c in (f["host"], *f["visitors"])]
            date_label = format_short_date(f["date"], self.lang)
        else:
            regions = [self.region_ref(c) for c in f.get("regions", ())]
            date_label = format_short_date(f["date"], self.lang) if "date" in f else None
        d = e.date
        return Shared({
            "kind": e.kind,
            "kind_label": self.t(KIND_LABEL_KEYS[e.kind]) if e.kind in KIND_LABEL_KEYS else "",
            "title": e.title,
            "url": self.link(entry_path(e)),
            "summary": f.get("summary", ""),
            "date": date_label,
            "date_iso": d.isoformat() if d and e.kind != "innovation" else None,
            "regions": regions,
            "host": regions[0] if e.kind == "visit" else None,
            "visitors": regions[1:] if e.kind == "visit" else [],
            "badges": badges,
            "draft": e.draft,
            "scheduled": bool(self.cat.today) and e.scheduled(self.cat.today),
        })

    def search(self, e: Entry) -> dict[str, Any] | None:
        """What the search index learns of an entry page besides its text (see ``katalog.search``).

        Filter keys are the site's URL words ('wilayah', 'tahap', ...): they appear in
        shared search links ('cari/?q=sampah&wilayah=Kota+Depok'). Values are the labels
        a reader sees, so filter menus read naturally.
        """
        if e.kind not in KIND_LABEL_KEYS:
            return None
        f = e.fields
        card = self.card(e)
        codes = e.regions()
        filters = [(SEARCH_KIND, card["kind_label"])]
        filters += [("provinsi", self.region_ref(code)["name"]) for code in dict.fromkeys(c[:2] for c in codes)]
        filters += [("wilayah", self.region_ref(c)["name"]) for c in dict.fromkeys(codes) if "." in c]
        for taxonomy in ("stage", "form", "type", "sector"):
            field, folder = TAXONOMIES[taxonomy]
            if f.get(field):
                filters.append((folder, self.vocab_label(field, f[field])))
        d = e.date
        if d:
            filters.append(("tahun", str(d.year)))
        meta = [("kind", card["kind_label"]), ("region", ", ".join(r["name"] for r in card["regions"]))]
        if card["date"]:
            meta.append(("date", card["date"]))
        # searchable, not shown: the fact box is left out of the indexed text
        meta += [(name, f[name]) for name in ("agency", "lead") if f.get(name)]
        if f.get("topics"):
            meta.append(("topics", ", ".join(f["topics"])))
        # Pagefind leaves out of a sorted search every page without the sort key, so an
        # undated entry gets one per direction that puts it last, as the site's lists do.
        return {"filters": filters, "meta": meta,
                "sort": {"terbaru": d.isoformat() if d else "0000-00-00", "terlama": d.isoformat() if d else "9999-99-99"}}

    def facts(self, e: Entry) -> list[dict[str, Any]]:
        """Label/value rows for an entry page's fact box."""
        f = e.fields
        t = self.t
        rows: list[dict[str, Any]] = []

        def row(label: str, *items: dict[str, Any]) -> None:
            if items:
                rows.append({"label": t(label), "values": list(items)})

        def text(value: str, url: str | None = None) -> dict[str, Any]:
            return {"name": value, "url": url}

        if e.kind == "innovation":
            row("field.region", self.region_ref(f["region"]))
            for name in ("stage", "form", "type", "sector"):
                if f.get(name):
                    row(f"field.{name}", self.term_ref(name, f[name]))
            if f.get("initiator"):
                row("field.initiator", text(self.vocab_label("initiator", f["initiator"])))
            if f.get("agency"):
                row("field.agency", text(f["agency"]))
            for name in ("started", "implemented"):
                if f.get(name):
                    row(f"field.{name}", text(format_partial(f[name], self.lang)))
            if f.get("website"):
                row("field.website", text(f["website"], f["website"]))
            if f.get("contact"):
                row("field.contact", text(f["contact"]))
        elif e.kind == "visit":
            row("field.date", {"name": format_date(f["date"], self.lang), "url": None, "iso": f["date"].isoformat()})
            row("field.host", self.region_ref(f["host"]))
            row("field.visitors", *[self.region_ref(c) for c in f["visitors"]])
            if f.get("lead"):
                row("field.lead", text(f["lead"]))
            if f.get("delegation_size"):
                row("field.delegation_size", text(t("people", count=f["delegation_size"])))
            if f.get("topics"):
                row("field.topics", *[text(x) for x in f["topics"]])
        elif e.kind == "news":
            row("field.date", {"name": format_date(f["date"], self.lang), "url": None, "iso": f["date"].isoformat()})
            if f.get("regions"):
                row("field.regions", *[self.region_ref(c) for c in f["regions"]])
            if f.get("source"):
                row("field.source", text(f["source"]["name"], f["source"].get("url")))
        if f.get("tags"):
            row("field.tags", *[self.term_ref("tag", slugify(x)) for x in dict.fromkeys(f["tags"]) if slugify(x)])
        return rows
