"""Units and agencies over time (DOMAIN §8): the shipped files, seeding them, lineage lookups and lists.

A unit is identified by `ident` = "<code or name key>|<valid_from>" because the new communes reuse old GSO codes.
Old communes are created from the lineage file (code, name, district, former province), valid until the day
before the change.
"""

import csv
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, func, insert, select, update

from data_access.store.schema import agencies, agency_lineage, unit_lineage, units
from metrics.text import fold_key, normalize_text, unit_key, unit_short_name

REFERENCE = Path(__file__).resolve().parents[2] / "assets" / "reference"
UNIT_FILES = (  # (file, former province of its units; None = the province of today)
    (REFERENCE / "khanh_hoa_units_2024.csv", "Khánh Hòa"),
    (REFERENCE / "ninh_thuan_units_2024.csv", "Ninh Thuận"),
    (REFERENCE / "khanh_hoa_units_2025.csv", None),
)
UNIT_LINEAGE_CSV = REFERENCE / "khanh_hoa_unit_lineage_2025.csv"
AGENCIES_CSV = REFERENCE / "khanh_hoa_agencies_2025.csv"
AGENCY_LINEAGE_CSV = REFERENCE / "khanh_hoa_agency_lineage_2025.csv"
DISTRICT_KINDS = ("thanh pho", "thi xa", "huyen", "quan")
COMMUNE_KINDS = ("xa", "phuong", "thi tran", "dac khu")
MERGES = {"whole": "whole", "nhap toan bo": "whole", "toan bo": "whole", "part": "part",
          "nhap mot phan": "part", "mot phan": "part"}


def level_of_kind(kind: object) -> str | None:
    """Return 'Huyện' for a district-level kind, 'Xã' for a commune-level one, 'Tỉnh' for a province, else None."""
    key = fold_key(kind)
    if key in DISTRICT_KINDS:
        return "Huyện"
    if key in COMMUNE_KINDS:
        return "Xã"
    return "Tỉnh" if key == "tinh" else None


def unit_ident(code: str | None, name: str, valid_from: date | None) -> str:
    """Return the identifying key of a unit: its code (or name key) and the day it began."""
    return f"{code or unit_key(name)}|{valid_from.isoformat() if valid_from else ''}"


def unit_record(name: str, code: str | None = None, kind: str | None = None, latitude: float | None = None,
                longitude: float | None = None, valid_from: date | None = None, valid_to: date | None = None,
                province: str | None = None, parent_id: int | None = None) -> dict:
    """Return a row of the units table (ident, names, level from the kind) from a unit's facts."""
    text = normalize_text(name) or name
    return {"ident": unit_ident(normalize_text(code), text, valid_from), "code": normalize_text(code), "name": text,
            "short_name": unit_short_name(text), "name_key": unit_key(text), "kind": normalize_text(kind),
            "level": level_of_kind(kind), "parent_id": parent_id, "province": province, "latitude": latitude,
            "longitude": longitude, "valid_from": valid_from, "valid_to": valid_to}


def _iso(value: str | None) -> date | None:
    value = (value or "").strip()
    return date.fromisoformat(value) if value else None


def _float(value: str | None) -> float | None:
    return float(value) if (value or "").strip() else None


def read_unit_file(path: Path, province: str | None = None) -> list[dict]:
    """Return unit rows of a territorial-units CSV (Mã, Tên, Loại, Vĩ độ, Kinh độ, Hiệu lực từ/đến[, Tỉnh cũ])."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [unit_record(raw["Tên"], raw["Mã"], raw.get("Loại"), _float(raw.get("Vĩ độ")),
                            _float(raw.get("Kinh độ")), _iso(raw.get("Hiệu lực từ")), _iso(raw.get("Hiệu lực đến")),
                            province if province else None)
                for raw in csv.DictReader(handle)]


def upsert_unit_rows(conn: Connection, rows: Iterable[dict]) -> dict[str, int]:
    """Insert or update units by ident (rows without one get it from code, name and start); return {ident: id}."""
    existing = dict(conn.execute(select(units.c.ident, units.c.id)).all())
    for row in rows:
        row = {**row, "ident": row.get("ident") or unit_ident(row.get("code"), row["name"], row.get("valid_from"))}
        if row["ident"] in existing:
            conn.execute(update(units).where(units.c.id == existing[row["ident"]]).values(**row))
        else:
            existing[row["ident"]] = conn.execute(insert(units).values(**row)).inserted_primary_key[0]
    return existing


class UnitFinder:
    """Finds units by GSO code valid on a date, creating the old communes a lineage row names."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        query = select(units.c.id, units.c.code, units.c.valid_from, units.c.valid_to).where(units.c.code.is_not(None))
        self.rows = [tuple(r) for r in conn.execute(query).all()]

    def by_code(self, code: str, on: date) -> int | None:
        """Return the id of the unit with this code valid on `on`, or None."""
        for unit_id, unit_code, start, end in self.rows:
            if unit_code == code and (start is None or start <= on) and (end is None or on <= end):
                return unit_id
        return None

    def old_commune(self, code: str, name: str, district_code: str | None, province: str | None,
                    effective: date) -> int:
        """Return the id of the old commune valid the day before `effective`, creating it when unknown."""
        before = effective - timedelta(days=1)
        found = self.by_code(code, before)
        if found is not None:
            return found
        parent = self.by_code(district_code, before) if district_code else None
        row = unit_record(name, code, _commune_kind(name), valid_to=before, province=province, parent_id=parent)
        unit_id = self.conn.execute(insert(units).values(**row)).inserted_primary_key[0]
        self.rows.append((unit_id, code, None, before))
        return unit_id


def _commune_kind(name: str) -> str:
    key = fold_key(name)
    for prefix in ("thi tran", "phuong", "dac khu", "xa"):
        if key.startswith(prefix + " "):
            return {"thi tran": "thị trấn", "phuong": "phường", "dac khu": "đặc khu", "xa": "xã"}[prefix]
    return "xã"


def parse_merge(value: object) -> str:
    """Return 'whole' or 'part' for a lineage cell, or raise ValueError."""
    merge = MERGES.get(fold_key(value))
    if merge is None:
        raise ValueError("phải là «whole» (nhập toàn bộ) hoặc «part» (nhập một phần)")
    return merge


def read_lineage_file(path: Path = UNIT_LINEAGE_CSV) -> list[dict]:
    """Return the rows of the unit lineage CSV as dicts of text."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def seed_unit_lineage(conn: Connection, rows: list[dict]) -> int:
    """Write old commune → new commune rows of the lineage file (old communes created); return how many."""
    finder = UnitFinder(conn)
    existing = set(conn.execute(select(unit_lineage.c.old_unit_id, unit_lineage.c.new_unit_id)).all())
    written = 0
    for raw in rows:
        effective = _iso(raw["effective"])
        new_id = finder.by_code(raw["new_gso_code"].strip(), effective)
        old_id = finder.old_commune(raw["old_gso_code"].strip(), raw["old_name"], raw["old_district_gso_code"].strip(),
                                    normalize_text(raw.get("old_province")), effective)
        if new_id is None or (old_id, new_id) in existing:
            continue
        conn.execute(insert(unit_lineage).values(old_unit_id=old_id, new_unit_id=new_id, effective=effective,
                                                 merge=parse_merge(raw["merge"])))
        existing.add((old_id, new_id))
        written += 1
    return written


def seed_units(conn: Connection) -> int:
    """Write the shipped units of both eras and their lineage; return the number of units."""
    for path, province in UNIT_FILES:
        upsert_unit_rows(conn, read_unit_file(path, province))
    seed_unit_lineage(conn, read_lineage_file())
    return conn.execute(select(func.count()).select_from(units)).scalar_one()


def agency_record(name: str, kind: str | None = None, level: str | None = None, valid_from: date | None = None,
                  valid_to: date | None = None) -> dict:
    """Return a row of the agencies table."""
    text = normalize_text(name) or name
    return {"name": text, "name_key": fold_key(text), "kind": normalize_text(kind), "level": normalize_text(level),
            "valid_from": valid_from, "valid_to": valid_to}


def _agency_id(conn: Connection, known: dict[str, int], name: str) -> int:
    key = fold_key(name)
    if key not in known:
        known[key] = conn.execute(insert(agencies).values(**agency_record(name))).inserted_primary_key[0]
    return known[key]


def seed_agencies(conn: Connection) -> int:
    """Write the shipped agencies with their validity and successors; return the number of lineage rows."""
    known = dict(conn.execute(select(agencies.c.name_key, agencies.c.id)).all())
    with open(AGENCIES_CSV, encoding="utf-8-sig", newline="") as handle:
        for raw in csv.DictReader(handle):
            row = agency_record(raw["Tên"], raw.get("Loại"), raw.get("Cấp"), _iso(raw.get("Hiệu lực từ")),
                                _iso(raw.get("Hiệu lực đến")))
            if row["name_key"] in known:
                conn.execute(update(agencies).where(agencies.c.id == known[row["name_key"]]).values(**row))
            else:
                known[row["name_key"]] = conn.execute(insert(agencies).values(**row)).inserted_primary_key[0]
    existing = set(conn.execute(select(agency_lineage.c.old_agency_id, agency_lineage.c.new_agency_id)).all())
    written = 0
    with open(AGENCY_LINEAGE_CSV, encoding="utf-8-sig", newline="") as handle:
        for raw in csv.DictReader(handle):
            pair = (_agency_id(conn, known, raw["Cơ quan cũ"]), _agency_id(conn, known, raw["Cơ quan mới"]))
            if pair not in existing:
                conn.execute(insert(agency_lineage).values(old_agency_id=pair[0], new_agency_id=pair[1],
                                                           effective=_iso(raw["Hiệu lực"])))
                existing.add(pair)
                written += 1
    return written


def list_unit_lineage(conn: Connection) -> pd.DataFrame:
    """Return old_unit_id, new_unit_id, effective, merge of every unit lineage row."""
    query = select(unit_lineage.c.old_unit_id, unit_lineage.c.new_unit_id, unit_lineage.c.effective,
                   unit_lineage.c.merge).order_by(unit_lineage.c.old_unit_id, unit_lineage.c.new_unit_id)
    return pd.DataFrame(conn.execute(query).all(), columns=["old_unit_id", "new_unit_id", "effective", "merge"])


def list_agency_lineage(conn: Connection) -> pd.DataFrame:
    """Return old_agency_id, new_agency_id, effective of every agency lineage row."""
    query = select(agency_lineage.c.old_agency_id, agency_lineage.c.new_agency_id,
                   agency_lineage.c.effective).order_by(agency_lineage.c.old_agency_id)
    return pd.DataFrame(conn.execute(query).all(), columns=["old_agency_id", "new_agency_id", "effective"])
