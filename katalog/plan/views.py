"""View data for templates: entry cards, fact lists, region links, built once per entry."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Mapping

from .. import csp, urls
from ..catalogue import RUNNING, TAXONOMIES, Catalogue, status_of
from ..i18n import Translator, format_date, format_partial, format_short_date
from ..models import Entry
from ..regions import slugify
from ..searchdocs import FIELD_WEIGHTS
from ..urls import entry_path, term_path
from ..vocab import VOCABULARIES
from . import head as heads, innovation
from .shared import Shared

KIND_LABEL_KEYS = MappingProxyType({"innovation": "kind.innovation", "visit": "kind.visit", "news": "kind.news"})


class Views:
    def __init__(self, cat: Catalogue, t: Translator, static_files: dict[str, str],
                 sizes: Mapping[str, tuple[int, int]] | None = None,
                 static_sizes: Mapping[str, tuple[int, int]] | None = None):
        self.cat = cat
        self.t = t
        self.lang = cat.config.language
        self.base = cat.config.base_path
        self.origin = cat.config.origin
        self._cards: dict[tuple[str, str], Shared] = {}
        self._region_refs: dict[str, dict[str, Any]] = {}
        self.static = static_files  # static rel -> its published name ('style.css' -> 'style.<hash>.css')
        self.sizes = sizes or {}  # media image -> (width, height), read where the content is loaded
        self.static_sizes = static_sizes or {}  # theme static image -> (width, height), read with the theme
        self.memo: dict[Any, Any] = {}  # views derived once per plan and shared (katalog.jsonld's areas)
        self.preview_image = heads.default_image(self, static_files)  # link previews' image (plan/head.py)
        self.site = self._site(static_files)

    # -- links -------------------------------------------------------------
    def link(self, path: str) -> str:
        return self.base + path

    def absolute(self, path: str) -> str:
        """A full address for use off the site (feeds, sitemap, link previews, data files):
        'https://x.go.id/katalog/inovasi/y/' when base_url names a host, else the address
        from the server's root, '/katalog/inovasi/y/' (``check`` warns that it needs a host)."""
        return self.origin + self.link(path)

    def head(self, path: str | None, title: str | None, description: str = "", **kw: Any) -> dict[str, Any]:
        """A page's <head> for link previews and search engines (``katalog.plan.head.head``)."""
        return heads.head(self, path, title, description, **kw)

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
        return {"url": self.link(urls.search_path()), "key": key, "value": value, "label": self.t("search.within", name=name)}

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
        # 'key' is the first segment of the menu item's address: the theme marks the item
        # whose key is the page's 'section' as the current one.
        menu = [{"label": t(label), "url": self.link(urls.folder(key)), "key": key} for label, key in (
            ("nav.innovations", urls.KIND_FOLDERS["innovation"]), ("nav.visits", urls.KIND_FOLDERS["visit"]),
            ("nav.news", urls.KIND_FOLDERS["news"]), ("nav.regions", urls.REGIONS),
            ("nav.sectors", urls.TAXONOMY_FOLDERS["sector"]), ("stats.nav", urls.STATISTICS))]
        pages = sorted((p for p in self.cat.entries.get("page", ()) if p.fields.get("menu") is not None),
                       key=lambda p: (p.fields["menu"], p.title))
        menu += [{"label": p.title, "url": self.link(entry_path(p)), "key": p.slug} for p in pages]
        return Shared({
            "title": cfg.title,
            "description": cfg.description,
            "publisher": cfg.publisher,
            "lang": self.lang,
            "base": self.base,
            "home_url": self.link(urls.HOME),
            "search_url": self.link(urls.search_path()),
            "data_url": self.link(urls.data_path()),  # the open data page, linked from every page's footer
            "menu": menu,
            "css": [self.link(urls.static_url(static_files[p])) for p in sorted(static_files) if p.endswith(".css")],
            "js": [self.link(urls.static_url(static_files[p])) for p in sorted(static_files)
                   if p.endswith(".js") and not p.startswith("search/")],
            "favicon": self.link(urls.static_url(static_files["favicon.svg"])) if "favicon.svg" in static_files else None,
            "csp": csp.policy(cfg),
            "iframe_hosts": cfg.iframe_hosts,
            "head": heads.site_head(self),  # for a page that brings no 'head' of its own
        })

    def media_sizes(self, names: tuple[str, ...]) -> dict[str, list[int]]:
        """Address -> [width, height] of the media images among ``names`` (the images a body
        may show, ``Entry.media``) with a known size: what the body's images are given at
        render time (katalog.images.sized). Only a page's own images, so that adding or
        resizing an image changes the pages showing it and no other."""
        return {self.link(urls.media_path(n)): list(self.sizes[n]) for n in names if n in self.sizes}

    def image(self, field: dict | None) -> dict[str, Any] | None:
        """A front-matter image ({src, alt}) as the templates show it, with its size when known."""
        if not field:
            return None
        size = self.sizes.get(field["src"])
        return {"src": self.link(urls.media_url(field["src"])), "alt": field.get("alt", ""),
                "width": size[0] if size else None, "height": size[1] if size else None}

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
        tags: list[dict[str, Any]] = []  # stage and status, coloured, apart from the grey badges
        if e.kind == "innovation":
            regions = [self.region_ref(f["region"])]
            tags = innovation.card_tags(self, e)
            if f.get("sector"):
                badges.append(self.vocab_label("sector", f["sector"]))
            date_label = innovation.card_date(self, e)
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
            "tags": tags,
            "draft": e.draft,
            "scheduled": bool(self.cat.today) and e.scheduled(self.cat.today),
        })

    def search(self, e: Entry) -> dict[str, Any] | None:
        """What the search index learns of an entry besides its body (katalog.searchdocs):
        its order, weighted fields, result card, facets and text file.

        Facet keys are the site's URL words ('wilayah', 'tahap', ...): they appear in
        shared search links ('cari/?q=sampah&wilayah=Kota+Depok'). Values are the labels
        a reader sees, so filter menus read naturally.
        """
        if e.kind not in KIND_LABEL_KEYS:
            return None
        f = e.fields
        card = self.card(e)
        codes = e.regions()
        provinces = [self.region_ref(c)["name"] for c in dict.fromkeys(c[:2] for c in codes)]
        regions = [self.region_ref(c)["name"] for c in dict.fromkeys(codes) if "." in c]
        facets = [(urls.SEARCH_KIND, card["kind_label"])]
        facets += [(urls.SEARCH_PROVINCE, name) for name in provinces]
        facets += [(urls.SEARCH_REGION, name) for name in regions]
        labels = []  # the stage, form, type and sector as a reader sees them: searched too ('kesehatan')
        for taxonomy in urls.SEARCH_TAXONOMIES:
            field, folder = TAXONOMIES[taxonomy]
            if f.get(field):
                labels.append(self.vocab_label(field, f[field]))
                facets.append((folder, labels[-1]))
        status = status_of(e)
        if status:  # innovations only; a discontinued one is found by 'dihentikan' too
            facets.append((urls.SEARCH_STATUS, self.vocab_label("status", status)))
            if status != RUNNING:
                labels.append(facets[-1][1])
        awards = f.get("awards", ())
        facets += [(urls.SEARCH_AWARD, a["name"]) for a in awards]
        d = e.date
        if d:
            facets.append((urls.SEARCH_YEAR, str(d.year)))
        texts = {"title": e.title, "summary": f.get("summary", ""), "agency": f.get("agency", ""),
                 "regions": " ".join([r["name"] for r in card["regions"]] + provinces),
                 "topics": " ".join(f.get("topics", ())), "tags": " ".join(self._tag_words(f.get("tags", ()))),
                 "lead": f.get("lead", ""), "outcome": f.get("outcome", ""), "taxonomies": " ".join(labels),
                 "awards": " ".join(" ".join(str(x) for x in (a["name"], a.get("rank", ""), a["year"]) if x) for a in awards)}
        stage = self.vocab_label("stage", f["stage"]) if f.get("stage") else ""
        return {"sort": (d.isoformat() if d else "", e.kind, e.slug),
                "fields": [(FIELD_WEIGHTS[name], text) for name, text in texts.items() if text],
                "card": {"u": entry_path(e), "t": e.title, "k": card["kind_label"],
                         "r": ", ".join(r["name"] for r in card["regions"]), "p": ", ".join(provinces),
                         "d": card["date"] or "", "s": stage, "m": f.get("summary", ""), "x": urls.search_text(e)},
                "facets": facets, "text": urls.search_text(e)}

    def _tag_words(self, tags) -> list[str]:
        """A tag as written and its label (terms.yaml's 'Sumber daya manusia' for 'sdm'): both are searched."""
        words = []
        for tag in tags:
            label = self.cat.tag_labels.get(slugify(tag), tag)
            words += [tag] if label.casefold() == tag.casefold() else [tag, label]
        return words

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
            # the IID profile's order: stage, initiator, type, form, urusan, dates (website and
            # contact are in the page's "Cara mengakses" and "Kontak" blocks, plan/innovation.py)
            row("field.region", self.region_ref(f["region"]))
            row("field.stage", self.term_ref("stage", f["stage"]))
            if f.get("initiator"):
                row("field.initiator", text(self.vocab_label("initiator", f["initiator"])))
            for name in ("type", "form", "sector"):
                if f.get(name):
                    row(f"field.{name}", self.term_ref(name, f[name]))
            if f.get("agency"):
                row("field.agency", text(f["agency"]))
            for name in ("started", "implemented"):
                if f.get(name):
                    row(f"field.{name}", text(format_partial(f[name], self.lang)))
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
