"""Offline boundaries shipped in assets/geo (see assets/geo/SOURCES.md for licences)."""

import json
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISTRICTS_GEOJSON = ROOT / "assets" / "geo" / "khanh_hoa_districts.geojson"
SOURCES_MD = ROOT / "assets" / "geo" / "SOURCES.md"


@lru_cache(maxsize=2)
def district_geojson(path: Path = DISTRICTS_GEOJSON) -> dict:
    """Return the district FeatureCollection, or an empty one when the file is absent."""
    if not path.exists():
        return {"type": "FeatureCollection", "features": []}
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def attribution(path: Path = SOURCES_MD) -> str:
    """Return the short attribution line that must be shown with any map drawn from the boundaries."""
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("Short form:"):
                return line.split(":", 1)[1].strip().strip('"')
    return "Boundaries: geoBoundaries.org, OCHA ROAP / Government of Viet Nam."
