"""The header files for common web servers (Apache ``.htaccess``, nginx snippet,
Netlify-style ``_headers``): each sends the site's Content-Security-Policy and the
other security headers (see katalog.csp) as real HTTP headers."""

from __future__ import annotations

from .. import csp
from ..catalogue import Catalogue
from ..urls import NOT_FOUND, SERVER_FILES
from .spec import PageSpec
from .views import Views


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    def make() -> dict:
        return {"headers": csp.headers(cat.config), "base": views.base, "not_found": views.link(NOT_FOUND)}

    # '.htaccess' is rendered from the template 'server/htaccess', and so on: katalog/templates/server/
    # (package data), unless the theme's templates/server/ has its own
    return [PageSpec(output, f"server/{output.lstrip('.')}", make) for output in SERVER_FILES]
