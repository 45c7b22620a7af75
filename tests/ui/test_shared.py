"""Builds shared between viewers (ui.shared): keys by content, one build per content, and what a viewer receives is
exactly what the unshared path would have sent."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from texts.fmt import fmt_int, fmt_number
from ui import shared
from ui.shared import content_key, forget_kept, kept, kept_counts


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"name": ["Xã Đông", "Phường Tây", None], "count": [3, 1746, 0], "rate": [0.5, np.nan, 1.0]})


def _formatter(digits: int):
    return lambda v: fmt_number(v, digits)  # the same place, a different captured value


def test_equal_content_gives_equal_keys_and_any_change_another():
    assert content_key(_frame()) == content_key(_frame())
    changed = _frame()
    changed.loc[1, "count"] = 1747
    assert content_key(changed) != content_key(_frame())
    assert content_key(_frame().iloc[::-1]) != content_key(_frame())  # row order is drawn, so it counts
    assert content_key(_frame().rename(columns={"count": "n"})) != content_key(_frame())
    assert content_key(_frame().astype({"count": "float64"})) != content_key(_frame())
    assert content_key(_formatter(1)) == content_key(_formatter(1))
    assert content_key(_formatter(1)) != content_key(_formatter(2))
    assert content_key(fmt_int) != content_key(_formatter(1))
    with_lists = pd.DataFrame({"codes": [["a"], ["b"]]})  # cells pandas cannot hash
    assert content_key(with_lists) == content_key(pd.DataFrame({"codes": [["a"], ["b"]]}))


def test_content_key_should_not_side_effect():
    frame = _frame()
    before = frame.copy()
    content_key(frame)
    pd.testing.assert_frame_equal(frame, before)


CALLS: list[str] = []


def total(frame: pd.DataFrame, column: str) -> int:
    """Return the column's sum, noting the call."""
    CALLS.append(column)
    return int(frame[column].sum())


def test_one_build_per_content_and_a_bounded_store(monkeypatch):
    calls = CALLS
    calls.clear()

    assert kept(total, _frame(), "count") == 1749
    assert kept(total, _frame(), column="count") == 1749  # keyword and position are different calls: built again
    assert kept(total, _frame(), "count") == 1749
    changed = _frame().assign(count=[1, 2, 3])
    assert kept(total, changed, "count") == 6
    assert calls == ["count", "count", "count"]
    assert kept_counts() == {"hits": 1, "builds": 3, "kept": 3}
    monkeypatch.setattr(shared, "MAX_KEPT", 2)
    kept(total, _frame().assign(count=[7, 7, 7]), "count")
    assert kept_counts()["kept"] == 2  # the oldest went
    kept(total, _frame(), "count")  # …and is built again when asked for
    assert len(calls) == 5


def _both_charts():
    import altair as alt
    import pandas as pd
    import streamlit as st

    from ui.charts import hbar, show_chart

    frame = pd.DataFrame({"name": ["Sở A", "Sở B"], "overdue_total": [12, 1746]})
    tooltip = [alt.Tooltip("name:N", title="Cơ quan"), alt.Tooltip("overdue_total:Q", title="Quá hạn", format=",d")]
    show_chart(hbar(frame, "name", "overdue_total", "Quá hạn", tooltip))
    chart = hbar.build(frame, "name", "overdue_total", "Quá hạn", tooltip)
    st.altair_chart(chart, width="stretch", height=chart.height)


def test_a_shared_chart_sends_what_st_altair_chart_sends():
    at = AppTest.from_function(_both_charts).run()
    assert not at.exception
    shared_one, plain = (c.proto for c in at.get("vega_lite_chart"))
    assert shared_one.spec == plain.spec and '"labelFontSize": 14' in plain.spec
    assert [(d.name, d.data.data) for d in shared_one.datasets] == [(d.name, d.data.data) for d in plain.datasets]
    assert len(shared_one.datasets) == 1


def _both_tables():
    import pandas as pd
    import streamlit as st

    from texts.fmt import fmt_int, fmt_pct
    from ui.tables import Col, show_table, styled

    frame = pd.DataFrame({"name": ["Xã A", "Xã B"], "received": [1746, 3], "rate": [0.985, 0.5],
                          "rate_status": ["green", "red"]})
    columns = [Col("name", "Đơn vị"), Col("received", "Tiếp nhận", fmt_int),
               Col("rate", "Đúng hạn", fmt_pct, status="rate_status")]
    show_table(frame, columns, key="shared")
    st.dataframe(styled(frame, columns), hide_index=True, key="plain")


def test_a_shared_table_sends_the_cells_and_colours_of_the_styler():
    at = AppTest.from_function(_both_tables).run()
    assert not at.exception
    shared_one, plain = (t.proto for t in at.get("dataframe"))
    assert shared_one.arrow_data.data == plain.arrow_data.data
    assert shared_one.arrow_data.styler.display_values == plain.arrow_data.styler.display_values

    def rules(proto) -> list[str]:  # the selectors carry each Styler's own identifier
        return [rule.split(" { ", 1)[1] for rule in proto.arrow_data.styler.styles.splitlines()]

    assert rules(shared_one) == rules(plain) and len(rules(plain)) == 2
    cells = pa.ipc.open_stream(shared_one.arrow_data.styler.display_values).read_pandas()
    assert cells.iloc[:, 1].tolist() == ["1.746", "3"] and cells.iloc[1, 2].endswith("50,0 %")


@pytest.fixture(autouse=True)
def _empty_store():
    forget_kept()
    yield
    forget_kept()


def test_a_commune_scope_never_shares_the_province_builds():
    """What is built from a Source is keyed by its key, which names its scope: a commune account's view is its own."""
    from sqlalchemy import create_engine

    from data_access.figures.source import LiveSource, Scope

    engine = create_engine("sqlite://")
    province, commune = LiveSource(engine, "db|load", None, None), LiveSource(engine, "db|load", None, None,
                                                                              Scope((7, 8)))
    assert content_key(province) == content_key(LiveSource(engine, "db|load", None, None))
    assert content_key(province) != content_key(commune)
    BUILT.clear()
    assert kept(view, province, "2026-11-30") == 1 and kept(view, commune, "2026-11-30") == 2
    assert kept(view, province, "2026-11-30") == 1 and BUILT == ["db|load", "db|load|units:7,8"]


BUILT: list[str] = []


def view(source, day: str) -> int:  # noqa: ANN001 (a stand-in for ui.views' builders)
    """Return how many views were built so far, noting the Source's key."""
    BUILT.append(source.key)
    return len(BUILT)
