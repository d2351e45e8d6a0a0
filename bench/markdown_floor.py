#!/usr/bin/env python3
"""How long Markdown alone takes: the floor under any build of a catalogue.

    python3 bench/markdown_floor.py bench/.data/c10000 [--jobs N] [--json]

converts every body of a content folder with the build's own Markdown configuration
(``katalog.markup.MarkdownRenderer``: one instance per process, reset between
documents; Python-Markdown's conversion only, not the sanitiser) and prints the CPU
time in all and per body. A cold build cannot take less CPU than this; divided by the
cores, it is the least wall time a cold build can take: the floor ``bench/run.py``
prints beside every cold build (it runs this script with ``--json``).

Only the conversions are timed, not reading the files. ``--jobs N`` (default: every
core the build would use) splits the bodies over N forked processes, as the build's
workers do, and adds up their CPU time; ``--jobs 1`` converts them all in this process.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from katalog.markup import MARKDOWN_EXTENSIONS, MarkdownRenderer  # noqa: E402
from katalog.models import normalise  # noqa: E402
from katalog.parallel import default_jobs  # noqa: E402
from katalog.parse import split  # noqa: E402


def convert(paths: list[Path]) -> tuple[int, int, float]:
    """Bodies, words and CPU seconds of converting the bodies of ``paths`` in this process
    (only the conversions are timed: reading and splitting a file are not)."""
    renderer = MarkdownRenderer()
    bodies = words = 0
    cpu = 0.0
    for path in paths:
        parts = split(normalise(path.read_text(encoding="utf-8")))
        if not parts:
            continue
        started = time.process_time()
        renderer.md.reset().convert(parts[1])
        cpu += time.process_time() - started
        bodies += 1
        words += len(parts[1].split())
    return bodies, words, cpu


def floor(root: Path, jobs: int) -> dict:
    """``{"bodies", "words", "cpu", "jobs", "cores", "floor"}``: ``floor`` is ``cpu`` divided by
    the cores a build uses (``katalog.parallel.default_jobs``), however many processes measured it."""
    paths = sorted(root.glob("*/*.md"))
    if jobs <= 1:
        parts = [convert(paths)]
    else:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(convert, [paths[i::jobs] for i in range(jobs)])
    bodies, words, cpu = (sum(p[i] for p in parts) for i in range(3))
    cores = default_jobs()
    return {"bodies": bodies, "words": words, "cpu": cpu, "jobs": jobs, "cores": cores, "floor": cpu / cores}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("content", type=Path, help="a content folder (e.g. bench/.data/c10000)")
    ap.add_argument("--jobs", type=int, default=default_jobs(), help="processes (default: the build's cores)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    opts = ap.parse_args()
    got = floor(opts.content, max(1, opts.jobs))
    if opts.json:
        print(json.dumps(got))
        return 0
    n = max(1, got["bodies"])
    print(f"{got['bodies']} bodies, {got['words'] / n:.0f} words each on average, "
          f"Python-Markdown with {', '.join(MARKDOWN_EXTENSIONS)}: {got['cpu']:.1f} s CPU "
          f"({got['jobs']} processes), {got['cpu'] / n * 1000:.2f} ms per body; "
          f"floor on {got['cores']} cores: {got['floor']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
