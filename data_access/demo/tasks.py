"""Deterministic demo tasks: about 300 tasks from about 40 source documents, some overdue."""

from datetime import date, timedelta

import numpy as np
import pandas as pd

from data_access.demo.catalog import FIELDS, LEADERS, PROGRESS_NOTES, TASK_TEMPLATES
from data_access.figures.task_queries import task_key

LEAD_WEIGHTS = {"so": 1.0, "ubnd_huyen": 2.2, "ubnd_xa": 0.3, "vpdk": 3.0}
DOC_KINDS = (  # (suffix, share, issuer)
    ("TB-UBND", 0.60, "UBND tỉnh Khánh Hòa"),
    ("CT-UBND", 0.15, "UBND tỉnh Khánh Hòa"),
    ("KH-UBND", 0.10, "UBND tỉnh Khánh Hòa"),
    ("UBND-KSTT", 0.15, "UBND tỉnh Khánh Hòa"),
)


def generate_tasks(rng: np.random.Generator, end: date, agencies: pd.DataFrame, district_names: list[str],
                   weak_agency_ids: set[int], n_docs: int = 40) -> pd.DataFrame:
    """Return demo tasks with the columns of the `tasks` table; `agencies` has id, name, kind, valid_from and
    valid_to (a task's lead agency existed on its document's date)."""
    leads_all = agencies.loc[agencies["kind"].isin(list(LEAD_WEIGHTS))].reset_index(drop=True)
    # Weekly meetings keep producing documents: most are recent, a few go back about a year.
    doc_days = np.sort((rng.beta(1.2, 2.6, size=n_docs) * 360 + 2).astype(int))[::-1]
    counters: dict[tuple[int, str], int] = {}
    rows = []
    for doc_index, back in enumerate(doc_days):
        doc_date = end - timedelta(days=int(back))
        kind_pick = rng.choice(len(DOC_KINDS), p=[k[1] for k in DOC_KINDS])
        suffix, _, issuer = DOC_KINDS[kind_pick]
        counter_key = (doc_date.year, suffix)
        counters[counter_key] = counters.get(counter_key, 0) + int(rng.integers(8, 60))
        number = counters[counter_key]
        doc_number = f"{number}/{suffix}" if suffix != "UBND-KSTT" else f"{number * 10}/UBND-KSTT"
        leader = LEADERS[int(rng.integers(0, len(LEADERS)))] if suffix != "CT-UBND" else LEADERS[0]
        leads = _valid_on(leads_all, doc_date)
        lead_weight = leads["kind"].map(LEAD_WEIGHTS).to_numpy()
        lead_weight = lead_weight / lead_weight.sum()
        for _ in range(int(rng.integers(4, 12))):
            lead = leads.iloc[int(rng.choice(len(leads), p=lead_weight))]
            district = district_names[int(rng.integers(0, len(district_names)))]
            field = FIELDS[int(rng.choice(4))].name if rng.random() < 0.6 else FIELDS[int(rng.integers(0, 12))].name
            content = TASK_TEMPLATES[int(rng.integers(0, len(TASK_TEMPLATES)))].format(
                district=district, field=field, year=doc_date.year + 1)
            others = leads.loc[leads["id"] != lead["id"], "name"].to_numpy()
            coordinating = "; ".join(rng.choice(others, size=int(rng.integers(0, 4)), replace=False))
            deadline = None
            if rng.random() > 0.07:
                deadline = doc_date + timedelta(days=int(rng.choice([10, 15, 20, 30, 45, 60, 90])))
            completed = _completion(rng, doc_date, deadline, end, int(lead["id"]) in weak_agency_ids)
            rows.append({
                "task_key": task_key(doc_number, doc_date, content, lead["name"]),
                "doc_number": doc_number,
                "doc_date": doc_date,
                "issuer": issuer,
                "content": content,
                "lead_agency_id": int(lead["id"]),
                "coordinating": coordinating or None,
                "leader": leader,
                "deadline": deadline,
                "completed_on": completed,
                "progress_note": None if completed else PROGRESS_NOTES[int(rng.integers(0, len(PROGRESS_NOTES)))]
                or None,
                "_doc": doc_index,
            })
    frame = pd.DataFrame(rows).drop_duplicates("task_key").drop(columns="_doc")
    return frame.reset_index(drop=True)


def _valid_on(agencies: pd.DataFrame, day: date) -> pd.DataFrame:
    start = pd.to_datetime(agencies["valid_from"]).dt.date
    end = pd.to_datetime(agencies["valid_to"]).dt.date
    return agencies.loc[(start.isna() | (start <= day)) & (end.isna() | (end >= day))].reset_index(drop=True)


def _completion(rng: np.random.Generator, doc_date: date, deadline: date | None, end: date,
                weak: bool) -> date | None:
    if deadline is None:
        done = doc_date + timedelta(days=int(rng.integers(5, 90)))
        return done if rng.random() < 0.5 and done <= end else None
    if deadline > end:  # not due yet: some are already done
        if rng.random() < 0.35:
            done = doc_date + timedelta(days=int(rng.integers(1, max(2, (end - doc_date).days + 1))))
            return min(done, end)
        return None
    days_past = (end - deadline).days
    # Recently missed deadlines are often still open; old ones have mostly been closed, late.
    p_open = 0.30 if days_past <= 15 else 0.20 if days_past <= 45 else 0.05
    p_late = 0.18
    if weak:
        p_open, p_late = min(0.6, p_open * 1.7), 0.32
    u = rng.random()
    if u < p_open:
        return None
    if u < p_open + p_late:
        return deadline + timedelta(days=int(rng.integers(1, max(2, min(40, days_past) + 1))))
    span = max(1, (deadline - doc_date).days)
    return deadline - timedelta(days=int(rng.integers(0, min(span, 12))))
