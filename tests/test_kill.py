"""A build killed at any moment leaves the whole old site or the whole new one.

One incremental change to a 1,000-entry catalogue (an innovation moves region, which
changes its page, region pages and lists, and another innovation's body is edited, so
the search index is built again) is killed with SIGKILL, process group and all, at 24
moments: at fault-injection points that cover every step of the publish road (a page
written in a render worker, files put into or taken out of the spare tree, the search
index, each record written, just before and just after the switch), injected by a
wrapper that patches those functions in the build process itself (no hook in the
tool), and after delays spread over a first timed run. Each time ``output/`` must be
byte for byte the old site, or the new one; and the next build must equal a clean one.

The search index is deterministic, so "the new site" is the clean build's files, byte
for byte, the index included.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from contentkit import REPO, site_digest, tree_digest
from test_incremental import _age_all

INJECT = """\
import os, signal, sys
sys.path.insert(0, {repo!r})
point, nth, when = sys.argv[1].split(":")
nth = int(nth)
import katalog.indexing, katalog.parallel, katalog.publish, katalog.state.store, katalog.trees, katalog.write
owners = {{"write": katalog.write.Writer, "put": katalog.trees, "take_out": katalog.trees,
          "save_tree": katalog.state.store.Cache, "_replace_bytes": katalog.state.store,
          "index_step": katalog.indexing, "save_search_index": katalog.state.store.Cache,
          "switch": katalog.trees.Layout, "stamps_below": katalog.trees}}
owner = owners[point]
real = getattr(owner, point)
seen = [0]

def patched(*args, **kwargs):
    seen[0] += 1
    if seen[0] == nth and when == "before":
        os.killpg(0, signal.SIGKILL)
    result = real(*args, **kwargs)
    if seen[0] == nth and when == "after":
        os.killpg(0, signal.SIGKILL)
    return result

setattr(owner, point, patched)
from katalog.cli import main
sys.exit(main(sys.argv[2:]))
"""

POINTS = ["write:1:before", "write:3:before", "put:1:before", "put:8:after", "put:15:before", "take_out:1:before",
          "save_tree:1:after", "save_tree:2:before", "save_tree:2:after", "_replace_bytes:1:after",
          "_replace_bytes:2:after", "index_step:1:before",
          "save_search_index:1:after", "switch:1:before", "switch:1:after"]
DELAYS = 9  # further kills after delays spread over the first 70% of a first timed run


def _change(content: Path) -> None:
    innovations = sorted((content / "innovations").glob("*.md"))
    moved = innovations[3].read_text(encoding="utf-8")
    region = next(line for line in moved.splitlines() if line.startswith("region:"))
    innovations[3].write_text(moved.replace(region, 'region: "32.75"', 1), encoding="utf-8")
    edited = innovations[7].read_text(encoding="utf-8")
    innovations[7].write_text(edited + "\nParagraf baru yang ditambahkan.\n", encoding="utf-8")


def _build(root: Path, *extra: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "build.py"), "--content", "content", "--output", "output", *extra],
                          cwd=root, capture_output=True, text=True, timeout=300, env=env)


def _start(root: Path, point: str | None) -> subprocess.Popen:
    if point is None:
        command = [sys.executable, str(REPO / "build.py"), "--content", "content", "--output", "output"]
    else:
        command = [sys.executable, "-c", INJECT.format(repo=str(REPO)), point, "--content", "content", "--output",
                   "output"]
    return subprocess.Popen(command, cwd=root, start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    """(work folder, snapshot of it before the change: old site, its cache, the new content,
    the old site's digest, the new site's digest by a clean build)."""
    base = tmp_path_factory.mktemp("kill")
    work, snapshot = base / "work", base / "snapshot"
    work.mkdir()
    subprocess.run([sys.executable, str(REPO / "bench/generate.py"), "1000", str(work / "content")], check=True,
                   capture_output=True)
    _age_all(work)
    proc = _build(work)
    assert proc.returncode == 0, proc.stderr
    old = tree_digest(work / "output")
    _change(work / "content")
    _age_all(work / "content")
    ref = base / "ref"
    proc = subprocess.run([sys.executable, str(REPO / "build.py"), "--content", str(work / "content"), "--output",
                           str(ref), "--no-cache"], cwd=base, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    new = site_digest(ref)
    assert old != new
    # the same inodes, times and absolute paths for every trial: a hard-linked copy, moved back into place
    subprocess.run(["cp", "-al", str(work), str(snapshot)], check=True)
    return work, snapshot, old, new


def _restore(work: Path, snapshot: Path) -> None:
    shutil.rmtree(work)
    subprocess.run(["cp", "-al", str(snapshot), str(work)], check=True)


def _check_whole(work: Path, old: dict, new: dict, moment: str) -> str:
    output = work / "output"
    if tree_digest(output) == old:
        return "old"
    got = site_digest(output)
    assert got == new, (
        f"killed at {moment}: output is neither the old site nor the new one "
        f"({len(set(got.items()) ^ set(new.items()))} files differ from the new)")
    return "new"


def test_a_build_killed_at_any_moment_leaves_a_whole_site(catalogue):
    work, snapshot, old, new = catalogue
    started = time.perf_counter()
    proc = _start(work, None)
    proc.communicate(timeout=300)
    took = time.perf_counter() - started
    assert proc.returncode == 0
    assert site_digest(work / "output") == new

    moments = [(p, None) for p in POINTS] + [(None, 0.7 * took * (i + 0.5) / DELAYS) for i in range(DELAYS)]
    seen = {}
    for point, delay in moments:
        _restore(work, snapshot)
        proc = _start(work, point)
        if delay is not None:
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate(timeout=300)
        moment = point or f"{delay:.2f} s"
        assert proc.returncode in (-signal.SIGKILL, 0), f"{moment}: {err}"
        seen[moment] = _check_whole(work, old, new, moment) + (" (killed)" if proc.returncode else "")
        again = _build(work)
        assert again.returncode == 0, f"after a kill at {moment}: {again.stderr}"
        assert site_digest(work / "output") == new, \
            f"the build after a kill at {moment} differs from a clean build"
        assert not [p.name for p in work.iterdir() if p.name.startswith(".output.") and ".site-" not in p.name]
        assert len(list(work.glob(".output.site-*"))) <= 2
        assert not list((work / ".katalog-cache").rglob("*.tmp"))
    killed = [m for m, s in seen.items() if s.endswith("(killed)")]
    assert len(killed) >= 20, sorted(seen.items())
    assert {s.split()[0] for s in seen.values()} == {"old", "new"}, seen


def test_ctrl_c_ends_in_one_line(catalogue):
    """SIGINT to the whole process group, as a terminal's Ctrl-C sends it, during rendering."""
    work, snapshot, old, new = catalogue
    _restore(work, snapshot)
    shutil.rmtree(work / ".katalog-cache")  # a cold build: seconds of rendering to interrupt
    proc = _start(work, None)
    time.sleep(2.5)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.splitlines() == ["Dihentikan (Ctrl-C); folder output tetap berisi situs yang utuh, yang lama atau yang baru."], err
    assert tree_digest(work / "output") == old
    assert _build(work).returncode == 0
    assert site_digest(work / "output") == new
