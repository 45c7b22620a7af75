"""The counting spec (metrics/counting.py): its declarations are whole, and its numpy reading equals the oracle."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from metrics.counting import COUNTERS, FIGURES, WINDOWS, Term, counter_events, events
from metrics.dossiers import COUNT_COLUMNS
from metrics.periods import Period
from metrics.rollup import _numpy_dossier, counts_from_daily, daily_events
from tests.metrics.fixtures import dossier_frame
from tests.oracle import count_dossiers, dossier_flags

PERIODS = [Period(date(2024, 3, 1), date(2024, 3, 31)), Period(date(2024, 3, 6), date(2024, 3, 15)),
           Period(date(2024, 2, 21), date(2024, 3, 20)), Period(date(2024, 1, 1), date(2024, 4, 30)),
           Period(date(2024, 4, 1), date(2024, 4, 5))]


def _events_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(agency_id=1, field_id=frame["land_env"].astype(int) + 1, unit_id=1, level="Tỉnh")


def test_every_counter_has_one_event_and_every_figure_reads_known_counters():
    x = _numpy_dossier(_events_frame(dossier_frame()))
    named = [name for event in events(x) for name in event.counters]
    assert sorted(named) == sorted(COUNTERS) and len(named) == len(set(named))
    assert {t.counter for terms in FIGURES.values() for t in terms} <= set(COUNTERS)
    assert {t.window for terms in FIGURES.values() for t in terms} <= set(WINDOWS)
    assert tuple(FIGURES) == COUNT_COLUMNS == tuple(dossier_flags(dossier_frame(), PERIODS[0]).columns)


def test_a_counter_counts_the_dossiers_its_condition_holds_for():
    frame = _events_frame(dossier_frame())
    day, condition = counter_events(_numpy_dossier(frame))["n_resolved_late"]
    assert day == "result"
    assert frame.loc[condition, "code"].tolist() == ["D3", "D6", "D10"]  # resolved after the due date, by hand
    day, condition = counter_events(_numpy_dossier(frame))["n_open_supplement"]
    assert (day, frame.loc[condition, "code"].tolist()) == ("received", ["D11"])


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_the_numpy_events_count_as_the_oracle(period):
    frame = _events_frame(dossier_frame())
    daily = daily_events(frame).merge(pd.DataFrame({"field_id": [1, 2], "land_env": [False, True]}), on="field_id")
    assert counts_from_daily(daily, period).iloc[0].to_dict() == count_dossiers(frame, period).iloc[0].to_dict()


def test_a_figure_declared_in_the_spec_is_counted_from_the_sums(monkeypatch):
    """The worked example of docs/architecture.md: a new figure is one entry of FIGURES."""
    monkeypatch.setitem(FIGURES, "received_in_person",
                        (Term(1, "period", "n_received"), Term(-1, "period", "n_received_online"),
                         Term(-1, "period", "n_received_postal")))
    daily = daily_events(_events_frame(dossier_frame())).assign(land_env=False)
    counts = counts_from_daily(daily, PERIODS[0])
    assert counts["received_in_person"].tolist() == [5]  # received in March in person: D2 D3 D8 D10 D11
    assert counts["received"].tolist() == [8]


def test_counting_should_not_side_effect():
    frame = _events_frame(dossier_frame())
    before = frame.copy()
    daily = daily_events(frame).assign(land_env=False)
    daily_before = daily.copy()
    counts_from_daily(daily, PERIODS[0])
    pd.testing.assert_frame_equal(frame, before)
    pd.testing.assert_frame_equal(daily, daily_before)
    assert np.array_equal(daily["day"].to_numpy(), daily_before["day"].to_numpy())
