"""The tile-grid map's layout: one cell per province (katalog/data/provinces-grid.json).

Why a tile grid and not province shapes: see README, "Peta provinsi" (no shapes of the 38
provinces, Papua's four 2022 provinces included, ship in a registry package under a licence
that allows redistribution).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

GRID_FILE = "data/provinces-grid.json"


@dataclass(frozen=True)
class Tile:
    code: str  # Kemendagri province code, '32'
    abbr: str  # short label drawn on the tile, 'JB'
    col: int
    row: int


@dataclass(frozen=True)
class Grid:
    columns: int
    rows: int
    tiles: tuple[Tile, ...]  # in code order


def load() -> Grid:
    """The grid as shipped with the tool."""
    data = json.loads(resources.files("katalog").joinpath(GRID_FILE).read_text(encoding="utf-8"))
    tiles = tuple(Tile(code, p["abbr"], int(p["col"]), int(p["row"])) for code, p in sorted(data["provinces"].items()))
    return Grid(int(data["columns"]), int(data["rows"]), tiles)
