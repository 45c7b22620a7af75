"""The last count stays on screen while a new load is counted.

The stage analysis of a period reads every step of its dossiers: seconds at 3 M dossiers, and up to half a minute
when thirty viewers and an import share the machine. A new load changes the Source's key, so every cache keyed on it
starts empty and the first viewer after an import used to wait for the whole recount. Here each process keeps, per
question (the Source's family, what is asked and its arguments), the last answer it finished counting:

- the answer for the Source's own key is returned at once;
- else the count for that key starts in the background (once per process, whoever asks) and the viewer waits up
  to a moment (`WAIT_S`) after it started for it (so the moment is waited once, not by every viewer);
- if it is not ready by then and an answer of an earlier load exists, that answer is returned whole, marked as not
  fresh and with the time of its load, so the page can say so; the new one replaces it as soon as it is counted;
- with no earlier answer, the viewer waits for the count, as before.

Answers are keyed on the dossier data's load (`Source.load_key`), so it holds only figures of dossiers and their
steps: a task recorded in the app does not make them stale. A rerun, a page switch or a closed browser does not stop
a count under way: it is finished and kept for the next viewer. What is kept is shared between threads and must
never be changed by its users.
"""

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as Pending
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from data_access.figures.source import Source

WAIT_S = 1.5  # how long a viewer waits for a new count before the previous load's answer is shown instead
COUNT_WAIT_S = 3600.0  # how long a count of a new load's default views (ui.warm) waits for one answer
MAX_QUESTIONS = 64  # answers kept per process (a stage analysis is a few small frames)
WORKERS = 2  # counts under way at once per process (each holds a database connection)
T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Counted(Generic[T]):
    """An answer, whether it was counted on the data the viewer's Source names, and the load it was counted on."""

    value: T
    fresh: bool
    loaded_at: str | None  # the last load of the data it was counted on (ISO, UTC), when known


LOADS_KEPT = 2  # answers kept per question: the load every page shows and the new one counted beside it (ui.loads)
# question -> {load key -> (answer, loaded_at)}, the latest counted last
_done: OrderedDict[Hashable, OrderedDict[str, tuple[Any, str | None]]] = OrderedDict()
_running: dict[tuple[Hashable, str], tuple[Future, float]] = {}  # (question, key) -> (count, when it started)
_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def _workers() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="recount")
    return _pool


def _count(question: Hashable, key: str, loaded_at: str | None, compute: Callable[[], T]) -> T:
    """Return compute()'s answer, kept as the question's latest before the count is marked done."""
    try:
        value = compute()
    except BaseException:
        log.exception("count failed: %r", question)
        with _lock:
            _running.pop((question, key), None)
        raise
    with _lock:
        kept = _done.setdefault(question, OrderedDict())
        kept[key] = (value, loaded_at)
        kept.move_to_end(key)
        while len(kept) > LOADS_KEPT:
            kept.popitem(last=False)
        _done.move_to_end(question)
        while len(_done) > MAX_QUESTIONS:
            _done.popitem(last=False)
        _running.pop((question, key), None)
    return value


@dataclass(frozen=True)
class Ask(Generic[T]):
    """One question of a Source: a name, its arguments (hashable) and how to count its answer."""

    name: str
    args: tuple
    compute: Callable[[], T]


def _begin(source: Source, ask: Ask) -> tuple[tuple | None, Future | None, float]:
    """Return (the kept answer (key, answer, loaded_at): the Source's own, else the latest of another load, or None;
    the count under way for the Source's key or None when the kept one is its own; when that count started),
    starting the count when nobody has."""
    question, key = (source.family, ask.name, ask.args), source.load_key
    with _lock:
        kept = _done.get(question)
        if kept is not None and key in kept:
            _done.move_to_end(question)
            return (key, *kept[key]), None, 0.0
        done = None
        if kept:
            other = next(reversed(kept))
            done = (other, *kept[other])
        future, started = _running.get((question, key), (None, 0.0))
        if future is None:
            future = _workers().submit(_count, question, key, source.loaded_at, ask.compute)
            future_started = time.monotonic()
            _running[(question, key)] = future, future_started
            return done, future, future_started
        return done, future, started


def latest_together(source: Source, asks: list[Ask], wait: float | None = None) -> list[Counted]:
    """Return each ask's answer for `source` when it is counted within `wait` seconds of its count's start (WAIT_S by
    default; fresh), else the answer kept for an earlier load of the same family, name and args (not fresh); with
    none, wait for the count. Every count starts before any is waited for, so the moment is waited once."""
    begun = [_begin(source, ask) for ask in asks]
    moment = WAIT_S if wait is None else wait
    answers = []
    for done, future, started in begun:
        if future is None:
            answers.append(Counted(done[1], True, done[2]))
        elif done is None:
            answers.append(Counted(future.result(), True, source.loaded_at))
        else:
            try:
                left = max(0.0, started + moment - time.monotonic())
                answers.append(Counted(future.result(timeout=left), True, source.loaded_at))
            except Pending:
                answers.append(Counted(done[1], False, done[2]))
    return answers


def latest(source: Source, name: str, args: tuple, compute: Callable[[], T], wait: float | None = None) -> Counted[T]:
    """Return one answer as latest_together does."""
    return latest_together(source, [Ask(name, args, compute)], wait)[0]


def ready(source: Source, name: str, args: tuple) -> bool:
    """Return True when the answer for `source`'s own load is kept (a page showing an earlier one may redraw)."""
    with _lock:
        kept = _done.get((source.family, name, args))
    return kept is not None and source.load_key in kept


def forget_counts() -> None:
    """Drop every kept answer (tests; counts under way finish and are kept)."""
    with _lock:
        _done.clear()
