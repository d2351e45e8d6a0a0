"""The study-visit network: who visited whom, per region page and on 'kunjungan/'."""

from __future__ import annotations

from typing import Any

from ..catalogue import Catalogue
from ..regions import Region
from .views import Views


def region_network(cat: Catalogue, views: Views, region: Region) -> dict[str, Any] | None:
    """The regions this one visited and that visited it, with dates and links to the visits."""
    return None


def site_network(cat: Catalogue, views: Views) -> dict[str, Any] | None:
    """The whole network as a graphic (nodes placed by province, directed edges) and a list of flows."""
    return None
