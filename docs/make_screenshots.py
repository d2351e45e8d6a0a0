#!/usr/bin/env python3
"""Take full-page screenshots of a built Katalog Inovasi site.

Usage: python docs/make_screenshots.py [output_dir]

Serves the already built folder (default ``output``) on 127.0.0.1 at a free
port, captures the pages below at 360px and 1280px wide into
docs/screenshots/{name}-{width}.png (and the parts in PARTS, one element each), then stops the server. It builds
nothing itself: run ``python build.py`` first. Needs Playwright and the
system Chromium at /usr/bin/chromium.

Fails (exit code 1) when a page scrolls horizontally at any width, or
when the browser tries to reach any host other than the local server.
"""

from __future__ import annotations

import functools
import http.server
import socket
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = (360, 1280)
# name -> path; these are saved as PNGs.
PAGES = {
    "home": "/",
    "innovation": "/inovasi/bebeli-kabupaten-bekasi/",
    "region": "/wilayah/jawa-barat/kabupaten-bekasi/",
    "regions": "/wilayah/",
}
# name -> (path, CSS selector): a screenshot of one part of a page (the pictures of issue 16), at each width.
PARTS = {
    "map": ("/", ".map-section"),
    "statistics": ("/statistik/", "main"),
    "network": ("/wilayah/jawa-barat/kota-bekasi/", "#jaringan"),
    "visit-network": ("/kunjungan/", ".net"),
}
# Only checked for horizontal overflow (no screenshot kept).
CHECK_ONLY = [
    "/wilayah/jawa-barat/",
    "/urusan/",
    "/urusan/kesehatan/",
    "/cari/?q=bekasi",
    "/kunjungan/balitbangda-baubau-ke-kota-bekasi-2017/",
    "/berita/",
    "/tentang/",
    "/404.html",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


def start_server(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: any free port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}"


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "output")
    if not site.is_absolute():
        site = Path.cwd() / site
    if not (site / "index.html").is_file():
        print(f"error: {site} has no index.html; build the site first (python build.py)", file=sys.stderr)
        return 1
    SHOTS.mkdir(parents=True, exist_ok=True)

    server, base = start_server(site)
    problems: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                for width in WIDTHS:
                    context = browser.new_context(
                        viewport={"width": width, "height": 800 if width < 600 else 900},
                        device_scale_factor=1,
                        color_scheme="light",
                        reduced_motion="reduce",
                    )
                    page = context.new_page()
                    local = urlsplit(base).netloc

                    def guard(route, request, local=local):
                        if urlsplit(request.url).netloc == local or request.url.startswith("data:"):
                            route.continue_()
                        else:
                            problems.append(f"external request blocked: {request.url}")
                            route.abort()

                    page.route("**/*", guard)
                    targets = [(name, path, True) for name, path in PAGES.items()]
                    targets += [(None, path, False) for path in CHECK_ONLY]
                    for name, path, keep in targets:
                        response = page.goto(base + path, wait_until="load")
                        status = response.status if response else 0
                        if status >= 400 and not path.endswith("404.html"):
                            problems.append(f"{path}: HTTP {status}")
                        scroll_width = page.evaluate("document.documentElement.scrollWidth")
                        if scroll_width > width:
                            problems.append(f"{path} at {width}px: horizontal overflow, scrollWidth={scroll_width}")
                        if keep:
                            out = SHOTS / f"{name}-{width}.png"
                            page.screenshot(path=str(out), full_page=True)
                            print(f"wrote {out.relative_to(ROOT)} (scrollWidth {scroll_width})")
                        else:
                            print(f"checked {path} at {width}px (scrollWidth {scroll_width})")
                    for name, (path, selector) in PARTS.items():
                        page.goto(base + path, wait_until="load")
                        out = SHOTS / f"{name}-{width}.png"
                        page.locator(selector).first.screenshot(path=str(out))
                        print(f"wrote {out.relative_to(ROOT)} ({selector} of {path})")
                    context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()

    if problems:
        print("\nFAILED:", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
