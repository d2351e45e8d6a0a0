"""The preview server's HTTP edges, with real requests against ``python build.py serve``:
HEAD, methods it does not serve, paths no file can have, redirects that must stay on the
same host, and the reload websocket taken only from the server's own pages."""

from __future__ import annotations

import asyncio
import http.client
import os
import socket
import subprocess
import sys
import threading

import pytest

from contentkit import BASE_FILES, REPO, write_content
from test_serve import _free_port, _reachable, _until


def _in_own_loop(coroutine):
    """Run a coroutine to its end in a thread of its own: Playwright's sync API keeps an
    event loop running in the test thread when the browser tests ran first."""
    done = {}
    thread = threading.Thread(target=lambda: done.setdefault("result", asyncio.run(coroutine)))
    thread.start()
    thread.join(30)
    return done.get("result")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve-http")
    write_content(root, BASE_FILES)
    port = _free_port()
    log = open(root / "serve.log", "w")
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--port", str(port)], cwd=root,
                            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        _until(lambda: _reachable(f"http://127.0.0.1:{port}/"), "the server to answer")
        yield root, port
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def _request(port: int, method: str, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """``path`` goes on the request line exactly as given (no quoting by the client)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def _log(root) -> str:
    return (root / "serve.log").read_text(encoding="utf-8")


def test_head_answers_headers_without_a_body(served):
    root, port = served
    for path in ("/", "/inovasi/sehat-keliling/", "/tidak-ada/"):
        status, headers, body = _request(port, "GET", path)
        head_status, head_headers, head_body = _request(port, "HEAD", path)
        assert head_status == status and head_body == b""
        assert head_headers["content-type"] == headers["content-type"]
        assert head_headers["content-length"] == headers["content-length"] == str(len(body))
    assert "Traceback" not in _log(root)


@pytest.mark.parametrize("method", ["PUT", "DELETE", "POST", "PATCH", "OPTIONS"])
def test_other_methods_are_refused(served, method):
    _, port = served
    for path in ("/", "/inovasi/sehat-keliling/", "/livereload.js"):
        status, headers, _ = _request(port, method, path, {"Content-Length": "0"})
        assert status == 405, (method, path, status)
        assert headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize("path", ["/%00", "/a%00b/", "/" + "a" * 300, "/" + "a" * 300 + "/", "/%ff%fe/", "/%0a/",
                                  "/inovasi/" + "x" * 5000], ids=["nul", "nul-inside", "long-name", "long-folder",
                                                                  "not-utf8", "newline", "very-long"])
def test_a_path_no_file_can_have_is_refused_without_a_traceback(served, path):
    root, port = served
    status, _, body = _request(port, "GET", path)
    assert status in (400, 404), (path, status, body[:200])
    assert _request(port, "HEAD", path)[0] == status
    assert "Traceback" not in _log(root)


@pytest.mark.parametrize("path, location", [
    ("/%2F%2Fevil.example%2F..%2Finovasi", "/inovasi/"), ("//evil.example/../inovasi", "/inovasi/"),
    ("/%5C%5Cevil.example/..%2Finovasi", "/inovasi/"), ("/%2F%2Fevil.example%2F..%2F..%2Fberita", "/berita/"),
    ("///evil.example/%2E%2E/inovasi", "/inovasi/")])
def test_redirects_stay_on_the_same_host(served, path, location):
    _, port = served
    status, headers, _ = _request(port, "GET", path)
    assert (status, headers.get("location")) == (301, location), path


def test_a_folder_without_its_slash_is_redirected_to_it(served):
    _, port = served
    status, headers, _ = _request(port, "GET", "/inovasi/sehat-keliling")
    assert (status, headers["location"]) == (301, "/inovasi/sehat-keliling/")
    status, headers, _ = _request(port, "GET", "/inovasi/sehat-keliling?x=1")
    assert status == 301 and headers["location"] == "/inovasi/sehat-keliling/"


async def _handshake(port: int, origin: str | None, host: str | None = None) -> int:
    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    headers = {"Origin": origin} if origin else {}
    if host:
        headers["Host"] = host
    try:
        conn = await websocket_connect(HTTPRequest(f"ws://127.0.0.1:{port}/livereload", headers=headers))
    except HTTPClientError as exc:
        return exc.code
    conn.close()
    return 101


def test_reload_connections_only_from_the_servers_own_pages(served):
    _, port = served
    for origin in ("http://evil.example", f"http://evil.example:{port}", f"https://127.0.0.1:{port}",
                   "http://127.0.0.1", "null", f"http://127.0.0.1:{port}.evil.example"):
        assert _in_own_loop(_handshake(port, origin)) == 403, origin
    for origin in (f"http://127.0.0.1:{port}", f"http://localhost:{port}"):
        assert _in_own_loop(_handshake(port, origin)) == 101, origin
    # a page of another site whose name was pointed at 127.0.0.1 (DNS rebinding): same Origin as Host
    assert _in_own_loop(_handshake(port, f"http://evil.example:{port}", f"evil.example:{port}")) == 403
    assert _request(port, "GET", "/", {"Host": f"evil.example:{port}"})[0] == 403
    assert _request(port, "GET", "/", {"Host": f"localhost:{port}"})[0] == 200


def _raw(port: int, request: bytes) -> bytes:
    """The status line the server answers ``request`` (sent as given) with."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(request)
        return conn.makefile("rb").readline().rstrip()


def test_an_http10_request_without_host_is_local(served):
    """HTTP/1.0 has no Host header: the request reached the loopback socket, so it is ours."""
    _, port = served
    assert _raw(port, b"GET / HTTP/1.0\r\n\r\n") == b"HTTP/1.1 200 OK"
    assert _raw(port, b"GET / HTTP/1.0\r\nHost: evil.example\r\n\r\n") == b"HTTP/1.1 403 Forbidden"
    assert _raw(port, b"GET / HTTP/1.1\r\n\r\n") == b"HTTP/1.1 400 Bad Request"


def test_on_port_80_a_host_without_port_is_local():
    """Browsers leave the default port out of Host and Origin: on --port 80 they send
    'Host: 127.0.0.1'. The preview's routes for port 80, served here on a free port."""
    from tornado import web
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.httpserver import HTTPServer
    from tornado.testing import bind_unused_port

    from katalog.serve import Answer, preview_handlers

    class Stub:
        def answer(self, path: str) -> Answer:
            return Answer(200, "text/plain", b"ok")

    async def statuses() -> list[int]:
        sock, port = bind_unused_port()
        server = HTTPServer(web.Application(preview_handlers(Stub(), 80)))
        server.add_sockets([sock])
        client, got = AsyncHTTPClient(), []
        for host in ("127.0.0.1", "localhost", "127.0.0.1:80", "evil.example", "127.0.0.1:8000"):
            response = await client.fetch(HTTPRequest(f"http://127.0.0.1:{port}/", headers={"Host": host}),
                                          raise_error=False)
            got.append(response.code)
        server.stop()
        return got

    assert _in_own_loop(statuses()) == [200, 200, 200, 403, 403]
