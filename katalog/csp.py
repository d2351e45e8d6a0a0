"""The site's Content-Security-Policy, as one source for the ``<meta>`` tag in every
page and for the header files the build writes for common web servers.

Scripts, styles, images (and data: images, which Pagefind's stylesheet uses for its
icons), fonts and connections come from the site itself only; no
inline script or style; Pagefind's WebAssembly needs ``'wasm-unsafe-eval'`` and
nothing broader. Frames are refused unless the site owner lists hosts in
``iframe_hosts``. ``frame-ancestors`` only works as a real header (browsers ignore it,
with a console error, in a ``<meta>`` tag), so it is in the header files alone.
"""

from __future__ import annotations

from .config import SiteConfig


def policy(config: SiteConfig, header: bool = False) -> str:
    frames = " ".join(f"https://{h}" for h in config.iframe_hosts) or "'none'"
    directives = [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",  # Pagefind's stylesheet draws its icons as data: SVG
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
