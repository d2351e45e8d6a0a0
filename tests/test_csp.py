"""The Content-Security-Policy in a real Chromium, sent as an HTTP header on every file
(as the `_headers`, `.htaccess` and nginx files the build writes make a server do), so
it also governs what the search page's script fetches (its module and the index's
files), with no room for WebAssembly or eval."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from contentkit import run
from test_hostile import HOSTILE

# Recorded in every page before its own scripts run; DevTools-injected, so the policy
# under test does not govern it.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
"""


def headers_file(output: Path, prefix: str) -> dict[str, str]:
    """The headers the build's `_headers` file sets for every path under ``prefix``."""
    headers: dict[str, str] = {}
    current = None
    for line in (output / "_headers").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = line.strip()
        elif current == prefix + "*":
            name, _, value = line.strip().partition(": ")
            headers[name] = value
    return headers


def test_the_three_server_files_send_the_same_policy(sample_site):
    """The test server reads `_headers`; Apache and nginx must get the very same headers."""
    headers = headers_file(sample_site, "/")
    htaccess = (sample_site / ".htaccess").read_text(encoding="utf-8")
    nginx = (sample_site.parent / f"{sample_site.name}.nginx.conf").read_text(encoding="utf-8")  # beside the output
    for name, value in headers.items():
        assert f'  Header always set {name} "{value}"\n' in htaccess
        assert f'add_header {name} "{value}" always;\n' in nginx  # the snippet's own block
        assert f'    add_header {name} "{value}" always;\n' in nginx  # repeated in the hashed files' block
    security = lambda lines: [x.strip() for x in lines if "Cache-Control" not in x]  # noqa: E731
    assert len(security(x for x in htaccess.splitlines() if "Header always set" in x)) \
        == len(security(x for x in nginx.splitlines() if x.startswith("add_header"))) == len(headers) == 3
    assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]


def pages_of(output: Path, prefix: str) -> list[str]:
    return sorted(prefix + p.relative_to(output).as_posix().removesuffix("index.html")
                  for p in output.rglob("*.html"))


@pytest.fixture()
def hardened(browser, serve):
    """Factory: ``hardened(output, prefix)`` -> open(path) giving the page and what it reported."""
    contexts = []

    def start(output: Path, prefix: str = "/"):
        headers = headers_file(output, prefix)
        assert headers["Content-Security-Policy"].startswith("default-src 'self'; script-src 'self';")
        assert "unsafe" not in headers["Content-Security-Policy"]
        server = serve(output, prefix, headers)
        context = browser.new_context()
        contexts.append(context)
        context.add_init_script(WATCH)
        report: dict[str, list[str]] = {"console": [], "errors": [], "dialogs": [], "elsewhere": []}
        context.on("console", lambda m: report["console"].append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        context.on("request", lambda r: None if r.url.startswith(server.origin) or r.url.startswith("data:")
                   else report["elsewhere"].append(r.url))

        page = context.new_page()
        page.on("pageerror", lambda e: report["errors"].append(str(e)))
        page.on("dialog", lambda d: (report["dialogs"].append(d.message), d.dismiss()))

        def open_page(path: str):
            response = page.goto(server.origin + path, wait_until="load")
            return page, response

        return server, open_page, report

    yield start
    for context in contexts:
        context.close()


def test_the_policy_is_enforced_and_its_violations_seen(hardened, sample_site):
    """The check below cannot pass by accident: an inline script is refused and reported."""
    _, open_page, _ = hardened(sample_site)
    page, response = open_page("/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1'; "
                  "document.head.appendChild(s); }")
    page.wait_for_function("() => window.__violations.length > 0")
    assert page.evaluate("() => window.ran") is None
    assert page.evaluate("() => window.__violations")[0].startswith("script-src")


@pytest.mark.parametrize("prefix", ["/", "/katalog/"])
def test_every_page_loads_under_the_policy_and_search_works(hardened, sample_site, subpath_site, prefix):
    output = sample_site if prefix == "/" else subpath_site
    server, open_page, report = hardened(output, prefix)
    paths = pages_of(output, prefix)
    assert len(paths) > 80
    for path in paths:
        page, response = open_page(path)
        assert response.status == 200, path
        assert page.evaluate("() => window.__violations") == [], path
    page, _ = open_page(prefix + "cari/?q=bekasi")
    results = page.locator("#cari-hasil li")
    results.first.wait_for(timeout=20000)
    assert results.count() >= 5
    page.locator("#cari-saring summary").click()  # the facet files too
    page.locator("#cari-saring-wilayah option[value='Kota Bekasi']").wait_for(state="attached", timeout=20000)
    assert page.evaluate("() => window.__violations") == []
    assert report == {"console": [], "errors": [], "dialogs": [], "elsewhere": []}, report
    page, response = open_page(prefix + "tidak-ada/")  # the 404 page, as served for a missing address
    assert response.status == 404 and page.evaluate("() => window.__violations") == []


def test_hostile_content_runs_nothing_under_the_policy(hardened, tmp_path):
    shutil.copytree(HOSTILE / "xss", tmp_path / "content")
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    output = tmp_path / "output"
    _, open_page, report = hardened(output)
    for path in pages_of(output, "/"):
        page, _ = open_page(path)
        assert page.evaluate("() => window.__violations") == [], path
    page, _ = open_page("/cari/?q=alert")
    page.locator("#cari-hasil li").first.wait_for(timeout=20000)
    assert report["dialogs"] == [] and report["errors"] == [], report
    # The allowed video host is the one frame the policy admits; it is not contacted here.
    assert all("youtube-nocookie.com" in url for url in report["elsewhere"]), report["elsewhere"]
