#!/usr/bin/env python3
"""How long Markdown alone takes: the floor under any build of a catalogue.

    python3 bench/markdown_floor.py bench/.data/c10000

converts every body of a content folder with the build's own Markdown configuration
(``katalog.markup.MarkdownRenderer``: one instance, reset between documents), in one
process, and prints the CPU time in all and per body. A cold build cannot take less
CPU than this; divided by the cores, it is the least wall time a cold build can take.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from katalog.models import normalise  # noqa: E402
from katalog.parse import split  # noqa: E402
from katalog.markup import MARKDOWN_EXTENSIONS, MarkdownRenderer  # noqa: E402


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    root = Path(sys.argv[1])
    bodies = []
    for path in sorted(root.glob("*/*.md")):
        parts = split(normalise(path.read_text(encoding="utf-8")))
        if parts:
            bodies.append(parts[1])
    renderer = MarkdownRenderer()
    words = sum(len(b.split()) for b in bodies)
    started = time.process_time()
    for body in bodies:
        renderer.md.reset().convert(body)
    cpu = time.process_time() - started
    print(f"{len(bodies)} bodies, {words / max(1, len(bodies)):.0f} words each on average, "
          f"Python-Markdown with {', '.join(MARKDOWN_EXTENSIONS)}: {cpu:.1f} s CPU, "
          f"{cpu / max(1, len(bodies)) * 1000:.2f} ms per body")
    return 0


if __name__ == "__main__":
    sys.exit(main())
