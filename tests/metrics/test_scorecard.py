"""Red/amber/green, indicator scores, composite and rank change on a three-district table."""

import math

import pandas as pd
import pytest

from metrics.errors import DomainError
from metrics.scorecard import IndicatorSpec, indicator_score, rag_status, score_table, with_rank_changes

ON_TIME = IndicatorSpec("on_time", True, green=0.98, amber=0.95, weight=3, full=1.0, zero=0.9)
OVERDUE = IndicatorSpec("overdue", False, green=5, amber=15, weight=1, full=0, zero=40)
INFO = IndicatorSpec("info", True, green=1, amber=0, weight=0)


def table() -> pd.DataFrame:
    return pd.DataFrame({
        "unit": ["C", "B", "A"],
        "on_time": [float("nan"), 0.94, 0.99],
        "overdue": [50.0, 2.0, 10.0],
        "info": [1.0, 0.0, -1.0],
    })


def test_rag_both_directions_and_missing():
    assert [rag_status(v, ON_TIME) for v in (0.98, 0.97, 0.95, 0.949, None)] == [
        "green", "amber", "amber", "red", "none"]
    assert [rag_status(v, OVERDUE) for v in (5, 6, 15, 16, float("nan"))] == [
        "green", "amber", "amber", "red", "none"]


def test_indicator_score_is_linear_and_clipped():
    assert indicator_score(0.95, ON_TIME) == pytest.approx(50.0)
    assert indicator_score(1.2, ON_TIME) == 100.0 and indicator_score(0.5, ON_TIME) == 0.0
    assert indicator_score(10, OVERDUE) == pytest.approx(75.0)
    assert math.isnan(indicator_score(None, OVERDUE))


def test_composite_renormalises_missing_and_ranks():
    scored = score_table(table(), [ON_TIME, OVERDUE, INFO], key="unit")
    by_unit = scored.set_index("unit")
    assert by_unit.loc["A", "composite"] == pytest.approx((90 * 3 + 75) / 4)  # 86.25
    assert by_unit.loc["B", "composite"] == pytest.approx((40 * 3 + 95) / 4)  # 53.75
    assert by_unit.loc["C", "composite"] == pytest.approx(0.0)  # only 'overdue' has a value
    assert scored["unit"].tolist() == ["A", "B", "C"]
    assert scored["rank"].tolist() == [1, 2, 3]
    assert by_unit.loc["A", "on_time_status"] == "green" and by_unit.loc["C", "on_time_status"] == "none"
    assert by_unit.loc["B", "info_status"] == "amber"


def test_rank_change_positive_means_moved_up():
    current = score_table(table(), [ON_TIME, OVERDUE], key="unit")
    previous = pd.DataFrame({"unit": ["A", "B", "C"], "rank": [2.0, 1.0, 3.0]})
    changed = with_rank_changes(current, previous, key="unit").set_index("unit")
    assert changed["rank_change"].to_dict() == {"A": 1.0, "B": -1.0, "C": 0.0}


def test_new_unit_has_no_rank_change():
    current = pd.DataFrame({"unit": ["A", "N"], "rank": [1.0, 2.0]})
    previous = pd.DataFrame({"unit": ["A"], "rank": [1.0]})
    changed = with_rank_changes(current, previous, key="unit").set_index("unit")
    assert math.isnan(changed.loc["N", "rank_change"])


def test_rank_change_compares_places_among_units_ranked_in_both_periods():
    # last month A, B, C, D, E were ranked 1–5; this month only C and E have enough dossiers
    previous = pd.DataFrame({"unit": list("ABCDE"), "rank": [1.0, 2.0, 3.0, 4.0, 5.0]})
    current = pd.DataFrame({"unit": list("ECABD"), "rank": [1.0, 2.0, float("nan"), float("nan"), float("nan")]})
    changed = with_rank_changes(current, previous, key="unit").set_index("unit")
    assert changed.loc["E", "rank_change"] == 1.0  # E passed C: one place up among the two, not four
    assert changed.loc["C", "rank_change"] == -1.0
    assert changed[["rank_change"]].loc[["A", "B", "D"]].isna().all().all()
    assert changed.loc["E", "previous_rank"] == 5.0  # the published previous rank is kept for display


def test_invalid_specs_and_missing_columns_raise():
    with pytest.raises(DomainError):
        IndicatorSpec("x", True, green=0.5, amber=0.9)
    with pytest.raises(DomainError):
        IndicatorSpec("x", False, green=1, amber=1, full=2, zero=2)
    with pytest.raises(DomainError, match="nope"):
        score_table(table(), [IndicatorSpec("nope", True, 1, 0)], key="unit")


def test_score_table_should_not_side_effect():
    frame = table()
    before = frame.copy(deep=True)
    scored = score_table(frame, [ON_TIME, OVERDUE], key="unit")
    with_rank_changes(scored, scored, key="unit")
    pd.testing.assert_frame_equal(frame, before)


def test_assemble_scorecard_keeps_every_unit():
    from metrics.scorecard import assemble_scorecard

    units = pd.DataFrame({"id": [1, 2, 3], "code": ["a", "b", "c"], "name": ["U1", "U2", "U3"]})
    rates = pd.DataFrame({"key": [1, 2, None], "name": ["U1", "U2", None], "on_time_rate": [0.9, 0.8, 0.99]})
    tasks = pd.DataFrame({"unit_id": [2], "overdue_tasks": [4]})
    table = assemble_scorecard(rates, tasks, units)
    assert table["unit_id"].tolist() == [1, 2, 3]
    assert table["overdue_tasks"].tolist() == [0, 4, 0]
    assert table["on_time_rate"].iloc[:2].tolist() == [0.9, 0.8] and math.isnan(table["on_time_rate"].iloc[2])
    assert "key" not in table.columns and table["name"].tolist() == ["U1", "U2", "U3"]
