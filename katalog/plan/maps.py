"""The map of Indonesia's 38 provinces (home page and 'wilayah/'), shaded by innovations."""

from __future__ import annotations

from typing import Any

from ..catalogue import Catalogue
from .views import Views


def province_map(cat: Catalogue, views: Views) -> dict[str, Any] | None:
    """The map's shapes, classes, legend and the same numbers as a list."""
    return None
