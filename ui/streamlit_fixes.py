"""The project's workarounds for Streamlit's multipage routing, in one place (streamlit/streamlit#9992, #8860).

1. Streamlit decides once per process, when the first browser session opens, whether an app with a `pages/` folder
   beside its entry point is an old-style (v1) multipage app. In that first session it routes the requested URL
   through the v1 page list (file names: `bang_diem`), cannot find `/bang-diem` and shows a "Page not found"
   dialog over the right page. This app always declares its pages with `st.navigation`: `declare_navigation_app`
   says so before any session opens (serve.py calls it).
2. A default page has no address of its own in Streamlit (its URL is "/"), so its declared address `/tong-quan`
   (bookmarks such as /tong-quan?trinh_chieu=1&hop=12) is "not found" in every new session.
   `open_default_page_by_its_address` treats a request for that address as a request for the default page.

Both use Streamlit's pages manager, not a documented API: they apply on the Streamlit they were read against only
(ui.versions), and on any other are refused with a logged warning (Streamlit's own routing then applies).
"""

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui.versions import streamlit_is_pinned


def declare_navigation_app() -> bool:
    """Tell Streamlit, before the first session, that the app routes with st.navigation (fix 1); return whether it
    was applied (the pinned Streamlit only)."""
    if not streamlit_is_pinned("ui/streamlit_fixes.py (routing declared before the first session)"):
        return False
    PagesManager.uses_pages_directory = False
    return True


def open_default_page_by_its_address(url_path: str) -> None:
    """Before st.navigation: a request for `url_path` (the default page's address) opens the default page (fix 2),
    on the pinned Streamlit only."""
    if not streamlit_is_pinned("ui/streamlit_fixes.py (the default page's own address)"):
        return
    ctx = get_script_run_ctx()
    manager = ctx.pages_manager if ctx is not None else None
    if manager is not None and not manager.intended_page_script_hash and manager.intended_page_name == url_path:
        manager.set_script_intent("", "")
