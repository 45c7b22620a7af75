"""The browser's code for the first page, loaded while the visitor types (issue #14, item 3).

Streamlit's browser bundle loads the code of each kind of element (a card, a data grid, a picker) the first time a
page draws one. Before this module, that happened after sign-in: the overview's eight cards waited ≈ 0,7 s for the
data grid's and the pickers' code (docs/history/scaling.md §0g). The sign-in form now also draws, hidden, one empty
element of each kind the first page draws; their code is loaded while the visitor types. They carry no data: fixed
placeholders, and no query is run for them. Hidden twice: `display: none` from ui/style.py (neither seen nor read
out), and a container of 1 × 1 pixel for the first few hundred milliseconds, before the stylesheet is applied.
"""

from datetime import date

import pandas as pd
import streamlit as st

from texts import labels as L

KEY = "warmup"  # the container's key: ui/style.py hides `.st-key-warmup`
WIDGET_KEYS = ("_warmup_pick", "_warmup_picks", "_warmup_day", "_warmup_button", "_warmup_download")
_DAY = date(2026, 1, 1)  # a fixed placeholder, never a figure


def preload_elements() -> None:
    """Draw the hidden placeholder elements (nothing is returned; nothing they hold comes from the database)."""
    # 1 × 1 pixel and clipped even before the stylesheet (itself drawn by code loaded on first use) hides it
    with st.container(key=KEY, height=1, width=1, border=False):
        st.metric(L.WARMUP_LABEL, "0")
        st.dataframe(pd.DataFrame({L.WARMUP_LABEL: []}), hide_index=True)
        st.selectbox(L.WARMUP_LABEL, [L.WARMUP_LABEL], key=WIDGET_KEYS[0])
        st.multiselect(L.WARMUP_LABEL, [L.WARMUP_LABEL], key=WIDGET_KEYS[1], placeholder=L.SIDEBAR_ALL,
                       select_all=False)
        st.date_input(L.WARMUP_LABEL, value=_DAY, key=WIDGET_KEYS[2], format="DD/MM/YYYY")
        st.button(L.WARMUP_LABEL, key=WIDGET_KEYS[3])
        st.download_button(L.WARMUP_LABEL, data=b"", file_name="trong.txt", key=WIDGET_KEYS[4])
