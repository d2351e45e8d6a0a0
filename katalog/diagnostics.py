"""Problems found in content, reported together instead of raised one by one."""

from __future__ import annotations

import re
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"  # something to do outside the content (``check`` only): neither fails, not even --strict


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located in a file (and a line, when known)."""

    path: str
    line: int = 0
    message: str = ""
    level: str = ERROR

    def format(self) -> str:
        """'path:line: level: message' on one line, whatever characters the content held."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return visible(f"{where}: {self.level}: {self.message}")


# Control and invisible formatting characters (line breaks, bells, right-to-left overrides)
# that content may carry into a message: shown as escapes, so a message stays one line
# that says what is really there.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    return _INVISIBLE.sub(lambda m: ascii(m.group())[1:-1], text)


class BuildFailed(Exception):
    """Raised by the builder when content has errors; carries every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} problem(s)")
        self.diagnostics = sorted(diagnostics)


def did_you_mean(word: str, options) -> str:
    """A ' (maksud Anda ...?)' hint naming the closest allowed option, or ''."""
    import difflib

    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f" (maksud Anda '{close[0]}'?)" if close else ""
