"""The early warning of a filter counted from the dossiers a meeting listed (issue #31): per agency holding them, per
field and per unit, and the tasks due in the window; hand-made, the inputs never changed."""

from datetime import date

import pandas as pd
import pytest

from metrics.early_warning import breakdowns
from metrics.errors import DomainError
from metrics.tasks import open_tasks_due

LISTED = pd.DataFrame({"code": ["A", "B", "C", "D"], "agency": ["Sở Y", "Sở X", "Sở Y", "Sở X"],
                       "land_env": [1, 0, 1, 1]})
CHOSEN = pd.DataFrame({"code": ["A", "B", "C", "D"], "unit_id": [7, None, 7, 8],
                       "field": ["Đất đai", "Hộ tịch", "Đất đai", "Môi trường"], "land_env": [1, 0, 1, 1]})


def test_breakdowns_count_as_sql_groups_them():
    by_agency, by_field, by_unit = breakdowns(LISTED, CHOSEN)
    assert by_agency.values.tolist() == [["Sở X", 2, 1], ["Sở Y", 2, 2]]  # most first, then by name
    assert by_field.values.tolist() == [["Đất đai", 2, 1], ["Hộ tịch", 1, 0], ["Môi trường", 1, 1]]
    units = {(None if pd.isna(k) else int(k)): (d, e) for k, d, e in by_unit.values.tolist()}
    assert units == {7: (2, 2), 8: (1, 1), None: (1, 0)}  # a dossier without a unit is a line of its own


def test_breakdowns_of_nothing_are_empty_and_untyped_as_sql_answers():
    frames = breakdowns(LISTED.iloc[0:0], CHOSEN.iloc[0:0])
    assert [list(f.columns) for f in frames] == [["agency", "dossiers", "land_env"], ["field", "dossiers", "land_env"],
                                                 ["key", "dossiers", "land_env"]]
    assert all(f.empty and f["dossiers"].dtype == "int64" and f.iloc[:, 0].dtype == object for f in frames)


def test_breakdowns_refuse_a_frame_without_its_columns():
    with pytest.raises(DomainError):
        breakdowns(LISTED.drop(columns="agency"), CHOSEN)


def test_open_tasks_due_in_the_window():
    tasks = pd.DataFrame({
        "doc_date": pd.to_datetime(["2026-05-01", "2026-05-01", "2026-05-01", "2026-05-07", "2026-05-01"]),
        "deadline": pd.to_datetime(["2026-05-07", "2026-05-06", "2026-05-08", "2026-05-07", "2026-05-11"]),
        "completed_on": pd.to_datetime([None, None, "2026-05-07", None, None]),
    })
    # in (06/05, 08/05]: the first, and the third (completed after 06/05); not the second (due on 06/05), the fourth
    # (issued after), the fifth (due after the window)
    assert open_tasks_due(tasks, date(2026, 5, 6), date(2026, 5, 8)) == 2


def test_should_not_side_effect():
    listed, chosen = LISTED.copy(), CHOSEN.copy()
    breakdowns(listed, chosen)
    pd.testing.assert_frame_equal(listed, LISTED)
    pd.testing.assert_frame_equal(chosen, CHOSEN)
