"""Red/amber/green status, indicator scores and the weighted composite of the district scorecard."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics.dossiers import dossier_rates
from metrics.errors import DomainError
from metrics.tasks import open_overdue_by
from texts import messages as M

STATUSES = ("green", "amber", "red", "none")


@dataclass(frozen=True)
class IndicatorSpec:
    """Thresholds and scoring of one indicator; `higher_is_better` says which way is good."""

    key: str
    higher_is_better: bool
    green: float
    amber: float
    weight: float = 0.0
    full: float = 1.0
    zero: float = 0.0

    def __post_init__(self) -> None:
        ordered = self.green >= self.amber if self.higher_is_better else self.green <= self.amber
        if not ordered:
            raise DomainError(M.THRESHOLDS_ORDER.format(key=self.key))
        if self.full == self.zero:
            raise DomainError(M.SCALE_EQUAL.format(key=self.key))
        if self.weight < 0:
            raise DomainError(M.WEIGHT_NEGATIVE.format(key=self.key))


def rag_status(value: float | None, spec: IndicatorSpec) -> str:
    """Return 'green', 'amber' or 'red' for a value, or 'none' when there is no value."""
    if value is None or pd.isna(value):
        return "none"
    if spec.higher_is_better:
        return "green" if value >= spec.green else "amber" if value >= spec.amber else "red"
    return "green" if value <= spec.green else "amber" if value <= spec.amber else "red"


def indicator_score(value: float | None, spec: IndicatorSpec) -> float:
    """Return 0–100: 100 at `full` or better, 0 at `zero` or worse, linear between; NaN without a value."""
    if value is None or pd.isna(value):
        return float("nan")
    fraction = (value - spec.zero) / (spec.full - spec.zero)
    return float(min(1.0, max(0.0, fraction)) * 100.0)


def score_table(table: pd.DataFrame, specs: list[IndicatorSpec], key: str) -> pd.DataFrame:
    """Return a copy with <indicator>_status, <indicator>_score, composite and rank (1 = best) added.

    The composite is the weighted mean of the available indicator scores; an indicator without a
    value is left out and the remaining weights are renormalised.
    """
    weighted = [s for s in specs if s.weight > 0]
    missing = [s.key for s in specs if s.key not in table.columns]
    if missing:
        raise DomainError(M.MISSING_INDICATORS.format(names=", ".join(missing)))
    if key not in table.columns:
        raise DomainError(M.MISSING_KEY_COLUMN.format(key=key))
    out = table.copy()
    for spec in specs:
        out[f"{spec.key}_status"] = out[spec.key].map(lambda v, s=spec: rag_status(v, s))
        out[f"{spec.key}_score"] = out[spec.key].map(lambda v, s=spec: indicator_score(v, s))
    if weighted:
        scores = out[[f"{s.key}_score" for s in weighted]].to_numpy(dtype="float64")
        weights = np.array([s.weight for s in weighted], dtype="float64")
        present = ~np.isnan(scores)
        weight_sum = (present * weights).sum(axis=1)
        total = np.nansum(scores * weights, axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            composite = np.where(weight_sum > 0, total / weight_sum, np.nan)
    else:
        composite = np.full(len(out), np.nan)
    out["composite"] = composite
    out["rank"] = out["composite"].rank(ascending=False, method="min")
    return out.sort_values(["rank", key], na_position="last", kind="stable").reset_index(drop=True)


def with_rank_changes(current: pd.DataFrame, previous: pd.DataFrame, key: str) -> pd.DataFrame:
    """Return a copy of `current` with previous_rank and rank_change (positive = moved up) added.

    The change compares places among the units ranked in both periods (re-ranked among them), so that a unit
    does not "climb" because others dropped out for lack of data; it is NaN for the others."""
    for name, frame in (("current", current), ("previous", previous)):
        if key not in frame.columns or "rank" not in frame.columns:
            raise DomainError(M.TABLE_NEEDS_KEY_RANK.format(name=name, key=key))
    prev = previous[[key, "rank"]].rename(columns={"rank": "previous_rank"})
    out = current.merge(prev, on=key, how="left")
    both = out["rank"].notna() & out["previous_rank"].notna()
    now_rank = out["rank"].where(both).rank(method="min")
    before_rank = out["previous_rank"].where(both).rank(method="min")
    out["rank_change"] = before_rank - now_rank
    return out


def rank_movers(scored: pd.DataFrame, name: str = "name") -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Return ([(name, places up)], [(name, places down)]) from with_rank_changes output, biggest moves first."""
    missing = [c for c in (name, "rank_change") if c not in scored.columns]
    if missing:
        raise DomainError(M.MISSING_COLUMNS.format(columns=", ".join(missing)))
    moved = scored.loc[scored["rank_change"].notna() & (scored["rank_change"] != 0), [name, "rank_change"]]
    moved = moved.sort_values("rank_change", ascending=False, kind="stable")
    rose = [(str(n), int(c)) for n, c in zip(moved[name], moved["rank_change"], strict=True) if c > 0]
    fell = [(str(n), -int(c)) for n, c in zip(moved[name], moved["rank_change"], strict=True) if c < 0]
    return rose, fell[::-1]


def assemble_scorecard(unit_rates: pd.DataFrame, overdue_tasks: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Return one row per unit (all units, even without dossiers) with the scorecard indicators.

    unit_rates: dossier counts and rates per unit (column `key` = unit id);
    overdue_tasks: (unit_id, overdue_tasks); units: id, code, name, short_name, latitude, longitude.
    """
    for name, frame, column in (("unit_rates", unit_rates, "key"), ("overdue_tasks", overdue_tasks, "unit_id"),
                                ("units", units, "id")):
        if column not in frame.columns:
            raise DomainError(M.NEEDS_COLUMN.format(name=name, column=column))
    rates = unit_rates.loc[unit_rates["key"].notna()].drop(columns=["name"], errors="ignore")
    rates = rates.assign(key=rates["key"].astype("int64"))
    table = units.rename(columns={"id": "unit_id"}).merge(rates, left_on="unit_id", right_on="key", how="left")
    tasks = overdue_tasks.assign(unit_id=overdue_tasks["unit_id"].astype("int64"))
    table = table.merge(tasks, on="unit_id", how="left")
    table["overdue_tasks"] = table["overdue_tasks"].fillna(0).astype("int64")
    return table.drop(columns=["key"])


def score_units(unit_counts: pd.DataFrame, classified_tasks: pd.DataFrame, units: pd.DataFrame,
                specs: list[IndicatorSpec], min_dossiers: int = 0,
                unit_of: dict[int, int | str] | None = None) -> pd.DataFrame:
    """Return the scored scorecard of every unit (indicators, statuses, composite, rank) from dossier counts per
    unit (`key` = unit id), tasks already classified at the period end, and the units.

    A unit with fewer than `min_dossiers` dossiers to handle (received + carried over) gets `insufficient` True, no
    composite and no rank. `unit_of` maps a task's lead unit to the unit shown (metrics.territory.attribution)."""
    tasks = classified_tasks
    if unit_of is not None and "lead_unit_id" in tasks.columns:
        def shown(unit: object) -> int | None:
            target = None if pd.isna(unit) else unit_of.get(int(unit))
            return target if isinstance(target, int) else None

        tasks = tasks.assign(lead_unit_id=tasks["lead_unit_id"].map(shown))
    overdue = open_overdue_by(tasks, "lead_unit_id").rename(columns={"lead_unit_id": "unit_id"})
    table = assemble_scorecard(dossier_rates(unit_counts), overdue, units)
    handled = table["received"].fillna(0) + table["carried_over"].fillna(0)
    scored = score_table(table.assign(insufficient=(handled < min_dossiers).to_numpy()), specs, key="unit_id")
    scored.loc[scored["insufficient"], ["composite", "rank"]] = np.nan
    for spec in specs:  # a handful of dossiers gives no meaningful colour either
        scored.loc[scored["insufficient"], f"{spec.key}_status"] = "none"
    scored["rank"] = scored["composite"].rank(ascending=False, method="min")
    return scored.sort_values(["rank", "unit_id"], na_position="last", kind="stable").reset_index(drop=True)


def extremes(scored: pd.DataFrame, count: int = 5, name: str = "short_name") -> tuple[list[str], list[str]]:
    """Return the names of the `count` best- and worst-ranked units (best first; worst, worst last)."""
    for column in (name, "rank"):
        if column not in scored.columns:
            raise DomainError(M.MISSING_COLUMNS.format(columns=column))
    ranked = scored.loc[scored["rank"].notna()].sort_values("rank", kind="stable")
    best = ranked[name].head(count).tolist()
    worst = ranked[name].iloc[max(count, len(ranked) - count):].tolist() if len(ranked) > count else []
    return best, worst


def best_and_worst(scored: pd.DataFrame, each: int) -> pd.DataFrame:
    """Return the `each` best-ranked and `each` worst-ranked units (best first), unranked ones left out: what a slide
    with room for a dozen rows shows of 65 communes."""
    if "rank" not in scored.columns:
        raise DomainError(M.MISSING_COLUMN.format(column="rank"))
    ranked = scored.loc[scored["rank"].notna()].sort_values("rank", kind="stable")
    if len(ranked) <= 2 * each:
        return ranked.reset_index(drop=True)
    return pd.concat([ranked.head(each), ranked.tail(each)]).reset_index(drop=True)
