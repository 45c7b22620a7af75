"""Agencies across the mergers of 2025 (DOMAIN §8): a merged agency's dossiers and tasks count for its successor.

The successor of an agency on a date `on` follows the lineage rows in force by then (effective ≤ on), through
chains (a Ninh Thuận department merged on 1/3/2025, then into the new province's on 1/7/2025).
"""

from datetime import date

import pandas as pd

from metrics.errors import DomainError
from texts import messages as M
from texts.fmt import fmt_agency_now

AGENCY_COLUMNS = ("id", "name", "valid_from", "valid_to")
LINEAGE_COLUMNS = ("old_agency_id", "new_agency_id", "effective")


def _check(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DomainError(M.MISSING_COLUMNS_OF.format(name=name, columns=", ".join(missing)))


def agency_successors(agencies: pd.DataFrame, lineage: pd.DataFrame, on: date) -> dict[int, int]:
    """Return {agency id: the agency it counts for on `on`} (itself when not merged by then)."""
    _check(agencies, AGENCY_COLUMNS, "agencies")
    _check(lineage, LINEAGE_COLUMNS, "lineage")
    effective = pd.to_datetime(lineage["effective"]).dt.date
    step = {int(o): int(n) for o, n, e in zip(lineage["old_agency_id"], lineage["new_agency_id"], effective,
                                              strict=True) if e <= on}
    out = {}
    for agency_id in agencies["id"].astype(int):
        target, seen = agency_id, {agency_id}
        while target in step and step[target] not in seen:
            target = step[target]
            seen.add(target)
        out[agency_id] = target
    return out


def agencies_in_force(agencies: pd.DataFrame, lineage: pd.DataFrame, on: date) -> pd.DataFrame:
    """Return the agencies a filter offers on `on`: not merged into another by then, and not yet ended
    (an agency that ended without successor, such as a district's People's Committee, stays for its history)."""
    successors = agency_successors(agencies, lineage, on)
    start = pd.to_datetime(agencies["valid_from"]).dt.date
    started = start.isna() | (start <= on)
    kept = agencies["id"].astype(int).map(lambda i: successors[i] == i)
    return agencies.loc[started & kept].reset_index(drop=True)


def counted_for(agency_id: int, successors: dict[int, int]) -> tuple[int, ...]:
    """Return the ids of every agency whose dossiers and tasks count for `agency_id` (itself and predecessors)."""
    return tuple(sorted(a for a, s in successors.items() if s == agency_id))


def regroup_by_successor(counts: pd.DataFrame, successors: dict[int, int], names: dict[int, str],
                         value_columns: list[str]) -> pd.DataFrame:
    """Return per-agency counts (`key` = agency id, `name`) summed onto each agency's successor, renamed to it;
    rows without an agency (key None) are kept as they are. Order: as the first row of each successor."""
    _check(counts, ("key", "name", *value_columns), "counts")
    if counts.empty:
        return counts.copy()
    keys = counts["key"].map(lambda k: k if pd.isna(k) else successors.get(int(k), int(k)))
    out = counts.assign(key=keys.astype(object).to_numpy())
    out["name"] = [n if pd.isna(k) else names.get(int(k), n) for k, n in zip(out["key"], out["name"], strict=True)]
    others = [c for c in out.columns if c not in ("key", "name", *value_columns)]
    summed = out.groupby(["key", "name"], dropna=False, sort=False, as_index=False).agg(
        {**{c: "sum" for c in value_columns}, **{c: "first" for c in others}})
    return summed[list(counts.columns)]


def with_successors(tasks: pd.DataFrame, successors: dict[int, int], names: dict[int, str]) -> pd.DataFrame:
    """Return tasks whose `lead_agency_id`/`lead_agency` are the successor's (so they count for it), with
    `lead_agency_was`: the name the task was assigned to when that agency has since merged, else None."""
    _check(tasks, ("lead_agency_id", "lead_agency"), "tasks")
    now = tasks["lead_agency_id"].map(lambda a: successors.get(int(a), int(a)))
    was = [old if int(a) != n else None for a, n, old in zip(tasks["lead_agency_id"], now, tasks["lead_agency"],
                                                             strict=True)]
    return tasks.assign(lead_agency_id=now.to_numpy(), lead_agency=[names.get(n, o) for n, o in
                                                                    zip(now, tasks["lead_agency"], strict=True)],
                        lead_agency_was=was)


def tasks_of_agencies_on(tasks: pd.DataFrame, agencies: pd.DataFrame, lineage: pd.DataFrame, day: date) -> pd.DataFrame:
    """Return tasks counted for the agencies of `day` (a merged one's for its successor) with `lead_agency_shown`:
    the name they were given, "(nay là …)" where that agency has since merged."""
    names = dict(zip(agencies["id"].astype(int), agencies["name"], strict=True))
    moved = with_successors(tasks, agency_successors(agencies, lineage, day), names)
    return moved.assign(lead_agency_shown=[fmt_agency_now(was, now) for was, now in
                                           zip(moved["lead_agency_was"], moved["lead_agency"], strict=True)])
