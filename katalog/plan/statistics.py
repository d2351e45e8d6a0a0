"""The statistics page 'statistik/', its open data, and the statistics block of region pages.

Every number is counted here, from the catalogue (templates only draw them): once per
build, by ``katalog.statistics.compute``, kept on the Views (``figures``) so the site's
page and every region's page share one count. Charts are geometry from ``katalog.charts``."""

from __future__ import annotations

from functools import partial
from typing import Any

from .. import urls
from ..catalogue import Catalogue
from ..charts import Chart, Row, bar_chart
from ..i18n import format_number
from ..regions import Region
from ..statistics import DIMENSIONS, SITE, UNSTATED, Scope, Statistics, compute
from ..vocab import VOCABULARIES
from .spec import PageSpec
from .views import Views

MEMO = "statistics"  # the key of the build's figures in views.memo
CHARTS = "statistics.charts"  # and of the charts made so far
PAGE_TEMPLATE = "statistics.html"
CSV_TEMPLATE = "data/opendata.csv"  # the open data's built-in templates (katalog/templates/data/)
JSON_TEMPLATE = "data/opendata.json"
COLUMNS = ("scope_code", "scope_name", "dimension", "key", "label", "count")
# The dimensions with taxonomy pages of the same name (a row's label links there on the site's page,
# when its count is not zero: a term page is built only for a value some innovation has)
WITH_PAGES = frozenset(("stage", "status", "form", "type", "sector"))
FILL_YEARS = 40  # a year chart shows the years between its first and last (as zeros) when at most this many


def figures(cat: Catalogue, views: Views) -> Statistics:
    """The build's figures, counted when first asked and then shared by every page."""
    stats = views.memo.get(MEMO)
    if stats is None:
        stats = views.memo[MEMO] = compute(cat)
    return stats


# -- charts ------------------------------------------------------------------------

def _number(views: Views, n: int) -> str:
    return format_number(n, views.lang)


def _label(views: Views, dimension: str, value: str) -> str:
    return views.t("stats.unstated") if value == UNSTATED else views.vocab_label(dimension, value)


class Charts:
    """Charts made once per build and shared: a chart of the same figures (two regions whose
    innovations split the same way by stage) is one object, and so is a table row."""

    def __init__(self, views: Views):
        self.views = views
        self.rows: dict[tuple, Row] = {}
        self.made: dict[tuple, Chart] = {}
        self.wrapped: dict[str, tuple[str, ...]] = {}  # a label -> its lines (charts.wrap)

    def row(self, dimension: str, value: str, n: int, links: bool) -> Row:
        key = (dimension, value, n, links)
        row = self.rows.get(key)
        if row is None:
            views = self.views
            url = (views.link(urls.term_path(dimension, value))
                   if links and n and value != UNSTATED and dimension in WITH_PAGES else None)
            label = value if dimension == "year" else _label(views, dimension, value)
            row = self.rows[key] = Row(label, n, _number(views, n), url)
        return row

    def chart(self, key: tuple, make) -> Chart:
        chart = self.made.get(key)
        if chart is None:
            chart = self.made[key] = make()
        return chart


def shared_charts(views: Views) -> Charts:
    found = views.memo.get(CHARTS)
    if found is None:
        found = views.memo[CHARTS] = Charts(views)
    return found


def dimension_chart(views: Views, scope: Scope, dimension: str, prefix: str, links: bool) -> Chart:
    """Innovations by one vocabulary (zeros in the table; the urusan chart draws only those with some)."""
    made = shared_charts(views)
    counts = scope.by(dimension)

    def make() -> Chart:
        t = views.t
        rows = tuple(made.row(dimension, value, n, links) for value, n in counts)
        drawn = more = None
        if dimension == "sector":
            drawn = tuple(r for r in rows if r.value)
            zeros = len(rows) - len(drawn)
            more = t("stats.sector_rest", count=zeros) if zeros else ""
        return bar_chart(f"{prefix}{dimension}", t(f"stats.by.{dimension}"), rows, t(f"stats.head.{dimension}"),
                         t("stats.head.count"), drawn, more or "", made.wrapped)

    return made.chart((prefix, dimension, links, counts), make)


def year_chart(views: Views, scope: Scope, series: str, prefix: str) -> Chart | None:
    """One bar per year from the first with a count to the last, the years between as zeros
    (only those with a count when they span more than FILL_YEARS); None without any. The
    open data stays sparse (``records``)."""
    years = scope.per_year(series)
    if not years:
        return None
    made = shared_charts(views)

    def make() -> Chart:
        first, last = years[0][0], years[-1][0]
        if last - first <= FILL_YEARS:
            counts = dict(years)
            rows = tuple(made.row("year", str(y), counts.get(y, 0), False) for y in range(first, last + 1))
        else:
            rows = tuple(made.row("year", str(y), n, False) for y, n in years)
        t = views.t
        return bar_chart(f"{prefix}{series}", t(f"stats.year.{series}"), rows, t("stats.head.year"),
                         t(f"stats.head.{series}"), wrapped=made.wrapped)

    return made.chart((prefix, series, years), make)


def charts(views: Views, scope: Scope, prefix: str, links: bool = False) -> list[Chart]:
    """Every chart of a scope that has something to show (innovations' only when it has some)."""
    out: list[Chart] = []
    if scope.innovations or scope.code == SITE:
        out += [dimension_chart(views, scope, d, prefix, links) for d in DIMENSIONS]
    series = ("started", "implemented", "awards") + (("visits",) if scope.code == SITE else ("hosted", "made"))
    out += [c for c in (year_chart(views, scope, s, prefix) for s in series) if c]
    return out


class LazyCharts:
    """A region's charts, made when its page is rendered. A page's signature (the repr of
    its context, made on every build) needs only the figures they are drawn from, so an
    unchanged region page costs no chart geometry."""

    __slots__ = ("views", "scope", "made")

    def __init__(self, views: Views, scope: Scope):
        self.views = views
        self.scope = scope
        self.made: list[Chart] | None = None

    def __iter__(self):
        if self.made is None:
            self.made = charts(self.views, self.scope, "stat-")
        return iter(self.made)

    def __bool__(self) -> bool:
        return bool(self.scope.innovations or self.scope.years)  # what ``charts`` draws for a region

    def __repr__(self) -> str:
        return f"<charts of {self.scope!r}>"


# -- coverage gaps -----------------------------------------------------------------

def _names(views: Views, codes) -> list[dict[str, Any]]:
    return [views.region_ref(c) for c in codes]


def sample_note(views: Views, stats: Statistics, province: str | None = None) -> str | None:
    """What to say when the gaps mean nothing: every innovation from one region, or none yet.
    On the page of the ``province`` that is that region (innovations from several of its
    kabupaten/kota), its kabupaten/kota without innovations are a real gap: only the urusan
    list is then said to mean nothing. A sample of one kabupaten/kota says nothing of the rest
    of its province."""
    if stats.only_region is not None:
        name = views.region_ref(stats.only_region)["name"]
        if province is not None and stats.only_region == province:  # the sample is this province: its kab/kota gaps are real
            return views.t("stats.sample_province", name=name)
        return views.t("stats.sample", name=name)
    if not stats.site.innovations:
        return views.t("stats.sample_empty")
    return None


def sector_gaps(views: Views, scope: Scope) -> dict[str, Any]:
    without = scope.without("sector")
    total = len(VOCABULARIES["sector"])
    return {"title": views.t("stats.sectors_without", count=_number(views, len(without)), total=_number(views, total)),
            "none": views.t("stats.sectors_without.none"),
            "entries": [{"name": views.vocab_label("sector", v), "url": None} for v in without]}


def region_gaps(views: Views, stats: Statistics, province: str) -> dict[str, Any] | None:
    gaps = stats.gaps(province)
    if gaps is None or not gaps.regions:
        return None
    return {"title": views.t("stats.regions_without", count=_number(views, len(gaps.without)),
                             total=_number(views, gaps.regions)),
            "none": views.t("stats.regions_without.none"), "entries": _names(views, gaps.without)}


def province_gaps(views: Views, stats: Statistics) -> list[dict[str, Any]]:
    """Every province: how many of its kabupaten/kota have no innovation, and which."""
    out = []
    for gaps in stats.provinces:
        if not gaps.regions:
            continue
        out.append({**views.region_ref(gaps.code), "without": len(gaps.without),
                    "summary": views.t("stats.province_gap", count=_number(views, len(gaps.without)),
                                       total=_number(views, gaps.regions)),
                    "names": ", ".join(views.region_ref(c)["name"] for c in gaps.without)})
    return out


# -- region pages --------------------------------------------------------------------

def region_block(cat: Catalogue, views: Views, region: Region) -> dict[str, Any] | None:
    """A province's or kabupaten/kota's statistics block (with a province's coverage gaps)."""
    stats = figures(cat, views)
    scope = stats.scope(region.code)
    t = views.t
    found = LazyCharts(views, scope)
    block: dict[str, Any] = {
        "title": t("stats.region_title"),
        "intro": t("stats.region_intro.province" if region.is_province else "stats.region_intro", name=region.name),
        "charts": found, "table": t("stats.table"),
        "all": {"url": views.link(urls.statistics_path()), "label": t("stats.all")},
    }
    if region.is_province:
        block["gaps"] = {"title": t("stats.gaps"), "intro": t("stats.gaps_region", name=region.name),
                         "note": sample_note(views, stats, region.code),
                         "lists": [g for g in (sector_gaps(views, scope), region_gaps(views, stats, region.code)) if g]}
    elif not found:
        return None
    return block


# -- the statistics page and its data -------------------------------------------------

def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    """'statistik/' and 'data/statistik.json|csv'."""
    figures(cat, views)  # counted here, before the render workers fork, so each inherits it
    return [PageSpec(urls.statistics_path(), PAGE_TEMPLATE, partial(_page, cat, views)),
            PageSpec(urls.statistics_data("csv"), CSV_TEMPLATE, partial(_csv, cat, views)),
            PageSpec(urls.statistics_data("json"), JSON_TEMPLATE, partial(_json, cat, views))]


def _totals(views: Views, stats: Statistics) -> list[dict[str, str]]:
    site = stats.site
    status = dict(site.by("status"))
    awards = sum(n for _, n in site.per_year("awards"))
    with_innovations = sum(1 for code, s in stats.scopes.items() if "." in code and s.innovations)
    t = views.t
    return [{"value": _number(views, n), "label": t(f"stats.total.{key}")} for key, n in (
        ("innovations", site.innovations), ("running", status.get("berjalan", 0)), ("stopped", status.get("dihentikan", 0)),
        ("visits", site.visits), ("awards", awards), ("regions", with_innovations))]


def _page(cat: Catalogue, views: Views) -> dict[str, Any]:
    stats = figures(cat, views)
    t = views.t
    title = t("stats.title")
    crumbs = [{"name": t("nav.home"), "url": views.link(urls.HOME)}, {"name": title, "url": None}]
    return {
        "site": views.site,
        "section": urls.STATISTICS,
        "title": title,
        "description": t("stats.intro"),
        "head": views.head(urls.statistics_path(), title, t("stats.intro"), breadcrumbs=crumbs),
        "breadcrumbs": crumbs,
        "totals": _totals(views, stats),
        "stats": {"charts": charts(views, stats.site, "stat-", links=True), "table": t("stats.table")},
        "gaps": {"title": t("stats.gaps"), "intro": t("stats.gaps_intro"), "note": sample_note(views, stats),
                 "lists": [sector_gaps(views, stats.site)], "provinces": province_gaps(views, stats),
                 "provinces_title": t("stats.provinces_title"), "names_label": t("stats.names")},
        "files": [{"label": urls.statistics_data(ext).rpartition("/")[2], "format": ext.upper(),
                   "url": views.link(urls.statistics_data(ext))} for ext in ("csv", "json")],
        "data_about": {"url": views.link(urls.data_path()), "label": t("stats.data_about")},
    }


def records(cat: Catalogue, views: Views) -> list[tuple]:
    """The long table: (scope code, scope name, dimension, key, label, count); the site's
    every vocabulary value (zeros too), each region's counts that are not zero."""
    stats = figures(cat, views)
    out: list[tuple] = []
    site_name = views.t("stats.scope_site")

    def scope_rows(scope: Scope, name: str, zeros: bool) -> None:
        code = scope.code
        out.append((code, name, "total", "innovations", views.t("stats.total.innovations"), scope.innovations))
        out.append((code, name, "total", "visits", views.t("stats.total.visits"), scope.visits))
        for d in DIMENSIONS:
            out.extend((code, name, d, v, _label(views, d, v), n) for v, n in scope.by(d) if n or zeros)
        for series, years in scope.years:
            out.extend((code, name, series, str(y), str(y), n) for y, n in years)

    scope_rows(stats.site, site_name, True)
    for code, scope in stats.scopes.items():
        region = cat.regions.get(code)
        scope_rows(scope, region.name if region else code, False)
    return out


def _csv(cat: Catalogue, views: Views) -> dict[str, Any]:
    return {"columns": COLUMNS, "rows": [{"csv": r} for r in records(cat, views)]}


def _json(cat: Catalogue, views: Views) -> dict[str, Any]:
    cfg = cat.config
    meta = {"title": f"{views.t('stats.title')} · {cfg.title}", "license": cfg.license_url,
            "license_name": cfg.license_name, "publisher": cfg.publisher or cfg.title,
            "source": views.absolute(urls.statistics_path())}
    return {"data": meta, "rows": [{"json": dict(zip(COLUMNS, r))} for r in records(cat, views)]}
