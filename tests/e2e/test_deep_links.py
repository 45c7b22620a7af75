"""Deep links on a freshly started server, in fresh browser sessions: every page and slide address, with and without
a meeting, opens its page with no "Page not found" dialog; malformed meeting ids fall back to live figures."""

from datetime import datetime, time

import pytest
from sqlalchemy import create_engine

from data_access.meetings.records import create_meeting
from metrics.periods import Period
from tests.e2e.conftest import CARDS, END, open_signed_in, running_app
from tests.e2e.test_browser import wait_rendered
from tests.pages.reference import Reference
from texts import labels as L
from texts.fmt import fmt_int

PAGES = {"": L.PAGE_OVERVIEW, "tong-quan": L.PAGE_OVERVIEW, "nhiem-vu": L.PAGE_TASKS,
         "diem-nghen": L.PAGE_BOTTLENECKS, "bang-diem": L.PAGE_SCORECARD, "xep-hang": L.PAGE_RANKING,
         "cuoc-hop": L.PAGE_MEETINGS, "nhap-du-lieu": L.PAGE_IMPORT}
AGENDA = {"", "tong-quan", "nhiem-vu", "diem-nghen", "bang-diem", "xep-hang"}


@pytest.fixture(scope="module")
def fresh(e2e_db, browser):
    """A server started for this module only (its first session is one of the deep links) and a meeting id."""
    engine = create_engine(e2e_db)
    with engine.begin() as conn:
        meeting = create_meeting(conn, END, "Giao ban liên kết", datetime.combine(END, time(16, 0)))
    engine.dispose()
    with running_app(e2e_db) as base:
        yield base, meeting


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = context.new_page()
    open_signed_in(page, url)
    wait_rendered(page)
    return context, page


def _check(page, title: str) -> None:
    assert page.get_by_text("Page not found").count() == 0, page.url
    assert page.locator('[data-testid="stMain"] h1').first.inner_text() == title, page.url
    assert page.locator('[data-testid="stException"]').count() == 0, page.url


def test_every_address_opens_its_page_first_time(browser, fresh):
    base, meeting = fresh
    for query in ("?trinh_chieu=1&hop={m}", "", "?hop={m}", "?trinh_chieu=1"):  # the first visit is a slide bookmark
        for path, title in PAGES.items():
            slide = "trinh_chieu" in query
            context, page = _open(browser, f"{base}/{path}{query.format(m=meeting)}")
            _check(page, title if not slide or path in AGENDA else L.PAGE_OVERVIEW)
            if "hop=" in query and not slide:
                assert page.get_by_text("Giao ban liên kết").first.is_visible()
            context.close()


@pytest.mark.parametrize("asked", ["²", "9" * 5000, "abc", "999999"])
def test_a_malformed_or_unknown_meeting_falls_back_to_live_figures(browser, fresh, asked):
    base, _ = fresh
    context, page = _open(browser, f"{base}/bang-diem?hop={asked}")
    _check(page, L.PAGE_SCORECARD)
    assert page.get_by_text(L.MEETING_UNKNOWN.format(asked=asked[:12])).is_visible()
    context.close()


def test_a_meeting_is_filtered_from_the_sidebar_in_the_browser(browser, fresh, e2e_db):
    """Issue #31: on a meeting's view the sidebar's level picker narrows the meeting's frozen figures: the commune
    level's overdue dossiers in progress at the cut-off, counted independently from the rows."""
    base, meeting = fresh
    context, page = _open(browser, f"{base}/tong-quan?hop={meeting}")
    pickers = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]')
    assert pickers.count() == 3  # agency, level, commune: offered on a meeting too
    pickers.nth(1).click()
    page.keyboard.type("Xã")
    page.keyboard.press("Enter")
    page.get_by_text(L.SCOPE_LINE.format(scope="cấp Xã")).first.wait_for(state="visible", timeout=60_000)
    wait_rendered(page)
    shown = {m.locator('[data-testid="stMetricLabel"]').inner_text().strip():
             m.locator('[data-testid="stMetricValue"]').inner_text().strip() for m in page.locator(CARDS).all()}
    ref, month_to_date = Reference(e2e_db), Period(END.replace(day=1), END)
    month = ref.totals(month_to_date, level="Xã")
    assert month["in_progress_overdue"] < ref.totals(month_to_date)["in_progress_overdue"]  # the filter shows
    assert shown[L.KPI["in_progress_overdue"]] == fmt_int(month["in_progress_overdue"]), shown
    assert page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').count() == 0
    context.close()
