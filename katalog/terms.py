"""Tags' display names and short definitions (``content/terms.yaml``, optional).

A key is a tag as entries write it, or its slug (``Tata Kelola`` and ``tata-kelola``
are one tag); its value is the label to show, or ``{label: ..., description: ...}``.
A tag the file does not name is shown as first written, a raw slug made readable
(``readable``).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping

from .diagnostics import Diagnostic, did_you_mean
from .regionnames import slugify
from .values import Problem, _text_item, _type_name
from .yamlload import YamlDoc

FILE = "terms.yaml"

# The keys of a term written as a mapping, with their help (the staff guide's reference reads it)
KEYS: Mapping[str, str] = MappingProxyType({
    "label": "Nama topik yang tampil di situs, misalnya `Tata kelola pemerintahan`",
    "description": "Penjelasan singkat (satu atau dua kalimat) yang tampil di bawah judul halaman topik",
})
EXAMPLE = '"tata-kelola": {label: Tata kelola pemerintahan, description: Inovasi dalam cara pemerintah daerah bekerja.}'


@dataclass(frozen=True)
class TagTerm:
    label: str = ""  # '' : the default label (``readable``)
    description: str = ""
    line: int = 0  # where terms.yaml names it


def readable(written: str) -> str:
    """A tag's default label: as first written, a raw slug with spaces for its hyphens,
    and its first letter capitalised when written all in lowercase ('tata-kelola' ->
    'Tata kelola'; 'Smart City' stays)."""
    label = written.replace("-", " ") if slugify(written) == written else written
    return label[:1].upper() + label[1:] if label == label.lower() else label


def load_terms(doc: YamlDoc | None, path: str) -> tuple[dict[str, TagTerm], list[Diagnostic]]:
    """Tag slug -> its term, and every problem of the file."""
    data: Any = doc.data if doc else None
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [Diagnostic(path, 1, f"{FILE} harus berisi tag sebagai kunci dan labelnya sebagai nilai, "
                                        f"misalnya {EXAMPLE}")]
    problems: list[Diagnostic] = []
    terms: dict[str, TagTerm] = {}
    seen: dict[str, int] = {}  # slug -> line, valid or not
    for key, value in data.items():
        line = doc.line_of(key)
        written = doc.key_of(key)
        slug = slugify(written)
        if not slug:
            problems.append(Diagnostic(path, line, f"tag '{written}' tidak berisi huruf atau angka; tulis tag seperti "
                                                   "di field tags entri, misalnya tata-kelola"))
            continue
        if slug in seen:
            problems.append(Diagnostic(path, line, f"tag '{written}' sama dengan tag di baris {seen[slug]} "
                                                   f"(keduanya '{slug}'); tulis satu tag sekali saja"))
            continue
        seen[slug] = line
        term = _term(doc, key, written, value, line, path, problems)
        if term is not None:
            terms[slug] = term
    for key, line in doc.duplicates:
        problems.append(Diagnostic(path, line, f"kunci '{key}' ditulis dua kali"))
    return terms, problems


def _term(doc: YamlDoc, key: Any, written: str, value: Any, line: int, path: str,
          problems: list[Diagnostic]) -> TagTerm | None:
    if not isinstance(value, dict):
        try:
            return TagTerm(label=_text_item(value), line=line)
        except Problem as p:
            empty = value is None or (isinstance(value, str) and not value.strip())
            problems.append(Diagnostic(path, line, f"tag '{written}': " + (
                "labelnya kosong" if empty else f"label {p.message}" if isinstance(value, str)
                else f"label harus berupa teks, bukan {_type_name(value)}")
                + "; tulis 'tag: Label', atau 'tag: {label: ..., description: ...}'"))
            return None
    found: dict[str, str] = {}
    bad = False
    for k, v in value.items():
        where = doc.line_of(key, k, default=line)
        if k not in KEYS:
            problems.append(Diagnostic(path, where, f"tag '{written}': kunci '{k}' tidak dikenal{did_you_mean(k, KEYS)}; "
                                                    f"kunci yang tersedia: {', '.join(KEYS)}"))
            bad = True
            continue
        try:
            found[k] = _text_item(v)
        except Problem as p:
            empty = v is None or (isinstance(v, str) and not v.strip())
            problems.append(Diagnostic(path, where, f"tag '{written}': {k} " + (
                "kosong; isi atau hapus barisnya" if empty else p.message if isinstance(v, str)
                else f"harus berupa teks, bukan {_type_name(v)}")))
            bad = True
    if not bad and not found:
        problems.append(Diagnostic(path, line, f"tag '{written}': isi dengan label, description, atau keduanya"))
        return None
    return None if bad else TagTerm(found.get("label", ""), found.get("description", ""), line)


def unused(terms: dict[str, TagTerm], tags_used: set[str]) -> list[tuple[str, int]]:
    """(slug, line) of the terms no entry's tags name."""
    return [(slug, term.line) for slug, term in terms.items() if slug not in tags_used]
