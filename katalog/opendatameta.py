"""What describes the open data files (docs/data-terbuka.md): the JSON document around
the records, its JSON Schema (draft 2020-12, shipped as 'data/inovasi.schema.json', ...)
and the DCAT catalogue 'data/katalog.jsonld' that data portals harvest (CKAN's
ckanext-dcat, Satu Data Indonesia). Pure functions: the plan gives addresses and texts."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from .structured import APPS, STRUCTURED, Shape

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_STR = {"type": "string"}
_OPT = {"type": ["string", "null"]}
_TEXTS = {"type": "array", "items": _STR}
_DAY = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_OPT_DAY = {"type": ["string", "null"], "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_PARTIAL = {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "description": "ISO 8601 setepat yang diketahui: 2023, 2023-11 atau 2023-11-16"}
_CODE = {"type": "string", "pattern": r"^\d{2}(\.\d{2})?$", "description": "kode wilayah Kemendagri"}
_PART_TYPES = MappingProxyType({
    "text": _STR, "media": _STR, "budget": _STR, "url": {"type": "string", "format": "uri"},
    "email": {"type": "string", "format": "email"}, "phone": {"type": "string", "pattern": r"^\+\d{6,15}$"},
    "number": {"type": "number"}, "year": {"type": "integer"}, "latitude": {"type": "number"},
    "longitude": {"type": "number"}, "date": _DAY,
})


def _object(props: dict[str, Any], required: list[str], nullable: bool = False) -> dict[str, Any]:
    return {"type": ["object", "null"] if nullable else "object", "properties": props, "required": required,
            "additionalProperties": False}


def _shape(shape: Shape, extra: dict[str, Any] | None = None, nullable: bool = True) -> dict[str, Any]:
    """A structured field's schema from its declaration (katalog.structured), plus the keys
    the data adds (a document's full 'url', a budget source's label)."""
    props = {p.name: (_shape(APPS) if p.kind == "apps" else _PART_TYPES[p.kind]) for p in shape.parts}
    one = _object({**props, **(extra or {})}, [p.name for p in shape.parts if p.required] + list(extra or {}),
                  nullable and not shape.many)
    return {"type": "array", "items": one} if shape.many else one


def _place(code: str = "code", name: str = "name", province: str = "province") -> dict[str, Any]:
    return {code: _CODE, name: _STR, f"{province}_code": _CODE, f"{province}_name": _STR}


_URL = {"type": "string", "description": "alamat lengkap"}
_HEAD = {"slug": _STR, "url": _URL, "title": _STR, "summary": _STR}
_TAIL = {"tags": _TEXTS, "updated": _OPT_DAY, "image": _shape(STRUCTURED["image"], {"url": _URL})}
_LABELLED = {k: v for name in ("stage", "form", "type", "initiator", "sector")
             for k, v in ((name, _OPT), (f"{name}_label", _OPT))}

PROPERTIES: MappingProxyType[str, dict[str, Any]] = MappingProxyType({
    "innovation": {**_HEAD, **_place("region_code", "region_name"), **_LABELLED, "agency": _OPT,
                   "started": _PARTIAL, "implemented": _PARTIAL, "status": _STR, "status_label": _STR,
                   "stopped": _PARTIAL, "stopped_reason": _OPT, "checked": _OPT_DAY, "website": _OPT,
                   "replicates": _OPT, "related": _TEXTS, "access": _shape(STRUCTURED["access"]),
                   "location": _shape(STRUCTURED["location"]), "contact": _shape(STRUCTURED["contact"]),
                   "outcomes": _shape(STRUCTURED["outcomes"]), "awards": _shape(STRUCTURED["awards"]),
                   "legal_basis": _shape(STRUCTURED["legal_basis"]),
                   "budget": _shape(STRUCTURED["budget"], {"source_label": _STR}),
                   "documents": _shape(STRUCTURED["documents"], {"url": _URL}),
                   "sources": _shape(STRUCTURED["sources"]), **_TAIL},
    "visit": {**_HEAD, "date": _DAY, **_place("host_code", "host_name", "host_province"),
              "visitors": {"type": "array", "minItems": 1, "items": _object(_place(), list(_place()))},
              "lead": _OPT, "delegation_size": {"type": ["integer", "null"], "minimum": 1}, "topics": _TEXTS,
              "innovations": _TEXTS, "outcome": _OPT, **_TAIL},
    "news": {**_HEAD, "date": _DAY, "regions": {"type": "array", "items": _object(_place(), list(_place()))},
             "innovations": _TEXTS, "visits": _TEXTS, "source": _shape(STRUCTURED["source"]), **_TAIL},
})


def schema(kind: str, title: str, schema_id: str) -> dict[str, Any]:
    """The JSON Schema of one kind's JSON file (``document``). ``schema_id``: the
    schema's own full address ('' when the site has no host: no $id then)."""
    item = _object(PROPERTIES[kind], list(PROPERTIES[kind]))
    return {
        "$schema": DRAFT,
        **({"$id": schema_id} if schema_id.startswith(("http://", "https://")) else {}),
        "title": title,
        "type": "object",
        "properties": {"title": _STR, "license": _STR, "license_name": _STR, "publisher": _STR, "source": _URL,
                       "schema": _URL, "modified": _OPT_DAY, "count": {"type": "integer", "minimum": 0},
                       "items": {"type": "array", "items": item}},
        "required": ["title", "license", "license_name", "publisher", "source", "schema", "modified", "count", "items"],
        "additionalProperties": False,
    }


def document(meta: dict[str, Any], items: list[dict[str, Any]]) -> dict[str, Any]:
    """A JSON file: what it is, its licence and source, then its records under 'items'."""
    return {**meta, "count": len(items), "items": items}


# DCAT-AP's controlled terms for formats (EU Publications Office) and IANA media types
FORMATS = MappingProxyType({
    "csv": ("http://publications.europa.eu/resource/authority/file-type/CSV", "https://www.iana.org/assignments/media-types/text/csv"),
    "json": ("http://publications.europa.eu/resource/authority/file-type/JSON",
             "https://www.iana.org/assignments/media-types/application/json"),
})
CONTEXT = MappingProxyType({"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                            "foaf": "http://xmlns.com/foaf/0.1/", "xsd": "http://www.w3.org/2001/XMLSchema#"})


def _date(day: str | None) -> dict[str, Any]:
    return {"dct:modified": {"@value": day, "@type": "xsd:date"}} if day else {}


def catalogue(site: dict[str, Any], datasets: list[dict[str, Any]]) -> dict[str, Any]:
    """The DCAT catalogue as JSON-LD. ``site``: id, title, description, publisher, homepage,
    license, language, modified; each dataset: id, title, description, modified, landing,
    keywords and its distributions (title, format 'csv'/'json', url, schema, count)."""
    publisher = {"@type": "foaf:Agent", "foaf:name": site["publisher"]}
    licence = {"@id": site["license"]}
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
        **_date(site["modified"]),
        "dcat:dataset": [{
            "@id": d["id"],
            "@type": "dcat:Dataset",
            "dct:identifier": d["id"],
            "dct:title": d["title"],
            "dct:description": d["description"],
            "dct:publisher": publisher,
            "dct:license": licence,
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
