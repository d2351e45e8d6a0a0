"""What an entry page shows around its body, so a reader can act on it and check it.

Under the title: an innovation's stage and status tags, its region with the province,
when its facts were last checked; on every entry, when its file was last updated.
Before the body: how to use the innovation ("Cara mengakses") and whom to contact
("Kontak"), both always shown, saying so plainly when nothing is known. After it: the
measured results, awards, legal basis, budget source, documents and sources. On every
entry page: a "Laporkan kesalahan" link carrying the page's address. On cards: the stage
and status tags and labelled dates.

Everything here is built once per entry; nothing depends on the size of the catalogue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from markupsafe import Markup, escape

from .. import phones, urls
from ..i18n import format_number, format_partial, format_short_date
from ..models import Entry
from ..urls import entry_path, term_path
from .lineage import lineage

if TYPE_CHECKING:
    from .views import Views

RUNNING = "berjalan"
STOPPED = "dihentikan"
ACCESS_TEXTS = ("who", "where", "hours", "cost", "how")
CONTACT_TEXTS = ("unit", "address")
OSM = "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


def _item(name: str, url: str | None = None, detail: str = "", iso: str | None = None) -> dict[str, Any]:
    return {"name": name, "url": url, "detail": detail, "iso": iso}


def _row(views: Views, key: str, *values: dict[str, Any]) -> dict[str, Any]:
    return {"label": views.t(key), "values": list(values)}


def _dated(views: Views, key: str, d) -> dict[str, Any]:
    return {"label": views.t(key), "date": format_short_date(d, views.lang), "iso": d.isoformat()}


# -- under the title ---------------------------------------------------------------
def stage_tag(views: Views, e: Entry) -> dict[str, Any]:
    stage = e.fields["stage"]
    return {"label": views.vocab_label("stage", stage), "cls": f"tag-stage tag-stage-{stage}",
            "url": views.link(term_path("stage", stage))}


def status_tag(views: Views, e: Entry) -> dict[str, Any]:
    status = e.fields.get("status", RUNNING)
    return {"label": views.vocab_label("status", status), "cls": f"tag-status tag-status-{status}",
            "url": views.link(term_path("status", status))}


def header(views: Views, e: Entry) -> dict[str, Any]:
    """The lines under an entry's title: tags, place and dates (only what is known)."""
    f = e.fields
    head: dict[str, Any] = {"tags": [], "stopped": "", "place": [], "dates": []}
    if e.kind == "innovation":
        head["tags"] = [stage_tag(views, e), status_tag(views, e)]
        if f.get("status") == STOPPED:
            since = views.t("status.since", date=format_partial(f["stopped"], views.lang)) if f.get("stopped") else ""
            reason = views.t("status.reason", reason=f["stopped_reason"]) if f.get("stopped_reason") else ""
            head["stopped"] = " · ".join(x for x in (since, reason) if x)
        region = views.region_ref(f["region"])
        head["place"] = [region]
        if "." in region["code"]:
            head["place"].append(views.region_ref(region["code"][:2]))
        if f.get("checked"):
            head["dates"].append(_dated(views, "entry.checked", f["checked"]))
    if f.get("updated"):
        head["dates"].append(_dated(views, "entry.updated", f["updated"]))
    return head


# -- before the body -----------------------------------------------------------------
def _publisher(views: Views) -> Markup:
    """The site's publisher, as a mailto link when the site gives an address."""
    cfg = views.cat.config
    name = cfg.publisher or cfg.title
    if cfg.contact_email:
        return Markup('<a href="mailto:{}">{}</a>').format(cfg.contact_email, name)
    return escape(name)


def access(views: Views, e: Entry) -> dict[str, Any]:
    f = e.fields
    given = f.get("access") or {}
    rows = [_row(views, f"access.{key}", _item(given[key])) for key in ACCESS_TEXTS if given.get(key)]
    if given.get("apps"):
        rows.append(_row(views, "access.apps", *[_item(app["name"], app["url"]) for app in given["apps"]]))
    place = f.get("location") or {}
    if place:
        values = [_item(place["address"])] if place.get("address") else []
        if "lat" in place:
            values.append(_item(views.t("access.map"), OSM.format(lat=place["lat"], lon=place["lon"])))
        rows.append(_row(views, "access.location", *values))
    if f.get("website"):
        rows.append(_row(views, "field.website", _item(f["website"], f["website"])))
    return {"rows": rows, "empty": views.t("access.empty")}


def contact(views: Views, e: Entry) -> dict[str, Any]:
    given = e.fields.get("contact") or {}
    rows = []
    if given.get("unit"):
        rows.append(_row(views, "contact.unit", _item(given["unit"])))
    if given.get("phone"):
        rows.append(_row(views, "contact.phone", _item(phones.local(given["phone"]), phones.tel(given["phone"]))))
    if given.get("whatsapp"):
        number = given["whatsapp"]
        rows.append(_row(views, "contact.whatsapp", _item(phones.local(number), phones.whatsapp(number))))
    if given.get("email"):
        rows.append(_row(views, "contact.email", _item(given["email"], "mailto:" + given["email"])))
    if given.get("address"):
        rows.append(_row(views, "contact.address", _item(given["address"])))
    if given.get("url"):
        rows.append(_row(views, "field.website", _item(given["url"], given["url"])))
    empty = escape(views.t("contact.empty")).format(publisher=_publisher(views))
    return {"rows": rows, "empty": Markup(empty)}


# -- after the body ------------------------------------------------------------------
def _number(views: Views, value) -> str:
    return format_number(value, views.lang) if value is not None else ""


def outcomes(views: Views, e: Entry) -> dict[str, Any] | None:
    given = e.fields.get("outcomes") or ()
    if not given:
        return None
    head = [views.t(f"outcomes.{c}") for c in ("indicator", "before", "after", "unit", "period", "source")]
    rows = [[o["indicator"], _number(views, o.get("before")), _number(views, o.get("after")), o.get("unit", ""),
             o.get("period", ""), o.get("source", "")] for o in given]
    return {"head": head, "rows": rows}


def _lists(views: Views, e: Entry) -> list[dict[str, Any]]:
    """The titled lists after the body, in the IID profile's order, only those with data."""
    f = e.fields
    t = views.t
    lists = []

    def add(key: str, items: list[dict[str, Any]]) -> None:
        if items:
            lists.append({"id": key, "title": t(f"section.{key}"), "items": items})

    add("awards", [_item(a["name"], a.get("url"), " · ".join(x for x in (str(a["year"]), a.get("rank", "")) if x))
                   for a in f.get("awards", ())])
    add("legal_basis", [_item(b["title"], b.get("url"), " ".join(
        x for x in (t("legal.number", number=b["number"]) if b.get("number") else "",
                    t("legal.year", year=b["year"]) if b.get("year") else "") if x))
        for b in f.get("legal_basis", ())])
    if f.get("budget"):
        budget = f["budget"]
        add("budget", [_item(views.vocab_label("budget", budget["source"]), None, budget.get("note", ""))])
    add("documents", [_item(d["title"], views.link(urls.media_url(d["file"])), _file_type(d["file"]))
                      for d in f.get("documents", ())])
    add("sources", [_item(s["name"], s.get("url"), format_short_date(s["date"], views.lang) if s.get("date") else "",
                          s["date"].isoformat() if s.get("date") else None)
                    for s in f.get("sources", ())])
    return lists


def _file_type(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return ext.upper() if dot and stem and "/" not in ext else ""


# -- every entry page ----------------------------------------------------------------
def page_address(views: Views, e: Entry) -> str:
    """The page's address: absolute when the site's base_url is, else its path on the site."""
    return views.absolute(entry_path(e))


def report(views: Views, e: Entry) -> dict[str, Any] | None:
    """The "Laporkan kesalahan" link: the site's form, else a mail to its publisher, else none."""
    cfg = views.cat.config
    address = page_address(views, e)
    if cfg.report_url:
        joint = "&" if "?" in cfg.report_url else "?"
        url = f"{cfg.report_url}{joint}{urls.REPORT_PARAM}={quote(address, safe='')}"
    elif cfg.contact_email:
        subject = views.t("report.subject", title=e.title)
        url = f"mailto:{cfg.contact_email}?subject={quote(subject, safe='')}&body={quote(address, safe='')}"
    else:
        return None
    return {"url": url, "label": views.t("report.link")}


def parts(views: Views, e: Entry) -> dict[str, Any]:
    """The context an entry page adds to its facts and body (see the module's docstring)."""
    out: dict[str, Any] = {"head": header(views, e), "report": report(views, e)}
    if e.kind == "innovation":
        out.update(access=access(views, e), contact=contact(views, e), outcomes=outcomes(views, e),
                   lists=_lists(views, e), lineage=lineage(views, e))
    return out


# -- cards ---------------------------------------------------------------------------
def card_tags(views: Views, e: Entry) -> list[dict[str, Any]]:
    """An innovation card's stage tag, and its status tag only when it stopped."""
    tags = [stage_tag(views, e)]
    if e.fields.get("status") == STOPPED:
        tags.append(status_tag(views, e))
    return tags


def card_date(views: Views, e: Entry) -> str | None:
    """'Mulai diterapkan November 2023', 'Mulai dirintis 2021', then 'Dihentikan 2022'."""
    f = e.fields
    labels = []
    for name in ("implemented", "started"):
        if f.get(name):
            labels.append(views.t(f"card.{name}", date=format_partial(f[name], views.lang)))
            break
    if f.get("status") == STOPPED and f.get("stopped"):
        labels.append(views.t("card.stopped", date=format_partial(f["stopped"], views.lang)))
    return " · ".join(labels) or None
