"""Stamps of input files: what tells a build, without reading a file, that it changed."""

from __future__ import annotations

import os
from pathlib import Path

Stamp = tuple[int, int]  # (modification time in ns, size)

# A file written this close before a build started may be written again within the
# same tick of the file system's clock, keeping its stamp: such a "racy" stamp is not
# trusted by the next build (git's index has the same problem and the same answer).
RACY_NS = 2_000_000_000
UNKNOWN: Stamp = (0, -1)
OUTSIDE: Stamp = (0, -2)  # a symbolic link that leads out of the scanned folder: never read
UNREADABLE: Stamp = (0, -3)  # a folder that cannot be listed (permissions): its files are unknown


def settle(stamps: dict[str, Stamp], started_ns: int) -> dict[str, Stamp]:
    """``stamps`` with the racy ones replaced by a stamp no file has."""
    limit = started_ns - RACY_NS
    return {rel: UNKNOWN if st[0] >= limit else st for rel, st in stamps.items()}


def racy(stamp: Stamp, started_ns: int) -> bool:
    return stamp[0] >= started_ns - RACY_NS


def scan_folder(root: Path | str) -> dict[str, Stamp]:
    """Stamp of every file below ``root`` (hidden names skipped), by path relative to it, sorted.

    Symbolic links are followed only while they stay inside ``root`` (a folder reached
    twice, as by a link to a parent, is walked once); a link leading out of it is listed
    with the stamp OUTSIDE, for the build to refuse: content must not pull in other
    files of the machine, such as /etc/passwd, and publish them."""
    found: dict[str, Stamp] = {}
    top = os.path.realpath(root)
    inside = top.rstrip(os.sep) + os.sep
    walked: set[str] = set()

    def walk(folder: str, prefix: str) -> None:
        real = os.path.realpath(folder)
        if real in walked:
            return
        walked.add(real)
        try:
            items = sorted(os.scandir(folder), key=lambda d: d.name)
        except (FileNotFoundError, NotADirectoryError):
            return
        except OSError:  # e.g. no permission: the build must say so, not publish a site without it
            found[prefix] = UNREADABLE
            return
        for item in items:
            if item.name.startswith("."):
                continue
            if item.is_symlink():
                target = os.path.realpath(item.path)
                if target != top and not target.startswith(inside):
                    found[prefix + item.name] = OUTSIDE
                    continue
            try:
                if item.is_dir():
                    walk(item.path, f"{prefix}{item.name}/")
                elif item.is_file():
                    st = item.stat()
                    found[prefix + item.name] = (st.st_mtime_ns, st.st_size)
                elif item.is_symlink():  # a link to nothing, or to what cannot be looked at
                    found[prefix + item.name] = UNREADABLE
            except OSError:
                found[prefix + item.name] = UNREADABLE

    walk(str(root), "")
    return found
