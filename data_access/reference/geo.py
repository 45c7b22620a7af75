"""Offline boundaries shipped in assets/geo (see assets/geo/SOURCES.md for sources and licences)."""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GEO = ROOT / "assets" / "geo"
BOUNDARY_FILES = {  # the level in force → its shapes, matched to units by `gso_code`
    "Xã": GEO / "khanh_hoa_communes_2025.geojson",  # 65 communes from 1/7/2025
    "Huyện": GEO / "khanh_hoa_ninh_thuan_districts_2024.geojson",  # 16 districts until 30/6/2025
}
EMPTY = {"type": "FeatureCollection", "features": []}


def shipped_boundaries(level: str) -> dict:
    """Return the shipped FeatureCollection of a level ('Xã' or 'Huyện'), or an empty one when absent (read from disk
    at each call, a few milliseconds: the app keeps what it draws per Source, ui.data.boundaries)."""
    path = BOUNDARY_FILES.get(level)
    if path is None or not path.exists():
        return EMPTY
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
