"""``python build.py serve``: build, serve on 127.0.0.1, rebuild on every save, reload the tab.

The preview is the ordinary incremental build (``katalog.builder``) run again in the
same process after each change to the content folder or a theme folder, so only the
pages whose inputs changed are rendered (and with warm imports a body edit takes a
fraction of a second). The operating system reports each save (watchfiles). It builds drafts too, marked as such, into its own output
folder (``pratinjau/`` by default) so a preview is never mistaken for the site to
publish. livereload watches the folders and tells the open tabs to reload.

A bad save never stops the server: until the next good save every page is an error
page naming the file, line and problem, and that page reloads itself too.
"""

from __future__ import annotations

import base64
import ctypes
import gc
import hashlib
import html
import mimetypes
import posixpath
import sys
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote, unquote

from .builder import BuildOptions, build
from .diagnostics import BuildFailed, Diagnostic
from .theme import builtin_themes

HOST = "127.0.0.1"
DEFAULT_OUTPUT = "pratinjau"


class Preview:
    """The preview's state: the last build's problems (none when it succeeded), and what each address gets."""

    def __init__(self, options: BuildOptions, out=sys.stdout):
        self.options = replace(options, drafts=True, base_url="/", progress=False)
        self.problems: list[Diagnostic] = []
        self.lock = threading.Lock()
        self.out = out
        self.builds = 0

    def rebuild(self, *_changed) -> None:
        from .result import summary

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
            release_memory()

    # -- HTTP ----------------------------------------------------------------------
    def answer(self, raw_path: str) -> Answer:
        """What GET ``raw_path`` (the request's path as sent, still %-encoded) gets:
        a page or file of the preview, the error page while the last build failed, a
        redirect to the folder's own address, 404, or 400 for a path no file can have."""
        try:
            path = unquote(raw_path or "/", errors="strict")
        except UnicodeDecodeError:
            return _plain(400, "Alamat tidak valid")
        if len(path) > MAX_PATH or any(ord(ch) < 32 or ch == "\x7f" for ch in path):
            return _plain(400, "Alamat tidak valid")
        problems = self.problems
        if problems and (path.endswith("/") or path.endswith(".html")):
            return Answer(500, "text/html; charset=utf-8", error_page(problems).encode("utf-8"))
        root = self.options.output.resolve()
        try:
            return self._file(root, path)
        except (OSError, ValueError):  # a name the file system refuses (too long, ...): no such page
            return self._not_found(root)

    def _file(self, root: Path, path: str) -> Answer:
        rel = posixpath.normpath("/" + path).lstrip("/")  # '..' cannot climb above the root
        rel = "" if rel == "." else rel
        target = (root / rel).resolve() if rel else root
        if target != root and root not in target.parents:
            return self._not_found(root)
        if target.is_dir():
            if not path.endswith("/"):  # always a path on this host: one leading '/', normalised, quoted
                return Answer(301, "text/html; charset=utf-8", b"", quote(f"/{rel}/" if rel else "/"))
            target = target / "index.html"
        if not target.is_file():
            return self._not_found(root)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        return Answer(200, kind, target.read_bytes())

    @staticmethod
    def _not_found(root: Path) -> Answer:
        page = root / "404.html"
        body = page.read_bytes() if page.is_file() else b"<!DOCTYPE html><title>404</title><h1>404</h1></html>"
        return Answer(404, "text/html; charset=utf-8", body)


MAX_PATH = 1024  # characters; no page or file of a site has a longer address


@dataclass(frozen=True)
class Answer:
    status: int
    kind: str  # Content-Type
    body: bytes
    location: str = ""  # for a redirect: a path on this host


def _plain(status: int, title: str) -> Answer:
    page = f'<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8"><title>{status} {title}</title></head>' \
           f"<body><h1>{status} {title}</h1></body></html>\n"
    return Answer(status, "text/html; charset=utf-8", page.encode())


# The inline script livereload 2.7 puts in every page it serves (Server.application,
# no separate live port); the page's Content-Security-Policy lets it run by its hash.
_RELOAD_SCRIPT = ('(function(){var s=document.createElement("script");'
                  "var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
                  's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
                  'document.head.appendChild(s);})();')
_RELOAD_HASH = "sha256-" + base64.b64encode(hashlib.sha256(_RELOAD_SCRIPT.encode()).digest()).decode()


def allow_reload_script(page: bytes) -> bytes:
    """A previewed page whose policy also admits livereload's script, and nothing else:
    the preview keeps the published site's Content-Security-Policy."""
    meta = page.find(b'<meta http-equiv="Content-Security-Policy"')
    end = page.find(b">", meta)
    if meta < 0 or end < 0:
        return page
    tag = page[meta:end]
    for quote in ("'", "&#39;"):  # as written in the meta tag, escaped by Jinja or not
        script_src = f"script-src {quote}self{quote}".encode()
        if script_src in tag:
            tag = tag.replace(script_src, script_src + f" {quote}{_RELOAD_HASH}{quote}".encode(), 1)
            return page[:meta] + tag + page[end:]
    return page


def release_memory() -> None:
    """Give back what a build left behind, so a preview running all day stays the same size.

    A build leaves reference cycles (Jinja environments, catalogue links) that Python's
    collector reaches only now and then, and freed memory the C allocator keeps: the
    server grew by about 0.4 MB per edit at 10,000 entries without this, and stays flat
    with it (bench/serve.py)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the collector alone still helps
        pass


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


def notify_watcher():
    """livereload's watcher, woken by the operating system (watchfiles: inotify on Linux)
    the moment a file is saved, instead of walking every watched file every 800 ms."""
    from livereload.watcher import Watcher
    from tornado.ioloop import IOLoop
    import watchfiles

    class NotifyWatcher(Watcher):
        def start(self, callback) -> bool:
            loop = IOLoop.current()
            paths = list(self._tasks)

            def wait_for_saves() -> None:
                for _ in watchfiles.watch(*paths, debounce=50, step=20, raise_interrupt=False):
                    loop.add_callback(callback)

            threading.Thread(target=wait_for_saves, name="watch", daemon=True).start()
            callback()  # takes livereload's start-up entry, and notes every file's time
            return True

    return NotifyWatcher()


RELOAD_TAG = f'<script type="text/javascript">{_RELOAD_SCRIPT}</script>'.encode()


def with_reload_script(page: bytes) -> bytes:
    """An HTML page that connects to the preview's reload websocket (livereload.js)."""
    head_end = page.find(b"</head>")
    return allow_reload_script(page[:head_end] + RELOAD_TAG + page[head_end:]) if head_end >= 0 else page


def local_hosts(port: int) -> frozenset[str]:
    """The Host headers that name this preview: 127.0.0.1 or localhost with its port, and
    without it on port 80, which browsers leave out. A request with no Host at all is
    taken too on HTTP/1.0, which has none: it reached the loopback socket, so it is local."""
    names = (HOST, "localhost")
    return frozenset({*(f"{name}:{port}" for name in names), *(names if port == 80 else ())})


def preview_handlers(preview: Preview, port: int) -> list:
    """The preview's routes: its pages (GET and HEAD, nothing else), livereload.js, and
    the reload websocket, which takes connections only from the preview's own pages."""
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
    from tornado import web

    hosts = local_hosts(port)
    origins = frozenset(f"http://{host}" for host in hosts)

    class Refusing:
        """Methods other than those named answer 405 with an Allow header; a request for
        another host name (a page elsewhere whose name was pointed at 127.0.0.1) 403."""
        SUPPORTED_METHODS = ("GET", "HEAD")

        def prepare(self) -> None:
            host = self.request.headers.get("Host")  # none at all only on HTTP/1.0: tornado refuses that on 1.1
            if (host.lower() not in hosts) if host is not None else self.request.version != "HTTP/1.0":
                raise web.HTTPError(403)

        def write_error(self, status_code: int, **kwargs) -> None:
            if status_code == 405:
                self.set_header("Allow", ", ".join(self.SUPPORTED_METHODS))
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(_plain(status_code, self._reason).body)

    class Page(Refusing, web.RequestHandler):
        def compute_etag(self) -> None:  # every answer is fresh (no-store)
            return None

        def get(self) -> None:
            answer = preview.answer(self.request.path)
            self.set_status(answer.status)
            self.set_header("Content-Type", answer.kind)
            self.set_header("Cache-Control", "no-store")
            if answer.location:
                self.set_header("Location", answer.location)
            self.finish(with_reload_script(answer.body) if answer.kind.startswith("text/html") else answer.body)

        head = get  # tornado sends HEAD the headers of GET, and no body

    class Script(Refusing, LiveReloadJSHandler):
        head = LiveReloadJSHandler.get

    class Reload(Refusing, LiveReloadHandler):
        SUPPORTED_METHODS = ("GET",)

        def prepare(self) -> None:
            super().prepare()
            origin = self.request.headers.get("Origin")  # tornado asks check_origin only when it differs from Host
            if origin is not None and not self.check_origin(origin):
                raise web.HTTPError(403)

        def check_origin(self, origin: str) -> bool:
            return origin.lower() in origins

    return [(r"/livereload", Reload), (r"/livereload\.js", Script), (r".*", Page)]


def serve(options: BuildOptions, port: int, out=sys.stdout) -> None:
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from tornado import web

    class PreviewServer(Server):
        """livereload's server (its watcher and reload loop) with the preview's own routes."""

        def application(self, port, host, liveport=None, debug=None, live_css=True) -> None:
            LiveReloadHandler.watcher = self.watcher
            LiveReloadHandler.live_css = live_css
            web.Application(preview_handlers(preview, port), debug=False).listen(port, address=host)

    preview = Preview(options, out)
    preview.rebuild()
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # reload after every save, however quick the next one
    server = PreviewServer(preview, watcher=notify_watcher())
    content = options.content.absolute()
    server.watch(str(content), preview.rebuild)
    for themes in dict.fromkeys(p.resolve() for p in (content.parent / "themes", builtin_themes())):
        if themes.is_dir():
            server.watch(str(themes), preview.rebuild)
    print(f"Pratinjau: http://{HOST}:{port}/  (drafts ikut tampil; Ctrl+C untuk berhenti)", file=out, flush=True)
    server.serve(port=port, host=HOST, debug=False, restart_delay=0)
