#!/usr/bin/env python3
"""How fast an edit shows in the live preview, and whether the server's memory stays flat.

    python3 bench/serve.py                    # 10,000 entries, 200 edits
    python3 bench/serve.py --size 1000 --edits 50

Starts ``python build.py serve`` on the synthetic catalogue of ``bench/generate.py``
(into ``bench/.data/p<size>``), waits for the first build (search index included) and
its first page, then edits one innovation's body again and again: after each save it
fetches the page until the new text is served, and records the time from the save to
that moment (the watcher noticing the change, the rebuild, the response), the rebuild
time the server printed (and the search index's share when the summary line gives it),
and the server process's resident memory. Medians and extremes are printed; nothing is
asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from run import DATA, INDEX_SECONDS, _first_innovation, prepare, remove_output  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=200)
    opts = ap.parse_args()
    content = prepare(opts.size)
    output = DATA / f"p{opts.size}"
    remove_output(output)
    shutil.rmtree(DATA / ".katalog-cache" / output.name, ignore_errors=True)
    port = _free_port()
    log_path = DATA / f"serve-{opts.size}.log"
    log = open(log_path, "w")
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--content", str(content),
                             "--output", str(output), "--port", str(port)], cwd=DATA, stdout=log,
                            stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        target = _first_innovation(content)
        slug = target.stem
        url = f"http://127.0.0.1:{port}/inovasi/{slug}/"
        while "Selesai:" not in log_path.read_text(encoding="utf-8") or not _fetch(url):
            if proc.poll() is not None:
                print(log_path.read_text(encoding="utf-8"), file=sys.stderr)
                return 1
            time.sleep(0.5)
        ready = time.monotonic() - started
        original = target.read_text(encoding="utf-8")
        latencies, memory = [], [_rss_mb(proc.pid)]
        for i in range(opts.edits):
            marker = f"suntingan-ke-{i}-{time.time_ns()}"
            target.write_text(original.rstrip("\n") + f"\n\nParagraf {marker}.\n", encoding="utf-8")
            saved = time.monotonic()
            while marker not in _fetch(url):
                time.sleep(0.01)
                if time.monotonic() - saved > 60:
                    print(f"edit {i}: not served after 60 s", file=sys.stderr)
                    return 1
            latencies.append(time.monotonic() - saved)
            memory.append(_rss_mb(proc.pid))
        target.write_text(original, encoding="utf-8")
        text = log_path.read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if "1 halaman ditulis ulang, " in line]
        rebuilds = [float(m.replace(",", ".")) for line in lines
                    for m in re.findall(r"1 halaman ditulis ulang, .*? dalam ([\d,]+) detik", line)]
        indexes = [float(m.group(1).replace(",", ".")) for m in map(INDEX_SECONDS.search, lines) if m]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    q = statistics.quantiles(latencies, n=20)
    print(f"{opts.size:,} entries; first build and index ready after {ready:.1f} s; {opts.edits} body edits")
    print(f"save -> new page served: median {statistics.median(latencies):.2f} s, 95th percentile {q[-1]:.2f} s, "
          f"max {max(latencies):.2f} s")
    if rebuilds:
        print(f"rebuild (server's own figure): median {statistics.median(rebuilds):.3f} s, max {max(rebuilds):.3f} s "
              f"({len(rebuilds)} rebuilds)")
    if indexes:
        print(f"search index within those rebuilds: median {statistics.median(indexes):.3f} s, max {max(indexes):.3f} s")
    print(f"server memory (RSS): after first build {memory[0]:.0f} MB, after edit 1 {memory[1]:.0f} MB, "
          f"after edit {opts.edits} {memory[-1]:.0f} MB, max {max(memory):.0f} MB")
    print(f"\nCommand: python3 bench/serve.py {' '.join(sys.argv[1:])}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
