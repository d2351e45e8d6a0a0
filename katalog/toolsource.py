"""Where the running tool comes from, as the line a region's ``requirements.txt`` pins it
with: ``katalog-inovasi @ git+URL@COMMIT``.

Read from how it was installed (``direct_url.json``, PEP 610): installed from git, the URL
and the exact commit; installed from a folder (editable or not) or run from a checkout
(``python build.py``), that folder's ``origin`` remote and its ``HEAD`` commit, when it is
a git checkout with a remote others can reach. Otherwise nothing: ``katalog init`` then
writes a placeholder and says it must be completed.
"""

from __future__ import annotations

import json
import re
import subprocess
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

PACKAGE = "katalog-inovasi"
PLACEHOLDER = f"{PACKAGE} @ git+https://github.com/ORG/katalog-inovasi@COMMIT"
HERE = Path(__file__).resolve().parent  # the running package's folder

_NAME = r"(?i:katalog[-_.]inovasi)"
_URL = r"[A-Za-z][A-Za-z0-9+.-]*://[^\s@][^\s]*"
_VERSIONS = r"(?:===?|~=|!=|<=?|>=?)[A-Za-z0-9.*+!-]+(?:,(?:===?|~=|!=|<=?|>=?)[A-Za-z0-9.*+!-]+)*"


class SourceError(Exception):
    pass


def requirement(spec: str) -> str:
    """``--sumber SPEC`` as a requirements.txt line: a URL pip installs the tool from
    ('git+https://github.com/ORG/katalog-inovasi@<commit>'), or a requirement naming it
    ('katalog-inovasi @ URL', 'katalog-inovasi==0.1.0'); SourceError otherwise."""
    text = spec.strip()
    if re.fullmatch(_URL, text):
        return f"{PACKAGE} @ {text}"
    if m := re.fullmatch(rf"{_NAME}\s*@\s*({_URL})", text):
        return f"{PACKAGE} @ {m.group(1)}"
    if re.fullmatch(rf"{_NAME}\s*{_VERSIONS}", text.replace(" ", "")):
        return PACKAGE + text.replace(" ", "")[len(PACKAGE):]
    raise SourceError(f"--sumber '{spec}' tidak valid; tulis alamat pip untuk Katalog Inovasi, misalnya "
                      "git+https://github.com/ORG/katalog-inovasi@<commit>, atau katalog-inovasi==<versi>")


def reachable_url(url: str) -> str | None:
    """A git remote as pip's ``git+`` wants it, without any password or token in it; None
    for a remote on this machine only (a local path), which a CI runner cannot reach."""
    if re.fullmatch(r"[\w.-]+@[\w.-]+:[^\s/][^\s]*", url):  # scp-like: git@github.com:ORG/REPO.git
        user_host, path = url.split(":", 1)
        return f"ssh://{user_host}/{path}"
    parts = urlsplit(url)
    if parts.scheme in ("https", "http") and parts.hostname:
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, host, parts.path, "", ""))
    if parts.scheme in ("ssh", "git") and parts.hostname:
        return url
    return None


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def from_checkout(folder: Path) -> str | None:
    """``katalog-inovasi @ git+<origin>@<HEAD>`` for a git checkout with a reachable origin."""
    if not (folder / ".git").exists():
        return None
    remote, commit = _git(folder, "remote", "get-url", "origin"), _git(folder, "rev-parse", "HEAD")
    url = reachable_url(remote) if remote else None
    return f"{PACKAGE} @ git+{url}@{commit}" if url and commit else None


def from_install(info: dict | None, site: Path | None, here: Path = HERE) -> str | None:
    """The requirement from an installed distribution's ``direct_url.json`` (``info``,
    installed under ``site``), or from the checkout ``here`` runs from when the running
    package is not that installation."""
    folder = here.parent
    if isinstance(info, dict) and isinstance(info.get("url"), str):
        url, vcs, local = info["url"], info.get("vcs_info"), info.get("dir_info")
        editable = isinstance(local, dict) and local.get("editable")
        installed_folder = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else None
        this = (installed_folder is not None and installed_folder.resolve() == folder) if editable else (
            site is not None and here.is_relative_to(site.resolve()))
        if this and isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
            public = reachable_url(url)  # None for a file:// URL: a repository on this machine only
            return f"{PACKAGE} @ git+{public}@{vcs['commit_id']}" if public else None
        if this and installed_folder is not None:
            folder = installed_folder
    return from_checkout(folder)


def installed() -> str | None:
    """The requirement that pins the running tool, or None when it cannot be told."""
    try:
        dist = metadata.distribution(PACKAGE)
        info = json.loads(dist.read_text("direct_url.json") or "null")
        site = Path(str(dist.locate_file("")))
    except (metadata.PackageNotFoundError, ValueError, OSError):
        info, site = None, None
    return from_install(info, site)
