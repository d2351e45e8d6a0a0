"""What a build is asked to do: its options, and the environment variables it reads.

Every environment variable the tool reads is parsed here, once, into a value or a
message that names the variable and the form it allows: a typo in CI must end in one
clear line, never in a traceback or a silently different build.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import BuildFailed, Diagnostic

DEFAULT_BODY_SECONDS = 10.0


class OptionsError(BuildFailed):
    """An environment variable with a value the tool cannot use."""

    def __init__(self, variable: str, value: str, allowed: str):
        super().__init__([Diagnostic(variable, 0, f"nilai '{value}' tidak dapat dipakai; {allowed}")])


def today_from_env(environ=os.environ) -> datetime.date | None:
    """KATALOG_TODAY as a date, None when unset; OptionsError when malformed."""
    text = environ.get("KATALOG_TODAY", "").strip()
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise OptionsError("KATALOG_TODAY", text, "tulis tanggal sebagai YYYY-MM-DD, misalnya 2024-05-01") from None


def day_from_epoch(environ=os.environ) -> datetime.date | None:
    """SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/): the
    build's day (UTC) when KATALOG_TODAY is not set; None when unset; OptionsError when
    it is not a whole number of seconds since 1970-01-01."""
    text = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not text:
        return None
    try:
        if not text.isascii() or not text.isdigit():
            raise ValueError
        return datetime.datetime.fromtimestamp(int(text), tz=datetime.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise OptionsError("SOURCE_DATE_EPOCH", text, "tulis jumlah detik sejak 1970-01-01 00:00 UTC sebagai "
                           "bilangan bulat, misalnya 1714521600 (git log -1 --format=%ct)") from None


def body_seconds(environ=os.environ, strict: bool = True) -> float:
    """KATALOG_BODY_SECONDS: how long one body may take Python-Markdown. Not strict: the
    default for a malformed value (a build checks the environment first and refuses it)."""
    text = environ.get("KATALOG_BODY_SECONDS", "").strip()
    if not text:
        return DEFAULT_BODY_SECONDS
    try:
        value = float(text)
        if not 0 < value < 1e6:
            raise ValueError
        return value
    except ValueError:
        if not strict:
            return DEFAULT_BODY_SECONDS
        raise OptionsError("KATALOG_BODY_SECONDS", text,
                           "tulis jumlah detik lebih dari 0, misalnya 10 atau 2.5") from None


def environment_problems(environ=os.environ) -> list[Diagnostic]:
    """One problem for each environment variable with a bad value."""
    problems = []
    for read in (today_from_env, day_from_epoch, body_seconds):
        try:
            read(environ)
        except OptionsError as exc:
            problems += exc.diagnostics
    return problems


def check_environment(environ=os.environ) -> None:
    """Raise BuildFailed naming every environment variable with a bad value."""
    problems = environment_problems(environ)
    if problems:
        raise BuildFailed(problems)


@dataclass(frozen=True)
class BuildOptions:
    content: Path
    output: Path
    base_url: str | None = None
    drafts: bool = False
    cache: bool = True
    jobs: int | None = None  # None: every core for large sites, one for small ones
    progress: bool = True
    # None: KATALOG_TODAY (YYYY-MM-DD) if set, else SOURCE_DATE_EPOCH's day, else the system's date
    today: datetime.date | None = None
    keep_going: bool = False  # build the good entries, leave out those with problems (katalog.leaveout)

    def day(self) -> datetime.date:
        """The date a build takes as today: entries dated later are not published yet."""
        return self.today or today_from_env() or day_from_epoch() or datetime.date.today()

    def shaping(self) -> tuple:
        """The options that change what the site holds (part of the cache key)."""
        return (str(self.content), str(self.content.absolute()), self.base_url, self.drafts)
