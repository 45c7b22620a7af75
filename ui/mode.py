"""Presentation mode on or off: the sidebar toggle, ?trinh_chieu=1, and the exit button of a slide."""

import streamlit as st

PRESENT_PARAM = "trinh_chieu"
PRESENT_KEY = "present"


def presenting() -> bool:
    """Return True in presentation mode (taken from ?trinh_chieu=1 on a session's first run)."""
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = st.query_params.get(PRESENT_PARAM) == "1"
    return bool(st.session_state[PRESENT_KEY])


def set_presenting(on: bool) -> None:
    """Turn presentation mode on or off, keeping the URL's ?trinh_chieu=1 in step (for bookmarks)."""
    st.session_state[PRESENT_KEY] = on
    if on:
        st.query_params[PRESENT_PARAM] = "1"
    else:
        st.query_params.pop(PRESENT_PARAM, None)
