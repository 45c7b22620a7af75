"""Counting across the 2025 reorganisation, on hand-made units: exact attribution, nothing spread or dropped."""

from datetime import date

import pandas as pd
import pytest

from metrics.dossiers import COUNT_COLUMNS
from metrics.errors import DomainError
from metrics.territory import (
    DISTRICT_LEVEL,
    PROVINCIAL,
    SPLIT,
    attribution,
    counts_by_unit_in_force,
    level_in_force,
    named_lines,
    predecessors,
    units_in_force,
)

OLD_END, NEW_START = date(2025, 6, 30), date(2025, 7, 1)


def units() -> pd.DataFrame:
    """Three old districts (A, B, T), five old communes, three new communes; A and B are split between new
    communes 1 and 2, T went whole into T."""
    rows = [
        (1, "1", "Huyện A", "Huyện", None, None, OLD_END),
        (2, "2", "Huyện B", "Huyện", None, None, OLD_END),
        (3, "3", "Huyện T", "Huyện", None, None, OLD_END),
        (4, "41", "Xã a1", "Xã", 1, None, OLD_END),
        (5, "51", "Xã a2", "Xã", 1, None, OLD_END),
        (6, "61", "Xã b1", "Xã", 2, None, OLD_END),
        (7, "71", "Xã b2", "Xã", 2, None, OLD_END),
        (8, "81", "Xã t1", "Xã", 3, None, OLD_END),
        (11, "41", "Xã Mới 1", "Xã", None, NEW_START, None),  # reuses a1's code
        (12, "71", "Xã Mới 2", "Xã", None, NEW_START, None),
        (13, "81", "Đặc khu T", "Xã", None, NEW_START, None),
    ]
    return pd.DataFrame(rows, columns=["id", "code", "name", "level", "parent_id", "valid_from", "valid_to"])


def lineage() -> pd.DataFrame:
    rows = [(4, 11, "whole"), (5, 12, "whole"), (6, 11, "part"), (6, 12, "part"), (7, 12, "whole"), (8, 13, "whole")]
    return pd.DataFrame(rows, columns=["old_unit_id", "new_unit_id", "merge"])


def counts(per_key: dict) -> pd.DataFrame:
    """One row per key; each count column = the given number (received) and 2× it (in_progress) for checking."""
    rows = []
    for key, n in per_key.items():
        row = dict.fromkeys(COUNT_COLUMNS, 0)
        row.update(key=key, received=n, in_progress=2 * n)
        rows.append(row)
    return pd.DataFrame(rows, columns=["key", *COUNT_COLUMNS])


def test_level_and_units_in_force_on_each_side_of_the_change():
    assert level_in_force(units(), OLD_END) == "Huyện"
    assert level_in_force(units(), NEW_START) == "Xã"
    assert units_in_force(units(), OLD_END)["id"].tolist() == [1, 2, 3]
    assert units_in_force(units(), date(2026, 12, 1))["id"].tolist() == [11, 12, 13]


def test_attribution_after_the_change():
    assert attribution(units(), lineage(), date(2026, 1, 31)) == {
        1: DISTRICT_LEVEL, 2: DISTRICT_LEVEL,
        3: 13,  # every commune of district T went whole into one new unit
        4: 11, 5: 12, 6: SPLIT, 7: 12, 8: 13, 11: 11, 12: 12, 13: 13}


def test_attribution_before_the_change_rolls_communes_up_to_their_district():
    assert attribution(units(), lineage(), OLD_END) == {1: 1, 2: 2, 3: 3, 4: 1, 5: 1, 6: 2, 7: 2, 8: 3}


def test_counts_after_the_change_attributed_plus_other_lines_equal_the_province():
    raw = counts({1: 3, 4: 5, 5: 7, 6: 11, 7: 13, 11: 17, 12: 19, None: 23, 3: 29})
    before = raw.copy()
    per_unit, other = counts_by_unit_in_force(raw, units(), lineage(), date(2026, 1, 31))
    assert per_unit[["key", "received"]].values.tolist() == [[11, 5 + 17], [12, 7 + 13 + 19], [13, 29]]
    assert dict(zip(other["key"], other["received"], strict=True)) == {PROVINCIAL: 23, DISTRICT_LEVEL: 3, SPLIT: 11}
    for column in ("received", "in_progress"):
        assert per_unit[column].sum() + other[column].sum() == raw[column].sum()
    pd.testing.assert_frame_equal(raw, before)  # input not mutated


def test_counts_before_the_change_leave_the_split_lines_empty():
    raw = counts({1: 3, 4: 5, 5: 7, 6: 11, 7: 13, None: 23})
    per_unit, other = counts_by_unit_in_force(raw, units(), lineage(), OLD_END)
    assert per_unit[["key", "received"]].values.tolist() == [[1, 3 + 5 + 7], [2, 11 + 13], [3, 0]]
    assert dict(zip(other["key"], other["received"], strict=True)) == {PROVINCIAL: 23, DISTRICT_LEVEL: 0, SPLIT: 0}


def test_predecessors_of_a_new_commune():
    found = predecessors(11, units(), lineage())
    assert found.values.tolist() == [[4, "Xã a1", "Huyện A", "whole"], [6, "Xã b1", "Huyện B", "part"]]


def test_missing_columns_raise_a_domain_error():
    with pytest.raises(DomainError):
        attribution(units().drop(columns=["parent_id"]), lineage(), OLD_END)


def test_named_lines_keep_every_dossier_once():
    raw = counts({1: 3, 4: 5, 6: 11, 11: 17, None: 23})
    per_unit, other = counts_by_unit_in_force(raw, units(), lineage(), date(2026, 1, 31))
    lines = named_lines(per_unit, other, units())
    assert lines[["key", "name", "received"]].values.tolist() == [
        [11, "Xã Mới 1", 5 + 17], [12, "Xã Mới 2", 0], [13, "Đặc khu T", 0], [PROVINCIAL, PROVINCIAL, 23],
        [DISTRICT_LEVEL, DISTRICT_LEVEL, 3], [SPLIT, SPLIT, 11]]
