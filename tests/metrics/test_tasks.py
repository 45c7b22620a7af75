"""DOMAIN §4 on 10 hand-made tasks as of 31/03/2024 (see fixtures for each task's dates)."""

from datetime import date

import pandas as pd
import pytest

from metrics.errors import DomainError
from metrics.tasks import classify_tasks, due_soon, filter_tasks, overdue_ageing, overdue_list, status_counts
from tests.metrics.fixtures import task_frame

AS_OF = date(2024, 3, 31)


def test_four_way_status_and_no_deadline():
    classified = classify_tasks(task_frame(), AS_OF).set_index("code")
    assert "T8" not in classified.index  # issued after the as-of date
    assert classified["status"].to_dict() == {
        "T1": "done_on_time",
        "T2": "done_on_time",  # completed on the deadline
        "T3": "done_late",
        "T4": "open_overdue",
        "T5": "open_within_deadline",  # deadline is the as-of date
        "T6": "open_overdue",  # completed after the as-of date
        "T7": "no_deadline",
        "T9": "open_within_deadline",
        "T10": "open_within_deadline",
    }
    assert classified.loc["T3", "days_overdue"] == 5
    assert classified.loc["T4", "days_overdue"] == 11
    assert classified.loc["T6", "days_overdue"] == 59  # 1/2 → 31/3 in a leap year


def test_status_counts_total_and_per_agency_worst_first():
    classified = classify_tasks(task_frame(), AS_OF)
    total = status_counts(classified).iloc[0].to_dict()
    assert total == {"done_on_time": 2, "done_late": 1, "open_within_deadline": 3,
                     "open_overdue": 2, "no_deadline": 1, "total": 9}
    per_agency = status_counts(classified, by="lead_agency")
    assert per_agency["lead_agency"].tolist() == ["Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Tư pháp"]
    assert per_agency.iloc[0]["open_overdue"] == 2


def test_overdue_list_due_soon_and_ageing():
    classified = classify_tasks(task_frame(), AS_OF)
    assert overdue_list(classified)["code"].tolist() == ["T6", "T4"]
    soon = due_soon(classified, AS_OF, 7)
    assert soon["code"].tolist() == ["T5", "T9"] and soon["days_left"].tolist() == [0, 3]
    assert overdue_ageing(classified).set_index("bucket")["count"].to_dict() == {
        "1-5": 0, "6-15": 1, "16-30": 0, ">30": 1}


def test_filters_are_allowlisted():
    classified = classify_tasks(task_frame(), AS_OF)
    assert filter_tasks(classified, "doc_number", ["455/TB-UBND"])["code"].tolist() == ["T1", "T2", "T3", "T7"]
    assert len(filter_tasks(classified, "leader", [])) == 9
    with pytest.raises(DomainError):
        filter_tasks(classified, "content; DROP", ["x"])


def test_classify_tasks_should_not_side_effect():
    tasks = task_frame()
    before = tasks.copy(deep=True)
    classified = classify_tasks(tasks, AS_OF)
    status_counts(classified, by="lead_agency")
    due_soon(classified, AS_OF, 7)
    pd.testing.assert_frame_equal(tasks, before)
    assert "status" not in tasks.columns


def test_status_long_and_overdue_by():
    from metrics.tasks import open_overdue_by, status_long

    classified = classify_tasks(task_frame(), AS_OF)
    long = status_long(status_counts(classified, by="lead_agency"), "lead_agency")
    agri = long.loc[long["lead_agency"] == "Sở Nông nghiệp và Môi trường"]
    assert agri[["status", "count"]].values.tolist() == [["open_overdue", 2]]
    assert long["count"].sum() == 9
    by_agency = open_overdue_by(classified, "lead_agency")
    assert by_agency.values.tolist() == [["Sở Nông nghiệp và Môi trường", 2]]


def test_tasks_within_a_filter_and_without_side_effect():
    import pandas as pd

    from metrics.tasks import tasks_within

    tasks = pd.DataFrame({"id": [1, 2, 3, 4], "lead_agency_id": [10, 11, 10, 12], "lead_unit_id": [None, 5, 6, 5]})
    before = tasks.copy()
    assert tasks_within(tasks)["id"].tolist() == [1, 2, 3, 4]
    assert tasks_within(tasks, agency_ids=(10,))["id"].tolist() == [1, 3]
    assert tasks_within(tasks, unit_ids=(5,))["id"].tolist() == [2, 4]
    assert tasks_within(tasks, agency_ids=(10, 11), unit_ids=(5, 6))["id"].tolist() == [2, 3]
    pd.testing.assert_frame_equal(tasks, before)


def test_the_tasks_chart_keeps_the_agencies_that_matter_then_the_others():
    import pandas as pd

    from metrics.tasks import top_groups

    counts = pd.DataFrame({"lead_agency": ["A", "B", "C", "D"], "open_overdue": [5, 3, 1, 0],
                           "done_late": [0, 1, 2, 4], "total": [5, 4, 3, 4]})
    before = counts.copy()
    kept = top_groups(counts, "lead_agency", 2, "Các cơ quan khác")
    assert kept.values.tolist() == [["A", 5, 0, 5], ["B", 3, 1, 4], ["Các cơ quan khác", 1, 6, 7]]
    assert top_groups(counts, "lead_agency", 4, "x").equals(counts)
    pd.testing.assert_frame_equal(counts, before)
