"""A small threaded static HTTP server on 127.0.0.1 for serving a built site to tests.

It behaves like a plain static host (GitHub Pages, nginx with ``try_files``):

* files are served under a URL ``prefix`` (``/`` or e.g. ``/katalog/``); any path outside
  the prefix is a 404, so a link that forgets the sub-path is caught;
* ``dir/`` is served from ``dir/index.html``; ``dir`` (no slash) redirects to ``dir/``;
* a missing file is a 404 whose body is the site's ``404.html`` if there is one;
* every request is recorded (``.requests`` holds the paths, ``.log`` method/path/status);
* ``headers`` are sent with every response, as a hardened server sends its security headers.
"""

from __future__ import annotations

import mimetypes
import posixpath
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Hit:
    method: str
    path: str  # as requested, query string included
    status: int


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (http.server naming)
        self._respond(send_body=True)

    def do_HEAD(self):  # noqa: N802
        self._respond(send_body=False)

    def log_message(self, format, *args):  # keep pytest output clean
        pass

    def _respond(self, send_body: bool) -> None:
        site: StaticSite = self.server.site
        status, headers, body = site.resolve(self.path)
        site._record(Hit(self.command, self.path, status))
        self.send_response(status)
        for name, value in {**site.headers, **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    site: "StaticSite"


class StaticSite:
    """A running server for ``directory`` under ``prefix``; use as a context manager or call stop()."""

    def __init__(self, directory: Path, prefix: str = "/", headers: dict[str, str] | None = None):
        if not prefix.startswith("/") or not prefix.endswith("/"):
            raise ValueError(f"prefix must start and end with '/': {prefix!r}")
        self.directory = Path(directory).resolve()
        if not self.directory.is_dir():
            raise FileNotFoundError(self.directory)
        self.prefix = prefix
        self.headers = dict(headers or {})
        self.log: list[Hit] = []
        self._lock = threading.Lock()
        self._httpd = _Server((HOST, 0), _Handler)  # port 0: the OS picks a free port
        self._httpd.site = self
        self.port = self._httpd.server_address[1]
        self.origin = f"http://{HOST}:{self.port}"
        self.url = self.origin + prefix
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"static-{self.port}",
                                        daemon=True)
        self._thread.start()

    # -- recording ---------------------------------------------------------------
    @property
    def requests(self) -> list[str]:
        """Every request path received so far, in order (query strings included)."""
        with self._lock:
            return [hit.path for hit in self.log]

    def _record(self, hit: Hit) -> None:
        with self._lock:
            self.log.append(hit)

    def clear(self) -> None:
        with self._lock:
            self.log.clear()

    # -- resolving -----------------------------------------------------------------
    def resolve(self, raw_path: str) -> tuple[int, dict[str, str], bytes]:
        path = unquote(urlsplit(raw_path).path)
        if not path.startswith(self.prefix):
            # "/katalog" (prefix without its slash) behaves like any other folder
            if path + "/" == self.prefix:
                return self._redirect(self.prefix)
            return self._not_found()
        rel = path[len(self.prefix):]
        normalised = posixpath.normpath("/" + rel).lstrip("/") if rel else ""
        if ".." in rel.split("/") or "\\" in rel or "\x00" in rel:
            return self._not_found()
        try:
            target = (self.directory / normalised).resolve() if normalised else self.directory
            if target != self.directory and self.directory not in target.parents:
                return self._not_found()
            if target.is_dir():
                if not path.endswith("/"):
                    return self._redirect(path + "/")
                target = target / "index.html"
            if not target.is_file():
                return self._not_found()
            return 200, {"Content-Type": _content_type(target)}, target.read_bytes()
        except OSError:  # e.g. a name too long for the file system: it cannot exist
            return self._not_found()

    def _redirect(self, location: str) -> tuple[int, dict[str, str], bytes]:
        return 301, {"Location": location, "Content-Type": "text/plain; charset=utf-8"}, b"Moved\n"

    def _not_found(self) -> tuple[int, dict[str, str], bytes]:
        page = self.directory / "404.html"
        if page.is_file():
            return 404, {"Content-Type": "text/html; charset=utf-8"}, page.read_bytes()
        return 404, {"Content-Type": "text/plain; charset=utf-8"}, b"404 Not Found\n"

    # -- lifecycle -------------------------------------------------------------------
    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)

    def __enter__(self) -> "StaticSite":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<StaticSite {self.directory} at {self.url}>"


def _content_type(path: Path) -> str:
    kind = {".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml",
            ".json": "application/json", ".xml": "application/xml", ".txt": "text/plain",
            ".webmanifest": "application/manifest+json", ".woff2": "font/woff2", ".woff": "font/woff"}.get(
        path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind.endswith(("+json", "+xml", "/json", "/xml")):
        kind += "; charset=utf-8"
    return kind
