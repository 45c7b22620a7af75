"""metrics.grain: figures kept per grain narrowed to a filter and summed, checked by hand."""

import pandas as pd
import pytest

from metrics.errors import DomainError
from metrics.grain import narrow, summed


def _grain() -> pd.DataFrame:
    return pd.DataFrame({
        "unit": [1, 1, 2, 2, 3],
        "agency": [10, 11, 10, 10, 11],
        "level": pd.Categorical(["Xã", "Xã", "Huyện", "Xã", "Xã"]),
        "key": [7.0, None, 7.0, 8.0, 8.0],  # an id column with a NULL among its values
        "n": [1, 2, 4, 8, 16],
    })


def test_narrow_keeps_the_rows_of_every_chosen_column():
    rows = narrow(_grain(), {"agency": (10,), "level": ("Xã",), "unit": None})
    assert rows["n"].tolist() == [1, 8]


def test_an_empty_choice_keeps_nothing_and_none_keeps_everything():
    assert narrow(_grain(), {"unit": ()}).empty
    assert len(narrow(_grain(), {"unit": None})) == 5


def test_summed_per_key_in_first_seen_order_with_a_missing_key_its_own_group():
    out = summed(_grain(), ["key"], ["n"], sort=False)
    assert out["n"].tolist() == [1 + 4, 2, 8 + 16]
    assert out["key"].isna().tolist() == [False, True, False]


def test_a_category_key_comes_back_as_text_with_only_the_values_present():
    out = summed(narrow(_grain(), {"level": ("Xã",)}), ["level"], ["n"])
    assert out.to_dict("list") == {"level": ["Xã"], "n": [1 + 2 + 8 + 16]}
    assert not isinstance(out["level"].dtype, pd.CategoricalDtype)


def test_summed_without_keys_is_one_row_of_totals():
    assert summed(_grain(), [], ["n"]).to_dict("list") == {"n": [31]}
    assert summed(_grain().iloc[0:0], [], ["n"]).to_dict("list") == {"n": [0]}


def test_an_unknown_column_is_refused():
    with pytest.raises(DomainError):
        narrow(_grain(), {"field": (1,)})


def test_narrow_and_summed_should_not_side_effect():
    grain = _grain()
    before = grain.copy()
    summed(narrow(grain, {"agency": (10,)}), ["unit"], ["n"])
    pd.testing.assert_frame_equal(grain, before)
