"""Structured data for search engines: schema.org JSON-LD, as plain dicts.

Pure functions: they read the catalogue through the page plan's ``Views`` (names, links)
and build dicts; ``katalog.plan.head`` puts them in a page's context and the theme writes
them with ``serialise.json_for_script`` inside ``<script type="application/ld+json">``
(a data block: no browser runs it, the Content-Security-Policy does not apply to it).
Every address is absolute (``views.absolute``). Nothing here reads an entry's body.

- an innovation: ``GovernmentService`` (provider, areaServed, serviceType, audience,
  availableChannel from ``access``, ``contact`` and ``location``);
- a study visit: ``Event`` (organizer the host region's government, attendees the
  visitors' governments and the delegation's lead, location, startDate);
- a news item: ``NewsArticle``; a region: ``AdministrativeArea`` with the Kemendagri code;
- the home page: ``WebSite`` with a ``SearchAction``; breadcrumbs: ``BreadcrumbList``.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from . import urls
from .models import Entry

if TYPE_CHECKING:
    from .plan.views import Views

CONTEXT = "https://schema.org"
CODE_PROPERTY = "Kode Wilayah Kemendagri"  # the identifier's propertyID: the code of Permendagri's list
SEARCH_TERM = "search_term_string"


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without the keys whose value is empty (None, '', [], {})."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def area(views: Views, code: str, contained: bool = True) -> dict[str, Any]:
    """A province or kabupaten/kota as an ``AdministrativeArea``: its name, its Kemendagri code
    and (``contained``) the province it lies in. Built once per region: shared, do not change."""
    key = ("jsonld.area", code, contained)
    out = views.memo.get(key)
    if out is None:
        region = views.cat.regions.get(code)
        ref = views.region_ref(code)
        out = {"@type": "AdministrativeArea", "name": ref["name"],
               "identifier": {"@type": "PropertyValue", "propertyID": CODE_PROPERTY, "value": code}}
        if ref["url"]:
            out["url"] = views.origin + ref["url"]
        if contained and region is not None and not region.is_province:
            out["containedInPlace"] = area(views, region.province, contained=False)
        views.memo[key] = out
    return out


def government(views: Views, code: str) -> dict[str, Any]:
    """A region's government ('Pemerintah Kota Bekasi') as a ``GovernmentOrganization``, with
    the area it serves. Built once per region: shared, do not change."""
    key = ("jsonld.government", code)
    out = views.memo.get(key)
    if out is None:
        region = views.cat.regions.get(code)
        name = views.region_ref(code)["name"]
        if region is not None and region.is_province:
            name = f"Provinsi {name}"
        out = views.memo[key] = {"@type": "GovernmentOrganization", "name": f"Pemerintah {name}",
                                 "areaServed": area(views, code, contained=False)}
    return out


def _publisher(views: Views) -> dict[str, Any]:
    out = views.memo.get("jsonld.publisher")
    if out is None:
        cfg = views.cat.config
        out = views.memo["jsonld.publisher"] = {"@type": "Organization", "name": cfg.publisher or cfg.title,
                                                "url": views.absolute(urls.HOME)}
    return out


def _image(views: Views, e: Entry) -> str | None:
    image = e.fields.get("image")
    return views.absolute(urls.media_url(image["src"])) if image else None


def government_service(views: Views, e: Entry) -> dict[str, Any]:
    f = e.fields
    access = f.get("access") or {}
    contact = f.get("contact") or {}
    place = f.get("location") or {}
    provider = government(views, f["region"])  # the region the innovation belongs to ('agency' is free text)
    service_type = next((views.vocab_label(name, f[name]) for name in ("sector", "form") if f.get(name)), None)
    urls_given = [app["url"] for app in access.get("apps", ()) if app.get("url")]
    urls_given += [u for u in (f.get("website"), contact.get("url")) if u]
    location = None
    address = place.get("address") or access.get("where") or contact.get("address")
    if address or "lat" in place:
        location = _clean({"@type": "Place", "address": address,
                           "geo": {"@type": "GeoCoordinates", "latitude": place["lat"], "longitude": place["lon"]}
                           if "lat" in place else None})
    channel = _clean({
        "@type": "ServiceChannel",
        "serviceUrl": urls_given[0] if urls_given else None,
        "servicePhone": _clean({"@type": "ContactPoint", "telephone": contact.get("phone"),
                                "email": contact.get("email"), "name": contact.get("unit")})
        if contact.get("phone") or contact.get("email") else None,
        "serviceLocation": location,
    })
    return _clean({
        "@context": CONTEXT,
        "@type": "GovernmentService",
        "name": e.title,
        "description": f.get("summary"),
        "url": views.absolute(urls.entry_path(e)),
        "image": _image(views, e),
        "provider": provider,
        "areaServed": area(views, f["region"]),
        "serviceType": service_type,
        "audience": {"@type": "Audience", "audienceType": access["who"]} if access.get("who") else None,
        "availableChannel": channel if len(channel) > 1 else None,  # more than its type
    })


def event(views: Views, e: Entry) -> dict[str, Any]:
    f = e.fields
    host = views.cat.regions.get(f["host"])
    province = views.region_ref(f["host"][:2])["name"] if host is not None and not host.is_province else None
    attendees = [government(views, code) for code in f["visitors"]]
    if f.get("lead"):
        attendees.append({"@type": "Person", "name": f["lead"]})
    return _clean({
        "@context": CONTEXT,
        "@type": "Event",
        "name": e.title,
        "description": f.get("summary"),
        "url": views.absolute(urls.entry_path(e)),
        "image": _image(views, e),
        "startDate": f["date"].isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": views.region_ref(f["host"])["name"],
                     "address": _clean({"@type": "PostalAddress", "addressLocality": views.region_ref(f["host"])["name"],
                                        "addressRegion": province, "addressCountry": "ID"}),
                     "containedInPlace": area(views, f["host"])},
        "organizer": government(views, f["host"]),
        "attendee": attendees,
    })


def news_article(views: Views, e: Entry) -> dict[str, Any]:
    f = e.fields
    source = f.get("source") or {}
    places = [area(views, code) for code in f.get("regions", ())]
    url = views.absolute(urls.entry_path(e))
    return _clean({
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": e.title,
        "description": f.get("summary"),
        "url": url,
        "mainEntityOfPage": url,
        "image": _image(views, e),
        "datePublished": f["date"].isoformat(),
        "dateModified": f["updated"].isoformat() if f.get("updated") else None,
        "inLanguage": views.lang,
        "publisher": _publisher(views),
        "author": _clean({"@type": "Organization", "name": source["name"], "url": source.get("url")}) if source else None,
        "contentLocation": places,
    })


def entry(views: Views, e: Entry) -> dict[str, Any] | None:
    """The JSON-LD of an entry's page (None for a static page)."""
    make = {"innovation": government_service, "visit": event, "news": news_article}.get(e.kind)
    return make(views, e) if make else None


def region(views: Views, code: str, description: str = "") -> dict[str, Any]:
    return _clean({"@context": CONTEXT, **area(views, code), "description": description,
                   "url": views.absolute(views.cat.regions.get(code).path)})


def website(views: Views) -> dict[str, Any]:
    cfg = views.cat.config
    return _clean({
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": cfg.title,
        "description": cfg.description,
        "url": views.absolute(urls.HOME),
        "inLanguage": views.lang,
        "publisher": _publisher(views),
        "potentialAction": {"@type": "SearchAction",
                            "target": views.absolute(urls.search_path()) + f"?{urls.SEARCH_QUERY}={{{SEARCH_TERM}}}",
                            "query-input": f"required name={SEARCH_TERM}"},
    })


MEDIA_TYPES = MappingProxyType({"CSV": "text/csv", "JSON": "application/json"})


def data_catalog(views: Views, path: str, name: str, description: str, license_url: str,
                 datasets: list[dict[str, Any]]) -> dict[str, Any]:
    """The open data page as a ``DataCatalog`` of ``Dataset``s (what dataset search engines
    read); ``datasets``: the page's kinds, each with its title, description and files
    (format 'CSV' or 'JSON' and link; others are left out)."""
    return _clean({
        "@context": CONTEXT,
        "@type": "DataCatalog",
        "name": name,
        "description": description,
        "url": views.absolute(path),
        "inLanguage": views.lang,
        "license": license_url,
        "publisher": _publisher(views),
        "dataset": [_clean({"@type": "Dataset", "name": d["title"], "description": d["description"],
                            "license": license_url, "creator": _publisher(views),
                            "distribution": [{"@type": "DataDownload", "encodingFormat": MEDIA_TYPES[f["format"]],
                                              "contentUrl": views.origin + f["url"]}
                                             for f in d["files"] if f["format"] in MEDIA_TYPES]})
                    for d in datasets],
    })


def breadcrumbs(views: Views, crumbs: list[dict[str, Any]] | None, name: str, url: str | None) -> dict[str, Any] | None:
    """The page's trail (``crumbs``: name and link of each step, as base.html shows them) and the
    page itself (``name``, its absolute ``url``), as a ``BreadcrumbList``; None without a trail."""
    if not crumbs:
        return None
    steps = [(c["name"], views.origin + c["url"]) for c in crumbs if c.get("url")]
    if url:
        steps.append((name, url))
    return {"@context": CONTEXT, "@type": "BreadcrumbList",
            "itemListElement": [{"@type": "ListItem", "position": i, "name": n, "item": item}
                                for i, (n, item) in enumerate(steps, 1)]}
