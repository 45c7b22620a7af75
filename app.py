"""Entry point: routes to the pages, sets the page configuration, stops at the sign-in form until an account is
signed in, then draws the shared sidebar and the page."""

from pathlib import Path

import streamlit as st

from texts import labels as L
from ui.auth import keep_signed_in, return_to_bookmark, sign_in_form, signed_in
from ui.guard import whole_load
from ui.import_jobs import announce as announce_imports
from ui.mode import presenting
from ui.pages import AGENDA, DEFAULT, PAGES
from ui.sidebar import render_load_notice, render_meeting_banner, render_sidebar
from ui.streamlit_fixes import open_default_page_by_its_address
from ui.style import apply_style

# A local image: Material icons as favicons would be fetched from the internet, which an intranet lacks.
FAVICON = str(Path(__file__).parent / "assets" / "favicon.png")

account = signed_in()  # None: only the sign-in form is drawn, before any query
sections: dict[str, list] = {}
for spec in PAGES:
    if spec.needs and account is not None and not account.may(spec.needs):
        continue  # anonymous: every address resolves (to the form); signed in: only the pages the role may use
    sections.setdefault(spec.section, []).append(
        st.Page(spec.path, title=spec.title, url_path=spec.url_path, default=spec is DEFAULT))
open_default_page_by_its_address(DEFAULT.url_path)  # /tong-quan bookmarks (see ui/streamlit_fixes.py)
present = presenting()  # presentation mode: no navigation, no sidebar, one slide per agenda item
page = st.navigation(sections, position="hidden" if present or account is None else "sidebar")
st.set_page_config(page_title=f"{page.title} · {L.APP_TITLE}", page_icon=FAVICON,
                   layout="wide", initial_sidebar_state="collapsed" if present else "auto")  # auto: closed on a phone
apply_style(present)
if account is None:
    sign_in_form(page.url_path)
    st.stop()
keep_signed_in()  # right after the form: the browser takes the cookie that keeps it signed in across reloads
return_to_bookmark()  # after single sign-on the provider sends the browser home: open the page it asked for
with whole_load():  # after a new load: the previous load whole, or the new one whole (ui/loads.py)
    render_sidebar(page.title, account)
    if present and page.title not in {title for _, title in AGENDA}:
        st.switch_page(AGENDA[0][0], query_params=dict(st.query_params))  # slides cover the agenda pages only
    render_load_notice()
    if not present:
        render_meeting_banner()
        announce_imports(account)  # an import that ended while this account was on another page
    page.run()
