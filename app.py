"""Entry point: routes to the pages, sets the page configuration and draws the shared sidebar."""

from pathlib import Path

import streamlit as st

from texts import labels as L
from ui.mode import presenting
from ui.present import AGENDA
from ui.sidebar import render_meeting_banner, render_sidebar
from ui.streamlit_fixes import open_default_page_by_its_address
from ui.style import apply_style

# A local image: Material icons as favicons would be fetched from the internet, which an intranet lacks.
FAVICON = str(Path(__file__).parent / "assets" / "favicon.png")
OVERVIEW_PATH = "tong-quan"

pages = {
    L.SECTION_MEETING: [
        st.Page("pages/tong_quan.py", title=L.PAGE_OVERVIEW, url_path=OVERVIEW_PATH, default=True),
        st.Page("pages/nhiem_vu.py", title=L.PAGE_TASKS, url_path="nhiem-vu"),
        st.Page("pages/diem_nghen.py", title=L.PAGE_BOTTLENECKS, url_path="diem-nghen"),
        st.Page("pages/bang_diem.py", title=L.PAGE_SCORECARD, url_path="bang-diem"),
        st.Page("pages/xep_hang.py", title=L.PAGE_RANKING, url_path="xep-hang"),
        st.Page("pages/cuoc_hop.py", title=L.PAGE_MEETINGS, url_path="cuoc-hop"),
    ],
    L.SECTION_ADMIN: [
        st.Page("pages/nhap_du_lieu.py", title=L.PAGE_IMPORT, url_path="nhap-du-lieu"),
    ],
}
open_default_page_by_its_address(OVERVIEW_PATH)  # /tong-quan bookmarks (see ui/streamlit_fixes.py)
present = presenting()  # presentation mode: no navigation, no sidebar, one slide per agenda item
page = st.navigation(pages, position="hidden" if present else "sidebar")
st.set_page_config(page_title=f"{page.title} · {L.APP_TITLE}", page_icon=FAVICON,
                   layout="wide", initial_sidebar_state="collapsed" if present else "expanded")
apply_style(present)
render_sidebar(page.title)
if present and page.title not in {title for _, title in AGENDA}:
    st.switch_page(AGENDA[0][0], query_params=dict(st.query_params))  # slides cover the agenda pages only
if not present:
    render_meeting_banner()
page.run()
