"""The field reference of the staff guide (docs/panduan-staf.md), made from the schema.

The validator (``katalog.schema``), ``build.py new`` (``katalog.scaffold``) and the
guide all read the same declarations, so the guide cannot promise a field or a value
the build refuses. ``python -m katalog.guide`` rewrites the reference between its two
markers in the guide; ``python -m katalog.guide --check`` exits 1 when it is stale
(tests/test_guide.py runs the same comparison).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import MappingProxyType

from .scaffold import FOLDER_OF, allowed
from .schema import SCHEMAS
from . import terms
from .vocab import VOCABULARIES

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "panduan-staf.md"
START = "<!-- referensi-field: dibuat dari katalog/schema.py oleh `python -m katalog.guide`; jangan disunting di sini -->"
END = "<!-- akhir referensi-field -->"

KIND_TITLES = MappingProxyType({"innovation": "Inovasi", "visit": "Kunjungan kerja", "news": "Berita", "page": "Halaman statis"})
VOCAB_TITLES = MappingProxyType({"stage": "Tahapan (`stage`)", "form": "Bentuk (`form`)", "type": "Jenis (`type`)",
                                 "initiator": "Inisiator (`initiator`)", "sector": "Urusan pemerintahan (`sector`)",
                                 "status": "Status (`status`)", "budget": "Sumber anggaran (`budget.source`)"})


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def field_reference() -> str:
    lines = []
    for kind, fields in SCHEMAS.items():
        lines += [f"### {KIND_TITLES[kind]}: `content/{FOLDER_OF[kind]}/`", "",
                  "| field | wajib | arti | nilai yang boleh |", "|---|---|---|---|"]
        for f in fields:
            values = allowed(f)
            if f.kind == "choice" and len(VOCABULARIES[f.vocabulary]) > 6:
                values = f"salah satu nilai di daftar {VOCAB_TITLES[f.vocabulary]} di bawah"
            lines.append(f"| `{f.name}` | {'ya' if f.required else ''} | {_cell(f.help)} | {_cell(values)} |")
        lines.append("")
    lines += [f"### Topik: `content/{terms.FILE}` (tidak wajib)", "",
              "Kunci: tag seperti ditulis di field `tags`, atau slug-nya. Nilai: labelnya saja "
              "(`tata-kelola: Tata kelola`), atau pasangan berikut:", "",
              "| kunci | arti |", "|---|---|"]
    lines += [f"| `{key}` | {_cell(help)} |" for key, help in terms.KEYS.items()]
    lines += ["", "### Daftar nilai", "",
              "Tulis nilai di kolom kiri (slug) di front-matter; situs menampilkan labelnya, dan halaman "
              "setiap nilai menampilkan artinya.", ""]
    for name, vocab in VOCABULARIES.items():
        sector = name == "sector"
        lines += [f"#### {VOCAB_TITLES[name]}", "", "| nilai | label | kelompok | arti |" if sector else "| nilai | label | arti |",
                  "|---|---|---|---|" if sector else "|---|---|---|"]
        for term in vocab.values():
            group = f" {_cell(term.group)} |" if sector else ""
            lines.append(f"| `{term.slug}` | {_cell(term.id)} |{group} {_cell(term.description_id)} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def with_reference(text: str) -> str:
    """The guide's text with a fresh reference between its markers."""
    try:
        head, rest = text.split(START + "\n", 1)
        _, tail = rest.split(END, 1)
    except ValueError:
        raise SystemExit(f"{GUIDE}: penanda referensi field tidak ditemukan ({START} ... {END})") from None
    return f"{head}{START}\n\n{field_reference()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    text = GUIDE.read_text(encoding="utf-8")
    fresh = with_reference(text)
    if "--check" in argv:
        if fresh != text:
            print(f"{GUIDE}: referensi field sudah usang; jalankan: python -m katalog.guide", file=sys.stderr)
            return 1
        return 0
    if fresh != text:
        GUIDE.write_text(fresh, encoding="utf-8")
        print(f"{GUIDE}: referensi field diperbarui")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
