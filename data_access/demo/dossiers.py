"""Vectorised, deterministic generation of demo dossiers (two years ending at the end date)."""

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from data_access.demo.catalog import DISTRICTS, ENDED_STATUSES, FIELDS
from metrics.text import fold_key

DAYS = 730
LAND_ENV_KEYS = {fold_key("Đất đai"), fold_key("Môi trường")}


@dataclass(frozen=True)
class Lookups:
    """Database ids the generator needs, by name."""

    unit_ids: list[int]  # in DISTRICTS order
    unit_names: list[str]  # full names, in DISTRICTS order
    field_ids: list[int]  # in FIELDS order
    procedure_ids: list[list[int]]  # per field, in its procedures order
    department_ids: list[int]  # per field: the provincial agency resolving its province-level dossiers
    district_committee_ids: list[int]  # UBND of each district
    commune_committee_ids: list[int]  # communes of each district, as one agency
    land_branch_ids: list[int]  # land registration branch of each district
    land_office_id: int
    tax_office_id: int


def district_agency_names(short_name: str, full_name: str) -> tuple[str, str, str]:
    """Return the names of a district's People's Committee, its communes and its land registration branch."""
    return (f"UBND {full_name[0].lower()}{full_name[1:]}", f"UBND cấp xã ({short_name})",
            f"Chi nhánh Văn phòng Đăng ký đất đai {short_name}")


def _received_days(rng: np.random.Generator, n: int, start: date) -> np.ndarray:
    offsets = np.arange(DAYS)
    weekdays = np.array([(start + timedelta(days=int(i))).weekday() for i in offsets])
    weight = np.where(weekdays >= 5, 0.12, 1.0) * (1.0 + 0.25 * offsets / DAYS)
    return np.sort(rng.choice(DAYS, size=n, p=weight / weight.sum()))


def generate_dossiers(rng: np.random.Generator, end: date, n: int, ids: Lookups) -> pd.DataFrame:
    """Return n demo dossiers as a frame with the columns of the `dossiers` table (ids resolved)."""
    start = end - timedelta(days=DAYS - 1)
    day = _received_days(rng, n, start)
    t = day / (DAYS - 1)  # 0 at the start, 1 at the end date

    field_weights = np.array([f.weight for f in FIELDS])
    field = rng.choice(len(FIELDS), size=n, p=field_weights / field_weights.sum())
    level_cum = np.cumsum(np.array([f.levels for f in FIELDS]), axis=1)[field]
    u = rng.random(n)
    level = (u > level_cum[:, 0]).astype(int) + (u > level_cum[:, 1]).astype(int)  # 0 Tỉnh, 1 Huyện, 2 Xã
    volume = np.array([p.volume for p in DISTRICTS])
    district = rng.choice(len(DISTRICTS), size=n, p=volume / volume.sum())
    is_land_env = np.array([fold_key(f.name) in LAND_ENV_KEYS for f in FIELDS])[field]
    is_land = field == 0

    # Procedure and the days it allows.
    proc_pick = np.floor(rng.random(n) * np.array([len(f.procedures) for f in FIELDS])[field]).astype(int)
    allowed_table = np.zeros((len(FIELDS), max(len(f.procedures) for f in FIELDS)), dtype=int)
    proc_table = np.zeros_like(allowed_table)
    for i, f in enumerate(FIELDS):
        for j, (_, days) in enumerate(f.procedures):
            allowed_table[i, j] = days
            proc_table[i, j] = ids.procedure_ids[i][j]
    allowed = allowed_table[field, proc_pick]
    received = np.datetime64(start) + day.astype("timedelta64[D]")
    due = received + allowed.astype("timedelta64[D]")

    # Late probability: field base × district × slow improvement over time.
    district_late = np.where(level == 0, 1.0, np.array([p.late for p in DISTRICTS])[district])
    p_late = np.array([f.late for f in FIELDS])[field] * district_late * (1.15 - 0.30 * t)
    late = rng.random(n) < p_late
    ended = rng.random(n) < 0.015
    late &= ~ended

    delay_short = rng.geometric(np.where(is_land_env, 1 / 10, 1 / 4))
    heavy = is_land_env & (rng.random(n) < 0.18)
    delay = np.where(heavy, rng.integers(31, 160, size=n), delay_short)
    on_day = rng.random(n) < 0.15
    early_offset = np.floor(rng.random(n) * allowed).astype(int)
    offset = np.where(late, allowed + delay, np.where(on_day, allowed, early_offset))
    offset = np.where(ended, np.floor(rng.random(n) * (allowed + 1)).astype(int), offset)
    result = received + offset.astype("timedelta64[D]")
    end64 = np.datetime64(end)
    is_open = result > end64
    ended &= ~is_open  # a dossier that will end after the export date is still in progress at it

    # Channels, portal sync, digitisation and apology letters.
    p_online = np.clip(0.30 + 0.30 * t + np.array([p.online for p in DISTRICTS])[district]
                       + np.array([f.online_bias for f in FIELDS])[field], 0.02, 0.95)
    u = rng.random(n)
    channel = np.where(u < p_online, "online", np.where(u < p_online + 0.06, "postal", "in_person"))
    p_sync = np.clip(0.72 + 0.24 * t + np.array([p.sync for p in DISTRICTS])[district], 0.0, 0.995)
    synced = rng.random(n) < p_sync
    p_digit = np.clip(0.45 + 0.40 * t + np.array([p.digitised for p in DISTRICTS])[district], 0.0, 0.98)
    digitised = ~is_open & ~ended & (rng.random(n) < p_digit)
    p_apology = np.where(level == 0, 0.5, np.array([p.apology for p in DISTRICTS])[district])
    apology = late & (rng.random(n) < p_apology)

    # Agencies: provincial department, district committee / land branch, or the district's communes.
    department = np.array(ids.department_ids)[field]
    district_agency = np.where(is_land, np.array(ids.land_branch_ids)[district],
                               np.array(ids.district_committee_ids)[district])
    agency = np.select([level == 0, level == 1], [department, district_agency],
                       np.array(ids.commune_committee_ids)[district])
    # Where an open dossier sits now: land dossiers wait at the branch, the land office, tax or the district.
    stage = rng.choice(4, size=n, p=[0.45, 0.20, 0.15, 0.20])
    land_stage = np.select(
        [stage == 0, stage == 1, stage == 2],
        [np.where(level == 0, ids.land_office_id, np.array(ids.land_branch_ids)[district]),
         np.full(n, ids.land_office_id), np.full(n, ids.tax_office_id)],
        np.array(ids.district_committee_ids)[district])
    current = np.where(is_open, np.where(is_land, land_stage, agency), None)

    supplement = is_open & (rng.random(n) < 0.06)
    status = np.where(is_open, np.where(supplement, "Chờ bổ sung hồ sơ", "Đang xử lý"), "Đã trả kết quả")
    recent = ~is_open & (result >= end64 - np.timedelta64(3, "D")) & (rng.random(n) < 0.5)
    status = np.where(recent & ~ended, "Chờ trả kết quả", status)
    status = np.where(ended, np.array(ENDED_STATUSES)[rng.integers(0, len(ENDED_STATUSES), size=n)], status)

    received_dates = pd.to_datetime(received).date
    stamps = pd.to_datetime(received).strftime("%y%m%d")
    codes = [f"H34.{lv}-{s}-{i:06d}" for lv, s, i in zip(level, stamps, range(1, n + 1), strict=True)]
    result_dates = pd.to_datetime(result).date
    return pd.DataFrame({
        "code": codes,
        "procedure_id": proc_table[field, proc_pick],
        "field_id": np.array(ids.field_ids)[field],
        "agency_id": agency,
        "level": np.array(["Tỉnh", "Huyện", "Xã"])[level],
        "unit_id": np.where(level == 0, None, np.array(ids.unit_ids, dtype=object)[district]),
        "received_on": received_dates,
        "due_on": pd.to_datetime(due).date,
        "result_on": np.where(is_open, None, result_dates),
        "status": status,
        "ended": ended,
        "waiting_supplement": supplement,
        "channel": channel,
        "synced": synced,
        "apology": apology,
        "digitised": digitised,
        "current_agency_id": current,
    })
