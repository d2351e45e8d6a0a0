"""The site's Content-Security-Policy, as one source for the ``<meta>`` tag in every
page and for the header files the build writes for common web servers.

Scripts, styles, images, fonts and connections come from the site itself only; no
inline script or style, no WebAssembly or eval (the search page's script reads a
plain static index, katalog.searchindex). Frames are refused unless the site owner lists hosts in
``iframe_hosts``. ``frame-ancestors`` only works as a real header (browsers ignore it,
with a console error, in a ``<meta>`` tag), so it is in the header files alone.
"""

from __future__ import annotations

from .config import SiteConfig


def policy(config: SiteConfig, header: bool = False) -> str:
    frames = " ".join(f"https://{h}" for h in config.iframe_hosts) or "'none'"
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        f"frame-src {frames}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if header:
        directives.append("frame-ancestors 'self'")
    return "; ".join(directives)


# Sent with every file by the header files the build writes (see katalog.plan.server).
OTHER_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
)


def headers(config: SiteConfig) -> list[tuple[str, str]]:
    """Every header a hardened server should send with each file of the site."""
    return [("Content-Security-Policy", policy(config, header=True)), *OTHER_HEADERS]
