#!/usr/bin/env python3
"""Instructions Python-Markdown spends on a body, per extension set (run under callgrind).

    valgrind --tool=callgrind --callgrind-out-file=/dev/null python3 bench/markdown_cost.py DIR EXTS
    valgrind --tool=callgrind --callgrind-out-file=/dev/null python3 bench/markdown_cost.py DIR EXTS --convert

The first command only starts up (imports, one Markdown instance with EXTS, a comma-
separated list, possibly empty); the second also converts the first 40 innovation bodies
of the content folder DIR. The difference of the two "Collected" counts, divided by 40,
is the cost of one body: unlike a timing on a shared virtual machine it is the same on
every run. ``bench/markdown_floor.py`` gives the time.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

import markdown  # noqa: E402

from katalog.models import normalise  # noqa: E402
from katalog.parse import split  # noqa: E402

BODIES = 40


def main() -> int:
    if len(sys.argv) not in (3, 4):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    paths = sorted(Path(sys.argv[1]).glob("innovations/*.md"))[:BODIES]
    bodies = [split(normalise(p.read_text(encoding="utf-8")))[1] for p in paths]
    md = markdown.Markdown(extensions=[e for e in sys.argv[2].split(",") if e], output_format="html")
    if len(sys.argv) == 4 and sys.argv[3] == "--convert":
        for body in bodies:
            md.reset().convert(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
