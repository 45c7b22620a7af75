"""Where dossiers lose their days (issue #15), from the aggregated step frames of data_access.figures.stage_queries:
per step in process order, per agency holding a step, transfers out and back, supplement rounds, and the JSON of `cli.py
stages`. Pure: frames in, new frames or dicts out; percentiles interpolate linearly, as numpy's default.

A step's figures count passages (a dossier may pass a step twice): median and 90th percentile of their days, how
many went past their own deadline and the share of passages that did. `dossiers` counts distinct dossiers."""

import numpy as np
import pandas as pd

from metrics.errors import DomainError, check_option
from metrics.text import fold_key
from texts import messages as M

FIELD_CHOICES = ("land_env", "all")
SUPPLEMENT_WORDS = "bo sung"  # a step whose name says the dossier was returned for supplements (`bổ sung`)
STEP_TABLE = ["step", "dossiers", "passages", "median_days", "p90_days", "over_step_deadline",
              "over_step_deadline_share", "share_of_time"]
AGENCY_TABLE = ["agency", "step", "dossiers", "passages", "median_days", "p90_days", "over_step_deadline",
                "over_step_deadline_share", "day_total", "share_of_time"]


def is_supplement_step(name: object) -> bool:
    """Return True when a step's name says the dossier was returned for supplements (any case and accents)."""
    return SUPPLEMENT_WORDS in fold_key(str(name or ""))


def check_fields(choice: str) -> str:
    """Return the field choice when it is one of FIELD_CHOICES, else raise DomainError."""
    check_option("fields", choice, FIELD_CHOICES)
    return choice


def percentiles(days: pd.Series, passages: pd.Series, q: tuple[float, ...] = (50, 90)) -> tuple[float, ...]:
    """Return the q-th percentiles of whole days counted `passages` times each (linear interpolation, as numpy's
    default over the expanded values); NaN when there is none."""
    weights = passages.to_numpy(dtype="int64")
    if weights.sum() == 0:
        return tuple(float("nan") for _ in q)
    values = np.repeat(days.to_numpy(dtype="float64"), weights)
    return tuple(float(v) for v in np.percentile(values, q))


def _figures(histogram: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Return per key: passages, median_days, p90_days, over_step_deadline, over_step_deadline_share, day_total."""
    if histogram.empty:
        return pd.DataFrame(columns=[*keys, "passages", "median_days", "p90_days", "over_step_deadline",
                                     "over_step_deadline_share", "day_total"])
    rows = []
    for key, group in histogram.groupby(keys, sort=False, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        median, p90 = percentiles(group["days"], group["passages"])
        passages = int(group["passages"].sum())
        over = int(group.loc[group["over"] == 1, "passages"].sum())
        rows.append({**dict(zip(keys, key, strict=True)), "passages": passages, "median_days": median,
                     "p90_days": p90, "over_step_deadline": over, "over_step_deadline_share": over / passages,
                     "day_total": int((group["days"] * group["passages"]).sum())})
    return pd.DataFrame(rows)


def step_table(histogram: pd.DataFrame, steps: pd.DataFrame) -> pd.DataFrame:
    """Return STEP_TABLE, one row per step in process order (mean place of the step in its dossiers, then name);
    share_of_time is the step's share of all the days the dossiers' steps took."""
    figures = _figures(histogram, ["step"])
    table = steps.merge(figures, on="step", how="left")
    total = figures["day_total"].sum() if not figures.empty else 0
    table["share_of_time"] = table["day_total"] / total if total else float("nan")
    table = table.sort_values(["position", "step"], kind="stable").reset_index(drop=True)
    return table.astype({"passages": "int64", "over_step_deadline": "int64"})[STEP_TABLE]


def agency_table(histogram: pd.DataFrame, dossiers: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    """Return AGENCY_TABLE, one row per agency and step it held, most days over deadline first (then most
    passages, agency, step)."""
    if histogram.empty:
        return pd.DataFrame(columns=AGENCY_TABLE)
    figures = _figures(histogram, ["agency_id", "step"])
    total = figures["day_total"].sum()
    figures["share_of_time"] = figures["day_total"] / total if total else float("nan")
    table = figures.merge(dossiers, on=["agency_id", "step"], how="left")
    table["agency"] = table["agency_id"].map(lambda i: names.get(int(i), str(i)))
    table = table.sort_values(["over_step_deadline", "passages", "agency", "step"],
                              ascending=[False, False, True, True], kind="stable")
    return table.reset_index(drop=True).astype({"dossiers": "int64", "passages": "int64"})[AGENCY_TABLE]


def heaviest_first(agencies: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of AGENCY_TABLE ordered by the rule that names the heaviest stage: the most days the dossiers
    spent there (day_total), then the most passages over the step deadline, then agency and step. Its first row is
    the "Nặng nhất" headline: a reception desk with many quick passages no longer outranks a review step holding
    most of the days."""
    for column in ("day_total", "over_step_deadline", "agency", "step"):
        if column not in agencies.columns:
            raise DomainError(M.MISSING_COLUMN.format(column=column))
    return agencies.sort_values(["day_total", "over_step_deadline", "agency", "step"],
                                ascending=[False, False, True, True], kind="stable").reset_index(drop=True)


def supplement_summary(histogram: pd.DataFrame, dossiers_with_rounds: int) -> dict[str, int]:
    """Return {"dossiers", "rounds", "days_waiting"}: dossiers returned for supplements, the supplement steps they
    went through, and the days those steps took."""
    rounds = histogram.loc[histogram["step"].map(is_supplement_step)] if not histogram.empty else histogram
    return {"dossiers": int(dossiers_with_rounds), "rounds": int(rounds["passages"].sum()) if len(rounds) else 0,
            "days_waiting": int((rounds["days"] * rounds["passages"]).sum()) if len(rounds) else 0}


def transfers_table(transfers: pd.DataFrame, names: dict[int, str]) -> pd.DataFrame:
    """Return agency, passages, days, mean_days of the steps sent out to another agency and back, most days first."""
    table = transfers.assign(agency=transfers["agency_id"].map(lambda i: names.get(int(i), str(i))))
    table["mean_days"] = table["days"] / table["passages"]
    table = table.sort_values(["days", "agency"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return table[["agency", "passages", "days", "mean_days"]]


def breaking_step(journey: pd.DataFrame) -> int | None:
    """Return the position (0-based) of the first step of a dossier's journey that went past its own deadline, or
    None."""
    over = journey.index[journey["over"].astype(bool)].tolist()
    return None if not over else journey.index.get_loc(over[0])


def _number(value: float) -> float:
    return 0.0 if value is None or pd.isna(value) else round(float(value), 4)


def stages_report(start: str, as_of: str, fields: str, steps: pd.DataFrame, agencies: pd.DataFrame,
                  supplement: dict[str, int], no_step_data: int) -> dict:
    """Return the JSON of `cli.py stages` in its agreed shape (issue #15), from step_table and agency_table."""
    check_fields(fields)
    keys = ["dossiers", "median_days", "p90_days", "over_step_deadline", "over_step_deadline_share"]

    def line(row: dict) -> dict:
        return {"dossiers": int(row["dossiers"]), "median_days": _number(row["median_days"]),
                "p90_days": _number(row["p90_days"]), "over_step_deadline": int(row["over_step_deadline"]),
                "over_step_deadline_share": _number(row["over_step_deadline_share"])}

    return {"from": start, "as_of": as_of, "fields": fields,
            "steps": [{"step": r["step"], **line(r)} for r in steps[["step", *keys]].to_dict("records")],
            "agencies": [{"agency": r["agency"], "step": r["step"], **line(r)}
                         for r in agencies[["agency", "step", *keys]].to_dict("records")],
            "supplement": {k: int(supplement[k]) for k in ("dossiers", "rounds", "days_waiting")},
            "no_step_data": int(no_step_data)}
