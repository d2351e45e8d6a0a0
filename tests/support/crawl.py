"""Breadth-first crawl of a site over HTTP, collecting every reference a page makes.

Only the standard library is used: html.parser for HTML (and SVG ids), a regular
expression for url(...) / @import in CSS, urllib for HTTP (redirects are *not* followed,
so a link that only works through a redirect is visible as such).
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

IGNORED_SCHEMES = {"mailto", "tel", "data", "sms", "geo"}
# <link rel=...> values that are hyperlinks (a page, not something the browser fetches)
HYPERLINK_RELS = {"canonical", "alternate", "author", "help", "license", "next", "prev", "search",
                  "me", "bookmark", "external", "nofollow", "noopener", "noreferrer", "tag"}


@dataclass(frozen=True)
class Ref:
    """One URL found in a document."""
    source: str  # URL of the document it was found in
    tag: str  # element name, or "css" for url()/@import in a stylesheet
    attr: str
    value: str  # as written
    url: str  # absolute, fragment kept
    resource: bool  # fetched by the browser to render the page (not a hyperlink)

    def describe(self) -> str:
        return f"<{self.tag} {self.attr}={self.value!r}>" if self.tag != "css" else f"url({self.value!r})"


@dataclass
class Document:
    url: str
    status: int
    content_type: str = ""
    location: str = ""
    ids: set[str] = field(default_factory=set)
    refs: list[Ref] = field(default_factory=list)

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")


class _RefParser(HTMLParser):
    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.base = url
        self.url = url
        self.ids: set[str] = set()
        self.refs: list[Ref] = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:  # obsolete, but still a fragment target for browsers
            self.ids.add(a["name"])
        if tag == "base" and "href" in a:
            self.base = urljoin(self.url, a["href"])
            return
        if tag in ("a", "area") and "href" in a:
            self._add(tag, "href", a["href"], resource=False)
        if tag == "form" and a.get("method", "get").lower() == "get" and a.get("action"):
            self._add(tag, "action", a["action"], resource=False)  # a search form leads to its page
        if tag == "link" and "href" in a:
            rels = set(a.get("rel", "").lower().split())
            self._add(tag, "href", a["href"], resource=not rels or not rels <= HYPERLINK_RELS)
        if "src" in a:
            self._add(tag, "src", a["src"], resource=True)
        if tag in ("img", "source") and "srcset" in a:
            for candidate in a["srcset"].split(","):
                if candidate.strip():
                    self._add(tag, "srcset", candidate.split()[0], resource=True)
        if tag == "video" and "poster" in a:
            self._add(tag, "poster", a["poster"], resource=True)
        if tag == "object" and "data" in a:
            self._add(tag, "data", a["data"], resource=True)

    def _add(self, tag, attr, value, resource):
        value = value.strip()
        self.refs.append(Ref(self.url, tag, attr, value, urljoin(self.base, value), resource))


_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def css_refs(url: str, text: str) -> list[Ref]:
    refs = []
    for match in _CSS_URL.finditer(_CSS_COMMENT.sub("", text)):
        value = next((g for g in match.groups() if g is not None), "").strip()
        if value and not value.startswith("#"):  # url(#id) refers to an SVG element in the page
            refs.append(Ref(url, "css", "url", value, urljoin(url, value), resource=True))
    return refs


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect, urllib.request.ProxyHandler({}))


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with _opener.open(url, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def load(url: str) -> Document:
    status, headers, body = fetch(url)
    doc = Document(url, status, headers.get("Content-Type", "").lower(), headers.get("Location", ""))
    if doc.is_html or doc.content_type.startswith("image/svg"):
        parser = _RefParser(url)
        parser.feed(body.decode("utf-8", errors="replace"))
        parser.close()
        doc.ids, doc.refs = parser.ids, parser.refs if doc.is_html else []
    elif doc.content_type.startswith("text/css"):
        doc.refs = css_refs(url, body.decode("utf-8", errors="replace"))
    return doc


@dataclass
class Problem:
    ref: Ref | None
    message: str

    def __str__(self) -> str:
        if self.ref is None:
            return self.message
        return f"{self.ref.source}: {self.ref.describe()} -> {self.message}"


@dataclass
class Crawl:
    origin: str  # http://127.0.0.1:PORT
    prefix: str
    docs: dict[str, Document] = field(default_factory=dict)  # by URL without fragment
    external: list[Ref] = field(default_factory=list)  # refs to another host
    unsupported: list[Ref] = field(default_factory=list)  # javascript:, file:, ...

    def is_internal(self, url: str) -> bool:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    @property
    def refs(self) -> list[Ref]:
        return [r for d in self.docs.values() for r in d.refs]

    def internal_refs(self) -> list[Ref]:
        return [r for r in self.refs if self.is_internal(r.url)]

    def pages(self) -> dict[str, Document]:
        """HTML documents served with 200, by URL."""
        return {u: d for u, d in self.docs.items() if d.status == 200 and d.is_html}

    def files_reached(self, root: Path) -> set[Path]:
        """The files under ``root`` that the crawled pages were served from."""
        reached = set()
        for url in self.pages():
            path = unquote(urlsplit(url).path)
            if not path.startswith(self.prefix):
                continue
            rel = path[len(self.prefix):]
            if rel == "" or rel.endswith("/"):
                rel += "index.html"
            reached.add((root / PurePosixPath(rel)).resolve())
        return reached

    # -- checks ---------------------------------------------------------------
    def broken(self) -> list[Problem]:
        """Internal references that are not a 200, and fragments with no matching id."""
        problems = []
        for ref in self.internal_refs():
            target, fragment = urldefrag(ref.url)
            if ref.value.startswith("#"):  # same document, whatever its status (e.g. the 404 page)
                target = urldefrag(ref.source)[0]
            doc = self.docs.get(target)
            if doc is None:
                problems.append(Problem(ref, "never fetched (crawler bug)"))
            elif doc.status != 200 and not ref.value.startswith("#"):
                extra = f" to {doc.location}" if doc.location else ""
                problems.append(Problem(ref, f"HTTP {doc.status}{extra} for {target}"))
            elif fragment and fragment.lower() != "top":
                if unquote(fragment) not in doc.ids and fragment not in doc.ids:
                    problems.append(Problem(ref, f"no element with id {unquote(fragment)!r} on {target}"))
        problems += [Problem(r, "unsupported URL scheme") for r in self.unsupported]
        return problems

    def outside_prefix(self) -> list[Ref]:
        return [r for r in self.internal_refs() if not unquote(urlsplit(r.url).path).startswith(self.prefix)]

    def foreign_resources(self) -> list[Ref]:
        return [r for r in self.external if r.resource]


def crawl(start: str, *extra_seeds: str, limit: int = 5000) -> Crawl:
    """Fetch ``start`` and everything reachable from it on the same origin, breadth first.

    ``extra_seeds`` are fetched and parsed too whatever their status (e.g. a URL that
    must give the site's 404 page, whose links have to work from any depth).
    """
    parts = urlsplit(start)
    result = Crawl(origin=f"{parts.scheme}://{parts.netloc}", prefix=parts.path or "/")
    queue = deque([start, *extra_seeds])
    seen = set(queue)
    while queue:
        url = queue.popleft()
        doc = load(url)
        if doc.status != 200 and url not in extra_seeds:
            doc.refs = []  # a 404 page's own links are checked once, through its seed, not per broken URL
        result.docs[url] = doc
        if len(result.docs) > limit:
            raise AssertionError(f"crawl exceeded {limit} documents; is a URL generating new URLs?")
        for ref in doc.refs:
            scheme = urlsplit(ref.url).scheme.lower()
            if scheme in IGNORED_SCHEMES:
                continue
            if scheme not in ("http", "https"):
                result.unsupported.append(ref)
                continue
            if not result.is_internal(ref.url):
                result.external.append(ref)
                continue
            target = urldefrag(ref.url)[0]
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return result
