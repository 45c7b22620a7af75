"""Writes a whole demo database in one transaction: units, agencies, fields, procedures, dossiers, tasks, indexes."""

import csv
import hashlib
from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert, select, update

from data_access.accounts.audit import record
from data_access.accounts.scopes import detach_scopes, reattach_scopes, remove_demo_accounts
from data_access.demo.catalog import (
    DISTRICTS,
    FIELDS,
    NINH_THUAN,
    NINH_THUAN_NAMES,
    SERVICE_CENTRE,
    TAX_OFFICE,
    WEAK_LATE,
)
from data_access.demo.dossiers import MERGER_DAY, Lookups, district_agency_names, generate_dossiers
from data_access.demo.indexes import demo_index_rows
from data_access.demo.steps import generate_steps
from data_access.demo.tasks import generate_tasks
from data_access.figures.index_queries import read_index_csv, replace_index_results
from data_access.importing.staging import load
from data_access.reference.lookup import (
    apply_land_env_group,
    get_or_create_agency,
    get_or_create_field,
    get_or_create_procedure,
    list_agencies,
    list_units,
)
from data_access.reference.territory import REFERENCE, list_unit_lineage, seed_agencies, seed_units
from data_access.store.engine import refresh_statistics
from data_access.store.meta import DATA_KIND, read_meta, record_load
from data_access.store.migrate import create_schema
from data_access.store.rollup import RollupAccumulator, write_rollup
from data_access.store.schema import (
    agencies,
    agency_lineage,
    dossier_daily,
    dossier_monthly,
    dossier_steps,
    dossiers,
    fields,
    index_results,
    meta,
    procedures,
    tasks,
    unit_lineage,
    units,
)
from data_access.store.step_order import number_steps
from metrics.territory import REFORM_DAY
from texts import messages as M

OLD_LAST_DAY = date(2025, 6, 30)

DEFAULT_DOSSIERS = 200_000
DEFAULT_SEED = 2026
CHUNK = 20_000
STEPS_STREAM = 15  # the steps draw from their own random stream, so the dossiers and tasks of a seed are unchanged
Progress = Callable[[str, float], None]


class RealDataPresent(RuntimeError):
    """Raised when demo data would overwrite real, imported data."""


def _procedure_code(name: str) -> str:
    digits = int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 1_000_000
    return f"1.{digits:06d}"


def _department_names(conn: Connection) -> dict[str, str]:
    """Return {old department name: successor} of the merger of 1/3/2025 (from the agency lineage)."""
    old, new = agencies.alias("old"), agencies.alias("new")
    query = select(old.c.name, new.c.name).select_from(
        agency_lineage.join(old, old.c.id == agency_lineage.c.old_agency_id)
        .join(new, new.c.id == agency_lineage.c.new_agency_id)).where(agency_lineage.c.effective == MERGER_DAY)
    return dict(conn.execute(query).all())


def _era_names(name: str, successor: dict[str, str]) -> list[str]:
    """Return the agency resolving a field's province-level dossiers in each of ERAS."""
    after = successor.get(name, name)

    def ninh_thuan(kh_name: str) -> str:
        return NINH_THUAN_NAMES.get(kh_name, kh_name + NINH_THUAN)

    return [name, after, ninh_thuan(name), ninh_thuan(after), after]


def _population() -> dict[str, float]:
    with open(REFERENCE / "khanh_hoa_units_2025.csv", encoding="utf-8-sig", newline="") as handle:
        return {row["Mã"]: float(row["Dân số"] or 1) for row in csv.DictReader(handle)}


def _reference(conn: Connection) -> tuple[Lookups, set[int], list[str]]:
    """Write units, agencies, fields and procedures; return the generator's lookups, the agencies of weak districts
    and the names of today's communes (for task texts)."""
    seed_units(conn)
    seed_agencies(conn)
    units_frame, lineage = list_units(conn), list_unit_lineage(conn)
    districts = [units_frame.loc[(units_frame["code"] == p.code) & (units_frame["level"] == "Huyện")].iloc[0]
                 for p in DISTRICTS]
    district_index = {int(row["id"]): i for i, row in enumerate(districts)}
    parent = dict(zip(units_frame["id"].astype(int), units_frame["parent_id"], strict=True))
    new = units_frame.loc[units_frame["valid_from"] == REFORM_DAY].sort_values("code").reset_index(drop=True)
    population = _population()
    cache: dict[str, int] = {}
    committees, communes, branches = [], [], []
    for row in districts:
        names = district_agency_names(row["short_name"], row["name"])
        committees.append(get_or_create_agency(conn, names[0], "ubnd_huyen", "Huyện", int(row["id"]), cache))
        communes.append(get_or_create_agency(conn, names[1], "ubnd_xa_cu", "Xã", int(row["id"]), cache))
        branches.append(get_or_create_agency(conn, names[2], "cn_vpdk", "Huyện", int(row["id"]), cache))
    conn.execute(update(agencies).where(agencies.c.id.in_(committees + communes)).values(valid_to=OLD_LAST_DAY))
    predecessors = [lineage.loc[lineage["new_unit_id"] == uid, "old_unit_id"].astype(int).tolist()
                    for uid in new["id"]]
    width = max(len(p) for p in predecessors)
    padded = np.array([(p * width)[:width] for p in predecessors])
    new_committees = []
    for row in new.itertuples():
        name = f"UBND {row.name[0].lower()}{row.name[1:]}"
        new_committees.append(get_or_create_agency(conn, name, "ubnd_xa", "Xã", int(row.id), cache))
    conn.execute(update(agencies).where(agencies.c.id.in_(new_committees)).values(valid_from=REFORM_DAY))
    successor = _department_names(conn)
    field_ids, procedure_ids, department_ids = [], [], []
    for spec in FIELDS:
        field_id = get_or_create_field(conn, spec.name)
        field_ids.append(field_id)
        department_ids.append([get_or_create_agency(conn, name, kind="so", level="Tỉnh", cache=cache)
                               for name in _era_names(spec.department, successor)])
        procedure_ids.append([get_or_create_procedure(conn, name, field_id, _procedure_code(name))
                              for name, _ in spec.procedures])
    pred_district = np.vectorize(lambda uid: district_index[int(parent[int(uid)])])(padded)
    main_district = [int(np.bincount(row[:len(p)]).argmax()) for row, p in zip(pred_district, predecessors,
                                                                               strict=True)]
    weak_districts = {i for i, p in enumerate(DISTRICTS) if p.late >= WEAK_LATE}
    weak = {committees[i] for i in weak_districts} | {branches[i] for i in weak_districts}
    weak |= {new_committees[j] for j, d in enumerate(main_district) if d in weak_districts}
    lookups = Lookups(
        new_unit_ids=new["id"].astype(int).to_numpy(),
        new_weights=np.array([population.get(code, 1.0) for code in new["code"]]),
        new_ninh_thuan=np.array([bool(np.mean([DISTRICTS[d].code >= "582" for d in row[:len(p)]]) > 0.5)
                                 for row, p in zip(pred_district, predecessors, strict=True)]),
        new_committee_ids=np.array(new_committees),
        predecessor_ids=padded,
        predecessor_count=np.array([len(p) for p in predecessors]),
        predecessor_district=pred_district,
        district_unit_ids=np.array([int(row["id"]) for row in districts]),
        district_committee_ids=np.array(committees),
        commune_committee_ids=np.array(communes),
        land_branch_ids=np.array(branches),
        field_ids=field_ids,
        procedure_ids=procedure_ids,
        department_ids=np.array(department_ids).T,
        tax_office_id=get_or_create_agency(conn, TAX_OFFICE, kind="thue", level="Tỉnh", cache=cache),
    )
    return lookups, weak, new["short_name"].tolist()


def _records(frame: pd.DataFrame) -> list[dict]:
    frame = frame.astype(object).where(frame.notna(), None)
    return frame.to_dict("records")


def _clear(conn: Connection) -> None:
    for table in (dossier_steps, dossier_daily, dossier_monthly, dossiers, tasks, index_results, procedures,
                  agency_lineage, agencies, fields, unit_lineage, units, meta):
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
        replaced_real = read_meta(conn).get(DATA_KIND) == "real"
        remove_demo_accounts(conn)  # made again for the new demo (cli.py demo)
        kept = detach_scopes(conn)
        _clear(conn)
        report("Danh mục địa bàn, cơ quan, lĩnh vực, thủ tục", 0.02)
        ids, weak, place_names = _reference(conn)
        report("Sinh hồ sơ", 0.05)
        frame = generate_dossiers(rng, end, n_dossiers, ids)
        rollup = RollupAccumulator()
        for offset in range(0, len(frame), CHUNK):
            chunk = frame.iloc[offset:offset + CHUNK]
            load(conn, dossiers, {column: chunk[column].tolist() for column in chunk.columns})
            rollup.add(chunk)
            report("Ghi hồ sơ", 0.10 + 0.80 * min(1.0, (offset + CHUNK) / max(1, len(frame))))
        report("Bước xử lý hồ sơ đất đai", 0.90)
        steps = generate_steps(np.random.default_rng([seed, STEPS_STREAM]), frame, end, ids.field_ids[0],
                               get_or_create_agency(conn, SERVICE_CENTRE, kind="trung_tam", level="Tỉnh"),
                               ids.tax_office_id)
        for offset in range(0, len(steps), CHUNK):
            chunk = steps.iloc[offset:offset + CHUNK]
            load(conn, dossier_steps, {column: chunk[column].tolist() for column in chunk.columns})
        number_steps(conn)
        report("Nhiệm vụ và chỉ số", 0.92)
        task_frame = generate_tasks(rng, end, list_agencies(conn), place_names, weak)
        conn.execute(insert(tasks), _records(task_frame))
        public = read_index_csv()
        replace_index_results(conn, public)
        demo = demo_index_rows(rng, end, province)
        replace_index_results(conn, demo)
        apply_land_env_group(conn, land_env_fields)
        report("Bảng tổng hợp theo ngày", 0.96)
        write_rollup(conn, rollup.total())
        refresh_statistics(conn, [dossiers, dossier_steps, dossier_daily, dossier_monthly, tasks])
        record_load(conn, "demo", end)
        reattach_scopes(conn, kept)
        record(conn, None, "demo", M.AUDIT_DEMO.format(dossiers=len(frame), end=end.isoformat())
               + (M.AUDIT_DEMO_REPLACED_REAL if replaced_real else ""))
    report("Xong", 1.0)
    return {"dossiers": len(frame), "tasks": len(task_frame), "index_results": len(public) + len(demo),
            "steps": len(steps)}
