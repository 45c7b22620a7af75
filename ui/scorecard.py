"""Presentation of the district scorecard: table columns, map rows and the detail of one district."""

from datetime import date

import pandas as pd

from config.settings import SCORECARD_INDICATORS
from data_access.figures.dossier_queries import DossierFilter
from metrics.dossiers import dossier_rates
from metrics.periods import month_ends, months_since
from metrics.territory import units_attributed_to
from metrics.text import fold_key
from texts import labels as L
from texts.fmt import fmt_int, fmt_number, fmt_pct, fmt_signed
from ui.safe import md_escape
from ui.tables import Col

FORMATS = {
    "on_time_rate": fmt_pct,
    "overdue_per_1000": lambda v: fmt_number(v, 1),
    "online_share": fmt_pct,
    "sync_rate": fmt_pct,
    "apology_compliance": fmt_pct,
    "digitisation_rate": fmt_pct,
    "overdue_tasks": fmt_int,
}

TREND_FROM = date(2025, 4, 1)  # a unit's trend starts at least three months before the change of 01/7/2025


def default_pick(scored: pd.DataFrame, own_units: tuple[int, ...] | None) -> int | None:
    """Return the unit the scorecard's detail opens on: the account's own commune, else the lowest ranked, else the
    last listed (None without units)."""
    ids = scored["unit_id"].astype(int).tolist()
    ranked = scored.loc[scored["rank"].notna(), "unit_id"].astype(int).tolist()
    own = [] if own_units is None else scored.loc[scored["unit_id"].isin(own_units), "unit_id"].astype(int).tolist()
    return (own or ranked or ids or [None])[-1]


def unit_detail(unit_id: int, units: pd.DataFrame, lineage: pd.DataFrame, end: date, levels: tuple[str, ...],
                trend_months: int) -> tuple[DossierFilter, tuple[date, ...]]:
    """Return the filter of a unit's history across the change (it and every unit counted for it) and the month ends
    of its trend, reaching back across 01/7/2025."""
    unit_filter = DossierFilter(levels=levels, unit_ids=units_attributed_to(unit_id, units, lineage, end))
    return unit_filter, tuple(month_ends(end, months_since(TREND_FROM, end, trend_months)))


def rank_text(value: float | None) -> str:
    """Return the rank, or 'không đủ dữ liệu' for a unit that is not ranked."""
    return L.SCORECARD_INSUFFICIENT if value is None or pd.isna(value) else fmt_int(value)


def rank_change_text(value: float | None) -> str:
    """Return '▲ 2', '▼ 1', '= 0' or '—' for a change of rank (positive = moved up)."""
    if value is None or pd.isna(value):
        return "—"
    if value > 0:
        return f"▲ {fmt_signed(value)}"
    if value < 0:
        return f"▼ {fmt_signed(value)}"
    return "= 0"


def table_columns() -> list[Col]:
    """Return the scorecard's displayed columns: unit, rank, change, composite, each indicator with status."""
    # short headers (the full name on hover) and narrow figure columns: the whole table fits 1366 px
    columns = [
        Col("rank", L.KPI["rank"], rank_text, width="small"),
        Col("name", L.UNIT, width="medium"),
        Col("composite", L.KPI_SHORT["composite"], lambda v: fmt_number(v, 1), help=L.KPI["composite"],
            width="small"),
        Col("rank_change", L.KPI_SHORT["rank_change"], rank_change_text, help=L.KPI["rank_change"], width="small"),
        Col("received", L.KPI_SHORT["received"], fmt_int, help=L.KPI["received"], width="small"),
    ]
    columns += [Col(k, L.KPI_SHORT.get(k, L.KPI[k]), FORMATS[k], status=f"{k}_status", help=L.KPI[k], width="small")
                for k in SCORECARD_INDICATORS]
    return columns


def slide_columns() -> list[Col]:
    """Return the columns a scorecard slide has room for: rank, unit, composite, change, two indicators."""
    return table_columns()[:4] + [Col(k, L.KPI[k], FORMATS[k], status=f"{k}_status")
                                  for k in ("on_time_rate", "overdue_tasks")]


def unit_by_code(scored: pd.DataFrame) -> dict[str, int]:
    """Return the unit id of each GSO code on the scorecard (what a click on the map names)."""
    return {str(c): int(u) for c, u in zip(scored["code"], scored["unit_id"], strict=True) if pd.notna(c)}


def map_rows(scored: pd.DataFrame) -> pd.DataFrame:
    """Return code, name, short_name, latitude, longitude, composite and tooltip text for the map (one row per code:
    a unit imported without a code has no shape to colour)."""
    columns = ["code", "name", "short_name", "latitude", "longitude", "composite", "rank", "on_time_rate"]
    rows = scored.loc[scored["code"].notna(), columns].drop_duplicates("code")
    rows["tooltip"] = [
        L.MAP_TOOLTIP.format(name=r.name, score=fmt_number(r.composite, 1), rank=rank_text(r.rank),
                             on_time=fmt_pct(r.on_time_rate))
        for r in rows.itertuples()
    ]
    rows["code"] = rows["code"].astype(str)
    return rows


MOVERS_NAMED = 5  # the biggest moves each way are named; the others counted (a wall of 30 names is not read)


def movers_text(rose: list[tuple[str, int]], fell: list[tuple[str, int]]) -> str:
    """Return '▲ Tăng hạng: A (+2), B (+1) · ▼ Giảm hạng: C (−3)' (names escaped; the five biggest moves each way,
    then how many others), or that no rank moved."""
    if not rose and not fell:
        return L.RANK_NO_MOVES
    parts = []
    for moved, label, sign in ((rose, L.RANK_ROSE, "+"), (fell, L.RANK_FELL, "−")):
        if moved:
            names = ", ".join(f"{md_escape(n)} ({sign}{fmt_int(k)})" for n, k in moved[:MOVERS_NAMED])
            if len(moved) > MOVERS_NAMED:
                names += L.RANK_MORE.format(n=fmt_int(len(moved) - MOVERS_NAMED))
            parts.append(label.format(names=names))
    return " · ".join(parts)


def search_units(scored: pd.DataFrame, query: str | None) -> pd.DataFrame:
    """Return the rows whose name contains `query`, accent- and case-insensitively (all rows without a query)."""
    needle = fold_key(query)
    if not needle:
        return scored
    return scored.loc[scored["name"].map(lambda n: needle in fold_key(n))].reset_index(drop=True)


def extremes_text(best: list[str], worst: list[str]) -> str:
    """Return the names of the best and worst five (escaped), for the line above the map."""
    parts = [L.SCORECARD_BEST.format(names=", ".join(md_escape(n) for n in best))] if best else []
    if worst:
        parts.append(L.SCORECARD_WORST_FIVE.format(names=", ".join(md_escape(n) for n in worst)))
    return " · ".join(parts)


def other_rows(other: pd.DataFrame) -> pd.DataFrame:
    """Return the lines that cannot be attributed to a unit with their label, to-handle count and rates."""
    rows = dossier_rates(other)
    return rows.assign(name=rows["key"].map(L.OTHER_LINES), to_handle=rows["received"] + rows["carried_over"])


def other_columns() -> list[Col]:
    """Return the columns of the table of lines not attributed to a unit."""
    return [Col("name", L.COLUMN_LINE), Col("to_handle", L.KPI["to_handle"], fmt_int),
            Col("received", L.KPI["received"], fmt_int), Col("on_time_rate", L.KPI["on_time_rate"], fmt_pct),
            Col("in_progress_overdue", L.KPI["in_progress_overdue"], fmt_int),
            Col("overdue_total", L.KPI["overdue_total"], fmt_int)]


def predecessor_columns() -> list[Col]:
    """Return the columns of the list of a unit's predecessors."""
    return [Col("name", L.UNIT), Col("district", L.COLUMN_DISTRICT),
            Col("merge", L.COLUMN_MERGE, lambda v: L.MERGES.get(v, v))]
