"""PageSpec -> HTML bytes, through the theme's Jinja templates.

Two things keep rendering cheap at national scale: each entry card rendered once per
process and reused on every list that shows it; and bodies converted by one
``katalog.markup.MarkdownRenderer`` per process, whose output the build cache keeps
(with the page contexts, see katalog.state), so a body is converted again only when it
changes.
"""

from __future__ import annotations

import hashlib
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import jinja2
from markupsafe import Markup

from . import iidexport, opendatameta
from .diagnostics import Diagnostic
from .images import sized
from .serialise import csv_text, json_text
from .markup import MARKDOWN_EXTENSIONS, BodyProblem, MarkdownRenderer, template_ids

if TYPE_CHECKING:  # imported for annotations only: the quick rebuild loads no page plan
    from .i18n import Translator
    from .plan import PageSpec
    from .theme import Theme

__all__ = ["MARKDOWN_EXTENSIONS", "CardRenderer", "TemplateProblem", "make_environment", "render_page", "signature"]

BUILTIN_TEMPLATES = Path(__file__).resolve().parent / "templates"  # the web server header files


class TemplateProblem(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


class CardRenderer:
    """``card(c, level, omit)`` in templates: partials/card.html, rendered once per card and
    heading level. On a region's own lists (``omit``: its code) a card naming that region is
    rendered once more without it; a card not naming it is the shared one."""

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self.memo: dict[tuple[str, int, str | None], Markup] = {}

    def __call__(self, card: dict[str, Any], level: int = 3, omit: str | None = None) -> Markup:
        if omit is not None and not any(r["code"] == omit for r in card["regions"]):
            omit = None
        key = (card["url"], level, omit)
        html = self.memo.get(key)
        if html is None:
            shown = card if omit is None else _without_region(card, omit)
            html = self.memo[key] = Markup(self.env.get_template("partials/card.html").render(c=shown, level=level))
        return html


def _without_region(card: dict[str, Any], code: str) -> dict[str, Any]:
    host = card["host"]
    return {**card, "regions": [r for r in card["regions"] if r["code"] != code],
            "host": None if host and host["code"] == code else host,
            "visitors": [r for r in card["visitors"] if r["code"] != code]}


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
    env.filters["sized"] = sized  # body images' width/height/lazy, after the cached conversion
    env.filters["markdown"] = MarkdownRenderer(base, known, iframe_hosts, template_ids(theme.template_dirs))
    env.globals["t"] = t
    env.globals["lang"] = t.lang
    env.globals["card"] = CardRenderer(env)
    env.globals["iid_csv"] = partial(iidexport.table, to_html=env.filters["markdown"])  # data/profil-iid.csv
    env.globals["data_csv"] = _data_csv  # data/opendata.csv and .json (katalog.plan.opendata)
    env.globals["data_json"] = _data_json
    return env


def _data_csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> Markup:
    return csv_text(columns, (r["csv"] for r in rows))


def _data_json(data: dict[str, Any], rows: list[dict[str, Any]] | None = None) -> Markup:
    """A schema or the DCAT catalogue (small: indented for reading), or a data file (one line:
    the json module's C encoder writes only unindented JSON, ten times faster at 10,000 rows)."""
    if rows is None:
        return json_text(data)
    return json_text(opendatameta.document(data, [r["json"] for r in rows]), indent=None)


def builtin_only(theme: Theme) -> frozenset[str]:
    """The built-in templates (feeds, sitemap, data files, server files: katalog/templates/)
    that the theme does not replace. A page made from one of them does not depend on the
    theme, so its signature leaves the theme's digest out: editing a theme template does
    not make the data files, feeds and sitemap again."""
    names = {p.relative_to(BUILTIN_TEMPLATES).as_posix() for p in BUILTIN_TEMPLATES.rglob("*")
             if p.is_file() and p.relative_to(BUILTIN_TEMPLATES).parts[0] != "init"}
    return frozenset(n for n in names if not any((Path(d) / n).is_file() for d in theme.template_dirs))


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
    except BodyProblem as exc:  # a body that could not be converted: already says where
        raise TemplateProblem(exc.diagnostic) from None
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
