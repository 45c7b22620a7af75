"""Index series: period parsing, rank series with the number of provinces ranked, components."""

from datetime import date

import pandas as pd
import pytest

from metrics.errors import DomainError
from metrics.indexes import (
    history_series,
    is_before_merger,
    latest_components,
    latest_rank,
    period_kind,
    period_start,
    rank_series,
)


def results() -> pd.DataFrame:
    rows = [
        ("PAR INDEX", "2024", "Khánh Hòa", 90.49, 10, 63, None, 100, "src-2024", False),
        ("PAR INDEX", "2022", "Khánh Hòa", 86.19, 25, 63, None, 100, "src-2022", False),
        ("PAR INDEX", "2025", "Khánh Hòa", 88.0, 9, 34, None, 100, "demo", True),
        ("PAR INDEX", "2025", "Khanh Hoa", 7.5, None, None, "Cải cách TTHC", 9, "demo", True),
        ("PAR INDEX", "2025", "Khánh Hòa", 5.0, None, None, "Chính quyền số", 10, "demo", True),
        ("PAR INDEX", "2024", "Khánh Hòa", 2.0, None, None, "Chính quyền số", 10, "old", False),
        ("PAR INDEX", "2023", "Quảng Ninh", 92.18, 1, 63, None, 100, "src", False),
        ("SIPAS", "2024", "Khánh Hòa", 83.66, 30, 63, None, 100, "src", False),
    ]
    return pd.DataFrame(rows, columns=["index_name", "period", "province", "score", "rank", "n_ranked",
                                       "component", "max_points", "source", "is_demo"])


@pytest.mark.parametrize(
    ("text", "start", "kind"),
    [("2024", date(2024, 1, 1), "year"), ("2024-03", date(2024, 3, 1), "month"),
     ("2024-Q2", date(2024, 4, 1), "quarter"), ("2024-W03", date(2024, 1, 15), "week")],
)
def test_period_parsing(text, start, kind):
    assert period_start(text) == start and period_kind(text) == kind


def test_bad_period_raises():
    with pytest.raises(DomainError):
        period_start("Q1/2024")


def test_rank_series_totals_only_oldest_first():
    series = rank_series(results(), "KHÁNH HÒA", "PAR INDEX")
    assert series["period"].tolist() == ["2022", "2024", "2025"]
    assert series["n_ranked"].tolist() == [63, 63, 34]
    assert series["rank_share"].tolist() == pytest.approx([25 / 63, 10 / 63, 9 / 34])


def test_latest_rank_with_previous():
    latest = latest_rank(results(), "Khánh Hòa", "PAR INDEX")
    assert (latest["period"], latest["rank"], latest["n_ranked"], latest["is_demo"]) == ("2025", 9, 34, True)
    assert (latest["previous_rank"], latest["previous_n_ranked"]) == (10, 63)
    assert latest_rank(results(), "Khánh Hòa", "PCI") is None


def test_latest_components_weakest_first():
    components = latest_components(results(), "Khánh Hòa", "PAR INDEX")
    assert components["component"].tolist() == ["Chính quyền số", "Cải cách TTHC"]
    assert components["share"].tolist() == pytest.approx([0.5, 7.5 / 9])


def test_rank_series_should_not_side_effect():
    frame = results()
    before = frame.copy(deep=True)
    rank_series(frame, "Khánh Hòa", "PAR INDEX")
    latest_components(frame, "Khánh Hòa", "PAR INDEX")
    pd.testing.assert_frame_equal(frame, before)


def test_published_by_drops_future_periods():
    from metrics.indexes import published_by

    kept = published_by(results(), date(2024, 12, 31))
    assert sorted(kept["period"].unique()) == ["2022", "2023", "2024"]


def test_history_series_keeps_the_former_provinces_apart_from_the_merged_one():
    extra = pd.DataFrame([
        ("PAR INDEX", "2022", "Ninh Thuận", 85.78, 29, 63, None, 100, "nt-2022", False),
        ("PAR INDEX", "2025", "Ninh Thuận", 80.0, 30, 34, None, 100, "wrong", False),  # no Ninh Thuận after 2024
        ("766", "2025-06", "Khánh Hòa", 80.0, 12, 63, None, 100, "m", False),
        ("766", "2025-07", "Khánh Hòa", 81.0, 8, 34, None, 100, "m", False),
    ], columns=results().columns)
    frame = pd.concat([results(), extra], ignore_index=True)
    before = frame.copy()
    series = history_series(frame, "Khánh Hòa", "PAR INDEX", ("Ninh Thuận",))
    assert series[["period", "series", "former", "rank", "n_ranked"]].values.tolist() == [
        ["2022", "Khánh Hòa", True, 25, 63], ["2022", "Ninh Thuận", True, 29, 63],
        ["2024", "Khánh Hòa", True, 10, 63], ["2025", "Khánh Hòa", False, 9, 34]]
    monthly = history_series(frame, "Khánh Hòa", "766", ("Ninh Thuận",))
    assert monthly["former"].tolist() == [True, False]  # June 2025 ranks the 63, July the 34
    assert is_before_merger("2024-Q4") and not is_before_merger("2025") and is_before_merger("2025-W26")
    pd.testing.assert_frame_equal(frame, before)
