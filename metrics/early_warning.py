"""The follow-up of the early warning (issue #33): of the dossiers that were about to go overdue at one meeting, how
many did go overdue by the next one, per agency that held them then. Pure: frames in, a new frame out."""

from datetime import date

import pandas as pd

from metrics.errors import DomainError
from texts import messages as M

FOLLOWUP_COLUMNS = ("agency", "about_to", "went_overdue")


def went_overdue(due_on: pd.Series, result_on: pd.Series, cutoff: date) -> pd.Series:
    """Return, per dossier, whether it went overdue by `cutoff`: resolved after its due date, or still without a
    result on a due date before the cut-off (a due date not yet reached is not overdue yet)."""
    due = pd.to_datetime(due_on)
    result = pd.to_datetime(result_on)
    day = pd.Timestamp(cutoff)
    late = result.notna() & (result > due) & (result <= day)
    open_late = (due < day) & (result.isna() | (result > day))
    return (late | open_late).astype(bool)


def followup(listed: pd.DataFrame, outcomes: pd.DataFrame, cutoff: date) -> pd.DataFrame:
    """Return FOLLOWUP_COLUMNS per agency of `listed` (code, agency: the dossiers about to go overdue then), with
    `outcomes` (code, due_on, result_on as of now), most gone overdue first, then by name; inputs are not changed."""
    for frame, needed in ((listed, ("code", "agency")), (outcomes, ("code", "due_on", "result_on"))):
        missing = [c for c in needed if c not in frame.columns]
        if missing:
            raise DomainError(M.NO_COLUMN.format(column=", ".join(missing)))
    joined = listed[["code", "agency"]].merge(outcomes[["code", "due_on", "result_on"]], on="code", how="left")
    joined["went_overdue"] = went_overdue(joined["due_on"], joined["result_on"], cutoff).astype("int64")
    counted = (joined.groupby("agency", sort=False)
               .agg(about_to=("code", "size"), went_overdue=("went_overdue", "sum")).reset_index())
    counted = counted.astype({"about_to": "int64", "went_overdue": "int64"})
    return counted.sort_values(["went_overdue", "agency"], ascending=[False, True], ignore_index=True)[
        list(FOLLOWUP_COLUMNS)]


def breakdowns(listed: pd.DataFrame, chosen: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return the early warning per agency holding the dossiers (agency, dossiers, land_env; most first, then by name),
    per field (field, dossiers, land_env = 1 for that group; most first, then by name) and per unit (key = unit id,
    dossiers, land_env), as SQL counts them, of the same dossiers given twice: `listed` (code, agency, land_env) and
    `chosen` (code, unit_id, field, land_env). Inputs are not changed."""
    for frame, needed in ((listed, ("code", "agency", "land_env")), (chosen, ("code", "unit_id", "field", "land_env"))):
        missing = [c for c in needed if c not in frame.columns]
        if missing:
            raise DomainError(M.MISSING_COLUMNS.format(columns=", ".join(missing)))
    by_agency = listed.groupby("agency", as_index=False).agg(dossiers=("code", "size"), land_env=("land_env", "sum"))
    by_agency = by_agency.sort_values(["dossiers", "agency"], ascending=[False, True], ignore_index=True)
    by_field = chosen.groupby("field", as_index=False).agg(dossiers=("code", "size"), land_env=("land_env", "max"))
    by_field = by_field.sort_values(["dossiers", "field"], ascending=[False, True], ignore_index=True)
    by_unit = chosen.groupby("unit_id", dropna=False, as_index=False).agg(dossiers=("code", "size"),
                                                                          land_env=("land_env", "sum"))
    by_unit = by_unit.rename(columns={"unit_id": "key"})
    counts = {"dossiers": "int64", "land_env": "int64"}
    return tuple(  # none at all: as SQL's empty answer, no type to infer
        (frame if len(frame) else pd.DataFrame(columns=list(frame.columns))).astype(counts)
        for frame in (by_agency, by_field, by_unit))
