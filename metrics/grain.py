"""Figures kept per grain (unit, agency, level, field: a meeting's frozen frames), narrowed to a filter as SQL's WHERE
would narrow the dossiers, then summed per the keys a read asks for. Pure: inputs are never changed."""

from collections.abc import Collection, Mapping, Sequence

import numpy as np
import pandas as pd

from metrics.errors import DomainError
from texts import messages as M


def narrow(frame: pd.DataFrame, chosen: Mapping[str, Collection | None]) -> pd.DataFrame:
    """Return the rows of `frame` whose value in each named column is one of the chosen values (None: any value;
    an empty collection: none)."""
    missing = [column for column in chosen if column not in frame.columns]
    if missing:
        raise DomainError(M.MISSING_COLUMNS.format(columns=", ".join(missing)))
    keep = np.ones(len(frame), dtype=bool)
    for column, values in chosen.items():
        if values is not None:
            keep &= frame[column].isin(list(values)).to_numpy()
    return frame.loc[keep]


def summed(frame: pd.DataFrame, keys: Sequence[str], columns: Sequence[str], sort: bool = True) -> pd.DataFrame:
    """Return `keys` and `columns` (int64) summed per keys, a missing key a group of its own; without keys, one row of
    totals. With sort=False the groups keep the order they first appear in (a frame stored in SQL's order). A key kept
    as a category (to save memory) comes back as its values' own type, only the values present."""
    if not keys:
        return pd.DataFrame({c: [int(frame[c].sum())] for c in columns}, columns=list(columns))
    out = frame.groupby(list(keys), sort=sort, dropna=False, observed=True, as_index=False)[list(columns)].sum()
    plain = {k: frame[k].cat.categories.dtype for k in keys if isinstance(frame[k].dtype, pd.CategoricalDtype)}
    return out.astype({**plain, **{c: "int64" for c in columns}}).reset_index(drop=True)
