"""What the draft conclusion notice names: the laggards of a frozen table and the agencies it is addressed to. Pure:
frames in, new frames or lists out."""

import pandas as pd

from metrics.errors import DomainError
from metrics.kpis import top_n
from metrics.tasks import open_overdue_by
from texts import messages as M


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


def addressees(fixed_before: list[str], leads: list[str], coordinating: list[str], urged: list[str],
               fixed_after: list[str]) -> list[str]:
    """Return the notice's recipients in order (fixed lines, lead agencies, named coordinating agencies, agencies
    urged, closing lines), each once."""
    seen: dict[str, None] = {}
    for name in [*fixed_before, *leads, *coordinating, *urged, *fixed_after]:
        cleaned = " ".join(str(name).split())
        if cleaned and cleaned.casefold() not in {k.casefold() for k in seen}:
            seen[cleaned] = None
    return list(seen)


def split_names(text: object) -> list[str]:
    """Return the agency names of a typed 'coordinating agencies' field split at commas and semicolons."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    return [part.strip() for part in str(text).replace(";", ",").split(",") if part.strip()]
