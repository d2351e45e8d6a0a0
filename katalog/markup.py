"""Markdown to sanitised HTML: what the ``markdown`` template filter does to a body.

One Markdown instance per process, reset between documents; its output cleaned by
katalog.sanitize (which also keeps body ids off the ids the theme's templates use) and
kept in the build cache under ``markdown_key``, so a body is converted again only when
it or what shapes its HTML changes. Conversion is bounded in time and depth: a body
that Python-Markdown cannot finish ends in a message naming its file.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from pathlib import Path
from typing import Callable, Iterable

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .diagnostics import Diagnostic
from .models import Body, digest
from .options import body_seconds
from .sanitize import clean_html

MARKDOWN_EXTENSIONS = ("extra", "sane_lists", "toc")

BODY_TOO_DEEP = ("isi Markdown entri ini bersarang terlalu dalam (daftar atau kutipan di dalam daftar, ratusan tingkat); "
                 "rapikan tanda '-', '1.' atau '>' di awal baris")


def body_too_complex(seconds: float) -> str:
    return (f"isi Markdown entri ini tidak selesai diolah dalam {seconds:g} detik; biasanya karena ribuan "
            "tanda '[' atau '<' yang tidak berpasangan, atau ribuan baris singkatan/definisi; rapikan isinya")


class BodyProblem(Exception):
    """A body that could not be converted; ``diagnostic`` names its file."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


def markdown_key(base: str, body_digest: str, iframe_hosts: tuple[str, ...] = (), theme_ids: tuple[str, ...] = ()) -> str:
    """What a body's HTML is kept under: its digest, the base path its links got, the
    hosts whose iframes it may keep and the ids the theme keeps for itself."""
    return digest(f"{base}\0{body_digest}\0{' '.join(iframe_hosts)}\0{' '.join(theme_ids)}")


_TEMPLATE_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def template_ids(template_dirs: Iterable[str]) -> tuple[str, ...]:
    """The ids a theme's templates write, as patterns for ``re.fullmatch``: 'isi' for
    id="isi", 'rel\\-.*' for id="rel-{{ loop.index }}". An id that starts with what the
    template computes (id="{{ s.id }}", id="{{ c.id }}-t") has nothing to compare with and is
    left out: as a pattern ('.*\\-t') it would take every id that ends alike from the bodies."""
    patterns = set()
    for folder in template_dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:  # loading that template will say what is wrong
                continue
            for m in _TEMPLATE_ID.finditer(text):
                parts = _JINJA.split(m.group(1) if m.group(1) is not None else m.group(2))
                if parts[0].strip():
                    patterns.add(".*".join(map(re.escape, parts)))
    return tuple(sorted(patterns))


class _PageTidy(Treeprocessor):
    """Root-relative links and images in a body ('/inovasi/x/') get the site's base path,
    so a body's links work under a sub-path; a table column's alignment becomes a class
    (the page's Content-Security-Policy allows no inline style); an image from another
    host becomes a link to it (the site loads nothing from other hosts)."""

    def __init__(self, md: markdown.Markdown, base: str):
        super().__init__(md)
        self.base = base.rstrip("/")

    def run(self, root):
        for el in root.iter():
            for attr in ("href", "src"):
                value = el.get(attr)
                if value and self.base and value.startswith("/") and not value.startswith("//"):
                    el.set(attr, self.base + value)
            style = el.get("style")
            if style and style.startswith("text-align: "):
                del el.attrib["style"]
                el.set("class", "align-" + style[12:].rstrip(";"))
            if el.tag == "img" and "//" in el.get("src", "")[:8]:
                src, alt = el.get("src"), el.get("alt") or el.get("src")
                el.attrib.clear()
                el.tag, el.text = "a", alt
                el.set("href", src)


class _PageTidyExtension(Extension):
    def __init__(self, base: str):
        super().__init__()
        self.base = base

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_PageTidy(md, self.base), "katalog_page_tidy", 1)


class MarkdownRenderer:
    """Markdown -> sanitised HTML for the ``markdown`` filter: one instance per process,
    reset between documents.

    ``known(key)`` gives HTML kept by an earlier build (see katalog.cache), by a key
    made of the site's base path and the body's digest; ``made`` holds what this
    process converted, for the caller to keep. ``theme_ids``: patterns of the ids the
    theme's templates use (``template_ids``), which a body's ids are kept off.
    """

    def __init__(self, base: str = "/", known: Callable[[str], str | None] | None = None,
                 iframe_hosts: tuple[str, ...] = (), theme_ids: tuple[str, ...] = ()):
        self.md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, _PageTidyExtension(base)], output_format="html")
        self.base = base
        self.iframe_hosts = tuple(iframe_hosts)
        self.theme_ids = tuple(theme_ids)
        self.known = known
        self.made: dict[str, str] = {}
        self.seconds = body_seconds(strict=False)  # a build refuses a malformed value before it renders

    def key(self, source: str | Body) -> str:
        return markdown_key(self.base, source.digest if isinstance(source, Body) else digest(source), self.iframe_hosts,
                            self.theme_ids)

    def __call__(self, source: str | Body) -> Markup:
        key = self.key(source)
        html = self.made.get(key)
        if html is None and self.known is not None:
            html = self.known(key)
        if html is None:
            html = clean_html(self._convert(source), self.iframe_hosts, self.theme_ids)
        self.made[key] = html
        return Markup(html)

    def _convert(self, source: str | Body) -> str:
        """Markdown -> HTML within ``self.seconds``: Python-Markdown takes quadratic time, or
        recursion without end, on some shapes of text (thousands of '[' or nested list
        markers), which must end in a message naming the file, not a hung or crashed build."""
        timed = threading.current_thread() is threading.main_thread()  # a timer signal needs the main thread
        if timed:
            previous = signal.signal(signal.SIGALRM, _too_slow)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        try:
            return self.md.reset().convert(str(source))
        except (RecursionError, _TooSlow) as exc:
            where = os.path.relpath(source.file) if isinstance(source, Body) else "isi"
            message = body_too_complex(self.seconds) if isinstance(exc, _TooSlow) else BODY_TOO_DEEP
            raise BodyProblem(Diagnostic(where, 0, message)) from None
        finally:
            if timed:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)


class _TooSlow(Exception):
    pass


def _too_slow(signum, frame):
    raise _TooSlow()
