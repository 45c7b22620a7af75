"""After a new load nobody waits: every page keeps showing the previous load, whole and labelled, while the new load's
default views are counted once per process in the background; then every page switches at once (issue #29 §2).

Per database and scope the process keeps the live Source every page shows. When the data's key moves:
- a change of tasks alone (a conclusion recorded in the app) switches at once: tasks are cheap to read again;
- a new load of dossiers starts counting the new load's default views (ui.warm) in a background thread, once per
  process, and seals the Source shown until then (data_access.figures.source.Source.seal): what it had counted stays
  in the caches and is shown, whole, under a line naming its load; any read it had not counted raises NotCounted
  instead of reading the new data, and that viewer is switched to the new load at once (it waits for its view, as
  before);
- when the count is done every viewer gets the new load on its next run; a page showing the previous load asks
  every few seconds whether it may switch (ui.sidebar).

The test hook HOLD keeps a finished count from switching until a test releases it; `wait` joins a count under way.
What is kept here is shared by every session of the process and never changed by its users.
"""

import logging
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from data_access.figures.source import Source

log = logging.getLogger(__name__)
HOLD = threading.Event()  # cleared by a test: a finished count waits for it before every page switches
HOLD.set()


@dataclass
class _Slot:
    """The live Source every page of one database and scope shows, and the new load being counted."""

    shown: Source
    pending: Source | None = None
    counted: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None


@dataclass(frozen=True)
class Chosen:
    """The Source a run reads, and when it is the previous load: the key of the new one being counted."""

    source: Source
    newer: str | None = None  # the new load's key while the previous one is shown


_slots: dict[Hashable, _Slot] = {}
_lock = threading.Lock()


def _count(done: threading.Event, new: Source, shown: Source, warm: Callable[[Source, Source], None]) -> None:
    try:
        warm(new, shown)
    except Exception:  # noqa: BLE001 - a view that fails to count is counted again by its first viewer, as before
        log.exception("counting the new load's default views failed: %r", new)
    HOLD.wait()
    done.set()


def choose(place: Hashable, new: Source, warm: Callable[[Source, Source], None], fresh_asked: bool = False) -> Chosen:
    """Return the Source a run at `place` (database and scope) reads when the data's key is `new`'s: `new` itself,
    or the previous load while `warm(new, previous)` counts `new`'s default views in the background (`fresh_asked`:
    this session asked for a view that load had not counted, so it reads `new` at once)."""
    with _lock:
        slot = _slots.get(place)
        if slot is None or slot.shown.key == new.key or slot.shown.load_key == new.load_key:
            _slots[place] = _Slot(new)  # the first run, the same data, or only tasks changed
            return Chosen(new)
        if slot.pending is not None and slot.pending.key == new.key:
            if slot.counted.is_set():
                _slots[place] = _Slot(new)  # counted: every page switches
                return Chosen(new)
        else:
            slot.pending, slot.counted = new, threading.Event()
            slot.thread = threading.Thread(target=_count, args=(slot.counted, new, slot.shown, warm),
                                           name="recount-load",
                                           daemon=True)
            slot.thread.start()
        slot.shown.seal()  # the database now holds the new load: only what was counted may be shown
        shown = slot.shown
    return Chosen(new) if fresh_asked else Chosen(shown, new.key)


def counted(place: Hashable, key: str) -> bool:
    """Return True when the new load `key` is counted at `place` (a page showing the previous one may switch)."""
    with _lock:
        slot = _slots.get(place)
    return slot is None or slot.pending is None or slot.pending.key != key or slot.counted.is_set()


def wait(timeout: float | None = None) -> bool:
    """Return True when every count under way has finished within `timeout` (tests; HOLD must be set)."""
    with _lock:
        threads = [slot.thread for slot in _slots.values() if slot.thread is not None]
    for thread in threads:
        thread.join(timeout)
    return not any(thread.is_alive() for thread in threads)


def forget() -> None:
    """Drop every slot (tests): the next run of each place reads the data's current key."""
    with _lock:
        _slots.clear()
