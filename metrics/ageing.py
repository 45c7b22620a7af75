"""Age buckets of days overdue used in meetings: 1–5, 6–15, 16–30 and more than 30 days."""

from datetime import date, timedelta

import pandas as pd

# (key, lowest days overdue, highest days overdue or None for no upper bound)
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("1-5", 1, 5),
    ("6-15", 6, 15),
    ("16-30", 16, 30),
    (">30", 31, None),
)
BUCKET_KEYS = tuple(key for key, _, _ in AGE_BUCKETS)


def age_bucket(days_overdue: float) -> str | None:
    """Return the bucket key for a number of days overdue, or None when not overdue (≤ 0 or missing)."""
    if days_overdue is None or pd.isna(days_overdue) or days_overdue < 1:
        return None
    for key, low, high in AGE_BUCKETS:
        if days_overdue >= low and (high is None or days_overdue <= high):
            return key
    return None


def due_date_bounds(as_of: date) -> list[tuple[str, date | None, date]]:
    """Return (bucket, earliest due date or None, latest due date) so that SQL can bucket by due date."""
    bounds = []
    for key, low, high in AGE_BUCKETS:
        latest = as_of - timedelta(days=low)
        earliest = None if high is None else as_of - timedelta(days=high)
        bounds.append((key, earliest, latest))
    return bounds


def bucket_counts(days_overdue: pd.Series) -> pd.DataFrame:
    """Return a frame (bucket, count) with every bucket present, in bucket order."""
    buckets = days_overdue.map(age_bucket)
    counts = buckets.value_counts()
    return pd.DataFrame({"bucket": list(BUCKET_KEYS), "count": [int(counts.get(k, 0)) for k in BUCKET_KEYS]})
