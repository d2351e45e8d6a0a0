"""Every page of the built sample catalogue is valid HTML according to the Nu Html Checker (vnu).

vnu runs once, over every .html file of the site plus one deliberately invalid control file;
the control file must be reported, which proves the harness can see errors at all.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from support import tools

INVALID_CONTROL = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>Kontrol tidak valid</title></head>
<body><p><div></p></body></html>
"""


@dataclass(frozen=True)
class Message:
    file: Path
    line: int | None
    column: int | None
    kind: str
    text: str
    extract: str

    def render(self, root: Path) -> str:
        try:
            name = self.file.relative_to(root).as_posix()
        except ValueError:
            name = str(self.file)
        where = f"{name}:{self.line}" + (f":{self.column}" if self.column else "")
        extract = " ".join(self.extract.split())
        return f"{where}: {self.kind}: {self.text}" + (f"\n    near: {extract}" if extract else "")


@dataclass
class VnuReport:
    site: Path
    control: Path
    files: list[Path]
    messages: list[Message]

    def for_site(self) -> list[Message]:
        return [m for m in self.messages if m.file != self.control]

    def for_control(self) -> list[Message]:
        return [m for m in self.messages if m.file == self.control]


def _file_of(url: str) -> Path:
    return Path(unquote(urlsplit(url).path)).resolve()


def run_vnu(files: list[Path]) -> list[Message]:
    java, jar = tools.java(), tools.vnu_jar()
    proc = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
                          capture_output=True, text=True, timeout=600)
    # vnu writes its JSON report to stderr; exit status 0 = clean, 1 = errors found.
    try:
        report = json.loads(proc.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"vnu did not produce a JSON report (exit {proc.returncode}):\n"
                    f"{proc.stderr[-4000:]}\n{proc.stdout[-2000:]}", pytrace=False)
    assert proc.returncode in (0, 1), f"vnu crashed (exit {proc.returncode}):\n{proc.stderr[-4000:]}"
    messages = []
    for m in report.get("messages", []):
        if m.get("type") == "info":  # warnings; --errors-only should already drop them
            continue
        messages.append(Message(
            file=_file_of(m.get("url", "")), line=m.get("lastLine"), column=m.get("firstColumn"),
            kind=m.get("subType") or m.get("type", "error"), text=m.get("message", ""),
            extract=m.get("extract", "")))
    return messages


@pytest.fixture(scope="module")
def vnu_report(sample_site, tmp_path_factory) -> VnuReport:
    control = (tmp_path_factory.mktemp("vnu-control") / "kontrol-tidak-valid.html").resolve()
    control.write_text(INVALID_CONTROL, encoding="utf-8")
    site = sample_site.resolve()
    files = sorted(site.rglob("*.html"))
    return VnuReport(site, control, files, run_vnu([*files, control]))


def test_every_page_of_the_sample_site_is_valid_html(vnu_report):
    # the home page, an innovation and the 404 page are in the run, so the site is not empty
    names = {f.relative_to(vnu_report.site).as_posix() for f in vnu_report.files}
    assert {"index.html", "404.html", "inovasi/pancoranmas-kabupaten-bekasi/index.html"} <= names
    assert len(vnu_report.files) > 50, f"only {len(vnu_report.files)} HTML files were built"

    errors = vnu_report.for_site()
    if errors:
        pages = sorted({m.file for m in errors})
        listing = "\n".join(m.render(vnu_report.site) for m in errors)
        pytest.fail(f"Nu Html Checker: {len(errors)} error(s) in {len(pages)} of {len(vnu_report.files)} "
                    f"page(s) of the sample site:\n{listing}", pytrace=False)


def test_checker_reports_known_invalid_html(vnu_report):
    """Control: the same vnu run must flag <p><div></p>, or the check above proves nothing."""
    reported = vnu_report.for_control()
    assert reported, "vnu reported nothing for a file containing <p><div></p>: the harness cannot fail"
    assert any(m.line == 3 for m in reported), [m.render(vnu_report.control.parent) for m in reported]
