"""``python build.py serve``: build, serve on 127.0.0.1, rebuild on every save, reload the tab.

The preview is the ordinary incremental build (``katalog.builder``) run again in the
same process after each change to the content folder or a theme folder, so only the
pages whose inputs changed are rendered (and with warm imports a body edit takes a
fraction of a second). It builds drafts too, marked as such, into its own output
folder (``pratinjau/`` by default) so a preview is never mistaken for the site to
publish. livereload watches the folders and tells the open tabs to reload.

A bad save never stops the server: until the next good save every page is an error
page naming the file, line and problem, and that page reloads itself too.
"""

from __future__ import annotations

import html
import mimetypes
import posixpath
import sys
import threading
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from .builder import BuildOptions, build
from .diagnostics import BuildFailed, Diagnostic

HOST = "127.0.0.1"
DEFAULT_OUTPUT = "pratinjau"


class Preview:
    """The preview's state: the last build's problems (none when it succeeded), and the WSGI app."""

    def __init__(self, options: BuildOptions, out=sys.stdout):
        self.options = replace(options, drafts=True, base_url="/", progress=False)
        self.problems: list[Diagnostic] = []
        self.lock = threading.Lock()
        self.out = out
        self.builds = 0

    def rebuild(self, *_changed) -> None:
        from .cli import summary

        with self.lock:
            try:
                result = build(self.options)
            except BuildFailed as failed:
                self.problems = failed.diagnostics
                for d in failed.diagnostics:
                    print(d.format(), file=self.out)
                print(f"Build gagal: {len(failed.diagnostics)} masalah; perbaiki lalu simpan lagi.", file=self.out, flush=True)
            else:
                self.problems = []
                print(summary(result, str(self.options.output)), file=self.out, flush=True)
            self.builds += 1

    # -- WSGI ---------------------------------------------------------------------
    def __call__(self, environ, start_response):
        path = unquote(environ.get("PATH_INFO") or "/")
        problems = self.problems
        if problems and (path.endswith("/") or path.endswith(".html")):
            return self._respond(start_response, "500 Internal Server Error", "text/html; charset=utf-8",
                                 error_page(problems).encode("utf-8"))
        return self._file(path, start_response)

    def _file(self, path: str, start_response):
        root = self.options.output.resolve()
        rel = posixpath.normpath(path).lstrip("/")
        if rel in (".", ""):
            rel = ""
        target = (root / rel).resolve() if rel else root
        if target != root and root not in target.parents:
            return self._not_found(root, start_response)
        if target.is_dir():
            if not path.endswith("/"):
                start_response("301 Moved Permanently", [("Location", path + "/"), ("Content-Length", "0")])
                return [b""]
            target = target / "index.html"
        if not target.is_file():
            return self._not_found(root, start_response)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        return self._respond(start_response, "200 OK", kind, target.read_bytes())

    def _not_found(self, root: Path, start_response):
        page = root / "404.html"
        body = page.read_bytes() if page.is_file() else b"<!DOCTYPE html><title>404</title><h1>404</h1></html>"
        return self._respond(start_response, "404 Not Found", "text/html; charset=utf-8", body)

    @staticmethod
    def _respond(start_response, status: str, kind: str, body: bytes):
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
        return [body]


def error_page(problems: list[Diagnostic]) -> str:
    items = "\n".join(f"<li><code>{html.escape(p.path)}{f':{p.line}' if p.line else ''}</code>"
                      f" <strong>{'error' if p.level == 'error' else 'peringatan'}</strong>: {html.escape(p.message)}</li>"
                      for p in problems)
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build gagal · Pratinjau Katalog Inovasi</title>
<style>body{{font:1.0625rem/1.6 system-ui,sans-serif;margin:0;padding:1.5rem;color:#1b2733;max-width:60rem}}
h1{{color:#9b1c1c}}li{{margin:.5rem 0}}code{{background:#f3f4f6;padding:0 .25rem;word-break:break-all}}</style>
</head>
<body>
<main>
<h1>Build gagal: {len(problems)} masalah</h1>
<p>Situs belum dapat dibangun. Perbaiki masalah berikut di berkasnya lalu simpan; halaman ini
dimuat ulang sendiri begitu build berhasil.</p>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""


def serve(options: BuildOptions, port: int, out=sys.stdout) -> None:
    from livereload import Server
    from livereload.handlers import LiveReloadHandler

    preview = Preview(options, out)
    preview.rebuild()
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # reload after every save, however quick the next one
    server = Server(preview)
    content = options.content.absolute()
    server.watch(str(content), preview.rebuild)
    for themes in dict.fromkeys(p.resolve() for p in (content.parent / "themes", Path(__file__).parent.parent / "themes")):
        if themes.is_dir():
            server.watch(str(themes), preview.rebuild)
    print(f"Pratinjau: http://{HOST}:{port}/  (drafts ikut tampil; Ctrl+C untuk berhenti)", file=out, flush=True)
    server.serve(port=port, host=HOST, debug=False, restart_delay=0)
