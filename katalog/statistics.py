"""What the catalogue holds, counted: for the whole site and for every province and
kabupaten/kota (a province's figures include its kabupaten/kota, as ``Catalogue.by_region``
does), in one pass over the entries. Also the coverage gaps: the urusan and the
kabupaten/kota with no innovation, and whether the catalogue is a sample of one region,
which makes those gaps mean nothing.

Pure: a Catalogue in, frozen dataclasses out (``katalog.plan.statistics`` draws them)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from types import MappingProxyType

from .catalogue import Catalogue, status_of
from .vocab import VOCABULARIES

SITE = ""  # the scope code of the whole site
UNSTATED = ""  # the key counting innovations whose file leaves a field out
# Counted by vocabulary value, in the vocabulary's order (status: absent counts as 'berjalan')
DIMENSIONS = ("stage", "status", "form", "type", "initiator", "sector")
# Counted per year: innovations started and implemented, awards received, visits hosted and
# made (the site counts each visit once, as 'visits')
SERIES = ("started", "implemented", "awards", "hosted", "made", "visits")

Counts = tuple[tuple[str, int], ...]
Years = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Scope:
    """The figures of the site (code '') or of one region."""

    code: str
    innovations: int
    visits: int  # visits it hosted or made (the site: every visit), each once
    counts: tuple[tuple[str, Counts], ...]  # dimension -> (value, count) for every vocabulary value, in order,
    # then (UNSTATED, count) when some innovations leave the field out
    years: tuple[tuple[str, Years], ...]  # series -> (year, count), by year; only years with a count

    def by(self, dimension: str) -> Counts:
        return dict(self.counts)[dimension]

    def per_year(self, series: str) -> Years:
        return dict(self.years).get(series, ())

    def without(self, dimension: str) -> tuple[str, ...]:
        """The vocabulary values no innovation has (the urusan with none, for 'sector')."""
        return tuple(value for value, n in self.by(dimension) if value != UNSTATED and not n)


@dataclass(frozen=True)
class ProvinceGaps:
    """A province's kabupaten/kota and those with no innovation (codes, by name)."""

    code: str
    regions: int  # how many kabupaten/kota it has
    without: tuple[str, ...]


@dataclass(frozen=True)
class Statistics:
    site: Scope
    scopes: MappingProxyType[str, Scope]  # region code -> its figures; regions with no innovation nor visit are left out
    provinces: tuple[ProvinceGaps, ...]  # every province of the region table, by name
    only_region: str | None  # the code of the one kabupaten/kota, else province, every innovation is from

    def scope(self, code: str) -> Scope:
        return self.scopes.get(code) or _empty(code)

    def gaps(self, province: str) -> ProvinceGaps | None:
        return next((p for p in self.provinces if p.code == province), None)


def _empty(code: str) -> Scope:
    return Scope(code, 0, 0, tuple((d, _ordered(d, {})) for d in DIMENSIONS), ())


def _ordered(dimension: str, counter: dict[str, int]) -> Counts:
    rows = tuple((value, counter.get(value, 0)) for value in VOCABULARIES[dimension])
    missing = counter.get(UNSTATED, 0)
    return rows + ((UNSTATED, missing),) if missing else rows


def _scopes(code: str) -> tuple[str, ...]:
    """The scopes an entry of region ``code`` counts in: the site, the region, its province."""
    return (SITE, code) if "." not in code else (SITE, code, code[:2])


def compute(cat: Catalogue) -> Statistics:
    """Every figure, in one pass over the innovations and one over the visits."""
    counters: dict[str, dict[str, dict]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    innovations: dict[str, int] = defaultdict(int)
    codes: set[str] = set()
    for e in cat.entries.get("innovation", ()):
        f = e.fields
        code = f["region"]
        codes.add(code)
        values = [(d, (status_of(e) if d == "status" else f.get(d)) or UNSTATED) for d in DIMENSIONS]
        years = [(name, f[name].year) for name in ("started", "implemented") if f.get(name)]
        years += [("awards", a["year"]) for a in f.get("awards", ())]
        for scope in _scopes(code):
            innovations[scope] += 1
            counter = counters[scope]
            for key in values + years:
                counter[key[0]][key[1]] += 1
    visits: dict[str, int] = defaultdict(int)
    for v in cat.entries.get("visit", ()):
        f = v.fields
        year = f["date"].year
        counters[SITE]["visits"][year] += 1
        visits[SITE] += 1
        hosted = set(_scopes(f["host"])[1:])
        made = {s for c in f["visitors"] for s in _scopes(c)[1:]}
        for scope in hosted:
            counters[scope]["hosted"][year] += 1
        for scope in made:
            counters[scope]["made"][year] += 1
        for scope in hosted | made:
            visits[scope] += 1

    def scope(code: str) -> Scope:
        counter = counters.get(code, {})
        return Scope(code, innovations.get(code, 0), visits.get(code, 0),
                     tuple((d, _ordered(d, counter.get(d, {}))) for d in DIMENSIONS),
                     tuple((s, tuple(sorted(counter[s].items()))) for s in SERIES if counter.get(s)))

    regions = cat.regions
    gaps = tuple(ProvinceGaps(p.code, len(regions.children.get(p.code, ())),
                              tuple(sorted((c for c in regions.children.get(p.code, ()) if not innovations.get(c)),
                                           key=lambda c: (regions.get(c).name, c))))
                 for p in sorted(regions.provinces(), key=lambda r: (r.name, r.code)))
    only = None
    if len(codes) == 1:
        only = next(iter(codes))
    elif codes and len({c[:2] for c in codes}) == 1:
        only = next(iter(codes))[:2]
    return Statistics(scope(SITE), MappingProxyType({code: scope(code) for code in sorted(counters) if code != SITE}),
                      gaps, only)
