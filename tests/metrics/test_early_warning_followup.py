"""The early warning's follow-up (issue #33): which dossiers that were about to go overdue did go overdue by the next
meeting, per agency holding them then; hand-made, the inputs never changed."""

from datetime import date

import pandas as pd
import pytest

from metrics.early_warning import followup, went_overdue
from metrics.errors import DomainError

CUTOFF = date(2026, 5, 6)
LISTED = pd.DataFrame({"code": ["A", "B", "C", "D", "E", "F"],
                       "agency": ["Sở X", "Sở X", "Sở Y", "Sở Y", "Sở Z", "Sở Z"]})
OUTCOMES = pd.DataFrame({
    "code": ["A", "B", "C", "D", "E", "F"],
    "due_on": [date(2026, 4, 28), date(2026, 4, 28), date(2026, 4, 30), date(2026, 5, 6), date(2026, 5, 8),
               date(2026, 4, 29)],
    # A still open → overdue; B resolved on its due day; C resolved late; D due on the cut-off, open: not yet;
    # E due after the cut-off; F resolved late after the cut-off: open and overdue at the cut-off
    "result_on": [None, date(2026, 4, 28), date(2026, 5, 4), None, None, date(2026, 5, 7)],
})


def test_went_overdue_by_the_cutoff():
    assert list(went_overdue(OUTCOMES["due_on"], OUTCOMES["result_on"], CUTOFF)) == [
        True, False, True, False, False, True]


def test_followup_per_agency_most_gone_overdue_first():
    out = followup(LISTED, OUTCOMES, CUTOFF)
    assert out.to_dict("records") == [{"agency": "Sở X", "about_to": 2, "went_overdue": 1},
                                      {"agency": "Sở Y", "about_to": 2, "went_overdue": 1},
                                      {"agency": "Sở Z", "about_to": 2, "went_overdue": 1}]
    gone = OUTCOMES.assign(result_on=[None, None, None, None, None, None], due_on=[date(2026, 4, 1)] * 6)
    assert followup(LISTED.iloc[:3], gone, CUTOFF).to_dict("records") == [
        {"agency": "Sở X", "about_to": 2, "went_overdue": 2}, {"agency": "Sở Y", "about_to": 1, "went_overdue": 1}]


def test_a_dossier_no_longer_stored_is_not_counted_as_gone_overdue():
    out = followup(LISTED.iloc[:1], OUTCOMES.iloc[1:], CUTOFF)
    assert out.to_dict("records") == [{"agency": "Sở X", "about_to": 1, "went_overdue": 0}]


def test_followup_needs_its_columns():
    with pytest.raises(DomainError, match="Không có cột: agency"):
        followup(LISTED[["code"]], OUTCOMES, CUTOFF)


def test_followup_should_not_side_effect():
    listed, outcomes = LISTED.copy(deep=True), OUTCOMES.copy(deep=True)
    followup(LISTED, OUTCOMES, CUTOFF)
    pd.testing.assert_frame_equal(LISTED, listed)
    pd.testing.assert_frame_equal(OUTCOMES, outcomes)
