"""Each region's IID profile export: 'wilayah/<region>/profil-iid.csv', its innovations
(a province's with its kabupaten/kota's) in the IID profile form's columns
(``katalog.iidexport``, docs/profil-iid.md). Rendered from the built-in template
'data/profil-iid.csv' like any page, so it is cached and published with the pages."""

from __future__ import annotations

from functools import partial
from typing import Any

from .. import urls
from ..catalogue import Catalogue, status_of
from ..serialise import join
from ..models import Entry
from ..opendata import iso
from ..vocab import VOCABULARIES
from .spec import PageSpec
from .views import Views

TEMPLATE = "data/profil-iid.csv"  # katalog/templates/data/, unless the theme has its own


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    pages = []
    for code in sorted(cat.by_region):
        entries = cat.by_region[code].innovations
        region = cat.regions.get(code)
        if entries and region is not None:
            pages.append(PageSpec(urls.iid_export_path(region.path), TEMPLATE, partial(_context, views, entries)))
    return pages


def export_link(cat: Catalogue, views: Views, code: str) -> dict[str, str] | None:
    """The link to a region's export on its page (None when it has no innovation)."""
    region = cat.regions.get(code)
    if region is None or not cat.by_region.get(code) or not cat.by_region[code].innovations:
        return None
    return {"url": views.link(urls.iid_export_path(region.path)), "label": views.t("region.iid_export"),
            "note": views.t("region.iid_export_note")}


def _context(views: Views, entries: tuple[Entry, ...]) -> dict[str, Any]:
    return {"rows": [_row(views, e) for e in entries]}


def _row(views: Views, e: Entry) -> dict[str, Any]:
    f = e.fields

    def label(field: str) -> str:
        return VOCABULARIES[field][f[field]].id if f.get(field) else ""  # the IID form is Indonesian on any site

    laws = [" ".join(x for x in (b["title"] + ("," if b.get("number") or b.get("year") else ""),
                                 f"Nomor {b['number']}" if b.get("number") else "",
                                 f"Tahun {b['year']}" if b.get("year") else "") if x)
            for b in f.get("legal_basis", ())]
    links = [s.get("url", "") for s in f.get("sources", ())]
    links += [views.absolute(urls.media_url(d["file"])) for d in f.get("documents", ())]
    links += [b.get("url", "") for b in f.get("legal_basis", ())]
    return {
        "before": [e.title, f["region"], views.region_ref(f["region"])["name"], label("stage"), label("initiator"),
                   label("type"), label("form"), label("sector"), iso(f.get("started")) or "", iso(f.get("implemented")) or "",
                   VOCABULARIES["status"][status_of(e)].id],
        "body": e.body,
        "after": [join(laws), join(dict.fromkeys(x for x in links if x)), views.absolute(urls.entry_path(e))],
    }

