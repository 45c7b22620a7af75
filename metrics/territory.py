"""Counting across the 2025 reorganisation (DOMAIN §8): which unit of a date a dossier's unit counts for.

A dossier keeps the unit that handled it on its received date. Shown by the units in force on a date `on`:
- after the change (communes in force): a new commune counts for itself; an old commune that went **whole** into
  one new commune counts for it; an old district whose communes all went whole into one new commune (Trường Sa)
  counts for it; any other old district counts on the line DISTRICT_LEVEL and a split old commune on SPLIT;
- before the change (districts in force): a district counts for itself and an old commune for its district;
- a dossier without a unit (province-level agencies) counts on PROVINCIAL.
Nothing is spread by estimate and nothing is dropped, so the province total is the same whichever units are shown.
"""

from datetime import date

import pandas as pd

from metrics.dossiers import COUNT_COLUMNS
from metrics.errors import DomainError
from metrics.scorecard import IndicatorSpec, score_units
from texts import messages as M

REFORM_DAY = date(2025, 7, 1)  # the district level ended; the 65 communes of the new Khánh Hòa began
PROVINCIAL = "provincial_level"
DISTRICT_LEVEL = "district_level_before_2025_07_01"
SPLIT = "split_communes"
OTHER_LINES = (PROVINCIAL, DISTRICT_LEVEL, SPLIT)
UNIT_COLUMNS = ("id", "code", "name", "level", "parent_id", "valid_from", "valid_to")
LINEAGE_COLUMNS = ("old_unit_id", "new_unit_id", "merge")


LEVEL_PROVINCE, LEVEL_DISTRICT, LEVEL_COMMUNE = "Tỉnh", "Huyện", "Xã"  # the levels as stored (data)

def _check(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DomainError(M.MISSING_COLUMNS_OF.format(name=name, columns=", ".join(missing)))


def _valid_on(units: pd.DataFrame, on: date) -> pd.Series:
    start = pd.to_datetime(units["valid_from"]).dt.date
    end = pd.to_datetime(units["valid_to"]).dt.date
    return (start.isna() | (start <= on)) & (end.isna() | (end >= on))


def level_in_force(units: pd.DataFrame, on: date) -> str:
    """Return 'Huyện' when district-level units are in force on `on`, otherwise 'Xã'."""
    _check(units, UNIT_COLUMNS, "units")
    valid = units.loc[_valid_on(units, on)]
    return LEVEL_DISTRICT if (valid["level"] == LEVEL_DISTRICT).any() else LEVEL_COMMUNE


def units_in_force(units: pd.DataFrame, on: date) -> pd.DataFrame:
    """Return the units shown for a period ending on `on`: the districts before the change, the communes after."""
    level = level_in_force(units, on)
    shown = units.loc[_valid_on(units, on) & (units["level"] == level)]
    return shown.sort_values(["name", "id"], kind="stable").reset_index(drop=True)


def attribution(units: pd.DataFrame, lineage: pd.DataFrame, on: date) -> dict[int, int | str]:
    """Return {unit id: id of the unit in force on `on` it counts for, or DISTRICT_LEVEL / SPLIT}."""
    _check(units, UNIT_COLUMNS, "units")
    _check(lineage, LINEAGE_COLUMNS, "lineage")
    shown = set(units_in_force(units, on)["id"].astype(int))
    level = level_in_force(units, on)
    ids = units["id"].astype(int).tolist()
    parent = {u: (None if pd.isna(p) else int(p)) for u, p in zip(ids, units["parent_id"], strict=True)}
    unit_level = dict(zip(ids, units["level"], strict=True))
    targets: dict[int, list[tuple[int, str]]] = {}
    for old, new, merge in zip(lineage["old_unit_id"], lineage["new_unit_id"], lineage["merge"], strict=True):
        targets.setdefault(int(old), []).append((int(new), merge))
    children: dict[int, list[int]] = {}
    for unit_id, district in parent.items():
        if district is not None:
            children.setdefault(district, []).append(unit_id)

    def whole(unit_id: int) -> int | None:
        found = targets.get(unit_id, [])
        return found[0][0] if len(found) == 1 and found[0][1] == "whole" else None

    def followed(unit_id: int) -> int | str:
        target: int | None = unit_id
        for _ in range(len(ids)):  # follow whole mergers until a unit in force (chains stay exact)
            target = whole(target)
            if target is None or target in shown:
                break
        return target if target in shown else SPLIT

    out: dict[int, int | str] = {}
    for unit_id in ids:
        if unit_id in shown:
            out[unit_id] = unit_id
        elif level == LEVEL_DISTRICT:
            if parent[unit_id] in shown:
                out[unit_id] = parent[unit_id]
        elif unit_level.get(unit_id) == LEVEL_DISTRICT:
            found = {followed(c) for c in children.get(unit_id, [])}
            only = found.pop() if len(found) == 1 else None
            out[unit_id] = only if isinstance(only, int) else DISTRICT_LEVEL
        else:
            out[unit_id] = followed(unit_id)
    return out


def counts_by_unit_in_force(unit_counts: pd.DataFrame, units: pd.DataFrame, lineage: pd.DataFrame,
                            on: date, mapping: dict[int, int | str] | None = None,
                            columns: tuple[str, ...] = COUNT_COLUMNS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (one row per unit in force: key = unit id, then `columns` (COUNT_COLUMNS by default), zeros included;
    one row per other line: key in OTHER_LINES, then `columns`) from counts per unit of any era (`key` = unit id,
    None = no unit)."""
    _check(unit_counts, ("key", *columns), "unit_counts")
    mapping = attribution(units, lineage, on) if mapping is None else mapping
    keys = unit_counts["key"].map(lambda k: PROVINCIAL if k is None or pd.isna(k) else mapping.get(int(k), SPLIT))
    counts = unit_counts[list(columns)].astype("int64").assign(target=keys.astype(object).to_numpy())
    summed = counts.groupby("target", sort=False)[list(columns)].sum()
    shown = units_in_force(units, on)["id"].astype(int).tolist()
    per_unit = summed.reindex(shown, fill_value=0).rename_axis("key").reset_index()
    other = summed.reindex(list(OTHER_LINES), fill_value=0).rename_axis("key").reset_index()
    return per_unit.astype({c: "int64" for c in columns}), other.astype({c: "int64" for c in columns})


def named_lines(per_unit: pd.DataFrame, other: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Return key, name and counts of the units in force followed by the other lines (named by their key), from
    counts_by_unit_in_force, for breakdowns where every dossier appears once."""
    names = dict(zip(units["id"].astype(int), units["name"], strict=True))
    shown = per_unit.assign(name=[names.get(int(k)) for k in per_unit["key"]])
    rest = other.assign(name=other["key"].to_numpy())
    frame = pd.concat([shown, rest], ignore_index=True)
    return frame[["key", "name", *[c for c in frame.columns if c not in ("key", "name")]]]


def predecessors(unit_id: int, units: pd.DataFrame, lineage: pd.DataFrame) -> pd.DataFrame:
    """Return the old units that went (wholly or in part) into a unit: id, name, district (name), merge."""
    _check(units, UNIT_COLUMNS, "units")
    _check(lineage, LINEAGE_COLUMNS, "lineage")
    rows = lineage.loc[lineage["new_unit_id"] == unit_id, ["old_unit_id", "merge"]]
    names = dict(zip(units["id"].astype(int), units["name"], strict=True))
    parents = dict(zip(units["id"].astype(int), units["parent_id"], strict=True))
    out = pd.DataFrame({
        "id": rows["old_unit_id"].astype(int).to_numpy(),
        "name": [names.get(int(i)) for i in rows["old_unit_id"]],
        "district": [names.get(int(parents[int(i)])) if not pd.isna(parents.get(int(i))) else None
                     for i in rows["old_unit_id"]],
        "merge": rows["merge"].to_numpy(),
    })
    return out.sort_values(["district", "name"], kind="stable", na_position="last").reset_index(drop=True)


def units_attributed_to(unit_id: int, units: pd.DataFrame, lineage: pd.DataFrame, on: date) -> tuple[int, ...]:
    """Return the ids of every unit whose dossiers count for `unit_id` on `on` (itself and its whole predecessors;
    a district with its communes), for filtering a unit's history across the change."""
    mapping = attribution(units, lineage, on)
    return tuple(sorted(u for u, target in mapping.items() if target == unit_id))


def scorecard_in_force(unit_counts: pd.DataFrame, classified_tasks: pd.DataFrame, units: pd.DataFrame,
                       lineage: pd.DataFrame, on: date, specs: list[IndicatorSpec],
                       min_dossiers: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (the scored scorecard of the units in force on `on`, the lines not attributed to one of them) from
    dossier counts per unit of any era and tasks classified at `on` (see metrics.scorecard.score_units)."""
    mapping = attribution(units, lineage, on)
    per_unit, other = counts_by_unit_in_force(unit_counts, units, lineage, on, mapping)
    scored = score_units(per_unit, classified_tasks, units_in_force(units, on), specs, min_dossiers, mapping)
    return scored, other
