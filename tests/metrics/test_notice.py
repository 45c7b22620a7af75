"""metrics.notice: the laggards a notice names and the agencies it is addressed to, on hand-made frames; inputs are
never changed."""

import pandas as pd
import pytest

from metrics.errors import DomainError
from metrics.notice import addressees, laggards, split_names, tasks_overdue_by_agency

TABLE = pd.DataFrame({"name": ["Sở A", "Sở B", "Sở C", "Sở D"], "overdue_total": [2, 0, 5, 2]})


def test_laggards_are_the_largest_positive_values_in_order():
    assert laggards(TABLE, "overdue_total", 3) == [("Sở C", 5.0), ("Sở A", 2.0), ("Sở D", 2.0)]
    assert laggards(TABLE, "overdue_total", 10) == [("Sở C", 5.0), ("Sở A", 2.0), ("Sở D", 2.0)]  # Sở B has none


def test_laggards_need_the_name_column():
    with pytest.raises(DomainError):
        laggards(TABLE.rename(columns={"name": "agency"}), "overdue_total", 3)


def test_open_overdue_tasks_are_counted_per_lead_agency():
    tasks = pd.DataFrame({"lead_agency": ["Sở A", "Sở B", "Sở A", "Sở B", "Sở C"],
                          "status": ["open_overdue", "done_on_time", "open_overdue", "open_overdue", "done_late"]})
    assert tasks_overdue_by_agency(tasks, 5) == [("Sở A", 2.0), ("Sở B", 1.0)]


def test_addressees_keep_order_and_name_each_once():
    assert addressees(["Chủ tịch"], ["Sở A", "Sở B"], ["sở a", "Sở C"], ["Sở C", "Sở D"], ["Lưu: VT"]) == [
        "Chủ tịch", "Sở A", "Sở B", "Sở C", "Sở D", "Lưu: VT"]


def test_typed_coordinating_agencies_are_split_at_commas_and_semicolons():
    assert split_names(" Sở Tài chính; UBND xã A ,, Sở Nội vụ ") == ["Sở Tài chính", "UBND xã A", "Sở Nội vụ"]
    assert split_names(None) == [] and split_names(float("nan")) == []


def test_laggards_and_task_counts_should_not_side_effect():
    table, tasks = TABLE.copy(), pd.DataFrame({"lead_agency": ["Sở A"], "status": ["open_overdue"]})
    before_table, before_tasks = table.copy(), tasks.copy()
    laggards(table, "overdue_total", 2)
    tasks_overdue_by_agency(tasks, 2)
    pd.testing.assert_frame_equal(table, before_table)
    pd.testing.assert_frame_equal(tasks, before_tasks)
