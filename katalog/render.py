"""PageSpec -> HTML bytes, through the theme's Jinja templates."""

from __future__ import annotations

import jinja2
import markdown
from markupsafe import Markup

from .diagnostics import Diagnostic
from .i18n import Translator
from .plan import PageSpec
from .theme import Theme

MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "toc"]


class TemplateProblem(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


def make_environment(theme: Theme, t: Translator) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme.template_dirs),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")

    def to_html(text: str) -> Markup:
        return Markup(md.reset().convert(text))

    env.filters["markdown"] = to_html
    env.globals["t"] = t
    env.globals["lang"] = t.lang
    return env


def render_page(env: jinja2.Environment, page: PageSpec) -> bytes:
    try:
        template = env.get_template(page.template)
        return template.render(page.context).encode("utf-8")
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
