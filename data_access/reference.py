"""Reference data: territorial units, fields, agencies and procedures (lookup, get-or-create, lists)."""

import csv
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, insert, select, update

from data_access.schema import agencies, fields, procedures, units
from metrics.text import fold_key, normalize_text, unit_key, unit_short_name

ROOT = Path(__file__).resolve().parent.parent
UNITS_CSV = ROOT / "assets" / "reference" / "khanh_hoa_units_2024.csv"


def _parse_iso(value: str | None) -> date | None:
    value = (value or "").strip()
    return date.fromisoformat(value) if value else None


def read_units_csv(path: Path = UNITS_CSV) -> list[dict]:
    """Return the unit rows of a territorial-units CSV (Mã, Tên, Loại, Vĩ độ, Kinh độ, Hiệu lực từ/đến)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = []
        for raw in csv.DictReader(handle):
            name = normalize_text(raw["Tên"])
            rows.append({
                "code": normalize_text(raw["Mã"]),
                "name": name,
                "short_name": unit_short_name(name),
                "name_key": unit_key(name),
                "kind": normalize_text(raw.get("Loại")),
                "latitude": float(raw["Vĩ độ"]) if raw.get("Vĩ độ") else None,
                "longitude": float(raw["Kinh độ"]) if raw.get("Kinh độ") else None,
                "valid_from": _parse_iso(raw.get("Hiệu lực từ")),
                "valid_to": _parse_iso(raw.get("Hiệu lực đến")),
            })
    return rows


def upsert_units(conn: Connection, rows: list[dict]) -> dict[str, int]:
    """Insert or update units by name key; return {name_key: id}."""
    existing = dict(conn.execute(select(units.c.name_key, units.c.id)).all())
    for row in rows:
        if row["name_key"] in existing:
            conn.execute(update(units).where(units.c.id == existing[row["name_key"]]).values(**row))
        else:
            existing[row["name_key"]] = conn.execute(insert(units).values(**row)).inserted_primary_key[0]
    return existing


def get_or_create_field(conn: Connection, name: str, cache: dict[str, int] | None = None) -> int:
    """Return the id of the field named `name`, creating it when new."""
    key = fold_key(name)
    if cache is not None and key in cache:
        return cache[key]
    found = conn.execute(select(fields.c.id).where(fields.c.name_key == key)).scalar()
    if found is None:
        found = conn.execute(insert(fields).values(name=normalize_text(name), name_key=key,
                                                   is_land_env=False)).inserted_primary_key[0]
    if cache is not None:
        cache[key] = found
    return found


def get_or_create_agency(conn: Connection, name: str, kind: str | None = None, level: str | None = None,
                         unit_id: int | None = None, cache: dict[str, int] | None = None) -> int:
    """Return the id of the agency named `name`, creating it when new."""
    key = fold_key(name)
    if cache is not None and key in cache:
        return cache[key]
    found = conn.execute(select(agencies.c.id).where(agencies.c.name_key == key)).scalar()
    if found is None:
        values = dict(name=normalize_text(name), name_key=key, kind=kind, level=level, unit_id=unit_id)
        found = conn.execute(insert(agencies).values(**values)).inserted_primary_key[0]
    if cache is not None:
        cache[key] = found
    return found


def get_or_create_procedure(conn: Connection, name: str, field_id: int | None, code: str | None = None,
                            cache: dict[str, int] | None = None) -> int:
    """Return the id of the procedure named `name`, creating it when new."""
    key = fold_key(name)
    if cache is not None and key in cache:
        return cache[key]
    found = conn.execute(select(procedures.c.id).where(procedures.c.name_key == key)).scalar()
    if found is None:
        values = dict(name=normalize_text(name), name_key=key, field_id=field_id, code=normalize_text(code))
        found = conn.execute(insert(procedures).values(**values)).inserted_primary_key[0]
    if cache is not None:
        cache[key] = found
    return found


def apply_land_env_group(conn: Connection, group: tuple[str, ...] | list[str]) -> int:
    """Flag the fields of the land/environment group (and unflag the others); return how many are flagged."""
    keys = [fold_key(name) for name in group]
    conn.execute(update(fields).values(is_land_env=fields.c.name_key.in_(keys)))
    return len(conn.execute(select(fields.c.id).where(fields.c.is_land_env.is_(True))).all())


def list_units(conn: Connection) -> pd.DataFrame:
    """Return units: id, code, name, short_name, kind, latitude, longitude, valid_from, valid_to."""
    query = select(units.c.id, units.c.code, units.c.name, units.c.short_name, units.c.kind, units.c.latitude,
                   units.c.longitude, units.c.valid_from, units.c.valid_to).order_by(units.c.code, units.c.name)
    return pd.DataFrame(conn.execute(query).mappings().all(),
                        columns=["id", "code", "name", "short_name", "kind", "latitude", "longitude",
                                 "valid_from", "valid_to"])


def list_agencies(conn: Connection) -> pd.DataFrame:
    """Return agencies: id, name, kind, level, unit_id."""
    query = select(agencies.c.id, agencies.c.name, agencies.c.kind, agencies.c.level,
                   agencies.c.unit_id).order_by(agencies.c.name)
    return pd.DataFrame(conn.execute(query).mappings().all(), columns=["id", "name", "kind", "level", "unit_id"])


def list_fields(conn: Connection) -> pd.DataFrame:
    """Return fields: id, name, is_land_env."""
    query = select(fields.c.id, fields.c.name, fields.c.is_land_env).order_by(fields.c.name)
    return pd.DataFrame(conn.execute(query).mappings().all(), columns=["id", "name", "is_land_env"])


def ensure_reference(conn: Connection) -> list[str]:
    """Seed the shipped reference data into empty tables: the province's units and published index results.

    Returns what was seeded (for messages)."""
    from data_access.index_queries import read_index_csv, replace_index_results
    from data_access.schema import index_results

    seeded = []
    if conn.execute(select(units.c.id).limit(1)).first() is None:
        upsert_units(conn, read_units_csv())
        seeded.append("units")
    if conn.execute(select(index_results.c.id).limit(1)).first() is None:
        replace_index_results(conn, read_index_csv())
        seeded.append("index_results")
    return seeded
