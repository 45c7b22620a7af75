"""ui/streamlit_speed.py: with its cuts applied the browser receives byte for byte what Streamlit sends without
them, and a shared table is marshalled once per element however many runs show it."""

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from ui import streamlit_speed
from ui.shared import forget_kept


@pytest.fixture
def applied():
    forget_kept()
    streamlit_speed.apply()
    yield
    streamlit_speed.undo()
    forget_kept()


def _tables():
    import pandas as pd
    import streamlit as st

    from texts.fmt import fmt_int, fmt_pct
    from ui.tables import Col, show_table, styled

    frame = pd.DataFrame({"name": ["Xã A", "Xã B", "Phường C"], "received": [1746, 3, 12],
                          "rate": [0.985, 0.5, None], "rate_status": ["green", "red", "none"]})
    columns = [Col("name", "Đơn vị"), Col("received", "Tiếp nhận", fmt_int),
               Col("rate", "Đúng hạn", fmt_pct, status="rate_status")]
    show_table(frame, columns, key="first")
    show_table(frame.iloc[::-1], columns, key="second")  # another table: its own cells
    st.dataframe(styled(frame, columns), hide_index=True, key="plain")  # not shared: marshalled every run


def _whole(proto) -> bytes:
    """Return a table's message with its Styler's random id (pandas draws one per build) written as "U"."""
    proto = type(proto).FromString(proto.SerializeToString())
    styler = proto.arrow_data.styler
    assert len(styler.uuid) >= 5 and styler.uuid in styler.styles
    styler.styles, styler.uuid = styler.styles.replace(styler.uuid, "U"), "U"
    return proto.SerializeToString()


def _sent(at: AppTest) -> list[bytes]:
    """Return the two shared tables' messages whole and the plain one's data and cells."""
    assert not at.exception
    shared_a, shared_b, plain = (t.proto for t in at.get("dataframe"))
    return [_whole(shared_a), _whole(shared_b), plain.arrow_data.data, plain.arrow_data.styler.display_values]


def _protos() -> list[bytes]:
    at = AppTest.from_function(_tables).run()
    first = _sent(at)
    assert first[0] != first[1]
    at.run()  # the same session again, as a viewer changing a filter
    assert _sent(at) == first
    return first


def test_every_option_reads_as_streamlit_reads_it(applied):
    keys = list(config.get_config_options())  # parsed (a server has parsed them before its first session)
    assert len(keys) > 100
    assert [config.get_option(k) for k in keys] == [streamlit_speed._original["get_option"](k) for k in keys]
    with pytest.raises(RuntimeError, match="not defined"):
        config.get_option("server.noSuchOption")


def test_a_shared_table_is_marshalled_once_and_sends_the_same_bytes(monkeypatch):
    forget_kept()
    without = _protos()
    marshalled, converted = [], []
    real_marshall, real_bytes = (streamlit_speed._original[k] for k in ("marshall_styler", "arrow_bytes"))

    def marshall(proto, styler, uuid):
        marshalled.append(hasattr(styler, streamlit_speed.MARSHALLED))
        real_marshall(proto, styler, uuid)

    def arrow_bytes(frame, **kwargs):
        converted.append(len(frame))
        return real_bytes(frame, **kwargs)

    monkeypatch.setitem(streamlit_speed._original, "marshall_styler", marshall)
    monkeypatch.setitem(streamlit_speed._original, "arrow_bytes", arrow_bytes)
    forget_kept()
    streamlit_speed.apply()
    try:
        with_cuts = _protos()
        assert with_cuts == without and len(with_cuts) == 4
        # first run: two shared Stylers and the plain one; second run: only the plain one again
        assert marshalled == [True, True, False, False]
        assert len(converted) == 2 * 2 + 2 * 2  # shared: data and cells once each; plain: both on each run
        _protos()  # a second viewer of the same tables: nothing marshalled for the shared ones
        assert marshalled[4:] == [False, False]
    finally:
        streamlit_speed.undo()
        forget_kept()
    assert config.get_option is streamlit_speed._original["get_option"]
