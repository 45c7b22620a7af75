"""What it takes to climb the 766 ranking (issue #15): from the national results of one period (every province's
total and our components) and the scoring rule of DOMAIN §5 — a component scores min(1, rate ÷ target) × max
points — the gap to the provinces above and below, the points each component loses, and the rate that would close
the gap to the next rank through that component alone. Pure: frames in, new frames out."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.errors import DomainError
from metrics.indexes import period_start
from metrics.text import fold_each, fold_key
from texts import messages as M

STEP = 0.01  # scores are published to two decimals: passing a province means 0,01 point more than it
MEASURES = ("online_share", "on_time_rate", "progress_rate_766", "digitisation_rate", "sync_rate")


@dataclass(frozen=True)
class ComponentRule:
    """How one component is scored: its maximum points, the rate that earns them all, and which rate of the
    province's own dossier data follows it (empty when none does, e.g. satisfaction surveys)."""

    name: str
    rate: str  # the rate's name as people say it ("Tỷ lệ hồ sơ trực tuyến")
    max_points: float
    target: float
    measure: str = ""


@dataclass(frozen=True)
class Standing:
    """A province's place in one period: its total and rank, and the provinces just above and below."""

    period: str
    province: str
    score: float
    rank: int
    n_ranked: int
    above: str | None
    above_rank: int | None
    gap_above: float | None  # points behind the province above (passing it takes STEP more)
    below: str | None
    below_rank: int | None
    gap_below: float | None  # points ahead of the province below
    is_demo: bool


def _totals(results: pd.DataFrame, index_name: str) -> pd.DataFrame:
    rows = results.loc[(results["index_name"] == index_name) & (results["component"].fillna("") == "")
                       & results["score"].notna()]
    return rows.assign(start=rows["period"].map(period_start))


def standing(results: pd.DataFrame, province: str, index_name: str = "766") -> Standing | None:
    """Return the province's Standing in the latest period where it and at least one other province have a total,
    or None. Ranks are the published ones; provinces are ordered by them (then by score)."""
    totals = _totals(results, index_name)
    key = fold_key(province)
    ours = totals.loc[totals["province"].pipe(fold_each) == key]
    for period in ours.sort_values("start", ascending=False)["period"]:
        field = totals.loc[totals["period"] == period]
        if len(field) < 2:
            continue
        field = field.assign(order=field["rank"].fillna(np.inf)).sort_values(["order", "score"],
                                                                             ascending=[True, False])
        field = field.reset_index(drop=True)
        me = int(field.index[field["province"].pipe(fold_each) == key][0])
        row = field.iloc[me]
        above = field.iloc[me - 1] if me > 0 else None
        below = field.iloc[me + 1] if me + 1 < len(field) else None
        return Standing(
            period=str(period), province=str(row["province"]), score=float(row["score"]),
            rank=int(row["rank"]) if pd.notna(row["rank"]) else me + 1,
            n_ranked=int(row["n_ranked"]) if pd.notna(row["n_ranked"]) else len(field),
            above=None if above is None else str(above["province"]),
            above_rank=None if above is None else int(above["rank"]),
            gap_above=None if above is None else round(float(above["score"]) - float(row["score"]), 2),
            below=None if below is None else str(below["province"]),
            below_rank=None if below is None else int(below["rank"]),
            gap_below=None if below is None else round(float(row["score"]) - float(below["score"]), 2),
            is_demo=bool(row.get("is_demo", False)))
    return None


COMPONENT_COLUMNS = ["component", "rate", "score", "max_points", "lost", "rate_now", "rate_needed", "change",
                     "reachable", "measure"]


def components(results: pd.DataFrame, found: Standing, rules: list[ComponentRule],
               index_name: str = "766") -> pd.DataFrame:
    """Return COMPONENT_COLUMNS for the province's components in the Standing's period: points lost against the
    maximum, the rate the score implies today (score ÷ max × target), the rate that would add the gap to the
    province above plus STEP through this component alone, and the change; ordered by the smallest change that
    closes the gap (components that cannot close it alone, or have no rule, last, by points lost)."""
    rows = results.loc[(results["index_name"] == index_name) & (results["period"] == found.period)
                       & (results["province"].pipe(fold_each) == fold_key(found.province))
                       & (results["component"].fillna("") != "")]
    by_name = {fold_key(rule.name): rule for rule in rules}
    out = []
    for record in rows.to_dict("records"):
        rule = by_name.get(fold_key(record["component"]))
        score = float(record["score"]) if pd.notna(record["score"]) else 0.0
        maximum = rule.max_points if rule else float(record["max_points"]) if pd.notna(record["max_points"]) else None
        line = {"component": record["component"], "rate": rule.rate if rule else "", "score": score,
                "max_points": maximum, "lost": None if maximum is None else round(maximum - score, 2),
                "rate_now": None, "rate_needed": None, "change": None, "reachable": False,
                "measure": rule.measure if rule else ""}
        if rule is not None and rule.max_points > 0:
            line["rate_now"] = min(score, rule.max_points) / rule.max_points * rule.target
            if found.gap_above is not None:
                needed = score + found.gap_above + STEP
                line["reachable"] = needed <= rule.max_points
                if line["reachable"]:
                    line["rate_needed"] = needed / rule.max_points * rule.target
                    line["change"] = line["rate_needed"] - line["rate_now"]
        out.append(line)
    table = pd.DataFrame(out, columns=COMPONENT_COLUMNS)
    if table.empty:
        return table
    table["_order"] = table["change"].where(table["reachable"], np.inf)
    table = table.sort_values(["_order", "lost"], ascending=[True, False], kind="stable")
    return table.drop(columns="_order").reset_index(drop=True)


def _parts(counts: pd.DataFrame, measure: str) -> tuple[pd.Series, pd.Series]:
    """Return (numerator, denominator) of a measure from dossier counts (metrics.dossiers.COUNT_COLUMNS)."""
    if measure == "online_share":
        return counts["received_online"], counts["received"]
    if measure == "sync_rate":
        return counts["received_synced"], counts["received"]
    if measure == "digitisation_rate":
        return counts["resolved_digitised"], counts["resolved"]
    if measure in ("on_time_rate", "progress_rate_766"):
        on_time = counts["resolved_early"] + counts["resolved_on_day"]
        if measure == "on_time_rate":
            return on_time, counts["resolved"]
        return (on_time + counts["in_progress"] - counts["in_progress_overdue"],
                counts["resolved"] + counts["in_progress"])
    raise DomainError(M.BAD_OPTION.format(name="measure", value=measure, options=", ".join(MEASURES)))


def agency_gains(by_agency: pd.DataFrame, measure: str, target: float, n: int = 5) -> pd.DataFrame:
    """Return name, rate, gain for the n agencies whose reaching `target` would raise the province rate most (gain in
    points of the province rate: (target × the agency's denominator − its numerator) ÷ the province's
    denominator), largest first; agencies already at the target gain nothing and are left out."""
    numerator, denominator = _parts(by_agency, measure)
    total = float(denominator.sum())
    if total == 0:
        return pd.DataFrame(columns=["name", "rate", "gain"])
    missing = (target * denominator - numerator).clip(lower=0)
    table = pd.DataFrame({"name": by_agency["name"], "rate": numerator / denominator.where(denominator > 0),
                          "gain": missing / total})
    table = table.loc[table["gain"] > 0].sort_values(["gain", "name"], ascending=[False, True], kind="stable")
    return table.head(n).reset_index(drop=True)
