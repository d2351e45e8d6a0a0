"""Problems found in content, reported together instead of raised one by one."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located in a file (and a line, when known)."""

    path: str
    line: int = 0
    message: str = ""
    level: str = ERROR

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message}"


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
