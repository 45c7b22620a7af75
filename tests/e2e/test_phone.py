"""On a phone (issue #33, item 6), in Chromium at 390×844 and 412×915: the sidebar starts closed, the overview's
cards stack one per row, the page never scrolls sideways (tables scroll inside themselves), and no text of the page
is cut; on the overview, the tasks page and the bottleneck page with its early-warning list."""

import pytest

from tests.e2e.conftest import open_signed_in
from tests.e2e.test_browser import wait_rendered
from texts import labels as L

MAIN = '[data-testid="stMain"]'
NO_SIDEWAYS = "document.documentElement.scrollWidth <= window.innerWidth"
CUT_TEXT = (f"() => [...document.querySelectorAll('{MAIN} [data-testid=stMarkdownContainer]')]"
            ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText.slice(0, 80))")
SIDEBAR_RIGHT = ("() => { const s = document.querySelector('[data-testid=stSidebar]');"
                 " return s ? s.getBoundingClientRect().right : 0; }")


def _settled(page, text: str) -> None:
    """Wait until the page's main area shows `text` and its run has finished drawing."""
    page.locator(MAIN).get_by_text(text, exact=False).first.wait_for(timeout=60_000)
    wait_rendered(page)


@pytest.mark.parametrize(("width", "height"), [(390, 844), (412, 915)])
def test_a_phone_reads_the_overview_tasks_and_early_warning(browser, server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True,
                                  locale="vi-VN")
    page = context.new_page()
    open_signed_in(page, server)
    _settled(page, L.DUE_SOON_DOSSIERS)
    assert page.evaluate(SIDEBAR_RIGHT) <= 0  # closed: the page is not covered
    assert page.evaluate(NO_SIDEWAYS)
    widths = page.evaluate(f"() => [...document.querySelectorAll('{MAIN} [data-testid=stMetric]')]"
                           ".filter(e => e.offsetParent).map(e => e.getBoundingClientRect().width)")
    assert len(widths) == 10 and min(widths) >= 0.75 * width  # one card per row, figures at full size
    assert page.evaluate(CUT_TEXT) == []

    page.goto(f"{server}/nhiem-vu")
    _settled(page, L.PAGE_TASKS)
    page.locator(f'{MAIN} [data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
    assert page.evaluate(NO_SIDEWAYS)
    assert page.evaluate(CUT_TEXT) == []

    page.goto(f"{server}/diem-nghen")
    _settled(page, L.DUE_SOON_LIST)
    page.locator(f'{MAIN} [data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
    tables = page.evaluate(f"() => [...document.querySelectorAll('{MAIN} [data-testid=stDataFrame]')]"
                           ".map(e => e.getBoundingClientRect().right)")
    assert tables and max(tables) <= width  # each table scrolls inside itself
    assert page.evaluate(NO_SIDEWAYS)
    assert page.evaluate(CUT_TEXT) == []
    context.close()
