"""metrics.stages on hand-made aggregated frames: weighted percentiles equal numpy's on the expanded values, the
supplement rule, the JSON shape, the journey's breaking step; inputs are never changed."""

import numpy as np
import pandas as pd
import pytest

from metrics.errors import DomainError
from metrics.stages import (
    breaking_step,
    is_supplement_step,
    percentiles,
    stages_report,
    step_table,
    supplement_summary,
)

HISTOGRAM = pd.DataFrame({"step": ["A", "A", "A", "Yêu cầu BỔ SUNG", "B"], "agency_id": [1, 1, 2, 1, 3],
                          "days": [2, 5, 11, 4, 0], "over": [0, 1, 1, 1, 0], "passages": [3, 1, 2, 2, 1]})
STEPS = pd.DataFrame({"step": ["B", "A", "Yêu cầu BỔ SUNG"], "dossiers": [1, 4, 2], "position": [3.0, 1.0, 2.0]})


def test_weighted_percentiles_equal_numpy_on_the_expanded_values():
    expanded = [2, 2, 2, 5, 11, 11]
    assert percentiles(pd.Series([2, 5, 11]), pd.Series([3, 1, 2])) == tuple(np.percentile(expanded, [50, 90]))
    assert percentiles(pd.Series([2, 5, 11]), pd.Series([3, 1, 2])) == (3.5, 11.0)
    assert all(np.isnan(v) for v in percentiles(pd.Series([], dtype="int64"), pd.Series([], dtype="int64")))


def test_the_step_table_is_in_process_order_with_shares():
    table = step_table(HISTOGRAM, STEPS)
    assert table["step"].tolist() == ["A", "Yêu cầu BỔ SUNG", "B"]
    a = table.iloc[0]
    assert (a["passages"], a["over_step_deadline"], a["over_step_deadline_share"]) == (6, 3, 0.5)
    assert a["share_of_time"] == pytest.approx((6 + 5 + 22) / (6 + 5 + 22 + 8 + 0))


def test_supplement_rounds_are_the_steps_named_so():
    assert is_supplement_step("Yêu cầu bổ sung hồ sơ") and is_supplement_step("CHỜ BỔ SUNG")
    assert not is_supplement_step("Thẩm định") and not is_supplement_step(None)
    assert supplement_summary(HISTOGRAM, 2) == {"dossiers": 2, "rounds": 2, "days_waiting": 8}


def test_the_report_has_the_agreed_keys_and_refuses_an_unknown_field_choice():
    steps = step_table(HISTOGRAM, STEPS)
    agencies = pd.DataFrame(columns=["agency", "step", "dossiers", "median_days", "p90_days", "over_step_deadline",
                                     "over_step_deadline_share"])
    report = stages_report("2024-03-01", "2024-03-31", "all", steps, agencies, {"dossiers": 2, "rounds": 2,
                                                                                 "days_waiting": 8}, 3)
    assert list(report) == ["from", "as_of", "fields", "steps", "agencies", "supplement", "no_step_data"]
    assert list(report["steps"][0]) == ["step", "dossiers", "median_days", "p90_days", "over_step_deadline",
                                        "over_step_deadline_share"]
    with pytest.raises(DomainError):
        stages_report("2024-03-01", "2024-03-31", "land", steps, agencies, {}, 0)


def test_the_breaking_step_is_the_first_past_its_deadline():
    journey = pd.DataFrame({"step": ["a", "b", "c"], "over": [False, True, True]})
    assert breaking_step(journey) == 1 and breaking_step(journey.assign(over=False)) is None


def test_stage_functions_should_not_side_effect():
    histogram, steps = HISTOGRAM.copy(), STEPS.copy()
    step_table(histogram, steps)
    supplement_summary(histogram, 1)
    pd.testing.assert_frame_equal(histogram, HISTOGRAM)
    pd.testing.assert_frame_equal(steps, STEPS)


def test_the_heaviest_stage_is_the_one_holding_the_most_days():
    """Issue #28: "Nặng nhất: Trung tâm PVHCC – Tiếp nhận hồ sơ: trung vị 0,0 ngày" contradicted its table, where
    Thẩm định held 77,6 % of the days. The headline's rule: most days held, then most passages over the deadline."""
    from metrics.stages import heaviest_first

    agencies = pd.DataFrame({
        "agency": ["Trung tâm PVHCC", "Chi nhánh VPĐK đất đai", "Chi cục Thuế", "Phòng Tài nguyên"],
        "step": ["Tiếp nhận hồ sơ", "Thẩm định", "Xác định nghĩa vụ tài chính", "Thẩm định"],
        "over_step_deadline": [57, 18, 3, 18], "day_total": [40, 776, 120, 776]})
    before = agencies.copy()
    ordered = heaviest_first(agencies)
    assert ordered[["agency", "step"]].values.tolist() == [
        ["Chi nhánh VPĐK đất đai", "Thẩm định"], ["Phòng Tài nguyên", "Thẩm định"],  # equal days and over: by name
        ["Chi cục Thuế", "Xác định nghĩa vụ tài chính"], ["Trung tâm PVHCC", "Tiếp nhận hồ sơ"]]
    pd.testing.assert_frame_equal(agencies, before)  # the input is not changed
