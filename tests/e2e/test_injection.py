"""Imported or typed text is shown literally (issue #16, item 9): a payload with a Markdown link, a remote image,
HTML and emphasis is stored as a commune's name, an agency's name, a meeting's title, a conclusion and its
coordinating agencies, and a file's unknown column; in Chromium no page shows a link or image from it, renders its
HTML, or sends a request to its address."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import create_engine

from data_access.accounts.store import add_account
from data_access.demo.build import build_demo
from data_access.importing.runner import run_import
from data_access.meetings.records import create_meeting
from data_access.reference.lookup import get_or_create_agency
from tests.data_access.helpers import Decision, record_decision
from tests.data_access.import_files import HEADERS, records, write_csv
from tests.e2e.conftest import END, open_signed_in, running_app
from tests.e2e.test_browser import wait_rendered
from texts import labels as L

PAYLOAD = "[a](http://x) ![b](http://x/i.png) <b>c</b> *d*"
UNIT, AGENCY = f"Xã {PAYLOAD}", f"Sở {PAYLOAD}"
USER, PASSWORD = "kiem_tra_chen", "mật khẩu kiểm tra chèn"
FOUND = """() => ({
    links: Array.from(document.querySelectorAll('a[href*="//x"]')).map(a => a.outerHTML),
    images: Array.from(document.querySelectorAll('img[src*="//x"]')).map(i => i.outerHTML),
    bold: Array.from(document.querySelectorAll('[data-testid="stMain"] b, [data-testid="stSidebar"] b'))
        .filter(b => b.textContent === 'c').length,
    shown: document.body.innerText.includes('![b](http://x/i.png)')})"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, browser):
    """Yield (app URL, meeting id, folder): a demo whose names, meeting and conclusion carry the payload."""
    folder = tmp_path_factory.mktemp("chen")
    url = f"sqlite:///{folder / 'chen.sqlite3'}"
    engine = create_engine(url)
    build_demo(engine, END, n_dossiers=4_000, seed=8)
    units_file = folder / "don_vi.csv"
    units_file.write_text(f"Tên;Loại;Hiệu lực từ\n{UNIT};Xã;01/07/2025\n", encoding="utf-8")
    run_import(engine, units_file, "units")
    with engine.begin() as conn:
        add_account(conn, USER, "quan_tri", PASSWORD)
        agency_id = get_or_create_agency(conn, AGENCY)
        meeting = create_meeting(conn, END, PAYLOAD, datetime.combine(END, datetime.min.time()))
    with engine.begin() as conn:
        record_decision(conn, meeting, Decision(PAYLOAD, agency_id, AGENCY, END + timedelta(days=14), PAYLOAD))
    engine.dispose()
    with running_app(url) as base:
        yield base, meeting, folder


def _opened(browser, url: str):
    """Return (context, page, every URL the page requested) after signing in on `url` and waiting for it."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_signed_in(page, url, USER, PASSWORD)
    wait_rendered(page)
    return context, page, requested


def _check(page, requested: list[str], where: str) -> None:
    found = page.evaluate(FOUND)
    assert found["links"] == [] and found["images"] == [] and found["bold"] == 0, (where, found)
    assert [u for u in requested if "//x/" in u or u.rstrip("/").endswith("//x")] == [], where


@pytest.mark.parametrize("path", ["tong-quan", "nhiem-vu", "diem-nghen", "bang-diem", "cuoc-hop"])
def test_no_page_renders_the_payload(browser, hostile, path):
    base, meeting, _ = hostile
    context, page, requested = _opened(browser, f"{base}/{path}?hop={meeting}")
    assert page.get_by_text(PAYLOAD).count() >= 1  # the meeting banner names it, literally
    _check(page, requested, path)
    if path == "bang-diem":  # the payload commune's own detail
        picker = page.get_by_label(L.SCORECARD_PICK)
        picker.click()
        picker.fill("Xã [a]")
        picker.press("Enter")
        page.get_by_text(L.SCORECARD_TREND.format(unit=UNIT)).wait_for(timeout=60_000)
        _check(page, requested, "bang-diem detail")
    context.close()


def test_the_import_page_shows_a_hostile_column_literally(browser, hostile):
    base, _, folder = hostile
    export = write_csv(folder / "ho_so.csv", "utf-8", ";", [r + ["x"] for r in records()], [*HEADERS, PAYLOAD])
    context, page, requested = _opened(browser, f"{base}/nhap-du-lieu")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(export))
    page.get_by_text(PAYLOAD).first.wait_for(timeout=60_000)  # among the ignored columns, as typed
    _check(page, requested, "nhap-du-lieu")
    context.close()


@pytest.mark.parametrize("path", ["tong-quan", "nhiem-vu", "diem-nghen", "bang-diem", "xep-hang", "chi-so-766"])
def test_no_slide_renders_the_meeting_title(browser, hostile, path):
    base, meeting, _ = hostile
    context, page, requested = _opened(browser, f"{base}/{path}?trinh_chieu=1&hop={meeting}")
    assert page.get_by_text(PAYLOAD).count() >= 1  # the slide's cut-off line names the meeting, literally
    _check(page, requested, f"slide {path}")
    context.close()
