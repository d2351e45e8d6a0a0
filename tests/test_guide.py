"""The staff guide's field reference is the schema's: a changed field or value without a
regenerated guide fails here (regenerate with ``python -m katalog.guide``)."""

from __future__ import annotations

import re

from katalog import guide
from katalog.schema import SCHEMAS
from katalog.vocab import VOCABULARIES


def test_the_guide_holds_the_reference_made_from_the_schema():
    text = guide.GUIDE.read_text(encoding="utf-8")
    assert guide.with_reference(text) == text, "docs/panduan-staf.md is stale: run python -m katalog.guide"


def test_the_reference_names_every_field_and_every_value():
    reference = guide.field_reference()
    for kind, fields in SCHEMAS.items():
        section = reference.split(f"### {guide.KIND_TITLES[kind]}:")[1].split("\n### ")[0]
        named = re.findall(r"^\| `([a-z_]+)` \|", section, re.M)
        assert named == [f.name for f in fields], kind
    for name, vocab in VOCABULARIES.items():
        for slug in vocab:
            assert f"| `{slug}` |" in reference, (name, slug)


def test_a_stale_reference_is_detected(tmp_path, monkeypatch):
    stale = tmp_path / "panduan.md"
    stale.write_text(f"# Panduan\n\n{guide.START}\n| `judul_lama` | ya |\n{guide.END}\n", encoding="utf-8")
    monkeypatch.setattr(guide, "GUIDE", stale)
    assert guide.main(["--check"]) == 1
    assert guide.main([]) == 0 and guide.main(["--check"]) == 0
    assert "judul_lama" not in stale.read_text(encoding="utf-8")
