"""What the draft conclusion notice names: the laggards of a frozen table and the agencies it is addressed to. Pure:
frames in, new frames or lists out."""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from metrics.errors import DomainError
from metrics.indexes import period_start
from metrics.kpis import rank_change, top_n
from metrics.tasks import open_overdue_by
from texts import messages as M
from texts.notice import KEEP_CAPITAL

RANK_YEARS = 2  # a notice gives the index results of the cut-off's year and the two before it, no older


@dataclass(frozen=True)
class Suggestion:
    """A standard directive the figures call for: `kind` "apology" (items: agencies and their overdue dossiers
    without an apology letter) or "tasks" (items: the documents of `agency`'s open overdue tasks, with counts)."""

    key: str  # stable within a meeting: what the Office's accept or drop is kept under
    kind: str
    agency: str
    items: tuple[tuple[str, int], ...]
    total: int


def laggards(table: pd.DataFrame, column: str, n: int, name: str = "name") -> list[tuple[str, float]]:
    """Return up to n (name, value) pairs with the largest positive `column`, largest first (ties keep table order)."""
    if name not in table.columns:
        raise DomainError(M.MISSING_COLUMN.format(column=name))
    top = top_n(table, column, n)
    return [(str(row[name]), float(row[column])) for _, row in top.iterrows()]


def tasks_overdue_by_agency(classified: pd.DataFrame, n: int) -> list[tuple[str, float]]:
    """Return up to n (lead agency, open overdue tasks) pairs, most first, from classified tasks
    (metrics.tasks.classify_tasks, with `lead_agency` as counted on the day)."""
    counts = open_overdue_by(classified, "lead_agency")
    return laggards(counts, "overdue_tasks", n, "lead_agency")


def addressees(fixed_before: list[str], leads: list[str], coordinating: list[str], fixed_after: list[str]) -> list[str]:
    """Return the notice's recipients in order (fixed lines, lead agencies, named coordinating agencies, closing
    lines), each once."""
    seen: dict[str, None] = {}
    for name in [*fixed_before, *leads, *coordinating, *fixed_after]:
        cleaned = " ".join(str(name).split())
        if cleaned and cleaned.casefold() not in {k.casefold() for k in seen}:
            seen[cleaned] = None
    return list(seen)


def split_names(text: object) -> list[str]:
    """Return the agency names of a typed 'coordinating agencies' field split at commas and semicolons."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    return [part.strip() for part in str(text).replace(";", ",").split(",") if part.strip()]


def recent_ranks(ranks: pd.DataFrame, cutoff: date) -> pd.DataFrame:
    """Return the rank rows (reports.pack_data.ranks_of) whose period starts in the cut-off's year or the RANK_YEARS
    before it (new frame): a 2019 result has no place in a 2026 notice."""
    if ranks.empty:
        return ranks.copy()
    years = ranks["period"].map(lambda p: period_start(str(p)).year)
    return ranks.loc[years >= cutoff.year - RANK_YEARS].reset_index(drop=True)


def rank_move(row: dict) -> int | None:
    """Return the places an index rank moved up (positive) since its previous result, or None when there is none or
    it was out of another number of provinces (no move in places is comparable then)."""
    previous, field = row.get("previous_rank"), row.get("previous_n_ranked")
    if previous is None or pd.isna(previous) or field is None or pd.isna(field) or int(field) != int(row["n_ranked"]):
        return None
    return rank_change(int(row["rank"]), int(previous))


def named_once(agencies: list[tuple[str, float]], units: list[tuple[str, float]],
               agency_of_unit: str = "UBND {unit}") -> list[tuple[str, float]]:
    """Return the units not already named through their own People's Committee among `agencies` (matched
    case-insensitively as agency_of_unit), so that a place is named once."""
    named = {name.casefold() for name, _ in agencies}
    return [(unit, n) for unit, n in units if agency_of_unit.format(unit=unit).casefold() not in named]


def apology_suggestion(by_agency: pd.DataFrame) -> Suggestion | None:
    """Return the directive to the agencies whose overdue dossiers lack an apology letter (by_agency: name,
    overdue_total, late_with_apology), most first; None when every one has its letter."""
    missing = by_agency.assign(without=by_agency["overdue_total"].fillna(0) - by_agency["late_with_apology"].fillna(0))
    missing = missing.loc[missing["without"] > 0].sort_values(["without", "name"], ascending=[False, True],
                                                               kind="stable")
    if missing.empty:
        return None
    items = tuple((str(name), int(n)) for name, n in zip(missing["name"], missing["without"], strict=True))
    return Suggestion("xin_loi", "apology", "", items, sum(n for _, n in items))


def task_suggestions(classified: pd.DataFrame) -> list[Suggestion]:
    """Return one directive per lead agency with open overdue tasks (metrics.tasks.classify_tasks), most tasks first,
    each listing its tasks' document numbers (most tasks first, then by number)."""
    overdue = classified.loc[classified["status"] == "open_overdue"]
    found = []
    for agency, rows in overdue.groupby("lead_agency", sort=True):
        counts = rows["doc_number"].astype(str).value_counts()
        documents = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        found.append(Suggestion(f"nhiem_vu:{agency}", "tasks", str(agency),
                                tuple((number, int(n)) for number, n in documents), len(rows)))
    return sorted(found, key=lambda s: (-s.total, s.agency))


def lowercase_start(text: str, keep: tuple[str, ...] = KEEP_CAPITAL) -> str:
    """Return text with its first letter lowercased when its first word is an ordinary capitalised word ("Phải" →
    "phải"; "UBND" and the first words of names in `keep` kept), so that it follows a category: "Các cơ quan, đơn
    vị, địa phương phải …"."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower() and first not in keep:
        return first[0].lower() + text[1:]
    return text
