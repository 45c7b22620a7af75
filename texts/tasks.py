"""Tasks as the agencies of a date show them, for the pages and the meeting pack alike."""

from datetime import date

import pandas as pd

from metrics.agencies import agency_successors, with_successors
from texts.fmt import fmt_agency_now


def tasks_of_agencies_on(tasks: pd.DataFrame, agencies: pd.DataFrame, lineage: pd.DataFrame, day: date) -> pd.DataFrame:
    """Return tasks counted for the agencies of `day` (a merged one's for its successor) with `lead_agency_shown`:
    the name they were given, "(nay là …)" where that agency has since merged."""
    names = dict(zip(agencies["id"].astype(int), agencies["name"], strict=True))
    moved = with_successors(tasks, agency_successors(agencies, lineage, day), names)
    return moved.assign(lead_agency_shown=[fmt_agency_now(was, now) for was, now in
                                           zip(moved["lead_agency_was"], moved["lead_agency"], strict=True)])
