"""What a page's <head> tells link previews and search engines: the description, the
canonical address, Open Graph and Twitter card tags, rel="prev"/"next" of a paginated
list and the page's JSON-LD (``katalog.jsonld``).

Chat apps (WhatsApp, Telegram) read only the first 32 KB of a page, so the theme writes
these tags first in <head>, before the stylesheets. Every address is absolute
(``views.absolute``). A page's ``head`` is a ``Shared`` dict: its repr, which the page's
signature hashes, is a short digest. Nothing here reads an entry's body.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .. import jsonld, urls
from ..models import Entry
from ..serialise import json_for_script
from ..urls import entry_path
from .shared import Shared

if TYPE_CHECKING:
    from .views import Views

DESCRIPTION_LIMIT = 200  # characters: what previews and result pages show of a description
PREVIEW = "preview.png"  # the theme's default preview image, among its static files
LOCALES = MappingProxyType({"id": "id_ID", "en": "en_US"})  # Open Graph's og:locale of a site language


def plain(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` on one line, cut on a word boundary to at most ``limit`` characters ('…' added)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.") + "…"


def default_image(views: Views, static_files) -> dict[str, Any] | None:
    """The site's preview image: site.yaml's ``image``, else the theme's, else none."""
    cfg = views.cat.config
    alt = cfg.title
    if cfg.image:
        return _media_image(views, cfg.image, alt)
    if PREVIEW in static_files:  # its size as read with the theme (katalog.images.read_files), when it could be
        width, height = views.static_sizes.get(PREVIEW) or (None, None)
        return {"src": views.absolute(urls.static_url(static_files[PREVIEW])), "alt": alt,
                "width": width, "height": height}
    return None


def entry_image(views: Views, e: Entry) -> dict[str, Any] | None:
    image = e.fields.get("image")
    if not image:
        return None
    return _media_image(views, image["src"], image.get("alt") or e.title)


def _media_image(views: Views, name: str, alt: str) -> dict[str, Any]:
    """A media file as a preview image, with its size when it was read (katalog.images)."""
    width, height = views.sizes.get(name) or (None, None)
    return {"src": views.absolute(urls.media_url(name)), "alt": alt, "width": width, "height": height}


def head(views: Views, path: str | None, title: str | None, description: str = "", *,
         image: dict[str, Any] | None = None, kind: str = "website", breadcrumbs: list[dict] | None = None,
         pagination: dict[str, Any] | None = None, data: tuple[dict[str, Any] | None, ...] = (),
         published: str | None = None) -> dict[str, Any]:
    """The <head> of one page. ``path``: the page's path (None: no canonical address, the 404
    page); ``title``: its own title (without the site's; None: the template's ``title``);
    ``description``: a sentence about this page (else the site's); ``image``: the entry's
    (else the site's default); ``kind``: Open Graph's type ('article' for news);
    ``breadcrumbs``: the trail base.html shows; ``pagination``: a list page's
    (``paginate.paginate``); ``data``: JSON-LD dicts (None ones are left out)."""
    cfg = views.cat.config
    url = views.absolute(path) if path is not None else None
    text = plain(description or cfg.description)
    image = image or views.preview_image
    og = [("og:type", kind), ("og:site_name", cfg.title), ("og:locale", LOCALES.get(views.lang, "id_ID"))]
    if url:
        og.append(("og:url", url))
    if kind == "article" and published:
        og.append(("article:published_time", published))
    twitter = [("twitter:card", "summary_large_image" if image else "summary")]
    if image:
        og += [("og:image", image["src"]), ("og:image:alt", image["alt"])]
        og += [(f"og:image:{k}", str(image[k])) for k in ("width", "height") if image.get(k)]
        twitter += [("twitter:image", image["src"]), ("twitter:image:alt", image["alt"])]
    links = []
    if pagination:
        links = [{"rel": rel, "href": views.origin + pagination[f"{rel}_url"]}
                 for rel in ("prev", "next") if pagination.get(f"{rel}_url")]
    trail = jsonld.breadcrumbs(views, breadcrumbs, title or cfg.title, url)
    return Shared({
        "title": title,
        "description": text,
        "canonical": url,
        "links": links,
        "og": og,
        "twitter": twitter,
        "jsonld": [json_for_script(d) for d in (*data, trail) if d],
    })


def site_head(views: Views) -> dict[str, Any]:
    """The fallback of a page that brings no ``head`` of its own: the site's description and image."""
    return head(views, None, None)


def entry_head(views: Views, e: Entry, breadcrumbs: list[dict] | None) -> dict[str, Any]:
    """An entry page's <head>: its summary, its image, its JSON-LD."""
    f = e.fields
    published = f["date"].isoformat() if e.kind == "news" and f.get("date") else None
    return head(views, entry_path(e), e.title, f.get("summary", ""), image=entry_image(views, e),
                kind="article" if e.kind == "news" else "website", breadcrumbs=breadcrumbs,
                data=(jsonld.entry(views, e),), published=published)
