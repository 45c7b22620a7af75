"""Vectorised, deterministic generation of demo dossiers that follow the real history (DOMAIN §8).

Every dossier comes from a place: one of today's 65 communes (weighted by population, so the former Ninh Thuận is
the smaller part) and, before 1/7/2025, one of that commune's predecessor old communes (split ones included).
Before 1/7/2025 it is handled by a department of its former province, its old district or its old commune; after,
by a department of the new province or its new commune. Department names follow the merger of 1/3/2025.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from data_access.demo.catalog import DISTRICTS, ENDED_STATUSES, FIELDS
from metrics.territory import REFORM_DAY
from metrics.text import fold_key

HISTORY_START = date(2024, 1, 1)
MERGER_DAY = date(2025, 3, 1)  # departments merged (Nghị định 45/2025/NĐ-CP)
ERAS = ("kh_before_march", "kh_march_june", "nt_before_march", "nt_march_june", "from_july")
LAND_ENV_KEYS = {fold_key("Đất đai"), fold_key("Môi trường")}


@dataclass(frozen=True)
class Lookups:
    """Database ids and geography the generator needs (arrays in the order given)."""

    new_unit_ids: np.ndarray  # the 65 communes
    new_weights: np.ndarray  # their population
    new_ninh_thuan: np.ndarray  # bool: in the former Ninh Thuận
    new_committee_ids: np.ndarray  # UBND of each new commune
    predecessor_ids: np.ndarray  # [65, k] old commune ids (rows padded by repeating)
    predecessor_count: np.ndarray  # [65]
    predecessor_district: np.ndarray  # [65, k] index into DISTRICTS of each predecessor's district
    district_unit_ids: np.ndarray  # [16] in DISTRICTS order
    district_committee_ids: np.ndarray  # [16]
    commune_committee_ids: np.ndarray  # [16] the communes of each district, as one agency
    land_branch_ids: np.ndarray  # [16]
    field_ids: list[int]  # in FIELDS order
    procedure_ids: list[list[int]]  # per field, in its procedures order
    department_ids: np.ndarray  # [len(ERAS), len(FIELDS)]: agency resolving province-level dossiers
    tax_office_id: int


def history_start(end: date) -> date:
    """Return the first day of demo data: 1/1/2024, or a year before `end` when that is earlier."""
    return min(HISTORY_START, end - timedelta(days=364))


def district_agency_names(short_name: str, full_name: str) -> tuple[str, str, str]:
    """Return the names of a district's People's Committee, its communes and its land registration branch."""
    return (f"UBND {full_name[0].lower()}{full_name[1:]}", f"UBND cấp xã ({short_name})",
            f"Chi nhánh Văn phòng Đăng ký đất đai {short_name}")


def _received_days(rng: np.random.Generator, n: int, start: date, days: int) -> np.ndarray:
    offsets = np.arange(days)
    weekdays = np.array([(start + timedelta(days=int(i))).weekday() for i in offsets])
    weight = np.where(weekdays >= 5, 0.12, 1.0) * (1.0 + 0.25 * offsets / days)
    return np.sort(rng.choice(days, size=n, p=weight / weight.sum()))


def _profile(name: str) -> np.ndarray:
    return np.array([getattr(p, name) for p in DISTRICTS])


def generate_dossiers(rng: np.random.Generator, end: date, n: int, ids: Lookups) -> pd.DataFrame:
    """Return n demo dossiers as a frame with the columns of the `dossiers` table (ids resolved)."""
    start = history_start(end)
    days = (end - start).days + 1
    day = _received_days(rng, n, start, days)
    t = day / max(1, days - 1)  # 0 at the start, 1 at the end date
    received = np.datetime64(start) + day.astype("timedelta64[D]")
    new_era = received >= np.datetime64(REFORM_DAY)
    merged = received >= np.datetime64(MERGER_DAY)

    # Place: a new commune, and before the change one of its predecessors (and that one's district).
    place = rng.choice(len(ids.new_unit_ids), size=n, p=ids.new_weights / ids.new_weights.sum())
    pick = np.floor(rng.random(n) * ids.predecessor_count[place]).astype(int)
    old_commune = ids.predecessor_ids[place, pick]
    district = ids.predecessor_district[place, pick]
    ninh_thuan = ids.new_ninh_thuan[place]

    field_weights = np.array([f.weight for f in FIELDS])
    field = rng.choice(len(FIELDS), size=n, p=field_weights / field_weights.sum())
    level_cum = np.cumsum(np.array([f.levels for f in FIELDS]), axis=1)[field]
    u = rng.random(n)
    level = (u > level_cum[:, 0]).astype(int) + (u > level_cum[:, 1]).astype(int)  # 0 Tỉnh, 1 Huyện, 2 Xã
    level = np.where(new_era & (level == 1), 2, level)  # communes took over what districts did
    is_land_env = np.array([fold_key(f.name) in LAND_ENV_KEYS for f in FIELDS])[field]
    is_land = field == 0

    # Procedure and the days it allows.
    proc_pick = np.floor(rng.random(n) * np.array([len(f.procedures) for f in FIELDS])[field]).astype(int)
    allowed_table = np.zeros((len(FIELDS), max(len(f.procedures) for f in FIELDS)), dtype=int)
    proc_table = np.zeros_like(allowed_table)
    for i, f in enumerate(FIELDS):
        for j, (_, allowed_days) in enumerate(f.procedures):
            allowed_table[i, j] = allowed_days
            proc_table[i, j] = ids.procedure_ids[i][j]
    allowed = allowed_table[field, proc_pick]
    due = received + allowed.astype("timedelta64[D]")

    # Late probability: field base × district × slow improvement over time.
    district_late = np.where(level == 0, 1.0, _profile("late")[district])
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
    p_online = np.clip(0.30 + 0.30 * t + _profile("online")[district]
                       + np.array([f.online_bias for f in FIELDS])[field], 0.02, 0.95)
    u = rng.random(n)
    channel = np.where(u < p_online, "online", np.where(u < p_online + 0.06, "postal", "in_person"))
    p_sync = np.clip(0.72 + 0.24 * t + _profile("sync")[district], 0.0, 0.995)
    synced = rng.random(n) < p_sync
    p_digit = np.clip(0.45 + 0.40 * t + _profile("digitised")[district], 0.0, 0.98)
    digitised = ~is_open & ~ended & (rng.random(n) < p_digit)
    p_apology = np.where(level == 0, 0.5, _profile("apology")[district])
    apology = late & (rng.random(n) < p_apology)

    # Agencies of the dossier's date: a department of its era, its old district or commune, or its new commune.
    era = np.select([new_era, ninh_thuan & merged, ninh_thuan, merged], [4, 3, 2, 1], 0)
    department = ids.department_ids[era, field]
    district_agency = np.where(is_land, ids.land_branch_ids[district], ids.district_committee_ids[district])
    commune_agency = np.where(new_era, ids.new_committee_ids[place], ids.commune_committee_ids[district])
    agency = np.select([level == 0, level == 1], [department, district_agency], commune_agency)
    unit = np.select([level == 0, level == 1, new_era], [0, ids.district_unit_ids[district], ids.new_unit_ids[place]],
                     old_commune)
    # Where an open dossier sits now: land dossiers wait at the branch, the land office, tax or the committee.
    stage = rng.choice(4, size=n, p=[0.45, 0.20, 0.15, 0.20])
    land_office = ids.department_ids[era, 0]
    committee = np.where(new_era, ids.new_committee_ids[place], ids.district_committee_ids[district])
    land_stage = np.select(
        [stage == 0, stage == 1, stage == 2],
        [np.where(level == 0, land_office, ids.land_branch_ids[district]), land_office,
         np.full(n, ids.tax_office_id)], committee)
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
        "unit_id": np.where(level == 0, None, unit.astype(object)),
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
