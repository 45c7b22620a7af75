"""Presentation mode for the wall screen: one slide per agenda item, no Streamlit chrome or sidebar, large
high-contrast text, the cut-off on every slide, previous/next and an optional auto-advance.

Opened with the sidebar toggle or with `?trinh_chieu=1` (with `&hop=ID` for a meeting's frozen figures), so that a
bookmark opens straight into it.
"""

import time

import pandas as pd
import streamlit as st

from config.settings import load_settings
from texts import labels as L
from texts.fmt import fmt_date, fmt_datetime, meeting_title
from ui.charts import ChartSpec, with_config
from ui.mode import PRESENT_PARAM, presenting, set_presenting
from ui.pages import AGENDA
from ui.safe import md_escape
from ui.shared import kept
from ui.sidebar import MEETING_PARAM, Filters
from ui.tables import Col, styled

AUTO_KEY = "present_auto"
SLIDE_FONT = 22
INK = "#000000"  # high contrast: black text on white


def _slide_params() -> dict[str, str]:
    params = {PRESENT_PARAM: "1"}
    meeting = st.query_params.get(MEETING_PARAM)
    if meeting:
        params[MEETING_PARAM] = meeting
    return params


def cutoff_line(filters: Filters) -> str:
    """Return the cut-off shown on every slide (the meeting's cut-off time, or the as-of date), as Markdown: the
    meeting's title is typed text, escaped so that it shows literally."""
    if filters.meeting is not None:
        return L.SLIDE_CUTOFF_MEETING.format(cutoff=fmt_datetime(filters.meeting.cutoff_at),
                                             title=md_escape(meeting_title(filters.meeting.title)))
    return L.SLIDE_CUTOFF.format(start=fmt_date(filters.period.start), end=fmt_date(filters.period.end))


def page_header(title: str, filters: Filters, caption: str) -> bool:
    """Draw a page's title and caption, or on a slide its top bar; return True in presentation mode."""
    if presenting():
        slide_bar(title, filters)
        return True
    st.title(title)
    st.caption(caption)
    return False


def slide_bar(title: str, filters: Filters) -> None:
    """Draw the slide's top bar: title, cut-off, position, previous/next, auto-advance and exit."""
    paths = [path for path, _ in AGENDA]
    index = next(i for i, (_, name) in enumerate(AGENDA) if name == title)
    following = paths[(index + 1) % len(paths)]
    if st.session_state.pop("_advance", False):
        st.switch_page(following, query_params=_slide_params())
    if st.session_state.get("_slide") != title:
        st.session_state["_slide"], st.session_state["_slide_started"] = title, time.monotonic()
    st.query_params.update(_slide_params())
    left, position, back, forward, auto, leave = st.columns([9, 1.2, 1.3, 1.3, 2.4, 1.6], vertical_alignment="center")
    with left:
        st.title(title)
        st.markdown(f"**{cutoff_line(filters)}**")
        if filters.scope != L.SCOPE_PROVINCE:  # a narrowed slide says what it covers (names are imported text)
            st.markdown(md_escape(L.SCOPE_LINE.format(scope=filters.scope)))
    position.markdown(f"**{L.SLIDE_POSITION.format(n=index + 1, total=len(paths))}**")
    if back.button(L.SLIDE_PREVIOUS, key="slide_previous", disabled=index == 0):
        st.switch_page(paths[index - 1], query_params=_slide_params())
    if forward.button(L.SLIDE_NEXT, key="slide_next", disabled=index == len(paths) - 1):
        st.switch_page(following, query_params=_slide_params())
    seconds = load_settings().auto_advance_seconds
    on = auto.toggle(L.SLIDE_AUTO.format(seconds=seconds), key=AUTO_KEY)
    if leave.button(L.SLIDE_EXIT, key="slide_exit"):
        set_presenting(False)
        st.rerun()
    if on:
        st.fragment(_tick, run_every=seconds)(seconds)


def _tick(seconds: int) -> None:
    """Move to the next slide once the current one has been shown for `seconds` (runs as a timed fragment)."""
    if time.monotonic() - st.session_state.get("_slide_started", time.monotonic()) >= seconds:
        st.session_state["_advance"] = True
        st.rerun()


def slide_table(frame: pd.DataFrame, columns: list[Col], empty: str = L.NO_ROWS) -> None:
    """Draw a static table (large text, status by colour and symbol) for a slide."""
    if frame.empty:
        st.markdown(empty)
        return
    st.table(styled(frame, columns).hide(axis="index"))


SLIDE_TEXT = {"labelFontSize": SLIDE_FONT, "titleFontSize": SLIDE_FONT, "labelLimit": 700, "labelColor": INK,
              "titleColor": INK}


def slide_chart(chart: ChartSpec, height: int) -> None:
    """Draw a shared chart with slide-sized text at a fixed height."""
    big = kept(with_config, chart, height, axis=SLIDE_TEXT, legend=SLIDE_TEXT, text={"fontSize": SLIDE_FONT - 2})
    st.vega_lite_chart(spec=big.spec, width="stretch", height=height)


def shorten(text: object, limit: int = 110) -> str:
    """Return text cut at a word boundary with '…' so that a slide row stays on two lines."""
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    if len(value) <= limit:
        return value
    return value[:limit].rsplit(" ", 1)[0] + " …"
