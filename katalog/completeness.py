"""``check``'s warnings about what an entry leaves out that its readers need: the IID
narrative of an innovation whose body is written as a profile (has one of its headings;
``new innovation`` writes them all), the date and reason of a discontinued one, the address of
a news item's source. None stops a build; ``--strict`` makes them fail a check."""

from __future__ import annotations

from .diagnostics import WARNING, Diagnostic
from .iidsections import MIN_DESIGN_WORDS, SECTIONS, sections, word_count
from .models import Entry


def completeness(entries: list[Entry]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for e in entries:
        if e.kind == "innovation":
            out += _innovation(e)
        elif e.kind == "news" and e.fields.get("source") and "url" not in e.fields["source"]:
            out.append(Diagnostic(e.source, e.line_of("source"),
                                  "field 'source' tanpa 'url': tambahkan alamat berita aslinya agar pembaca dapat "
                                  "memeriksanya", WARNING))
    return out


def _innovation(e: Entry) -> list[Diagnostic]:
    out = []
    f = e.fields
    if f.get("status") == "dihentikan":
        missing = [name for name in ("stopped", "stopped_reason") if name not in f]
        if missing:
            out.append(Diagnostic(e.source, e.line_of("status"),
                                  f"inovasi yang dihentikan sebaiknya mencatat {' dan '.join(missing)} "
                                  "(kapan dan mengapa dihentikan)", WARNING))
    found = sections(e.body.text)
    absent = [SECTIONS[key][0] for key in SECTIONS if key not in found or not found[key].text]
    if absent and found:  # a body with none of the headings is not written as a profile: nothing to complete
        out.append(Diagnostic(e.source, e.body_line,
                              "profil Indeks Inovasi Daerah belum lengkap: bagian "
                              + ", ".join(f"'## {name}'" for name in absent) + " belum ada atau masih kosong di isi berkas", WARNING))
    design = found.get("rancang_bangun")
    if design:
        words = word_count(design.text)
        if words < MIN_DESIGN_WORDS:
            out.append(Diagnostic(e.source, e.body_line + design.line - 1,
                                  f"bagian '{design.heading}' berisi {words} kata; Indeks Inovasi Daerah meminta "
                                  f"sedikitnya {MIN_DESIGN_WORDS} kata", WARNING))
    return out
