"""Headline indicator values, changes and accountability."""

import pandas as pd
import pytest

from metrics.errors import DomainError
from metrics.kpis import kpi, lowest, most, rank_change, top_n
from metrics.scorecard import IndicatorSpec

ON_TIME = IndicatorSpec("on_time_rate", True, green=0.98, amber=0.95)
AGENCIES = pd.DataFrame({
    "name": ["Sở A", "Sở B", "UBND C", "UBND D"],
    "in_progress_overdue": [3, 0, 7, 7],
    "online_share": [0.2, 0.1, 0.5, None],
    "received": [100, 10, 300, 0],
})


def test_kpi_change_and_status():
    value = kpi("on_time_rate", 0.97, 0.99, ON_TIME)
    assert value.change == pytest.approx(-0.02) and value.status == "amber"
    missing = kpi("on_time_rate", None, 0.99, ON_TIME)
    assert missing.change is None and missing.status == "none"
    assert kpi("on_time_rate", 0.99, float("nan"), ON_TIME).change is None


def test_most_and_lowest_name_the_accountable_agency():
    assert most(AGENCIES, "in_progress_overdue") == ("UBND C", 7.0)  # ties broken by name
    assert most(AGENCIES.assign(in_progress_overdue=0), "in_progress_overdue") is None
    assert lowest(AGENCIES, "online_share", "received", 50) == ("Sở A", 0.2)  # Sở B has too few dossiers
    with pytest.raises(DomainError):
        most(AGENCIES, "nope")


def test_rank_change_and_top_n():
    assert rank_change(10, 25) == 15 and rank_change(30, 25) == -5 and rank_change(None, 3) is None
    assert top_n(AGENCIES, "in_progress_overdue", 2)["name"].tolist() == ["UBND C", "UBND D"]


def test_helpers_should_not_side_effect():
    before = AGENCIES.copy(deep=True)
    most(AGENCIES, "in_progress_overdue")
    lowest(AGENCIES, "online_share", "received", 50)
    top_n(AGENCIES, "in_progress_overdue", 3)
    pd.testing.assert_frame_equal(AGENCIES, before)


def test_a_rank_out_of_34_is_never_a_move_in_places_from_a_rank_out_of_63():
    """Issue #28: "9/34, +1 bậc (kỳ 2024: 10/63)" compared places in fields of different sizes."""
    from config.settings import load_settings
    from views.cards import rank_card

    settings = load_settings()
    across = {"period": "2025", "rank": 9, "n_ranked": 34, "score": 90.1, "source": "x", "is_demo": False,
              "previous_period": "2024", "previous_rank": 10, "previous_n_ranked": 63}
    card = rank_card("par_rank", across, settings, "Sở Nội vụ")
    assert (card.value, card.delta, card.delta_good_when_up) == (
        "9/34", "năm 2024: 10/63 — khác số tỉnh được xếp hạng, không so sánh bậc", None)
    same = {**across, "period": "2026", "previous_period": "2025", "previous_rank": 11, "previous_n_ranked": 34}
    card = rank_card("par_rank", same, settings, "Sở Nội vụ")
    assert (card.delta, card.delta_good_when_up) == ("+2 bậc (năm 2025: 11/34)", True)
    assert card.note == "Kết quả năm 2026"
