"""Writes a whole demo database in one transaction: units, agencies, fields, procedures, dossiers, tasks, indexes."""

import hashlib
from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert

from data_access.demo.catalog import DISTRICTS, FIELDS, LAND_OFFICE, PROVINCIAL_AGENCIES, TAX_OFFICE
from data_access.demo.dossiers import Lookups, district_agency_names, generate_dossiers
from data_access.demo.indexes import demo_index_rows
from data_access.demo.tasks import generate_tasks
from data_access.engine import refresh_statistics
from data_access.importing.staging import load
from data_access.index_queries import read_index_csv, replace_index_results
from data_access.meta import DATA_KIND, read_meta, record_load
from data_access.reference import (
    apply_land_env_group,
    get_or_create_agency,
    get_or_create_field,
    get_or_create_procedure,
    list_agencies,
    read_units_csv,
    upsert_units,
)
from data_access.rollup import RollupAccumulator, write_rollup
from data_access.schema import (
    agencies,
    agency_lineage,
    create_schema,
    dossier_daily,
    dossier_monthly,
    dossiers,
    fields,
    index_results,
    meta,
    procedures,
    tasks,
    unit_lineage,
    units,
)
from metrics.text import unit_key

DEFAULT_DOSSIERS = 200_000
DEFAULT_SEED = 2026
CHUNK = 20_000
Progress = Callable[[str, float], None]


class RealDataPresent(RuntimeError):
    """Raised when demo data would overwrite real, imported data."""


def _procedure_code(name: str) -> str:
    digits = int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 1_000_000
    return f"1.{digits:06d}"


def _reference(conn: Connection) -> Lookups:
    unit_ids = upsert_units(conn, read_units_csv())
    unit_rows = {row["name_key"]: row for row in read_units_csv()}
    ordered_keys = [unit_key(p.short_name) for p in DISTRICTS]
    cache: dict[str, int] = {}
    for name in PROVINCIAL_AGENCIES:
        kind = "vpdk" if name == LAND_OFFICE else "so"
        get_or_create_agency(conn, name, kind=kind, level="Tỉnh", cache=cache)
    committees, communes, branches = [], [], []
    for key, profile in zip(ordered_keys, DISTRICTS, strict=True):
        names = district_agency_names(profile.short_name, unit_rows[key]["name"])
        committees.append(get_or_create_agency(conn, names[0], "ubnd_huyen", "Huyện", unit_ids[key], cache))
        communes.append(get_or_create_agency(conn, names[1], "ubnd_xa", "Xã", unit_ids[key], cache))
        branches.append(get_or_create_agency(conn, names[2], "cn_vpdk", "Huyện", unit_ids[key], cache))
    field_ids, procedure_ids, department_ids = [], [], []
    for spec in FIELDS:
        field_id = get_or_create_field(conn, spec.name)
        field_ids.append(field_id)
        department_ids.append(get_or_create_agency(conn, spec.department, cache=cache))
        procedure_ids.append([get_or_create_procedure(conn, name, field_id, _procedure_code(name))
                              for name, _ in spec.procedures])
    return Lookups(
        unit_ids=[unit_ids[k] for k in ordered_keys],
        unit_names=[unit_rows[k]["name"] for k in ordered_keys],
        field_ids=field_ids,
        procedure_ids=procedure_ids,
        department_ids=department_ids,
        district_committee_ids=committees,
        commune_committee_ids=communes,
        land_branch_ids=branches,
        land_office_id=get_or_create_agency(conn, LAND_OFFICE, cache=cache),
        tax_office_id=get_or_create_agency(conn, TAX_OFFICE, cache=cache),
    )


def _records(frame: pd.DataFrame) -> list[dict]:
    frame = frame.astype(object).where(frame.notna(), None)
    return frame.to_dict("records")


def _clear(conn: Connection) -> None:
    for table in (dossier_daily, dossier_monthly, dossiers, tasks, index_results, procedures, agency_lineage, agencies,
                  fields, unit_lineage, units, meta):
        conn.execute(delete(table))


def build_demo(engine: Engine, end: date, n_dossiers: int = DEFAULT_DOSSIERS, seed: int = DEFAULT_SEED,
               province: str = "Khánh Hòa", land_env_fields: tuple[str, ...] = ("Đất đai", "Môi trường"),
               replace_real: bool = False, progress: Progress | None = None) -> dict[str, int]:
    """Replace the database content with demo data ending at `end`; return the row counts written.

    Everything happens in one transaction: on any error nothing is written. Real (imported) data is
    only replaced when replace_real is True.
    """
    report = progress or (lambda _message, _fraction: None)
    create_schema(engine)
    rng = np.random.default_rng(seed)
    with engine.begin() as conn:
        if read_meta(conn).get(DATA_KIND) == "real" and not replace_real:
            raise RealDataPresent("Cơ sở dữ liệu đang chứa dữ liệu thật; dùng --replace-real để thay bằng dữ liệu demo")
        report("Xóa dữ liệu cũ", 0.0)
        _clear(conn)
        report("Danh mục địa bàn, cơ quan, lĩnh vực, thủ tục", 0.02)
        ids = _reference(conn)
        report("Sinh hồ sơ", 0.05)
        frame = generate_dossiers(rng, end, n_dossiers, ids)
        rollup = RollupAccumulator()
        for offset in range(0, len(frame), CHUNK):
            chunk = frame.iloc[offset:offset + CHUNK]
            load(conn, dossiers, {column: chunk[column].tolist() for column in chunk.columns})
            rollup.add(chunk)
            report("Ghi hồ sơ", 0.10 + 0.80 * min(1.0, (offset + CHUNK) / max(1, len(frame))))
        report("Nhiệm vụ và chỉ số", 0.92)
        agency_frame = list_agencies(conn)
        weak = {ids.district_committee_ids[i] for i, p in enumerate(DISTRICTS) if p.late >= 1.4}
        weak |= {ids.land_branch_ids[i] for i, p in enumerate(DISTRICTS) if p.late >= 1.4}
        task_frame = generate_tasks(rng, end, agency_frame, [p.short_name for p in DISTRICTS], weak)
        conn.execute(insert(tasks), _records(task_frame))
        public = read_index_csv()
        replace_index_results(conn, public)
        demo = demo_index_rows(rng, end, province)
        replace_index_results(conn, demo)
        apply_land_env_group(conn, land_env_fields)
        report("Bảng tổng hợp theo ngày", 0.96)
        write_rollup(conn, rollup.total())
        refresh_statistics(conn, [dossiers, dossier_daily, dossier_monthly, tasks])
        record_load(conn, "demo", end)
    report("Xong", 1.0)
    return {"dossiers": len(frame), "tasks": len(task_frame), "index_results": len(public) + len(demo)}
