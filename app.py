"""Entry point: routes to the pages, sets the page configuration and draws the shared sidebar."""

import streamlit as st

from ui import labels as L
from ui.sidebar import render_sidebar
from ui.style import apply_style

pages = {
    L.SECTION_MEETING: [
        st.Page("pages/tong_quan.py", title=L.PAGE_OVERVIEW, icon=":material/dashboard:", url_path="tong-quan",
                default=True),
        st.Page("pages/nhiem_vu.py", title=L.PAGE_TASKS, icon=":material/assignment_late:", url_path="nhiem-vu"),
        st.Page("pages/diem_nghen.py", title=L.PAGE_BOTTLENECKS, icon=":material/landscape:", url_path="diem-nghen"),
        st.Page("pages/bang_diem.py", title=L.PAGE_SCORECARD, icon=":material/map:", url_path="bang-diem"),
        st.Page("pages/xep_hang.py", title=L.PAGE_RANKING, icon=":material/leaderboard:", url_path="xep-hang"),
    ],
}
page = st.navigation(pages)
st.set_page_config(page_title=f"{page.title} · {L.APP_TITLE}", page_icon=":material/account_balance:",
                   layout="wide", initial_sidebar_state="expanded")
apply_style()
render_sidebar(page.title)
page.run()
