"""Users' words only, in a real browser (issue #28): a leadership account reads no English (Streamlit's pickers
included) and no file name, command, repository or formula on any page, at both screen sizes; a change names the
window it is compared with."""

import pytest
from sqlalchemy import create_engine

from data_access.accounts.store import add_account
from tests.e2e.conftest import open_signed_in
from tests.e2e.test_browser import SIZES, wait_rendered
from texts import labels as L

USER, PASSWORD = "lanh_dao_e2e", "mật khẩu lãnh đạo đầu cuối"
PAGES = ["tong-quan", "nhiem-vu", "diem-nghen", "bang-diem", "xep-hang", "chi-so-766", "cuoc-hop"]
NEVER = ["Select all", "Select ", "No results", "matches", "Ask Google", "Ask ChatGPT", "Traceback", "settings.toml",
         "cli.py", "github", "lamngockhuong", "dvhcvn", "min(1", "Kỳ 20", "Running", "Stop", "Deploy"]


@pytest.fixture(scope="module")
def leader(e2e_db):
    engine = create_engine(e2e_db)
    with engine.begin() as conn:
        add_account(conn, USER, "lanh_dao", PASSWORD)
    engine.dispose()
    return USER


def _text(page) -> str:
    return page.evaluate("() => document.body.innerText")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_leader_reads_no_english_and_no_developer_text(browser, server, leader, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="vi-VN")
    page = context.new_page()
    open_signed_in(page, f"{server}/{PAGES[0]}", leader, PASSWORD)
    wait_rendered(page)
    for path in PAGES:  # a new page load keeps the sign-in (the browser's cookie, issue #29 §3)
        page.goto(f"{server}/{path}")
        wait_rendered(page)
        text = _text(page)
        assert L.SIGN_IN_USER not in text  # the page itself, not the form
        found = [word for word in NEVER if word in text]
        assert found == [], (path, found)
    page.goto(f"{server}/tong-quan")
    wait_rendered(page)
    # a change names the window it is compared with (the month to 30/06/2026 against 01/05–30/05/2026)
    assert "so với cùng kỳ tháng trước (01/05–30/05/2026)" in _text(page)
    # a picker filtered to nothing says so in Vietnamese, and offers no "Select all"
    picker = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    picker.click()
    page.keyboard.type("khongcoaiten")
    empty = page.locator('[role="listbox"] span, [data-baseweb="menu"] span').filter(has_text="No results")
    empty.first.wait_for(state="attached", timeout=10_000)
    shown = empty.first.evaluate("e => [getComputedStyle(e).visibility, getComputedStyle(e, '::after').content]")
    assert shown == ["hidden", f'"{L.PICKER_NO_MATCH}"']  # the English is hidden, our words are drawn in its place
    text = _text(page)
    assert "No results" not in text and "Select all" not in text
    context.close()
