"""Meeting comparisons: exact changes of frozen figures, tasks newly overdue and closed between two meetings."""

from datetime import date

import pandas as pd
import pytest

from metrics.errors import DomainError
from metrics.meetings import MEETING_FIGURES, compare_figures, task_changes


def _figures(on_time: float, overdue_tasks: int) -> dict:
    dossiers = {key: 1 for section, key in MEETING_FIGURES if section == "dossiers"}
    dossiers["on_time_rate"] = on_time
    tasks = {key: 0 for section, key in MEETING_FIGURES if section == "tasks"}
    tasks["open_overdue"] = overdue_tasks
    return {"dossiers": dossiers, "tasks": tasks}


def test_compare_figures_gives_exact_changes_and_blanks_without_a_previous_meeting():
    table = compare_figures(_figures(0.95, 7), _figures(0.9, 10)).set_index("key")
    assert table.loc["on_time_rate", "change"] == pytest.approx(0.05)
    assert table.loc["open_overdue", ["now", "before", "change"]].tolist() == [7, 10, -3]
    first = compare_figures(_figures(0.95, 7), None)
    assert first["before"].isna().all() and first["change"].isna().all()
    assert len(first) == len(MEETING_FIGURES)


def test_task_changes_between_two_meetings():
    tasks = pd.DataFrame({
        "id": [1, 2, 3, 4],
        "doc_date": pd.to_datetime(["2026-10-01"] * 4),
        "deadline": pd.to_datetime(["2026-11-10", "2026-11-18", "2026-11-05", "2026-12-30"]),
        "completed_on": pd.to_datetime([None, None, "2026-11-19", None]),
    })
    before = tasks.copy(deep=True)
    newly, closed = task_changes(tasks, date(2026, 11, 16), date(2026, 11, 23))
    assert newly["id"].tolist() == [2]  # 1 was already overdue on 16/11; 3 was closed; 4 is not due
    assert closed["id"].tolist() == [3]
    pd.testing.assert_frame_equal(tasks, before)  # should not side effect
    with pytest.raises(DomainError):
        task_changes(tasks, date(2026, 11, 23), date(2026, 11, 16))
