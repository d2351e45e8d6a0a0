#!/usr/bin/env python3
"""Time the build on synthetic catalogues and print the table the README reports.

    python3 bench/run.py                 # 1,000 and 10,000 entries, 3 runs each
    python3 bench/run.py --full          # and 100,000 entries (one run)
    python3 bench/run.py --sizes 10000 --runs 5

For each size it generates a catalogue with ``bench/generate.py`` (once, into
``bench/.data/``, git-ignored), adds a small site theme that extends ``default`` (so a
template can be edited without touching the repository), and times ``python build.py``
as a user runs it, as a separate process:

- cold: no output and no cache (the first build of a site);
- unchanged: the same build again;
- body edit: one innovation's body changed;
- region edit: one innovation moved to another region;
- template edit: the card template of the site's theme changed;
- no cache: ``--no-cache``, every page rebuilt from nothing over an existing output.

Beside every cold build it prints the Markdown floor, measured in the same run on the
same catalogue just before that cold build (``bench/markdown_floor.py``): the CPU time
of converting every body with the build's own Markdown configuration
(``katalog.markup.MarkdownRenderer``), divided by the cores, the least wall time a cold
build could take; and the ratio of the cold build's wall time to it. The last column
is the time the build spent on the search index and the index files it wrote, from its
summary line ('-' where the line gives none: no index file written). After the table: a cold build's time per entry at each size, and at
100,000 entries against 10,000 (from an earlier run when this one had no 10,000).

Each figure is the median of the runs: wall time, CPU time (user + system of the build
and every process it started) and peak memory of the whole build, all its processes
together: the largest sum of the proportional set sizes (PSS) of the build and every
process under it, sampled every 250 ms (forked workers share pages, so adding their
RSS would count those pages twice; reading PSS costs the kernel a walk of the page
tables, so sampling faster slows the build it measures), or the largest single
process's resident size when that is larger (a build shorter than the sampling
period). Nothing here is asserted: the numbers are for people to read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "bench" / ".data"
SCENARIOS = ("cold", "unchanged", "body edit", "region edit", "template edit", "no cache")


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    summary: str


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return pids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(args: list[str]) -> Run:
    """Run ``python build.py ARGS``; wall, CPU (with children) and peak PSS of the tree."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), *args], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], sum(_pss_kb(p) for p in _tree(proc.pid)))
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    usage = proc_rusage.pop(proc.pid, None)
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}):\n{out}\n{err}")
    cpu = usage.ru_utime + usage.ru_stime if usage else float("nan")
    # a build shorter than the sampling period may escape the sampler: the largest single
    # process's resident size (from wait4) is then the better figure
    peak_kb = max(peak[0], usage.ru_maxrss if usage else 0)
    return Run(wall, cpu, peak_kb / 1024, out.strip().splitlines()[-1] if out.strip() else "")


# subprocess reaps the child itself; wrap os.waitpid to keep the child's rusage (wait4).
proc_rusage: dict[int, os.struct_rusage] = {}
_waitpid = os.waitpid


def _waitpid_keeping_rusage(pid: int, options: int):
    if pid > 0:
        got, status, usage = os.wait4(pid, options)
        if got:
            proc_rusage[got] = usage
        return got, status
    return _waitpid(pid, options)


os.waitpid = _waitpid_keeping_rusage


def prepare(n: int) -> Path:
    content = DATA / f"c{n}"
    stamp = content / ".generated"
    generator = hashlib.sha256((REPO / "bench" / "generate.py").read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text().strip() != generator:  # a changed generator writes anew
        shutil.rmtree(content, ignore_errors=True)
        subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), str(n), str(content)], check=True,
                       stdout=subprocess.DEVNULL)
        stamp.write_text(generator + "\n")
    theme = DATA / "themes" / "bench"
    card = REPO / "katalog/themes/default/templates/partials/card.html"
    copy = theme / "templates/partials/card.html"
    if not (theme / "theme.yaml").is_file() or not copy.is_file() or \
            re.sub(r"\{# bench \d+ #\}\n", "", copy.read_text(encoding="utf-8")) != card.read_text(encoding="utf-8"):
        (theme / "templates" / "partials").mkdir(parents=True, exist_ok=True)
        (theme / "theme.yaml").write_text("extends: default\n")
        shutil.copyfile(card, copy)  # the default's card as it is now: an edit to it is the template scenario
    site = content / "site.yaml"
    text = site.read_text(encoding="utf-8")
    if "theme: bench" not in text:
        site.write_text(re.sub(r"(?m)^theme:.*\n", "", text).rstrip("\n") + "\ntheme: bench\n", encoding="utf-8")
    return content


def _first_innovation(content: Path) -> Path:
    return sorted((content / "innovations").iterdir())[0]


def edit_body(content: Path, i: int) -> None:
    path = _first_innovation(content)
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\n\nSunting bench \d+\.\n$|\n*$", f"\n\nSunting bench {i}.\n", text, count=1), encoding="utf-8")


def edit_region(content: Path, i: int) -> None:
    """Move the first innovation between Kabupaten and Kota Bekasi (whichever it is not in)."""
    path = _first_innovation(content)
    text = path.read_text(encoding="utf-8")
    code = "32.16" if 'region: "32.75"' in text else "32.75"
    path.write_text(re.sub(r'(?m)^region: "[\d.]+"', f'region: "{code}"', text, count=1), encoding="utf-8")


def edit_template(content: Path, i: int) -> None:
    path = DATA / "themes" / "bench" / "templates" / "partials" / "card.html"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"\{# bench \d+ #\}\n|$", f"{{# bench {i} #}}\n", text, count=1), encoding="utf-8")


def markdown_floor(content: Path) -> float:
    """Seconds: the CPU time of converting every body of ``content``, divided by the cores."""
    got = subprocess.run([sys.executable, str(REPO / "bench" / "markdown_floor.py"), str(content), "--json"],
                         cwd=REPO, check=True, capture_output=True, text=True)
    return float(json.loads(got.stdout)["floor"])


def bench(n: int, runs: int) -> tuple[dict[str, list[Run]], list[float]]:
    """The runs of every scenario, and the Markdown floor measured before each cold build."""
    content = prepare(n)
    output = DATA / f"o{n}"
    args = ["--content", str(content), "--output", str(output)]
    results: dict[str, list[Run]] = {s: [] for s in SCENARIOS}
    floors: list[float] = []
    edits = {"body edit": edit_body, "region edit": edit_region, "template edit": edit_template}
    for r in range(runs):
        remove_output(output)
        shutil.rmtree(DATA / ".katalog-cache", ignore_errors=True)
        floors.append(markdown_floor(content))
        results["cold"].append(measure(args))
        time.sleep(2.1)  # files written just before a build are re-checked by the next (katalog.state.RACY_NS)
        results["unchanged"].append(measure(args))
        for name, edit in edits.items():
            edit(content, time.time_ns() // 1000)  # never the text an earlier run left
            time.sleep(2.1)  # let the edit age past the racy window, as an edit between builds does
            results[name].append(measure(args))
        results["no cache"].append(measure(args + ["--no-cache"]))
        print(f"  {n} entries, run {r + 1}/{runs} done", file=sys.stderr)
    return results, floors


def machine() -> str:
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            mem = f"{int(f.readline().split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    libs = ", ".join(f"{p} {metadata.version(p)}" for p in ("jinja2", "markdown", "pyyaml", "tqdm"))
    return (f"{_cores()} cores ({cpu}), {mem} memory, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; {libs}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="catalogue sizes (entries)")
    ap.add_argument("--full", action="store_true", help="also 100,000 entries (one run: minutes, several GB of disk)")
    ap.add_argument("--runs", type=int, default=3, help="runs per size; the table shows the median")
    opts = ap.parse_args()
    sizes = list(opts.sizes) + ([100000] if opts.full and 100000 not in opts.sizes else [])
    print(f"Machine: {machine()}\n")
    print("| entries | build | wall (s) | CPU (s) | Markdown floor (s) | wall / floor | peak memory, all processes (MB) "
          "| pages written / total | search index (s) |")
    print("|---:|---|---:|---:|---:|---:|---:|---|---:|")
    cold: dict[int, float] = {}
    for n in sizes:
        runs = 1 if n >= 100000 else opts.runs
        results, floors = bench(n, runs)
        for scenario in SCENARIOS:
            rs = results[scenario]
            wall = statistics.median(r.wall for r in rs)
            floor = ratio = "-"
            if scenario == "cold":
                cold[n] = wall
                _keep_cold(n, wall, runs)
                floor_s = statistics.median(floors)
                floor, ratio = f"{floor_s:.2f}", f"{wall / floor_s:.2f}"
            print(f"| {n:,} | {scenario} | {wall:.2f} | {statistics.median(r.cpu for r in rs):.2f} | {floor} | {ratio} "
                  f"| {statistics.median(r.peak_mb for r in rs):.0f} | {_written(rs[-1].summary)} | {_indexing(rs)} |",
                  flush=True)
    print(f"\nMarkdown floor: the CPU time of converting every body with the build's Markdown configuration "
          f"(katalog.markup.MarkdownRenderer), divided by {_cores()} cores, measured just before each cold build; "
          f"wall / floor: the cold build's wall time over it.")
    for line in per_entry(cold):
        print(line)
    print(f"\nCommand: python3 bench/run.py {' '.join(sys.argv[1:])}".rstrip())
    return 0


def _cores() -> int:
    return len(os.sched_getaffinity(0))


def _keep_cold(n: int, wall: float, runs: int) -> None:
    """Keep a size's cold figure for a later run's per-entry ratio (``--sizes 100000`` alone)."""
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / f"cold-{n}.json").write_text(json.dumps({"entries": n, "wall": wall, "runs": runs,
                                                    "date": time.strftime("%Y-%m-%d %H:%M")}) + "\n")


def per_entry(cold: dict[int, float]) -> list[str]:
    """The lines after the table: a cold build's time per entry, and 100,000 against 10,000."""
    lines = []
    if cold:
        lines.append("Cold build, time per entry: " + "; ".join(f"{n:,}: {w / n * 1000:.2f} ms" for n, w in cold.items()))
    if 100000 in cold:
        base, note = cold.get(10000), ""
        if base is None and (DATA / "cold-10000.json").is_file():
            kept = json.loads((DATA / "cold-10000.json").read_text())
            base, note = kept["wall"], f" (10,000 from an earlier run, {kept['date']}, median of {kept['runs']})"
        if base:
            lines.append(f"Time per entry at 100,000 / at 10,000: "
                         f"{cold[100000] / 100000 / (base / 10000):.2f} times{note}")
    return lines


# The search index's part of a build's summary line (katalog/result.py): "Indeks pencarian:
# 10000 entri, 240 berkas ditulis (1,23 detik)."; decimals with a comma, as the build writes them.
INDEX_SECONDS = re.compile(r"indeks pencarian\b[^;]*?(\d+(?:,\d+)?) detik", re.IGNORECASE)
INDEX_FILES = re.compile(r"indeks pencarian\b[^;]*?(\d+) berkas", re.IGNORECASE)


def _indexing(rs: list[Run]) -> str:
    """Median seconds the build spent on the search index and files it wrote, from the summary
    lines ('-' when none says: the build wrote no index file)."""
    seconds = [float(m.group(1).replace(",", ".")) for m in map(INDEX_SECONDS.search, (r.summary for r in rs)) if m]
    files = [int(m.group(1)) for m in map(INDEX_FILES.search, (r.summary for r in rs)) if m]
    if not seconds:
        return "-"
    return f"{statistics.median(seconds):.2f}" + (f" ({statistics.median(files):.0f} files)" if files else "")


def _written(summary: str) -> str:
    """'written / total' pages from the build's summary line."""
    total = re.search(r"([\d.]+) halaman dari", summary)
    total_s = total.group(1) if total else "?"
    if "tidak ada yang berubah" in summary:
        return f"0 / {total_s}"
    rewritten = re.search(r"(\d+) halaman ditulis ulang", summary)
    return f"{rewritten.group(1) if rewritten else total_s} / {total_s}"


def remove_output(output: Path) -> None:
    """The output link and the trees beside it (katalog.trees)."""
    if output.is_symlink():
        output.unlink()
    shutil.rmtree(output, ignore_errors=True)
    for tree in output.parent.glob(f".{output.name}.*"):
        shutil.rmtree(tree, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

