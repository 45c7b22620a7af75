"""The province's official boundary file: validated, matched to the units by GSO code, stored whole or not at all.

A file holds the shapes of one level: the 65 communes in force, or the 16 districts of before 1/7/2025. Every
feature must carry a code of a unit of that level and a Polygon or MultiPolygon in longitude/latitude. Any problem
refuses the file and leaves the shapes drawn so far (imported or shipped) as they were.
"""

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, insert, select

from data_access.importing.readers import file_bytes_sha256
from data_access.reference.geo import shipped_boundaries
from data_access.reference.lookup import ensure_reference, list_units
from data_access.store.meta import LAST_LOAD_AT, write_meta
from data_access.store.migrate import create_schema
from data_access.store.schema import boundaries, import_log
from metrics.territory import LEVEL_COMMUNE, LEVEL_DISTRICT, REFORM_DAY, units_in_force
from metrics.text import fold_key, normalize_text
from texts import messages as M

CODE_KEYS = ("gso_code", "ma_dvhc", "ma_xa", "ma_huyen", "ma", "code", "madvhc")
NAME_KEYS = ("name", "ten", "ten_xa", "ten_huyen", "ten_dvhc")
# a date on which each level's units are in force
LEVEL_DATES = {LEVEL_COMMUNE: REFORM_DAY, LEVEL_DISTRICT: date(2025, 6, 30)}


class BoundaryRefused(ValueError):
    """Raised when a boundary file is refused (nothing was written); the message says why, in Vietnamese."""


@dataclass
class BoundaryReport:
    """What an accepted boundary file replaced."""

    file_name: str
    level: str
    matched: int
    units: int
    missing: list[str] = field(default_factory=list)  # units of the level without a shape in the file


def _property(props: dict, keys: tuple[str, ...]) -> str | None:
    folded = {fold_key(k).replace(" ", "_"): v for k, v in props.items()}
    for key in keys:
        value = folded.get(key)
        if value not in (None, ""):
            text = normalize_text(value)
            return text[:-2] if text and text.endswith(".0") and text[:-2].isdigit() else text
    return None


def _check_geometry(geometry: object) -> str | None:
    """Return why a geometry cannot be drawn, or None."""
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return M.SHAPE_NOT_POLYGON
    polygons = geometry.get("coordinates")
    polygons = [polygons] if geometry["type"] == "Polygon" else polygons
    try:
        points = [p for polygon in polygons for ring in polygon for p in ring]
        if not points or any(not (102 <= float(p[0]) <= 118 and 6 <= float(p[1]) <= 24) for p in points):
            return M.SHAPE_OUTSIDE
    except (TypeError, ValueError, IndexError):
        return M.SHAPE_UNREADABLE
    return None


def read_features(path: Path) -> list[dict]:
    """Return the features of a GeoJSON FeatureCollection, or raise BoundaryRefused."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BoundaryRefused(M.GEOJSON_UNREADABLE.format(file=Path(path).name, error=exc.__class__.__name__)) from exc
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection" or not isinstance(
            document.get("features"), list) or not document["features"]:
        raise BoundaryRefused(M.GEOJSON_EMPTY.format(file=Path(path).name))
    return document["features"]


def import_boundaries(engine: Engine, path: str | Path, file_name: str | None = None) -> BoundaryReport:
    """Replace the shapes of the level the file's codes belong to; return the report or raise BoundaryRefused."""
    path = Path(path)
    name = file_name or path.name
    features = read_features(path)
    create_schema(engine)
    with engine.begin() as conn:
        ensure_reference(conn)
        units = list_units(conn)
        levels = {level: units_in_force(units, on) for level, on in LEVEL_DATES.items()}
        codes = [_property(f.get("properties") or {}, CODE_KEYS) if isinstance(f, dict) else None for f in features]
        level = max(levels, key=lambda lv: len(set(codes) & set(levels[lv]["code"].astype(str))))
        known = dict(zip(levels[level]["code"].astype(str), levels[level]["name"], strict=True))
        problems, seen = [], {}
        for number, (feature, code) in enumerate(zip(features, codes, strict=True), start=1):
            if code is None:
                problems.append(M.FEATURE_NO_CODE.format(n=number))
            elif code not in known:
                problems.append(M.FEATURE_UNKNOWN_CODE.format(n=number, code=code))
            elif code in seen:
                problems.append(M.FEATURE_DUPLICATE.format(n=number, code=code, first=seen[code]))
            elif (reason := _check_geometry(feature.get("geometry"))) is not None:
                problems.append(M.FEATURE_BAD_SHAPE.format(n=number, code=code, reason=reason))
            if code is not None and code not in seen:
                seen[code] = number
        if problems:
            more = M.MORE_PROBLEMS.format(n=len(problems) - 10) if len(problems) > 10 else ""
            shown = "; ".join(problems[:10]) + more
            raise BoundaryRefused(M.BOUNDARIES_REFUSED.format(file=name, problems=shown))
        now = datetime.now(UTC).replace(tzinfo=None)
        conn.execute(delete(boundaries).where(boundaries.c.level == level))
        conn.execute(insert(boundaries), [
            {"level": level, "code": code, "name": known[code], "geometry": json.dumps(feature["geometry"]),
             "file_name": name, "imported_at": now} for feature, code in zip(features, codes, strict=True)])
        conn.execute(insert(import_log).values(
            imported_at=now, file_name=name, sha256=file_bytes_sha256(path), kind="boundaries", rows_read=len(features),
            inserted=len(seen), updated=0, unchanged=0, rejected=0, warnings=len(known) - len(seen)))
        write_meta(conn, **{LAST_LOAD_AT: datetime.now(UTC).isoformat(timespec="seconds")})  # the map redraws
    missing = sorted(f"{known[c]} ({c})" for c in set(known) - set(seen))
    return BoundaryReport(name, level, len(seen), len(known), missing)


def load_boundaries(conn: Connection, level: str) -> dict:
    """Return the FeatureCollection drawn for a level: the imported official shapes, else the shipped ones."""
    rows = conn.execute(select(boundaries.c.code, boundaries.c.name, boundaries.c.geometry)
                        .where(boundaries.c.level == level).order_by(boundaries.c.code)).all()
    if not rows:
        return shipped_boundaries(level)
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"gso_code": code, "name": name}, "geometry": json.loads(geometry)}
        for code, name, geometry in rows]}


def official_file(conn: Connection, level: str) -> str | None:
    """Return the name of the imported official file of a level, or None when the shipped shapes are drawn."""
    return conn.execute(select(boundaries.c.file_name).where(boundaries.c.level == level).limit(1)).scalar()
