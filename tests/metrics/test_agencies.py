"""Agencies across the 2025 mergers, on hand-made agencies: successors by date, regrouping, task names."""

from datetime import date

import pandas as pd
import pytest

from metrics.agencies import (
    agencies_in_force,
    agency_successors,
    counted_for,
    regroup_by_successor,
    with_successors,
)
from metrics.errors import DomainError

MARCH, JULY = date(2025, 3, 1), date(2025, 7, 1)


def agencies() -> pd.DataFrame:
    rows = [(1, "Sở TN&MT", None, date(2025, 2, 28)), (2, "Sở NN&PTNT", None, date(2025, 2, 28)),
            (3, "Sở NN&MT", MARCH, None), (4, "Sở TN&MT NT", None, date(2025, 2, 28)),
            (5, "Sở NN&MT NT", MARCH, date(2025, 6, 30)), (6, "Sở Tư pháp", None, None),
            (7, "UBND huyện A", None, date(2025, 6, 30))]
    return pd.DataFrame(rows, columns=["id", "name", "valid_from", "valid_to"])


def lineage() -> pd.DataFrame:
    rows = [(1, 3, MARCH), (2, 3, MARCH), (4, 5, MARCH), (5, 3, JULY)]
    return pd.DataFrame(rows, columns=["old_agency_id", "new_agency_id", "effective"])


def test_successors_follow_the_chain_in_force_on_the_date():
    assert agency_successors(agencies(), lineage(), date(2025, 2, 28)) == {1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7}
    assert agency_successors(agencies(), lineage(), date(2025, 5, 31)) == {1: 3, 2: 3, 3: 3, 4: 5, 5: 5, 6: 6, 7: 7}
    assert agency_successors(agencies(), lineage(), date(2026, 1, 1)) == {1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 6, 7: 7}


def test_agencies_in_force_and_what_a_choice_includes():
    on = date(2026, 1, 1)
    assert agencies_in_force(agencies(), lineage(), on)["id"].tolist() == [3, 6, 7]
    assert agencies_in_force(agencies(), lineage(), date(2024, 6, 1))["id"].tolist() == [1, 2, 4, 6, 7]
    assert counted_for(3, agency_successors(agencies(), lineage(), on)) == (1, 2, 3, 4, 5)


def test_merged_department_totals_equal_the_sum_of_their_predecessors():
    counts = pd.DataFrame({"key": [1, 2, 3, 4, 6, None], "name": ["a", "b", "c", "d", "e", None],
                           "overdue_total": [5, 7, 11, 13, 17, 19], "in_progress_overdue": [1, 2, 3, 4, 5, 6]})
    before = counts.copy()
    names = dict(zip(agencies()["id"], agencies()["name"], strict=True))
    out = regroup_by_successor(counts, agency_successors(agencies(), lineage(), date(2026, 1, 1)), names,
                               ["overdue_total", "in_progress_overdue"])
    assert out.values.tolist()[:2] == [[3, "Sở NN&MT", 5 + 7 + 11 + 13, 1 + 2 + 3 + 4], [6, "Sở Tư pháp", 17, 5]]
    assert pd.isna(out["key"].iloc[2]) and out["overdue_total"].iloc[2] == 19
    assert out["overdue_total"].sum() == counts["overdue_total"].sum()
    pd.testing.assert_frame_equal(counts, before)


def test_tasks_count_for_the_successor_and_keep_the_name_they_were_given():
    tasks = pd.DataFrame({"lead_agency_id": [1, 6], "lead_agency": ["Sở TN&MT", "Sở Tư pháp"]})
    names = dict(zip(agencies()["id"], agencies()["name"], strict=True))
    out = with_successors(tasks, agency_successors(agencies(), lineage(), date(2026, 1, 1)), names)
    assert out["lead_agency_id"].tolist() == [3, 6]
    assert out["lead_agency"].tolist() == ["Sở NN&MT", "Sở Tư pháp"]
    assert [v if isinstance(v, str) else None for v in out["lead_agency_was"]] == ["Sở TN&MT", None]


def test_missing_columns_raise_a_domain_error():
    with pytest.raises(DomainError):
        agency_successors(agencies().drop(columns=["valid_from"]), lineage(), MARCH)
