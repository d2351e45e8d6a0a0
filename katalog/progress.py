"""A progress bar on a terminal for builds long enough to need one; silent otherwise.

tqdm draws it on standard error only when that is a terminal, and only once the
build has run for ``DELAY`` seconds, so quick builds and CI logs stay clean.
"""

from __future__ import annotations

import os
import sys
from typing import Callable

DELAY = float(os.environ.get("KATALOG_PROGRESS_DELAY", "2"))  # seconds before a bar appears


class Progress:
    def __init__(self, enabled: bool = True, stream=None):
        stream = stream or sys.stderr
        self.enabled = enabled and hasattr(stream, "isatty") and stream.isatty()
        self.stream = stream
        self._bar = None

    def stage(self, label: str, total: int) -> Callable[[int], None]:
        """Start a bar for ``total`` steps; returns the function that advances it."""
        self.close()
        if not self.enabled or total <= 0:
            return lambda n: None
        import shutil

        from tqdm import tqdm

        size = shutil.get_terminal_size((80, 24))  # a fresh pseudo-terminal may say 0 x 0
        self._bar = tqdm(total=total, desc=label, unit=" hlm", delay=DELAY, file=self.stream, leave=False,
                         ncols=min(size.columns or 80, 100), nrows=size.lines or 24, mininterval=0.2)
        return self._bar.update

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
