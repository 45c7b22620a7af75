"""The last count stays on screen while a new load is counted (ui.recount): a fresh answer when it is ready, the
earlier load's answer (marked, with its load time) while the new one is counted once in the background, a wait when
there is nothing earlier, failures reaching the viewer, and answers never crossing families (a commune's scope)."""

import threading
import time

import pytest
from sqlalchemy import create_engine

from data_access.figures.source import LiveSource, Scope
from ui import recount
from ui.recount import Ask, forget_counts, latest, latest_together, ready

FIRST_LOAD, SECOND_LOAD = "2026-12-01T01:30:00+00:00", "2026-12-03T02:00:00+00:00"


@pytest.fixture
def engine():
    forget_counts()
    engine = create_engine("sqlite://")
    yield engine
    engine.dispose()
    forget_counts()


def _source(engine, loaded_at: str, scope: Scope | None = None) -> LiveSource:
    return LiveSource(engine, f"db|{loaded_at}|", None, None, scope, family="db|live", loaded_at=loaded_at)


class Gate:
    """A count that returns `value` once opened, and remembers how many times it was started."""

    def __init__(self, value) -> None:
        self.value, self.started, self.opened = value, 0, threading.Event()

    def __call__(self):
        self.started += 1
        assert self.opened.wait(10)
        return self.value


def _until_ready(source, name="stages", args=(1,)) -> None:
    deadline = time.monotonic() + 10
    while not ready(source, name, args):
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_a_count_ready_in_time_is_fresh_and_kept(engine):
    first = _source(engine, FIRST_LOAD)
    calls = []
    answer = latest(first, "stages", (1,), lambda: calls.append(1) or "mùng 1")
    assert (answer.value, answer.fresh, answer.loaded_at) == ("mùng 1", True, FIRST_LOAD)
    again = latest(first, "stages", (1,), lambda: calls.append(1) or "lần hai")
    assert (again.value, again.fresh) == ("mùng 1", True) and calls == [1]
    assert ready(first, "stages", (1,)) and not ready(first, "stages", (2,))


def test_after_a_new_load_the_earlier_answer_stands_in_until_the_new_one_is_counted(engine):
    first, second = _source(engine, FIRST_LOAD), _source(engine, SECOND_LOAD)
    latest(first, "stages", (1,), lambda: "mùng 1")
    gate = Gate("mùng 3")
    shown = [latest(second, "stages", (1,), gate, wait=0.05) for _ in range(3)]  # three viewers ask
    assert [(a.value, a.fresh, a.loaded_at) for a in shown] == [("mùng 1", False, FIRST_LOAD)] * 3
    assert gate.started == 1 and not ready(second, "stages", (1,))  # counted once, in the background
    gate.opened.set()
    _until_ready(second)
    answer = latest(second, "stages", (1,), lambda: pytest.fail("counted twice"))
    assert (answer.value, answer.fresh, answer.loaded_at) == ("mùng 3", True, SECOND_LOAD)
    # issue #29 §2: the previous load's answer is kept beside the new one (pages show it until they switch), no more
    assert ready(first, "stages", (1,))
    latest(_source(engine, "2026-12-03T08:00:00"), "stages", (1,), lambda: "mùng 5")
    assert not ready(first, "stages", (1,)) and ready(second, "stages", (1,))


def test_with_nothing_earlier_the_viewer_waits_for_the_count(engine):
    gate = Gate("mùng 3")
    threading.Timer(0.2, gate.opened.set).start()
    answer = latest(_source(engine, SECOND_LOAD), "stages", (1,), gate, wait=0.01)
    assert (answer.value, answer.fresh) == ("mùng 3", True)


def test_a_failed_count_reaches_the_viewer_and_is_tried_again(engine):
    source = _source(engine, FIRST_LOAD)

    def broken():
        raise RuntimeError("cơ sở dữ liệu không trả lời")

    with pytest.raises(RuntimeError, match="không trả lời"):
        latest(source, "stages", (1,), broken)
    assert latest(source, "stages", (1,), lambda: "lần hai").value == "lần hai"


def test_an_answer_never_crosses_into_another_scope_or_question(engine):
    latest(_source(engine, FIRST_LOAD), "stages", (1,), lambda: "toàn tỉnh")
    commune = _source(engine, SECOND_LOAD, Scope((7, 8)))
    assert commune.family == "db|live|units:7,8"
    gate = Gate("xã")
    threading.Timer(0.2, gate.opened.set).start()
    answer = latest(commune, "stages", (1,), gate, wait=0.01)  # nothing of its own earlier: it waits
    assert (answer.value, answer.fresh) == ("xã", True)
    other = latest(_source(engine, SECOND_LOAD), "overdue_codes", (1,), lambda: ("HS-1",), wait=5)
    assert other.value == ("HS-1",)


def test_answers_kept_are_bounded(engine, monkeypatch):
    monkeypatch.setattr(recount, "MAX_QUESTIONS", 3)
    source = _source(engine, FIRST_LOAD)
    for n in range(5):
        latest(source, "stages", (n,), lambda n=n: n)
    assert [ready(source, "stages", (n,)) for n in range(5)] == [False, False, True, True, True]


def test_questions_asked_together_are_counted_at_the_same_time_and_stand_in_together(engine):
    first, second = _source(engine, FIRST_LOAD), _source(engine, SECOND_LOAD)
    latest_together(first, [Ask("stages", (1,), lambda: "bảng 1"), Ask("overdue_codes", (1,), lambda: ("HS-1",))])
    stages, codes = Gate("bảng 3"), Gate(("HS-3",))
    seen = []

    def watching():  # the first count, holding until the second one has started too
        deadline = time.monotonic() + 10
        while codes.started == 0:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        seen.append(codes.started)
        return stages()

    shown = latest_together(second, [Ask("stages", (1,), watching), Ask("overdue_codes", (1,), codes)], wait=0.05)
    assert [(a.value, a.fresh) for a in shown] == [("bảng 1", False), (("HS-1",), False)]
    stages.opened.set()
    codes.opened.set()
    _until_ready(second)
    _until_ready(second, "overdue_codes")
    assert seen == [1]
    assert [a.value for a in latest_together(second, [Ask("stages", (1,), watching),
                                                      Ask("overdue_codes", (1,), codes)])] == ["bảng 3", ("HS-3",)]


def test_a_task_recorded_in_the_app_does_not_make_the_dossier_figures_stale(engine):
    loaded = _source(engine, FIRST_LOAD)
    latest(loaded, "stages", (1,), lambda: "bảng 1")
    task_added = LiveSource(engine, f"db|{FIRST_LOAD}|2026-12-03T09:00:00", None, None, family="db|live",
                            loaded_at=FIRST_LOAD)  # another key: the tasks changed, the dossiers did not
    assert task_added.key != loaded.key and task_added.load_key == loaded.load_key
    answer = latest(task_added, "stages", (1,), lambda: pytest.fail("counted again"))
    assert (answer.value, answer.fresh) == ("bảng 1", True)
