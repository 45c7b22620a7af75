"""The counting rules of DOMAIN §3, declared once: a dossier's events, and each figure as sums of them.

A dossier adds 1 to counters on a few days (`events`): the day it was received, the day it closed, the day after
its due date. A figure of a period [s, e] is a signed sum of counters over the days in the period, up to its end
or before its start (`FIGURES`). The declarations are written on a `Dossier`, any object whose attributes are
dates and conditions that take `& | ~` and comparisons: numpy arrays (metrics.rollup, the rollup of dossiers in
memory) and SQLAlchemy column expressions (data_access.figures.counting_sql: the rollup in SQL and a period's figures
straight from dossier rows) both do. Conditions a Dossier gives are never unknown (no SQL NULL), so `~` means not.
"""

from dataclasses import dataclass
from typing import Any, Protocol

DAYS = ("received", "result", "day_after_due")  # what dates an event
WINDOWS = ("period", "to_end", "before_start")  # days in [s, e], days ≤ e, days < s


class Dossier(Protocol):
    """The dossier attributes the rules read: dates (compared) and conditions (combined with & | ~)."""

    received: Any  # received on
    due: Any  # due on (may be missing: then every comparison with it is false)
    result: Any  # closed on (resolved or ended; missing while in progress)
    day_after_due: Any  # the first day the dossier can be overdue
    everyone: Any  # true for every dossier
    closed: Any  # has a result date
    has_due: Any
    ended: Any  # ended without result (Từ chối, Trả lại, …)
    online: Any
    postal: Any
    synced: Any
    apology: Any
    digitised: Any
    waiting_supplement: Any


@dataclass(frozen=True)
class Event:
    """One kind of event: dated on the dossier's `day`, present when `when`, adding 1 to each counter whose
    condition holds (counters not named add 0)."""

    day: str
    when: Any
    counters: dict[str, Any]


def events(x: Dossier) -> tuple[Event, ...]:
    """Return the events of a dossier: every counter of the rollup, with its day and condition."""
    resolved = x.closed & ~x.ended
    past_due = x.closed & x.has_due & (x.result > x.due)
    by_due = x.closed & x.has_due & (x.result <= x.due)
    late = resolved & x.has_due & (x.result > x.due)
    return (
        Event("received", x.everyone, {
            "n_received": x.everyone, "n_received_online": x.online, "n_received_postal": x.postal,
            "n_received_synced": x.synced, "n_open_supplement": ~x.closed & x.waiting_supplement}),
        Event("result", x.closed, {
            "n_closed": x.closed, "n_resolved": resolved,
            "n_resolved_early": resolved & x.has_due & (x.result < x.due),
            "n_resolved_on_day": resolved & x.has_due & (x.result == x.due), "n_resolved_late": late,
            "n_resolved_digitised": resolved & x.digitised, "n_ended": x.closed & x.ended,
            "n_late_apology": late & x.apology}),
        Event("day_after_due", x.has_due, {"n_due": x.has_due, "n_due_apology": x.has_due & x.apology}),
        Event("result", past_due, {
            "n_cleared_after_due": past_due, "n_cleared_after_due_apology": past_due & x.apology}),
        Event("day_after_due", by_due, {
            "n_cleared_by_due": by_due, "n_cleared_by_due_apology": by_due & x.apology}),
    )


@dataclass(frozen=True)
class Term:
    """`sign` × the sum of `counter` over the days of `window` (of land/environment fields only with land_env)."""

    sign: int
    window: str
    counter: str
    land_env: bool = False


def _terms(window: str, *counters: str, land_env: bool = False) -> tuple[Term, ...]:
    """Return the terms of counters summed over one window; a counter written "-n_x" is taken away."""
    return tuple(Term(-1 if c.startswith("-") else 1, window, c.lstrip("-"), land_env) for c in counters)


_OPEN_OVERDUE = ("n_due", "-n_cleared_after_due", "-n_cleared_by_due")
FIGURES: dict[str, tuple[Term, ...]] = {
    "received": _terms("period", "n_received"),
    "received_online": _terms("period", "n_received_online"),
    "received_postal": _terms("period", "n_received_postal"),
    "received_synced": _terms("period", "n_received_synced"),
    "carried_over": _terms("before_start", "n_received", "-n_closed"),
    "resolved": _terms("period", "n_resolved"),
    "resolved_early": _terms("period", "n_resolved_early"),
    "resolved_on_day": _terms("period", "n_resolved_on_day"),
    "resolved_late": _terms("period", "n_resolved_late"),
    "resolved_digitised": _terms("period", "n_resolved_digitised"),
    "ended_without_result": _terms("period", "n_ended"),
    "in_progress": _terms("to_end", "n_received", "-n_closed"),
    "in_progress_overdue": _terms("to_end", *_OPEN_OVERDUE),
    "in_progress_supplement": _terms("to_end", "n_open_supplement"),
    "overdue_total": _terms("period", "n_resolved_late") + _terms("to_end", *_OPEN_OVERDUE),
    "overdue_land_env": (_terms("period", "n_resolved_late", land_env=True)
                         + _terms("to_end", *_OPEN_OVERDUE, land_env=True)),
    "late_with_apology": (_terms("period", "n_late_apology")
                          + _terms("to_end", "n_due_apology", "-n_cleared_after_due_apology",
                                   "-n_cleared_by_due_apology")),
}
"""Each figure of COUNT_COLUMNS (metrics.dossiers) as signed sums of counters (see metrics.rollup's docstring)."""

COUNTERS: tuple[str, ...] = (
    "n_received", "n_received_online", "n_received_postal", "n_received_synced", "n_open_supplement",
    "n_closed", "n_resolved", "n_resolved_early", "n_resolved_on_day", "n_resolved_late", "n_resolved_digitised",
    "n_ended",
    "n_late_apology", "n_due", "n_due_apology", "n_cleared_after_due", "n_cleared_after_due_apology",
    "n_cleared_by_due", "n_cleared_by_due_apology",
)
"""The rollup's counters, in the order of its columns (a new counter goes last: the tables have these columns)."""


def counter_events(x: Dossier) -> dict[str, tuple[str, Any]]:
    """Return counter → (the day that dates it, the condition for a dossier to add 1 to it)."""
    out = {}
    for event in events(x):
        for name, condition in event.counters.items():
            out[name] = (event.day, event.when & condition)
    return out
