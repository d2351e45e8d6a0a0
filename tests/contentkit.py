"""Helpers for end-to-end tests: write a content folder, run the real command line."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SITE = "title: Katalog Uji\ndescription: Katalog untuk pengujian.\nlanguage: id\nper_page: 2\n"

INNOVATION = """\
---
title: Layanan Sehat Keliling
region: "32.16"
summary: Layanan kesehatan yang datang ke desa.
stage: penerapan
sector: kesehatan
tags: [kesehatan, desa]
---
Isi inovasi.
"""

REPLICA = """\
---
title: Layanan Sehat Keliling Kota
region: "32.75"
summary: Replikasi layanan kesehatan keliling.
stage: uji-coba
sector: kesehatan
replicates: sehat-keliling
---
Isi replikasi.
"""

VISIT = """\
---
title: Kunjungan Kota Bengkulu
date: 2019-04-10
host: "32.16"
visitors: ["17.71"]
summary: Studi banding layanan kesehatan.
innovations: [sehat-keliling]
---
Isi kunjungan.
"""

NEWS = """\
---
title: Berita Layanan Sehat
date: 2020-01-05
summary: Berita tentang layanan sehat.
regions: ["32.16"]
innovations: [sehat-keliling]
visits: [kunjungan-bengkulu]
---
Isi berita.
"""

BASE_FILES = {
    "site.yaml": SITE,
    "innovations/sehat-keliling.md": INNOVATION,
    "innovations/sehat-keliling-kota.md": REPLICA,
    "visits/kunjungan-bengkulu.md": VISIT,
    "news/berita-sehat.md": NEWS,
}


def write_content(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write ``files`` (path -> text; None deletes) under ``root/content``."""
    content = root / "content"
    for rel, text in files.items():
        path = content / rel
        if text is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return content


def run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``python build.py ARGS`` in ``cwd`` the way a user does (``env``: extra variables)."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})


def tree_digest(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``folder``."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def published(site: Path, rel: str) -> str:
    """The output path of the theme's static file ``rel``: CSS and JavaScript carry a digest
    of their content ('search/indeks.js' -> 'static/search/indeks.<10 hex>.js')."""
    folder, _, name = rel.rpartition("/")
    stem, _, ext = name.rpartition(".")
    if f".{ext}" not in (".css", ".js"):
        return f"static/{rel}"
    found = sorted((site / "static" / folder).glob(f"{stem}.{'[0-9a-f]' * 10}.{ext}"))
    assert len(found) == 1, f"{rel}: published as {[p.name for p in found]}"
    return found[0].relative_to(site).as_posix()


def site_digest(folder: Path) -> dict[str, str]:
    """``tree_digest`` of a built site, for comparing two builds of the same content: every
    file, the search index's included (it is deterministic, docs/search-index.md)."""
    return tree_digest(folder)


# -- reading built pages -------------------------------------------------------

from dataclasses import dataclass, field  # noqa: E402
from html.parser import HTMLParser  # noqa: E402
import json  # noqa: E402

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Link:
    href: str
    text: str
    ids: tuple[str, ...]  # ids of the elements around the link, outermost first
    classes: tuple[str, ...]  # classes of the elements around the link


@dataclass
class Page:
    links: list[Link] = field(default_factory=list)
    h1: str = ""
    text: str = ""

    def cards(self, section_id: str | None = None) -> list[str]:
        """Hrefs of entry cards, optionally only those inside the element with ``section_id``."""
        return [l.href for l in self.links if "card-title" in l.classes
                and (section_id is None or section_id in l.ids)]

    def hrefs(self) -> list[str]:
        return [l.href for l in self.links]


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[tuple[str, str, list[str]]] = []
        self.open_links: list[dict] = []
        self.chunks: list[str] = []
        self.in_h1 = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a:
            self.open_links.append({"href": a["href"], "text": [],
                                    "ids": tuple(i for _, i, _ in self.stack if i),
                                    "classes": tuple(c for _, _, cs in self.stack for c in cs)})
        if tag == "h1":
            self.in_h1 = True
        if tag not in _VOID:
            self.stack.append((tag, a.get("id") or "", (a.get("class") or "").split()))

    def handle_endtag(self, tag):
        if tag == "a" and self.open_links:
            l = self.open_links.pop()
            self.page.links.append(Link(l["href"], " ".join("".join(l["text"]).split()), l["ids"], l["classes"]))
        if tag == "h1":
            self.in_h1 = False
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        for l in self.open_links:
            l["text"].append(data)
        if self.in_h1:
            self.page.h1 += data
        self.chunks.append(data)


def read_page(site: Path, path: str) -> Page:
    """Parse ``site/path/index.html`` (``path`` like 'wilayah/jawa-barat/')."""
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    parser = _PageParser()
    parser.feed(file.read_text(encoding="utf-8"))
    parser.page.h1 = " ".join(parser.page.h1.split())
    parser.page.text = " ".join(" ".join(parser.chunks).split())
    return parser.page


# -- dangerous markup ----------------------------------------------------------------

_NEVER = {"object", "embed", "applet", "style", "base", "frame", "frameset", "math", "textarea", "noscript",
          "marquee", "portal"}
_URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "cite"}


def _scheme(url: str) -> str:
    """The scheme a browser would read in ``url`` (it ignores whitespace and control characters)."""
    cleaned = "".join(ch for ch in url if ord(ch) > 32).lower()
    head, sep, _ = cleaned.partition(":")
    return head if sep and "/" not in head else ""


def _elsewhere(url: str) -> bool:
    """Whether a browser would fetch ``url`` from another host (it reads '\\' as '/')."""
    cleaned = "".join(ch for ch in url if ord(ch) > 32).replace("\\", "/")
    return bool(_scheme(cleaned)) or cleaned.startswith("//")


_ADDRESS_RELS = ("canonical", "prev", "next", "alternate")


class _DangerParser(HTMLParser):
    def __init__(self, frame_hosts: tuple[str, ...]):
        super().__init__(convert_charrefs=True)
        self.frame_hosts = frame_hosts
        self.found: list[str] = []
        self.in_script = False
        self.in_data = False
        self.data: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs)}>"
        if tag in _NEVER:
            self.found.append(f"forbidden element {where}")
        if tag == "script" and a.get("type") == "application/ld+json" and not a.get("src"):
            self.in_data = True  # a data block (JSON-LD): no browser runs it; it must be JSON, closed where it ends
        elif tag == "script":
            self.in_script = True
            if not (a.get("src") or "").startswith("/") or (a.get("src") or "").startswith("//"):
                self.found.append(f"script not from the site itself {where}")
        if tag == "iframe" and not any((a.get("src") or "").startswith(f"https://{h}/") for h in self.frame_hosts):
            self.found.append(f"iframe from a host not allowed {where}")
        if tag == "form" and not (a.get("action") or "").endswith("/cari/"):
            self.found.append(f"form that is not the site's search {where}")
        if tag == "meta" and (a.get("http-equiv") or "").lower() not in ("", "content-security-policy"):
            self.found.append(f"meta http-equiv {where}")
        # a canonical or neighbouring page's address is a link, never loaded by the browser
        if tag == "link" and _elsewhere(a.get("href") or "//") and a.get("rel") not in _ADDRESS_RELS:
            self.found.append(f"link to another host {where}")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc", "formaction", "srcset", "imagesrcset", "ping"):
                self.found.append(f"attribute {name} in {where}")
            if name in _URL_ATTRS and value and _scheme(value) not in ("", "http", "https", "mailto"):
                self.found.append(f"{_scheme(value)}: URL in {where}")
            if tag in ("img", "script", "iframe", "video", "audio", "source") and name == "src" and value \
                    and _elsewhere(value) and tag != "iframe":
                self.found.append(f"{tag} from another host {where}")

    def handle_endtag(self, tag):
        if tag == "script":
            if self.in_data:
                self._check_data("".join(self.data))
            self.in_script = self.in_data = False
            self.data = []

    def handle_data(self, data):
        if self.in_data:
            self.data.append(data)
        elif self.in_script and data.strip():
            self.found.append(f"inline script: {data.strip()[:80]}")

    def _check_data(self, text: str) -> None:
        try:
            json.loads(text)
        except ValueError:
            self.found.append(f"JSON-LD that is not JSON (a script element closed early?): {text[:80]}")
        if "<" in text:
            self.found.append(f"'<' in a JSON-LD script: {text[:80]}")


def dangerous_markup(html: str, frame_hosts: tuple[str, ...] = ()) -> list[str]:
    """What in ``html`` could run code, load from another host or send a form elsewhere."""
    parser = _DangerParser(frame_hosts)
    parser.feed(html)
    parser.close()
    return parser.found
