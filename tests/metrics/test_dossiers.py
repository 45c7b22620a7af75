"""DOMAIN §3 on 13 hand-made dossiers; expected numbers were counted by hand (see fixtures)."""

import math
import unicodedata
from datetime import date

import pandas as pd
import pytest

from metrics.dossiers import (
    COUNT_COLUMNS,
    dossier_rates,
    is_ended_status,
    is_supplement_status,
    ratio,
    totals_row,
)
from metrics.errors import DomainError
from metrics.periods import Period
from tests.metrics.fixtures import MARCH_2024, dossier_frame
from tests.oracle import count_dossiers, dossier_flags, dossier_outcome, in_group

MARCH = Period(*MARCH_2024)

EXPECTED_MARCH = {
    "received": 8,  # D1 D2 D3 D4 D7 D8 D10 D11 (D9 arrives after the as-of date)
    "received_online": 2,  # D1 D4
    "received_postal": 1,  # D7
    "received_synced": 5,  # D1 D2 D3 D7 D10
    "carried_over": 3,  # D5 D12 D13 (D6 was resolved in February)
    "resolved": 4,  # D1 D2 D3 D5
    "resolved_early": 2,  # D1 D5
    "resolved_on_day": 1,  # D2
    "resolved_late": 1,  # D3
    "resolved_digitised": 2,  # D1 D5
    "ended_without_result": 1,  # D4 (status in capitals)
    "in_progress": 6,  # D7 D8 D10 (resolved after as-of) D11 D12 D13
    "in_progress_overdue": 3,  # D8 D10 D13 (D11, D12 are due on the as-of date: not overdue)
    "in_progress_supplement": 1,  # D11
    "overdue_total": 4,  # D3 late + D8 D10 D13
    "overdue_land_env": 3,  # D3 (ĐẤT ĐAI) D8 (Môi trường) D13 ('  đất   đai ')
    "late_with_apology": 2,  # D3 D10
}


def test_counts_for_march_match_hand_count():
    counts = count_dossiers(dossier_frame(), MARCH)
    assert counts.iloc[0].to_dict() == EXPECTED_MARCH


def test_rates_for_march_match_hand_count():
    row = totals_row(count_dossiers(dossier_frame(), MARCH))
    assert row["on_time_rate"] == pytest.approx(3 / 4)
    assert row["progress_rate_766"] == pytest.approx((3 + 3) / (4 + 6))
    assert row["land_env_share"] == pytest.approx(3 / 4)
    assert row["apology_compliance"] == pytest.approx(2 / 4)
    assert row["online_share"] == pytest.approx(2 / 8)
    assert row["postal_share"] == pytest.approx(1 / 8)
    assert row["sync_rate"] == pytest.approx(5 / 8)
    assert row["digitisation_rate"] == pytest.approx(2 / 4)
    assert row["overdue_per_1000"] == pytest.approx(375.0)


def test_resolved_after_as_of_counts_as_in_progress_then():
    flags = dossier_flags(dossier_frame(), MARCH)
    d10 = flags.loc[dossier_frame()["code"] == "D10"].iloc[0]
    assert bool(d10["in_progress_overdue"]) and not bool(d10["resolved"])
    april = dossier_flags(dossier_frame(), Period(date(2024, 4, 1), date(2024, 4, 30)))
    d10_april = april.loc[dossier_frame()["code"] == "D10"].iloc[0]
    assert bool(d10_april["resolved_late"]) and bool(d10_april["carried_over"])


def test_received_after_as_of_is_not_counted_anywhere():
    flags = dossier_flags(dossier_frame(), MARCH)
    assert not flags.loc[dossier_frame()["code"] == "D9"].to_numpy().any()


def test_empty_denominators_give_none_not_zero_or_one():
    # January 2025: nothing received or resolved; six dossiers are still open.
    row = totals_row(count_dossiers(dossier_frame(), Period(date(2025, 1, 1), date(2025, 1, 31))))
    assert row["received"] == 0 and row["resolved"] == 0
    assert row["in_progress"] == 6  # D7 D8 D9 D11 D12 D13
    for rate in ("on_time_rate", "online_share", "sync_rate", "digitisation_rate", "overdue_per_1000"):
        assert row[rate] is None, rate
    assert row["progress_rate_766"] == pytest.approx(0.0)  # all six are overdue by then
    assert ratio(1, 0) is None and ratio(0, 4) == 0.0


def test_grouped_counts_sum_to_total():
    frame = dossier_frame()
    by_district = count_dossiers(frame, MARCH, by="district")
    assert list(by_district["district"]) == ["A", "B"]
    assert by_district[list(COUNT_COLUMNS)].sum().to_dict() == EXPECTED_MARCH
    b = by_district.set_index("district").loc["B"]
    assert (b["overdue_total"], b["overdue_land_env"], b["carried_over"]) == (3, 3, 3)
    rates = dossier_rates(by_district).set_index("district")
    assert rates.loc["B", "land_env_share"] == pytest.approx(1.0)
    assert math.isnan(rates.loc["B", "online_share"]) is False


def test_group_membership_ignores_case_accents_form_and_spaces():
    names = pd.Series(["ĐẤT ĐAI", unicodedata.normalize("NFD", "Môi trường"), "  đất   đai ", "Hộ tịch", None])
    assert in_group(names, ["Đất đai", "Môi trường"]).tolist() == [True, True, True, False, False]


@pytest.mark.parametrize(
    ("status", "result", "expected"),
    [
        ("Từ chối", date(2024, 1, 2), "ended"),
        ("TRA LAI", date(2024, 1, 2), "ended"),
        (unicodedata.normalize("NFD", "Rút hồ sơ"), date(2024, 1, 2), "ended"),
        ("Dừng xử lý", date(2024, 1, 2), "ended"),
        ("hủy", date(2024, 1, 2), "ended"),
        ("Chờ trả kết quả", date(2024, 1, 2), "resolved"),
        ("Đang xử lý", date(2024, 1, 2), "resolved"),
        ("Đang xử lý", None, "in_progress"),
        (None, None, "in_progress"),
    ],
)
def test_status_vocabulary(status, result, expected):
    assert dossier_outcome(status, result) == expected


def test_ended_status_without_date_is_invalid():
    with pytest.raises(DomainError):
        dossier_outcome("Từ chối", None)
    assert is_ended_status("Trả lại hồ sơ") and not is_ended_status("Đã trả kết quả")
    assert is_supplement_status("CHỜ BỔ SUNG") and not is_supplement_status("Đang xử lý")


def test_missing_column_raises_domain_error():
    with pytest.raises(DomainError, match="channel"):
        count_dossiers(dossier_frame().drop(columns=["channel"]), MARCH)
    with pytest.raises(DomainError):
        count_dossiers(dossier_frame(), MARCH, by="nope")


def test_count_dossiers_should_not_side_effect():
    frame = dossier_frame()
    before = frame.copy(deep=True)
    count_dossiers(frame, MARCH, by="district")
    pd.testing.assert_frame_equal(frame, before)


def test_dossier_rates_should_not_side_effect():
    counts = count_dossiers(dossier_frame(), MARCH)
    before = counts.copy(deep=True)
    out = dossier_rates(counts)
    pd.testing.assert_frame_equal(counts, before)
    assert "on_time_rate" in out and "on_time_rate" not in counts


def test_overdue_split_long():
    from metrics.dossiers import overdue_split_long

    series = pd.DataFrame({"period_start": [date(2024, 3, 1)], "overdue_total": [4], "overdue_land_env": [3]})
    long = overdue_split_long(series)
    assert long[["group", "count"]].values.tolist() == [["land_env", 3], ["other", 1]]


def test_the_land_share_ranks_only_a_scope_with_both_kinds_of_dossiers():
    from metrics.dossiers import land_share_means_something

    assert land_share_means_something({"received": 10, "carried_over": 2}, {"received": 3, "carried_over": 1})
    assert not land_share_means_something({"received": 10, "carried_over": 2}, {"received": 10, "carried_over": 2})
    assert not land_share_means_something({"received": 10, "carried_over": 2}, {"received": 0, "carried_over": 0})
    assert not land_share_means_something({"received": 0, "carried_over": 0}, {"received": 0, "carried_over": 0})
