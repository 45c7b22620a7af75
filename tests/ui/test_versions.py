"""The uses of Streamlit's and pandas' private names are applied only on the versions they were read against
(issue #31, item 4): a change of a pinned version fails here until they are read again, and on another version they
are refused with a warning, leaving the libraries' own behaviour."""

from pathlib import Path

import pandas as pd
import pytest
import streamlit
from streamlit import config
from streamlit.elements import arrow

from ui import streamlit_speed, tables, versions
from ui.streamlit_speed import MARSHALLED
from ui.tables import Col

ROOT = Path(__file__).resolve().parents[2]


def _pinned(name: str) -> str:
    return next(line.split("==")[1].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
                if line.startswith(f"{name}=="))


def test_the_pinned_versions_are_the_ones_the_private_uses_were_read_against():
    assert _pinned("streamlit") == versions.STREAMLIT_VERSION == streamlit.__version__
    assert _pinned("pandas") == versions.PANDAS_VERSION == pd.__version__


def test_another_streamlit_gets_none_of_the_speed_cuts(monkeypatch, caplog):
    streamlit_speed.undo()
    monkeypatch.setattr(streamlit, "__version__", "9.9.9")
    assert streamlit_speed.apply() is False
    assert config.get_option is not streamlit_speed.get_option
    assert arrow.marshall_styler is not streamlit_speed.marshall_styler
    assert "Streamlit 9.9.9 is not 1.67.0: ui/streamlit_speed.py is not applied" in caplog.text


def test_the_pinned_streamlit_gets_them():
    try:
        assert streamlit_speed.apply() is True
        assert config.get_option is streamlit_speed.get_option
    finally:
        streamlit_speed.undo()


@pytest.mark.parametrize(("version", "shared"), [(versions.PANDAS_VERSION, True), ("9.9.9", False)])
def test_a_shared_table_is_computed_once_only_on_the_pinned_pandas(monkeypatch, caplog, version, shared):
    monkeypatch.setattr(pd, "__version__", version)
    styler = tables.rendered(pd.DataFrame({"a": [1, 2]}), [Col("a", "A")])
    assert hasattr(styler, MARSHALLED) is shared
    assert ("pandas 9.9.9 is not 3.1.1" in caplog.text) is not shared


def test_another_streamlit_gets_no_routing_fix(monkeypatch, caplog):
    from streamlit.runtime.pages_manager import PagesManager

    from ui import streamlit_fixes

    before = PagesManager.uses_pages_directory
    monkeypatch.setattr(streamlit, "__version__", "9.9.9")
    PagesManager.uses_pages_directory = None
    try:
        assert streamlit_fixes.declare_navigation_app() is False
        assert PagesManager.uses_pages_directory is None  # Streamlit's own decision stands
        assert "Streamlit 9.9.9 is not 1.67.0: ui/streamlit_fixes.py (routing declared" in caplog.text
        monkeypatch.setattr(streamlit, "__version__", versions.STREAMLIT_VERSION)
        assert streamlit_fixes.declare_navigation_app() is True and PagesManager.uses_pages_directory is False
    finally:
        PagesManager.uses_pages_directory = before


@pytest.mark.parametrize("version", [versions.STREAMLIT_VERSION, "9.9.9"])
def test_a_chart_is_converted_on_any_streamlit_and_by_streamlit_only_on_the_pinned_one(monkeypatch, caplog, version):
    import altair as alt

    from ui.charts import to_spec

    monkeypatch.setattr(streamlit, "__version__", version)
    chart = alt.Chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]})).mark_bar().encode(x="x:Q", y="y:Q")
    spec = to_spec(chart).spec
    assert spec["mark"]["type"] == "bar" if isinstance(spec["mark"], dict) else spec["mark"] == "bar"
    rows = [row for values in spec["datasets"].values() for row in (values if isinstance(values, list) else [])]
    if version == "9.9.9":  # Altair's own to_dict: the rows inline
        assert rows == [{"x": 1, "y": 3}, {"x": 2, "y": 4}]
        assert "Streamlit 9.9.9 is not 1.67.0: ui/charts.py" in caplog.text
    else:  # Streamlit's conversion: the datasets as Arrow frames, as st.altair_chart sends them
        assert rows == [] and "ui/charts.py" not in caplog.text
