"""Presentation mode in a real browser at 1920×1080: each slide without Streamlit chrome or sidebar, fitting the
screen without scrolling, KPI values at least 48 px, every text at least 20 px, the cut-off visible."""

from datetime import datetime, time

import pytest
from sqlalchemy import create_engine

from data_access.meetings.records import create_meeting
from tests.e2e.conftest import ARTIFACTS, END, open_signed_in
from tests.e2e.test_browser import wait_rendered
from texts import labels as L
from texts.fmt import fmt_date

SLIDES = {"": L.PAGE_OVERVIEW, "nhiem-vu": L.PAGE_TASKS, "diem-nghen": L.PAGE_BOTTLENECKS,
          "bang-diem": L.PAGE_SCORECARD, "xep-hang": L.PAGE_RANKING}
TEXT_SIZES = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] *'))
    .filter(e => e.offsetParent !== null && !e.closest('svg, canvas')
            && Array.from(e.childNodes).some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== ''))
    .map(e => [e.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(e).fontSize)])"""


@pytest.mark.parametrize("path", list(SLIDES), ids=[p or "tong-quan" for p in SLIDES])
def test_slide_fits_a_1920x1080_screen_with_large_text(browser, server, path):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    page = context.new_page()
    open_signed_in(page, f"{server}/{path}?trinh_chieu=1")
    wait_rendered(page)
    assert page.locator('[data-testid="stMain"] h1').first.inner_text() == SLIDES[path]
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stHeader"]').is_visible()
    main = page.locator('[data-testid="stMain"]')
    assert main.get_by_text(f"đến {fmt_date(END)}").first.is_visible()  # the cut-off on every slide
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    assert height <= 1080, f"{path}: the slide is {height} px high"
    values = page.evaluate("""() => Array.from(document.querySelectorAll('[data-testid="stMetricValue"]'))
        .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    if path != "bang-diem":  # the scorecard slide is its table and map
        assert values and min(values) >= 48, values
    small = [(text, size) for text, size in page.evaluate(TEXT_SIZES) if size < 20]
    assert small == [], small
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"slide_{path or 'tong-quan'}.png"))
    context.close()


def test_next_button_moves_to_the_following_slide(browser, server):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    page = context.new_page()
    open_signed_in(page, f"{server}/diem-nghen?trinh_chieu=1")
    wait_rendered(page)
    page.get_by_role("button", name=L.SLIDE_NEXT).click()
    page.wait_for_url("**/bang-diem?trinh_chieu=1*")
    wait_rendered(page)
    assert page.locator('[data-testid="stMain"] h1').first.inner_text() == L.PAGE_SCORECARD
    context.close()


def test_a_meeting_bookmark_opens_its_frozen_slides(browser, server, e2e_db):
    engine = create_engine(e2e_db)
    with engine.begin() as conn:
        meeting = create_meeting(conn, END, "Giao ban tuần 27", datetime.combine(END, time(17, 0)))
    engine.dispose()
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
    page = context.new_page()
    open_signed_in(page, f"{server}/nhiem-vu?trinh_chieu=1&hop={meeting}")
    wait_rendered(page)
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("h1").first.inner_text() == L.PAGE_TASKS
    # no week number in a document's title (issue #32)
    assert main.get_by_text(f"Số liệu chốt đến {fmt_date(END)} 17:00 · Giao ban", exact=True).is_visible()
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    context.close()
