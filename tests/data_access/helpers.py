"""Test helpers: write hand-made frames into a database, and read raw rows back (tests only)."""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, MetaData, Select, Table, func, insert, literal, select, union_all

from data_access.accounts.store import Account
from data_access.figures.dossier_queries import (
    NO_FILTER,
    DossierFilter,
    count_expressions,
    filter_conditions,
    relevant_to,
)
from data_access.meetings.conclusions import Conclusion, add_conclusion
from data_access.reference.lookup import (
    apply_land_env_group,
    get_or_create_agency,
    get_or_create_field,
    get_or_create_procedure,
)
from data_access.reference.territory import read_unit_file, unit_ident, unit_record, upsert_unit_rows
from data_access.store.schema import agencies, conclusions, dossier_daily, dossiers, fields, tasks
from metrics.dossiers import COUNT_COLUMNS
from metrics.periods import Period
from metrics.text import unit_key


def _write_units(conn: Connection, rows: list[dict]) -> dict[str, int]:
    """Insert units with the columns the database has (tests also write into older revisions); return key → id."""
    table = Table("units", MetaData(), autoload_with=conn)
    ids = {}
    for row in rows:
        found = conn.execute(select(table.c.id).where(table.c.name_key == row["name_key"])).scalar()
        if found is None:
            values = {k: v for k, v in row.items() if k in table.c}
            found = conn.execute(insert(table).values(**values)).inserted_primary_key[0]
        ids[row["name_key"]] = found
    return ids


def write_dossiers(conn: Connection, frame: pd.DataFrame, land_env=("Đất đai", "Môi trường")) -> None:
    """Insert hand-made dossiers (metrics fixture columns, with `district` and optional `agency`)."""
    unit_ids = _write_units(conn, [unit_record(f"Huyện {n}", kind="huyện")
                                   for n in sorted(frame["district"].dropna().unique())])
    rows = []
    for rec in frame.to_dict("records"):
        agency = rec.get("agency") or f"UBND huyện {rec['district']}"
        field_id = get_or_create_field(conn, rec["field"])
        procedure, holder = (rec.get(k) if pd.notna(rec.get(k)) else None for k in ("procedure", "current_agency"))
        rows.append({
            "code": rec["code"],
            "field_id": field_id,
            "procedure_id": get_or_create_procedure(conn, procedure, field_id) if procedure else None,
            "current_agency_id": get_or_create_agency(conn, holder, level="Huyện") if holder else None,
            "agency_id": get_or_create_agency(conn, agency, level="Huyện"),
            "level": rec.get("level", "Huyện"),
            "unit_id": unit_ids[unit_key(rec["district"])],
            "received_on": rec["received_on"],
            "due_on": rec["due_on"],
            "result_on": None if pd.isna(rec["result_on"]) else rec["result_on"],
            "status": rec["status"],
            "ended": bool(rec["ended"]),
            "waiting_supplement": bool(rec["waiting_supplement"]),
            "channel": rec["channel"],
            "synced": bool(rec["synced"]),
            "apology": bool(rec["apology"]),
            "digitised": bool(rec["digitised"]),
        })
    conn.execute(insert(dossiers), rows)
    apply_land_env_group(conn, land_env)


def read_dossier_rows(conn: Connection) -> pd.DataFrame:
    """Return every dossier row with land_env from its field (the metrics reference needs raw rows)."""
    query = select(dossiers, fields.c.is_land_env.label("land_env")).select_from(
        dossiers.join(fields, fields.c.id == dossiers.c.field_id))
    frame = pd.DataFrame(conn.execute(query).mappings().all())
    return frame


def write_tasks(conn: Connection, frame: pd.DataFrame) -> None:
    """Insert hand-made tasks (metrics fixture columns)."""
    rows = []
    for rec in frame.to_dict("records"):
        rows.append({
            "task_key": rec["code"], "doc_number": rec["doc_number"], "doc_date": rec["doc_date"],
            "issuer": "UBND tỉnh", "content": f"Nhiệm vụ {rec['code']}",
            "lead_agency_id": get_or_create_agency(conn, rec["lead_agency"], kind="so", level="Tỉnh"),
            "leader": rec["leader"],
            "deadline": None if pd.isna(rec["deadline"]) else rec["deadline"],
            "completed_on": None if pd.isna(rec["completed_on"]) else rec["completed_on"],
        })
    conn.execute(insert(tasks), rows)


def agency_id(conn: Connection, name: str) -> int:
    """Return the id of an agency by exact name."""
    return conn.execute(select(agencies.c.id).where(agencies.c.name == name)).scalar_one()


def random_dossiers(seed: int, n: int = 500) -> pd.DataFrame:
    """Return n random dossiers (fixture columns) over five months of 2024, some closed, some ended."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        received = date(2024, 1, 1) + timedelta(days=rng.randint(0, 150))
        due = received + timedelta(days=rng.randint(0, 20))
        result = received + timedelta(days=rng.randint(0, 45)) if rng.random() < 0.8 else None
        status = rng.choice(["Đã trả kết quả", "Từ chối"]) if result else rng.choice(["Đang xử lý", "Chờ bổ sung"])
        rows.append({
            "code": f"R{i}", "received_on": received, "due_on": due, "result_on": result, "status": status,
            "channel": rng.choice(["online", "in_person", "postal"]), "synced": rng.random() < 0.7,
            "apology": rng.random() < 0.4, "digitised": rng.random() < 0.6,
            "field": rng.choice(["Đất đai", "Môi trường", "Hộ tịch", "Xây dựng"]),
            "district": rng.choice(["A", "B", "C"]), "ended": status == "Từ chối",
            "waiting_supplement": status == "Chờ bổ sung", "level": rng.choice(["Huyện", "Xã"]),
            "procedure": rng.choice(["Cấp giấy chứng nhận", "Đăng ký biến động", "Cấp phép xây dựng", None]),
            "current_agency": rng.choice(["Văn phòng đăng ký đất đai", "Phòng Tài nguyên", None]),
        })
    return pd.DataFrame(rows)


def assert_rollup_matches_dossiers(conn: Connection) -> None:
    """Assert that both rollups hold exactly the events of the dossiers now stored (computed independently)."""
    from data_access.store.schema import dossier_daily, dossier_monthly
    from metrics.rollup import DAILY_COUNTERS, daily_events

    keys = ["day", "agency_id", "field_id", "unit_id", "level"]
    stored = pd.DataFrame(conn.execute(select(*[dossier_daily.c[c] for c in keys + list(DAILY_COUNTERS)])).fetchall(),
                          columns=keys + list(DAILY_COUNTERS))
    stored["day"] = pd.to_datetime(stored["day"]).dt.date
    rows = read_dossier_rows(conn)
    expected = daily_events(rows) if len(rows) else stored.iloc[0:0]
    order = lambda f: f.sort_values(keys).reset_index(drop=True).astype({c: "int64" for c in DAILY_COUNTERS})  # noqa: E731
    pd.testing.assert_frame_equal(order(stored), order(expected), check_dtype=False)
    monthly = conn.execute(select(*[func.sum(dossier_monthly.c[c]) for c in DAILY_COUNTERS])).one()
    assert [int(v or 0) for v in monthly] == [int(stored[c].sum()) for c in DAILY_COUNTERS]


def database_checksum(conn: Connection, audit: bool = True) -> dict[str, str]:
    """Return a sha256 of every table's rows (ordered by all columns), by table name: equal before and after a
    refused import means nothing was written. audit=False leaves out the audit trail, which records the refusal
    itself (issue #30, item 14)."""
    import hashlib

    from data_access.store.schema import metadata

    sums = {}
    for table in metadata.sorted_tables:
        if not audit and table.name == "audit_log":
            continue
        rows = conn.execute(select(table).order_by(*table.c)).all()
        sums[table.name] = hashlib.sha256(repr([tuple(r) for r in rows]).encode()).hexdigest()
    return sums


def build_series_query(periods: list[Period], flt: DossierFilter = NO_FILTER) -> Select:
    """Return one SELECT (UNION ALL) with COUNT_COLUMNS for each period straight from dossier rows, labelled by its
    start and end."""
    parts = []
    source = dossiers.join(fields, fields.c.id == dossiers.c.field_id)
    for period in periods:
        parts.append(
            select(literal(period.start.isoformat()).label("period_start"),
                   literal(period.end.isoformat()).label("period_end"),
                   *count_expressions(period))
            .select_from(source)
            .where(relevant_to(period), *filter_conditions(flt))
        )
    return union_all(*parts) if len(parts) > 1 else parts[0]


def dossier_series(conn: Connection, periods: list[Period], flt: DossierFilter = NO_FILTER) -> pd.DataFrame:
    """Return COUNT_COLUMNS per period with period_start and period_end (dates), in the given order."""
    if not periods:
        return pd.DataFrame(columns=["period_start", "period_end", *COUNT_COLUMNS])
    result = conn.execute(build_series_query(periods, flt))
    frame = pd.DataFrame(result.mappings().all(), columns=list(result.keys()))
    frame["period_start"] = pd.to_datetime(frame["period_start"]).dt.date
    frame["period_end"] = pd.to_datetime(frame["period_end"]).dt.date
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].astype("int64")
    return frame.sort_values("period_start", kind="stable").reset_index(drop=True)


def daily_rollup_rows(conn: Connection) -> int:
    """Return the number of (day, land_env) rows the daily rollup holds (every single day, no monthly rows)."""
    keys = select(dossier_daily.c.day, fields.c.is_land_env).select_from(
        dossier_daily.join(fields, fields.c.id == dossier_daily.c.field_id)).group_by(
        dossier_daily.c.day, fields.c.is_land_env).subquery()
    return conn.execute(select(func.count()).select_from(keys)).scalar_one()


UNITS_CSV = Path(__file__).resolve().parents[2] / "assets" / "reference" / "khanh_hoa_units_2024.csv"


def read_units_csv(path: Path = UNITS_CSV) -> list[dict]:
    """Return the unit rows of a territorial-units CSV (Mã, Tên, Loại, Vĩ độ, Kinh độ, Hiệu lực từ/đến)."""
    return read_unit_file(path, "Khánh Hòa" if path == UNITS_CSV else None)


def upsert_units(conn: Connection, rows: list[dict]) -> dict[str, int]:
    """Insert or update units by ident (code or name key, and start date); return {name_key: id}."""
    ids = upsert_unit_rows(conn, rows)
    return {row["name_key"]: ids[row.get("ident") or unit_ident(row.get("code"), row["name"], row.get("valid_from"))]
            for row in rows}


@dataclass(frozen=True)
class Decision:
    """A conclusion of the chairman to one body with a deadline (it becomes a task)."""

    content: str
    lead_agency_id: int
    lead_agency: str
    deadline: date
    coordinating: str = ""
    leader: str = ""


def record_decision(conn: Connection, meeting_id: int, decision: Decision, actor: Account | None = None,
                    address: str | None = None) -> int:
    """Record a conclusion to one body with a deadline as `actor` (data_access.meetings.conclusions); return its
    task's id."""
    conclusion_id = add_conclusion(conn, meeting_id, Conclusion(
        decision.content, decision.lead_agency_id, deadline=decision.deadline, coordinating=decision.coordinating,
        leader=decision.leader), actor, address)
    return conn.execute(select(conclusions.c.task_id).where(conclusions.c.id == conclusion_id)).scalar_one()
