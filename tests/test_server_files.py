"""The server files and hashed static names: CSS and JavaScript under names carrying a
digest of their content, kept a year by browsers; everything else checked again; the
build's own files (dot-files, _headers, the nginx snippet) never served.

The three server files are checked by reading the patterns they hold and applying them
to the real output's paths; nginx itself is run when it is installed (it is not among
the tools tests/install-tools installs, so the test skips without it, also in CI)."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from contentkit import REPO, run, write_content

from katalog.urls import HASH_LENGTH

HASHED = re.compile(rf"^static/.+\.[0-9a-f]{{{HASH_LENGTH}}}\.(css|js)$")
IMMUTABLE = "public, max-age=31536000, immutable"
PRIVATE = [".katalog-output", ".htaccess", "_headers", "static/.hidden", ".git/config"]
PUBLIC = ["index.html", "inovasi/pancoranmas-kabupaten-bekasi/index.html", "static/favicon.svg", "cari/indeks/manifest.json"]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {k: v or "" for k, v in attrs}))


def tags(html: str, name: str) -> list[dict[str, str]]:
    """The attributes of every ``name`` element of a page."""
    parser = _Tags()
    parser.feed(html)
    return [a for tag, a in parser.found if tag == name]


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def test_css_and_js_carry_a_content_hash_and_pages_link_those_names(sample_site):
    statics = [p for p in _files(sample_site) if p.startswith("static/")]
    assert sorted(p for p in statics if p.endswith((".css", ".js"))) == sorted(p for p in statics if HASHED.match(p))
    assert {re.sub(r"\.[0-9a-f]{10}\.", ".", p) for p in statics} >= {"static/style.css", "static/search/cari.js",
                                                                     "static/search/indeks.js", "static/favicon.svg"}
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    css = [a["href"].lstrip("/") for a in tags(home, "link") if a.get("rel") == "stylesheet"]
    assert css and all(HASHED.match(c) and (sample_site / c).is_file() for c in css)
    search = (sample_site / "cari/index.html").read_text(encoding="utf-8")
    script = next(a["src"] for a in tags(search, "script") if a.get("src"))
    assert HASHED.match(script.lstrip("/")) and (sample_site / script.lstrip("/")).is_file()
    # the script's module import names its hashed sibling, which exists
    imports = re.findall(r'from "(\./[^"]+)"', (sample_site / script.lstrip("/")).read_text(encoding="utf-8"))
    assert imports and all(HASHED.match(f"static/search/{i[2:]}") and (sample_site / "static/search" / i[2:]).is_file()
                           for i in imports)


def test_a_changed_style_sheet_changes_its_name_and_every_page_linking_it(tmp_path):
    write_content(tmp_path, {"site.yaml": "title: Uji\ntheme: lokal\n"})
    theme = tmp_path / "themes" / "lokal"
    (theme / "static").mkdir(parents=True)
    (theme / "theme.yaml").write_text("extends: default\n", encoding="utf-8")
    style = (REPO / "katalog/themes/default/static/style.css").read_text(encoding="utf-8")
    (theme / "static/style.css").write_text(style + "\n.baru { color: red; }\n", encoding="utf-8")
    (theme / "static/ikon.css").write_text('@import "./style.css";\n.i { background: url(gambar.png); }\n',
                                          encoding="utf-8")
    (theme / "static/gambar.png").write_bytes(b"\x89PNG")
    assert run(tmp_path, "build", "--content", "content", "--output", "output").returncode == 0
    first = {p for p in _files(tmp_path / "output") if p.endswith(".css")}
    home = (tmp_path / "output/index.html").read_text(encoding="utf-8")
    style_name = next(p for p in first if p.startswith("static/style."))
    assert f'href="/{style_name}"' in home
    icons = (tmp_path / "output" / next(p for p in first if p.startswith("static/ikon."))).read_text(encoding="utf-8")
    assert f'@import "./{style_name[len("static/"):]}"' in icons and "url(gambar.png)" in icons  # images keep names
    (theme / "static/style.css").write_text(style + "\n.baru { color: blue; }\n", encoding="utf-8")
    assert run(tmp_path, "build", "--content", "content", "--output", "output").returncode == 0
    second = {p for p in _files(tmp_path / "output") if p.endswith(".css")}
    assert len(second) == 2 and not first & second  # the importing sheet's name changed too
    for page in (p for p in _files(tmp_path / "output") if p.endswith(".html")):
        text = (tmp_path / "output" / page).read_text(encoding="utf-8")
        assert style_name not in text, f"{page} still links the old style sheet"


def _headers_blocks(site: Path) -> dict[str, dict[str, str]]:
    blocks: dict[str, dict[str, str]] = {}
    current = None
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = blocks.setdefault(line.strip(), {})
        else:
            name, _, value = line.strip().partition(": ")
            current[name] = value
    return blocks


def test_headers_file_keeps_hashed_files_a_year_and_says_it_cannot_refuse_files(sample_site):
    blocks = _headers_blocks(sample_site)
    hashed = [p for p in _files(sample_site) if HASHED.match(p)]
    assert len(hashed) == 3
    assert {f"/{p}" for p in hashed} == {path for path, headers in blocks.items() if headers.get("Cache-Control") == IMMUTABLE}
    assert "Cache-Control" not in blocks["/*"]  # a host would join the two values
    assert "cannot refuse a file" in (sample_site / "_headers").read_text(encoding="utf-8")


def _htaccess(site: Path) -> tuple[re.Pattern, re.Pattern, str]:
    text = (site / ".htaccess").read_text(encoding="utf-8")
    deny = re.search(r'^RedirectMatch 404 "(.+)"$', text, re.M).group(1)
    files = re.search(r'<FilesMatch "(.+)">\n\s*Header always set Cache-Control "(.+)"\n\s*</FilesMatch>', text)
    assert files.group(2) == IMMUTABLE
    assert re.search(r'^  Header always set Cache-Control "no-cache"$', text, re.M)
    return re.compile(deny), re.compile(files.group(1)), text


def _nginx(site: Path) -> tuple[re.Pattern, re.Pattern, str]:
    text = (site.parent / f"{site.name}.nginx.conf").read_text(encoding="utf-8")
    deny = re.search(r'^location ~ "(.+)" \{\n    return 404;\n\}$', text, re.M).group(1)
    hashed = re.search(r'^location ~ "(.+)" \{\n    add_header Cache-Control "(.+)" always;$', text, re.M)
    assert hashed.group(2) == IMMUTABLE
    assert re.search(r'^add_header Cache-Control "no-cache" always;$', text, re.M)
    return re.compile(deny), re.compile(hashed.group(1)), text


@pytest.mark.parametrize("reader", [_htaccess, _nginx])
def test_apache_and_nginx_refuse_the_builds_files_and_cache_only_hashed_names(subpath_site, reader):
    deny, hashed, text = reader(subpath_site)
    for path in PRIVATE:
        assert deny.search(f"/katalog/{path}"), f"{path} would be served"
    files = _files(subpath_site)
    for path in PUBLIC:
        assert path in files and not deny.search(f"/katalog/{path}"), f"{path} would be refused"
    assert {p for p in files if hashed.search(f"/katalog/{p}")} == {p for p in files if HASHED.match(p)}
    assert "ErrorDocument 404 /katalog/404.html" in text or "error_page 404 /katalog/404.html" in text


def test_nothing_of_the_build_but_its_marker_and_apaches_file_is_a_dot_file(subpath_site):
    assert [p for p in _files(subpath_site) if "/." in f"/{p}"] == [".htaccess", ".katalog-output"]
    assert not (subpath_site / "nginx.conf").exists()
    assert (subpath_site.parent / f"{subpath_site.name}.nginx.conf").is_file()


# -- nginx itself, when installed -----------------------------------------------------------


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return response.status, {k.lower(): v for k, v in response.getheaders()}


def _first_answer(port: int, path: str) -> tuple[int, dict[str, str]]:
    """The answer to ``path`` once the server just started listens (10 s at most)."""
    for _ in range(100):
        try:
            return _get(port, path)
        except OSError:
            time.sleep(0.1)
    return _get(port, path)


def test_nginx_serves_the_site_under_a_sub_path_and_refuses_the_builds_files(subpath_site, tmp_path):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
    if nginx is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing; tests/install-tools installs it")
        pytest.skip("nginx is not installed (tests/install-tools installs it)")
    port = _port()
    snippet = subpath_site.parent / f"{subpath_site.name}.nginx.conf"
    # as root, nginx's workers run as 'nobody', who cannot read pytest's private temporary folders
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(f"""{user}
daemon off; pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;
events {{}}
http {{
  access_log off; client_body_temp_path {tmp_path}; proxy_temp_path {tmp_path}; fastcgi_temp_path {tmp_path};
  uwsgi_temp_path {tmp_path}; scgi_temp_path {tmp_path};
  types {{ text/html html; text/css css; text/javascript js; application/json json; image/svg+xml svg; }}
  server {{
    listen 127.0.0.1:{port};
    location /katalog/ {{
      alias {subpath_site}/;
      include {snippet};
      error_page 404 /katalog/404.html;
    }}
  }}
}}
""", encoding="utf-8")
    proc = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        status, headers = _first_answer(port, "/katalog/")
        assert status == 200 and headers["cache-control"] == "no-cache"
        assert headers["content-security-policy"].startswith("default-src 'self'")
        for path in PRIVATE[:3]:
            assert _get(port, f"/katalog/{path}")[0] == 404, path
        style = next(p for p in _files(subpath_site) if p.startswith("static/style."))
        status, headers = _get(port, f"/katalog/{style}")
        assert status == 200 and headers["cache-control"] == IMMUTABLE
        assert headers["content-security-policy"].startswith("default-src 'self'")
        status, headers = _get(port, "/katalog/data/katalog.jsonld")
        assert status == 200 and headers["content-type"].startswith("application/ld+json")
        assert headers["content-security-policy"].startswith("default-src 'self'")
    finally:
        proc.terminate()
        proc.wait(10)


APACHE_MODULES = ("mpm_prefork", "authz_core", "dir", "mime", "alias", "headers", "filter", "deflate")


def test_apache_serves_the_site_under_a_sub_path_and_refuses_the_builds_files(subpath_site, tmp_path):
    """Apache 2.4 reading the build's .htaccess under /katalog/ (AllowOverride FileInfo, as the README asks)."""
    apache = shutil.which("apache2") or ("/usr/sbin/apache2" if Path("/usr/sbin/apache2").is_file() else None)
    if apache is None:
        if os.environ.get("CI"):
            pytest.fail("apache2 is missing; tests/install-tools installs it")
        pytest.skip("apache2 is not installed (tests/install-tools installs it)")
    modules = Path("/usr/lib/apache2/modules")
    # Apache refuses to serve as root: its child runs as www-data, so the site is copied
    # (links followed, as a deployment copies it) where that user can read it
    home = Path(tempfile.mkdtemp(prefix="katalog-apache-"))  # outside pytest's private folder
    served = home / "srv"
    shutil.copytree(subpath_site, served, symlinks=False)
    for path in [home, *served.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    run_as = "User www-data\nGroup www-data" if os.geteuid() == 0 else ""
    port = _port()
    (tmp_path / "apache.conf").write_text(f"""
ServerRoot {tmp_path}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {tmp_path}/apache.pid
ErrorLog {tmp_path}/error.log
{run_as}
{chr(10).join(f"LoadModule {m}_module {modules}/mod_{m}.so" for m in APACHE_MODULES)}
TypesConfig /etc/mime.types
DirectoryIndex index.html
<Directory />
  AllowOverride None
  Require all denied
</Directory>
Alias /katalog/ {served}/
<Directory {served}/>
  Options FollowSymLinks
  AllowOverride FileInfo
  Require all granted
</Directory>
""", encoding="utf-8")
    proc = subprocess.Popen([apache, "-X", "-f", str(tmp_path / "apache.conf")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        status, headers = _first_answer(port, "/katalog/")
        assert status == 200, (tmp_path / "error.log").read_text(errors="replace")
        assert headers["cache-control"] == "no-cache"
        assert headers["content-security-policy"].startswith("default-src 'self'")
        for path in PRIVATE[:3]:
            assert _get(port, f"/katalog/{path}")[0] == 404, path
        style = next(p for p in _files(subpath_site) if p.startswith("static/style."))
        status, headers = _get(port, f"/katalog/{style}")
        assert status == 200 and headers["cache-control"] == IMMUTABLE
        status, headers = _get(port, "/katalog/data/katalog.jsonld")
        assert status == 200 and headers["content-type"].startswith("application/ld+json")
        status, _ = _get(port, "/katalog/tidak-ada/")
        assert status == 404
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(home, ignore_errors=True)
