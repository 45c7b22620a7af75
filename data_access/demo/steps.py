"""Demo processing steps of land dossiers (issue #15), vectorised and deterministic.

A land dossier follows the one-stop path: Tiếp nhận at the public service centre → (some) Yêu cầu bổ sung, the
applicant's wait → Thẩm định at the agency handling it → (most) the tax authority's Xác định nghĩa vụ tài chính and
back to that agency to update the cadastral file → Trả kết quả at the centre. Steps follow each other without gaps:
the first starts on the received date and, for a dossier with a result, the last ends on the result date, so the
steps add up to the dossier's days. An open dossier's last step is still open at the export date, held by the agency
that holds the dossier now (tax, the land office, the committee) or, while it waits for supplements, by the centre.
Each step has its own deadline, a share of the days the procedure allows; late dossiers lose most days at the
land office or the tax authority.
"""

from datetime import date

import numpy as np
import pandas as pd

STEPS = ("Tiếp nhận hồ sơ", "Yêu cầu bổ sung hồ sơ", "Thẩm định, xử lý hồ sơ", "Xác định nghĩa vụ tài chính",
         "Cập nhật hồ sơ địa chính, in giấy chứng nhận", "Trả kết quả")
DESK, SUPPLEMENT, REVIEW, TAX, UPDATE, RETURN = range(len(STEPS))
TIME_SHARE = np.array([0.03, 0.15, 0.45, 0.22, 0.12, 0.05])  # typical share of the days each step takes
DEADLINE_SHARE = np.array([0.05, 0.10, 0.45, 0.20, 0.15, 0.05])  # share of the allowed days each step is given
P_SUPPLEMENT, P_TAX = 0.15, 0.60
COLUMNS = ["dossier_code", "step", "agency_id", "started_on", "ended_on", "due_on"]


def _days(values) -> np.ndarray:
    return np.asarray(pd.to_datetime(pd.Series(values)).to_numpy(dtype="datetime64[D]"))


def generate_steps(rng: np.random.Generator, frame: pd.DataFrame, end: date, land_field_id: int, centre_id: int,
                   tax_office_id: int) -> pd.DataFrame:
    """Return the steps (COLUMNS) of the land dossiers of a demo frame (generate_dossiers) as of the export date."""
    land = frame.loc[frame["field_id"] == land_field_id]
    n = len(land)
    if n == 0:
        return pd.DataFrame(columns=COLUMNS)
    received = _days(land["received_on"])
    due = _days(land["due_on"])
    result = land["result_on"]
    is_open = result.isna().to_numpy()
    closed_on = _days(result.where(~result.isna(), None).fillna(pd.Timestamp(end)))
    waiting = land["waiting_supplement"].to_numpy(dtype=bool) & is_open
    current = land["current_agency_id"].to_numpy(dtype=object)
    own = land["agency_id"].to_numpy(dtype=np.int64)

    active = np.ones((n, len(STEPS)), dtype=bool)
    active[:, SUPPLEMENT] = (rng.random(n) < P_SUPPLEMENT) | waiting
    at_tax = is_open & (current == tax_office_id)
    has_tax = (rng.random(n) < P_TAX) | at_tax
    active[:, TAX] = has_tax
    active[:, UPDATE] = has_tax

    # The step still open at the export date, and nothing after it.
    opened = np.where(waiting, SUPPLEMENT, np.where(at_tax, TAX, REVIEW))
    slot = np.arange(len(STEPS))
    active &= ~(is_open[:, None] & (slot[None, :] > opened[:, None]))

    # Days: the dossier's days (to its result, or to the export date while open) shared among its steps in order;
    # late dossiers lose them at the land office or the tax authority. An open step has no end yet.
    weight = TIME_SHARE[None, :] * rng.gamma(2.0, 1.0, size=(n, len(STEPS)))
    slow = np.where(has_tax & (rng.random(n) < 0.5), TAX, REVIEW)
    late = np.nonzero(closed_on > due)[0]
    weight[late, slow[late]] *= 6.0
    weight *= active
    total = (closed_on - received).astype(int)[:, None]
    after = np.cumsum(weight, axis=1) / weight.sum(axis=1, keepdims=True)
    ends = np.rint(after * total).astype(int)  # an inactive step carries the end of the one before it
    starts = np.concatenate([np.zeros((n, 1), dtype=int), ends[:, :-1]], axis=1)
    allowed = np.maximum((due - received).astype(int), 1)[:, None]
    given = DEADLINE_SHARE[None, :] * active
    step_allowed = np.maximum(1, np.rint(given / given.sum(axis=1, keepdims=True) * allowed)).astype(int)

    rows, cols = np.nonzero(active)
    start_day = received[rows] + starts[rows, cols].astype("timedelta64[D]")
    end_day = received[rows] + ends[rows, cols].astype("timedelta64[D]")
    still_open = is_open[rows] & (cols == opened[rows])
    agency = np.where(np.isin(cols, (DESK, SUPPLEMENT, RETURN)), centre_id,
                      np.where(cols == TAX, tax_office_id, own[rows]))
    holder = current[rows]
    agency = np.where(still_open & (holder != None), holder, agency).astype(np.int64)  # noqa: E711 - elementwise
    return pd.DataFrame({
        "dossier_code": land["code"].to_numpy()[rows],
        "step": np.array(STEPS)[cols],
        "agency_id": agency,
        "started_on": pd.to_datetime(start_day).date,
        "ended_on": np.where(still_open, None, pd.to_datetime(end_day).date),
        "due_on": pd.to_datetime(start_day + step_allowed[rows, cols].astype("timedelta64[D]")).date,
    })
