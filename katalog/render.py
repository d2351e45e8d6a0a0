"""PageSpec -> HTML bytes, through the theme's Jinja templates.

Three things keep rendering cheap at national scale: one Markdown instance per process,
reset between documents; each entry card rendered once per process and reused on every
list that shows it; and Markdown output kept in the build cache (with the page contexts,
see katalog.state), so a body is converted again only when it changes.
"""

from __future__ import annotations

import hashlib
import os
import signal
import threading
from pathlib import Path
from typing import Any, Callable

import jinja2
import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from typing import TYPE_CHECKING

from .diagnostics import Diagnostic
from .models import Body, digest
from .options import body_seconds
from .sanitize import clean_html

if TYPE_CHECKING:  # imported for annotations only: the quick rebuild loads no page plan
    from .i18n import Translator
    from .plan import PageSpec
    from .theme import Theme

BUILTIN_TEMPLATES = Path(__file__).resolve().parent / "templates"  # the web server header files
MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "toc"]


class TemplateProblem(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


def markdown_key(base: str, body_digest: str, iframe_hosts: tuple[str, ...] = ()) -> str:
    """What a body's HTML is kept under: its digest, the base path its links got and the
    hosts whose iframes it may keep."""
    return digest(f"{base}\0{body_digest}\0{' '.join(iframe_hosts)}")


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

    ``known(key)`` gives HTML kept by an earlier build (see katalog.state), by a key
    made of the site's base path and the body's digest; ``made`` holds what this
    process converted, for the caller to keep.
    """

    def __init__(self, base: str = "/", known: Callable[[str], str | None] | None = None,
                 iframe_hosts: tuple[str, ...] = ()):
        self.md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, _PageTidyExtension(base)], output_format="html")
        self.base = base
        self.iframe_hosts = tuple(iframe_hosts)
        self.known = known
        self.made: dict[str, str] = {}

    def key(self, source: str | Body) -> str:
        return markdown_key(self.base, source.digest if isinstance(source, Body) else digest(source), self.iframe_hosts)

    def __call__(self, source: str | Body) -> Markup:
        key = self.key(source)
        html = self.made.get(key)
        if html is None and self.known is not None:
            html = self.known(key)
        if html is None:
            html = clean_html(self._convert(source), self.iframe_hosts)
        self.made[key] = html
        return Markup(html)


    def _convert(self, source: str | Body) -> str:
        """Markdown -> HTML within SECONDS_PER_BODY: Python-Markdown takes quadratic time, or
        recursion without end, on some shapes of text (thousands of '[' or nested list
        markers), which must end in a message naming the file, not a hung or crashed build."""
        timed = threading.current_thread() is threading.main_thread()  # a timer signal needs the main thread
        if timed:
            previous = signal.signal(signal.SIGALRM, _too_slow)
            signal.setitimer(signal.ITIMER_REAL, SECONDS_PER_BODY)
        try:
            return self.md.reset().convert(str(source))
        except (RecursionError, _TooSlow) as exc:
            where = os.path.relpath(source.file) if isinstance(source, Body) else "isi"
            raise TemplateProblem(Diagnostic(where, 0, BODY_TOO_COMPLEX if isinstance(exc, _TooSlow) else BODY_TOO_DEEP)) from None
        finally:
            if timed:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)


SECONDS_PER_BODY = body_seconds(strict=False)  # KATALOG_BODY_SECONDS; tests set it lower
BODY_TOO_COMPLEX = (f"isi Markdown entri ini tidak selesai diolah dalam {SECONDS_PER_BODY:g} detik; biasanya karena ribuan "
                    "tanda '[' atau '<' yang tidak berpasangan, atau ribuan baris singkatan/definisi; rapikan isinya")
BODY_TOO_DEEP = ("isi Markdown entri ini bersarang terlalu dalam (daftar atau kutipan di dalam daftar, ratusan tingkat); "
                 "rapikan tanda '-', '1.' atau '>' di awal baris")


class _TooSlow(Exception):
    pass


def _too_slow(signum, frame):
    raise _TooSlow()


class CardRenderer:
    """``card(c, level)`` in templates: partials/card.html, rendered once per card and heading level."""

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self.memo: dict[tuple[str, int], Markup] = {}

    def __call__(self, card: dict[str, Any], level: int = 3) -> Markup:
        key = (card["url"], level)
        html = self.memo.get(key)
        if html is None:
            html = self.memo[key] = Markup(self.env.get_template("partials/card.html").render(c=card, level=level))
        return html


def make_environment(theme: Theme, t: Translator, base: str = "/", known: Callable[[str], str | None] | None = None,
                     compiled: Path | None = None, iframe_hosts: tuple[str, ...] = ()) -> jinja2.Environment:
    """The Jinja environment of a theme. ``base``: the site's base path; ``known``:
    Markdown output kept by an earlier build; ``compiled``: where Jinja keeps compiled
    templates across builds; ``iframe_hosts``: whose iframes bodies may keep."""
    bytecode = None
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
        bytecode = jinja2.FileSystemBytecodeCache(str(compiled))
    env = jinja2.Environment(
        bytecode_cache=bytecode,
        loader=jinja2.FileSystemLoader([*theme.template_dirs, str(BUILTIN_TEMPLATES)]),
        autoescape=lambda name: not (name or "").startswith("server/"),  # server files are not HTML
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=-1,
    )
    env.filters["markdown"] = MarkdownRenderer(base, known, iframe_hosts)
    env.globals["t"] = t
    env.globals["lang"] = t.lang
    env.globals["card"] = CardRenderer(env)
    return env


def signature(page: PageSpec, context: dict[str, Any], theme: str) -> bytes:
    """A digest of everything a page is made from: its template, its context and the
    theme's digest (the tool itself is in the build cache's key). Shared view dicts
    repr as their own digest, so this stays cheap however many cards a page lists."""
    text = f"{theme}\0{page.template}\0{context!r}"
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def render_page(env: jinja2.Environment, page: PageSpec, context: dict[str, Any] | None = None) -> bytes:
    try:
        template = env.get_template(page.template)
        return template.render(page.make() if context is None else context).encode("utf-8")
    except TemplateProblem:  # a body that could not be converted: already says where
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(Diagnostic(exc.filename or exc.name or page.template, exc.lineno or 0,
                                         f"template tidak valid: {exc.message}")) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(Diagnostic(page.template, 0, f"template '{exc.name}' tidak ada di tema")) from None
    except Exception as exc:  # a theme bug must still end in a message, not a traceback
        raise TemplateProblem(Diagnostic(_template_location(exc, page.template), 0,
                                         f"template gagal dirender untuk '{page.path}': {type(exc).__name__}: {exc}")) from None


def _template_location(exc: BaseException, fallback: str) -> str:
    """'templates/x.html:12' from the innermost template frame of a rendering error."""
    tb = exc.__traceback__
    where = fallback
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".html"):
            where = f"{name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where
