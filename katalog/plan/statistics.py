"""The statistics page 'statistik/', its open data, and the statistics block of region pages.

Every number is counted here, from the catalogue (templates only draw them)."""

from __future__ import annotations

from typing import Any

from ..catalogue import Catalogue
from ..regions import Region
from .spec import PageSpec
from .views import Views


def plan(cat: Catalogue, views: Views) -> list[PageSpec]:
    """'statistik/' and 'data/statistik.json|csv'."""
    return []


def region_block(cat: Catalogue, views: Views, region: Region) -> dict[str, Any] | None:
    """A province's or kabupaten/kota's statistics block (with a province's coverage gaps)."""
    return None
