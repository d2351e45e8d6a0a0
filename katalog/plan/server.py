"""The header files for common web servers (Apache ``.htaccess`` and Netlify-style
``_headers`` in the output, the nginx snippet beside it): each sends the site's
Content-Security-Policy and the other security headers (see katalog.csp) as real HTTP
headers, has browsers keep the static files with hashed names for a year (katalog.assets)
and check everything else again, and refuses the build's own files where it can."""

from __future__ import annotations

from .. import csp, urls
from ..catalogue import Catalogue
from .spec import PageSpec
from .views import Views

IMMUTABLE = "public, max-age=31536000, immutable"  # a file whose name changes with its content
REVALIDATE = "no-cache"  # kept, but checked with the server before each use


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    def make() -> dict:
        hashed = [views.link(urls.static_url(name)) for rel, name in sorted(views.static.items()) if name != rel]
        return {"headers": csp.headers(cat.config), "base": views.base, "not_found": views.link(urls.NOT_FOUND),
                "hashed": hashed, "hashed_pattern": urls.HASHED_PATTERN, "immutable": IMMUTABLE,
                "revalidate": REVALIDATE}

    # '.htaccess' is rendered from the template 'server/htaccess', and so on: katalog/templates/server/
    # (package data), unless the theme's templates/server/ has its own. The nginx snippet
    # (urls.BESIDE) is written beside the output by the build, not into it.
    return [PageSpec(output, f"server/{output.lstrip('.')}", make) for output in (*urls.SERVER_FILES, *urls.BESIDE)]
