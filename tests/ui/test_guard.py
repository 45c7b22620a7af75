"""A page section shows a clear message for an error and lets Streamlit's control flow (st.rerun, st.stop) through,
without importing Streamlit's private exception classes."""

from streamlit.testing.v1 import AppTest


def _script():
    import streamlit as st

    from metrics.errors import DomainError
    from ui.guard import section

    st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    with section("rerun"):
        if st.session_state["runs"] == 1:
            st.rerun()
    with section("rule"):
        raise DomainError("Kỳ báo cáo không hợp lệ")
    with section("crash"):
        raise ValueError("internal detail")
    st.write(f"runs {st.session_state['runs']}")
    with section("stop"):
        st.stop()
    st.write("after stop")


def test_a_section_lets_rerun_and_stop_through_and_shows_errors_plainly():
    app = AppTest.from_function(_script).run(timeout=30)
    assert not app.exception
    assert [m.value for m in app.markdown] == ["runs 2"]  # rerun passed through; nothing after st.stop
    errors = [e.value for e in app.error]
    assert errors[0] == "Kỳ báo cáo không hợp lệ" and len(errors) == 2 and "internal detail" not in errors[1]
