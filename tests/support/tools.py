"""Where the external test tools live, and the rule for when one is missing.

CI (``CI`` set to a true value) installs every tool with ``bash tests/install-tools``, so a missing
tool there is a broken build and the test fails. On a developer machine the test is
skipped with a reason that says what to install.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
TOOLS = REPO / "tests" / "tools" / "node_modules"
VNU_JAR = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = TOOLS / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
INSTALL_HINT = "run `bash tests/install-tools` (or `npm ci --prefix tests/tools`)"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no", "off")


def missing_tool(reason: str):
    """Fail in CI, skip elsewhere. Never returns."""
    if in_ci():
        pytest.fail(f"required test tool missing in CI: {reason}", pytrace=False)
    pytest.skip(f"{reason}; {INSTALL_HINT}")


def java() -> str:
    exe = shutil.which("java")
    if exe is None:
        missing_tool("`java` is not on PATH (needed by the Nu Html Checker)")
    return exe


def vnu_jar() -> Path:
    if not VNU_JAR.is_file():
        missing_tool(f"Nu Html Checker not found at {VNU_JAR.relative_to(REPO)}")
    return VNU_JAR


def axe_js() -> Path:
    if not AXE_JS.is_file():
        missing_tool(f"axe-core not found at {AXE_JS.relative_to(REPO)}")
    return AXE_JS


def inject_axe(page) -> None:
    """Load axe-core into ``page`` through DevTools, which the page's Content-Security-Policy
    does not govern: a <script> tag added to the page would be refused, as it should be."""
    page.evaluate(axe_js().read_text(encoding="utf-8"))
