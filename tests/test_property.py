"""Property: whatever front-matter and body a file holds, the whole build ends either in a
site or in the tool's own messages ('path:line: error: ...', a non-zero exit), never a
traceback; and no built page carries dangerous markup. ``check`` on the same files ends in
its own messages too, and reports every error the build prints.

The examples are the same on every run (``derandomize``), so CI is repeatable; to look
further, run ``HYPOTHESIS_PROFILE=explore python -m pytest tests/test_property.py``.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import os
import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentkit import dangerous_markup
from katalog.cli import main
from katalog.schema import SCHEMAS

settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("explore", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SITE = "title: Katalog Sifat\nlanguage: id\n"
FOLDERS = {"innovation": "innovations", "visit": "visits", "news": "news", "page": "pages"}
PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "\"><svg onload=alert(1)>",
            "[a](javascript:alert(1))", "![b](data:text/html,x)", "<iframe src=https://evil.example/>", "{: onclick=x }",
            "&#106;avascript:", "<a href='vbscript:x'>v</a>", "<style>*{}</style>", "- - - - ", "> > >", "*[", "]]>", "---",
            "32.16", "32.10", "\t", "\x07", "\u202e", "\r\n", "\ufeff", "\x00", "\x85", "\u2028", "\u2029",
            "<img src=\"\\\\evil.example/x.png\">", "<img src=\"//[x\">", "<div>" * 300, "- " * 120, "\t" * 110 + "- x",
            "9" * 5000, "1:" * 200 + "1", "&amp;", "A<B dan C>D"]
LINE = re.compile(r"^\S.*?(?::\d+)?: (error|warning): \S.*$")

words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
texty = st.one_of(words, st.sampled_from(PAYLOADS), st.lists(st.sampled_from(PAYLOADS) | words, max_size=4).map(" ".join))
scalars = st.one_of(texty, st.integers(), st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.booleans(), st.none(),
                    st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 1, 1)), st.sampled_from(["32.16", "32", "17.71", "99.99"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(words, inner, max_size=3),
                      max_leaves=8)


@st.composite
def front_matters(draw, kind: str) -> str:
    names = [f.name for f in SCHEMAS[kind]]
    data = draw(st.dictionaries(st.sampled_from(names) | words, values, max_size=10))
    if draw(st.booleans()):  # a plausible entry: the required fields present, some values odd
        for field in SCHEMAS[kind]:
            if field.required and field.name not in data:
                data[field.name] = draw(st.sampled_from(["Judul", "32.16", "penerapan", "Ringkasan.", "2023-05-01",
                                                         ["32.16"], ["17.71"]]))
    if draw(st.integers(0, 9)) == 0:  # now and then, raw text where YAML should be
        return draw(st.text(max_size=200))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


bodies = st.lists(st.one_of(words, st.sampled_from(PAYLOADS), st.sampled_from(["\n", "\n\n", "# ", "* ", "1. ", "|a|b|\n|-|-|\n"])),
                  max_size=30).map("".join)


@st.composite
def catalogues(draw) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"site.yaml": SITE}
    for i in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(sorted(FOLDERS)))
        name = draw(st.sampled_from([f"entri-{i}", f"Entri {i}", f"entri-{i}.tmp", "../keluar", "index"]))
        text = f"---\n{draw(front_matters(kind))}---\n{draw(bodies)}"
        files[f"{FOLDERS[kind]}/{name}.md"] = text.encode("utf-8", "surrogatepass") if draw(st.booleans()) else text
    return files


def build(root: Path, *flags: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["build", "--content", str(root / "content"), "--output", str(root / "output"), "--jobs", "1", *flags])
    return code, err.getvalue()


def check(root: Path) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["check", "--content", str(root / "content")])
    return code, out.getvalue()


@given(catalogues(), st.booleans())
def test_any_content_ends_in_a_site_or_in_our_own_messages(tmp_path, files, keep_going):
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    for rel, text in files.items():
        path = root / "content" / rel
        if not path.resolve().is_relative_to(root / "content"):
            continue  # a name like '../keluar' is not a file of the content folder
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    checked, report = check(root)
    assert checked in (0, 1), report
    assert report.endswith("\n") and report.splitlines()[-1].startswith("Pemeriksaan selesai: "), report
    assert all(LINE.match(line) for line in report.splitlines()[:-1]), report
    assert sorted(p.name for p in root.iterdir()) == ["content"], "check wrote something"
    code, stderr = build(root, *(["--keep-going"] if keep_going else []))
    lines = stderr.splitlines()
    if code == 1 and not keep_going:
        assert {line for line in lines if ": error: " in line} <= set(report.splitlines()), (stderr, report)
        assert checked == 1, report
    assert code in ((0, 1, 3) if keep_going else (0, 1)), stderr
    if code == 1:
        assert lines and lines[-1].startswith("Build gagal: "), stderr
        assert all(LINE.match(line) for line in lines[:-1]), stderr
        assert not (root / "output").exists()
    else:
        assert (root / "output" / "index.html").is_file()
        assert all(LINE.match(line) for line in lines[:-1]) and (code == 0 or lines[-1].startswith("Ditinggalkan")), stderr
        for page in (root / "output").rglob("*.html"):
            assert dangerous_markup(page.read_text(encoding="utf-8")) == [], page
    # beside the output link: its trees (.output.site-*) and the nginx snippet, which must not be served
    assert sorted(p.name for p in root.iterdir() if not p.name.startswith(".output.site-")) in (
        ["content"], [".katalog-cache", "content", "output", "output.nginx.conf"]), \
        "the build wrote outside its output folder"
