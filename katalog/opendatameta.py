"""What describes the open data files (docs/data-terbuka.md): the JSON document around
the records, its JSON Schema (draft 2020-12, shipped as 'data/inovasi.schema.json', ...)
and the DCAT catalogue 'data/katalog.jsonld' that data portals harvest (CKAN's
ckanext-dcat, Satu Data Indonesia). Pure functions: the plan gives addresses and texts."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from .structured import APPS, STRUCTURED, Shape

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DAY = r"^\d{4}-\d{2}-\d{2}$"


def _object(props: dict[str, Any], required: list[str], nullable: bool = False) -> dict[str, Any]:
    return {"type": ["object", "null"] if nullable else "object", "properties": props, "required": required,
            "additionalProperties": False}


def _shape(shape: Shape, extra: dict[str, Any] | None = None, nullable: bool = True) -> dict[str, Any]:
    """A structured field's schema from its declaration (katalog.structured), plus the keys
    the data adds (a document's full 'url', a budget source's label)."""
    text = {"type": "string"}
    types = {"text": text, "media": text, "budget": text, "url": {"type": "string", "format": "uri"},
             "email": {"type": "string", "format": "email"}, "phone": {"type": "string", "pattern": r"^\+\d{6,15}$"},
             "number": {"type": "number"}, "year": {"type": "integer"}, "latitude": {"type": "number"},
             "longitude": {"type": "number"}, "date": {"type": "string", "format": "date", "pattern": _DAY}}
    props = {p.name: (_shape(APPS) if p.kind == "apps" else types[p.kind]) for p in shape.parts}
    one = _object({**props, **(extra or {})}, [p.name for p in shape.parts if p.required] + list(extra or {}),
                  nullable and not shape.many)
    return {"type": "array", "items": one} if shape.many else one


def properties(kind: str) -> dict[str, Any]:
    """The keys of one kind's records (``katalog.opendata.record``) and their schemas; every
    key is in every record (null, or an empty list, when the entry does not give it)."""
    text = {"type": "string"}
    opt = {"type": ["string", "null"]}
    texts = {"type": "array", "items": text}
    day = {"type": "string", "format": "date", "pattern": _DAY}
    opt_day = {**day, "type": ["string", "null"]}
    partial = {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
               "description": "ISO 8601 setepat yang diketahui: 2023, 2023-11 atau 2023-11-16"}
    code = {"type": "string", "pattern": r"^\d{2}(\.\d{2})?$", "description": "kode wilayah Kemendagri"}
    url = {"type": "string", "description": "alamat lengkap"}

    def place(code_key: str = "code", name_key: str = "name", province: str = "province") -> dict[str, Any]:
        return {code_key: code, name_key: text, f"{province}_code": code, f"{province}_name": text}

    def places() -> dict[str, Any]:
        return {"type": "array", "items": _object(place(), list(place()))}

    head = {"slug": text, "url": url, "title": text, "summary": text}
    tail = {"tags": texts, "updated": opt_day, "image": _shape(STRUCTURED["image"], {"url": url})}
    if kind == "visit":
        return {**head, "date": day, **place("host_code", "host_name", "host_province"),
                "visitors": {**places(), "minItems": 1}, "lead": opt,
                "delegation_size": {"type": ["integer", "null"], "minimum": 1}, "topics": texts, "innovations": texts,
                "outcome": opt, **tail}
    if kind == "news":
        return {**head, "date": day, "regions": places(), "innovations": texts, "visits": texts,
                "source": _shape(STRUCTURED["source"]), **tail}
    labelled = {k: opt for name in ("stage", "form", "type", "initiator", "sector") for k in (name, f"{name}_label")}
    return {**head, **place("region_code", "region_name"), **labelled, "agency": opt,
            "started": partial, "implemented": partial, "status": text, "status_label": text,
            "stopped": partial, "stopped_reason": opt, "checked": opt_day, "website": opt,
            "replicates": opt, "related": texts, "access": _shape(STRUCTURED["access"]),
            "location": _shape(STRUCTURED["location"]), "contact": _shape(STRUCTURED["contact"]),
            "outcomes": _shape(STRUCTURED["outcomes"]), "awards": _shape(STRUCTURED["awards"]),
            "legal_basis": _shape(STRUCTURED["legal_basis"]),
            "budget": _shape(STRUCTURED["budget"], {"source_label": text}),
            "documents": _shape(STRUCTURED["documents"], {"url": url}),
            "sources": _shape(STRUCTURED["sources"]), **tail}


def schema(kind: str, title: str, schema_id: str) -> dict[str, Any]:
    """The JSON Schema of one kind's JSON file (``document``). ``schema_id``: the
    schema's own full address ('' when the site has no host: no $id then)."""
    props = properties(kind)
    item = _object(props, list(props))
    text = {"type": "string"}
    return {
        "$schema": DRAFT,
        **({"$id": schema_id} if schema_id.startswith(("http://", "https://")) else {}),
        "title": title,
        "type": "object",
        "properties": {"title": text, "license": text, "license_name": text, "publisher": text, "source": text,
                       "schema": text, "modified": {"type": ["string", "null"], "format": "date", "pattern": _DAY},
                       "count": {"type": "integer", "minimum": 0},
                       "items": {"type": "array", "items": item}},
        "required": ["title", "license", "license_name", "publisher", "source", "schema", "modified", "count", "items"],
        "additionalProperties": False,
    }


def document(meta: dict[str, Any], items: list[dict[str, Any]]) -> dict[str, Any]:
    """A JSON file: what it is, its licence and source, then its records under 'items'."""
    return {**meta, "count": len(items), "items": items}


# DCAT-AP's controlled terms for formats (EU Publications Office) and IANA media types
FORMATS = MappingProxyType({
    "csv": ("http://publications.europa.eu/resource/authority/file-type/CSV", "http://www.iana.org/assignments/media-types/text/csv"),
    "json": ("http://publications.europa.eu/resource/authority/file-type/JSON",
             "http://www.iana.org/assignments/media-types/application/json"),
})
CONTEXT = MappingProxyType({"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                            "foaf": "http://xmlns.com/foaf/0.1/", "vcard": "http://www.w3.org/2006/vcard/ns#",
                            "xsd": "http://www.w3.org/2001/XMLSchema#"})


def _date(day: str | None) -> dict[str, Any]:
    return {"dct:modified": {"@value": day, "@type": "xsd:date"}} if day else {}


def catalogue(site: dict[str, Any], datasets: list[dict[str, Any]]) -> dict[str, Any]:
    """The DCAT catalogue as JSON-LD. ``site``: id, title, description, publisher, homepage,
    license, language, modified, contact (an email address, or ''); each dataset: id, title,
    description, modified, landing, keywords and its distributions (title, format
    'csv'/'json', url, schema, count)."""
    publisher = {"@type": "foaf:Agent", "foaf:name": site["publisher"]}
    licence = {"@id": site["license"]}
    contact = {"dcat:contactPoint": {"@type": "vcard:Kind", "vcard:fn": site["publisher"],
                                     "vcard:hasEmail": {"@id": f"mailto:{site['contact']}"}}} if site["contact"] else {}
    return {
        "@context": dict(CONTEXT),
        "@id": site["id"],
        "@type": "dcat:Catalog",
        "dct:title": site["title"],
        "dct:description": site["description"],
        "dct:publisher": publisher,
        "dct:license": licence,
        "dct:language": site["language"],
        "foaf:homepage": {"@id": site["homepage"]},
        **contact,
        **_date(site["modified"]),
        "dcat:dataset": [{
            "@id": d["id"],
            "@type": "dcat:Dataset",
            "dct:identifier": d["id"],
            "dct:title": d["title"],
            "dct:description": d["description"],
            "dct:publisher": publisher,
            "dct:license": licence,
            **contact,
            **_date(d["modified"]),
            "dcat:keyword": d["keywords"],
            "dcat:landingPage": {"@id": d["landing"]},
            "dcat:distribution": [{
                "@id": x["url"],
                "@type": "dcat:Distribution",
                "dct:title": x["title"],
                "dcat:accessURL": {"@id": x["url"]},
                "dcat:downloadURL": {"@id": x["url"]},
                "dcat:mediaType": {"@id": FORMATS[x["format"]][1]},
                "dct:format": {"@id": FORMATS[x["format"]][0]},
                "dct:license": licence,
                **({"dct:conformsTo": {"@id": x["schema"]}} if x.get("schema") else {}),
            } for x in d["distributions"]],
        } for d in datasets],
    }
