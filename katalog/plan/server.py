"""The header files for common web servers (Apache ``.htaccess``, nginx snippet,
Netlify-style ``_headers``): each sends the site's Content-Security-Policy and the
other security headers (see katalog.csp) as real HTTP headers."""

from __future__ import annotations

from .. import csp
from ..catalogue import Catalogue
from .spec import PageSpec
from .views import Views

FILES = {".htaccess": "server/htaccess", "nginx.conf": "server/nginx.conf", "_headers": "server/_headers"}


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    def make() -> dict:
        return {"headers": csp.headers(cat.config), "base": views.base}

    return [PageSpec(output, template, make, ("site",)) for output, template in FILES.items()]
