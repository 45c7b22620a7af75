"""Sign-in in a real browser (issue #12): an anonymous visit to any page address draws only the form, with none of
the demo's names or figures anywhere in the page, and a bookmark opens its page right after signing in."""

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, select

from data_access.accounts.store import add_account
from data_access.reference.lookup import ensure_reference, list_agencies, list_units
from data_access.store.migrate import create_schema
from data_access.store.schema import accounts
from tests.data_access.import_files import write_csv
from tests.e2e.conftest import open_signed_in, running_app
from tests.e2e.test_browser import wait_rendered
from texts import labels as L
from texts import messages as M
from ui.pages import PAGES
from ui.warmup import KEY as WARMUP_KEY


@pytest.fixture(scope="module")
def names(e2e_db) -> list[str]:
    engine = create_engine(e2e_db)
    with engine.connect() as conn:
        found = [*list_units(conn)["name"], *list_agencies(conn)["name"]]
    engine.dispose()
    return found


@pytest.mark.parametrize("path", [p.url_path for p in PAGES])
def test_an_anonymous_visit_shows_only_the_form(browser, server, names, path):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{server}/{path}?hop=1&trinh_chieu=1" if path == "nhiem-vu" else f"{server}/{path}")
    page.get_by_label(L.SIGN_IN_PASSWORD).wait_for(timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    html = page.content()
    assert [n for n in names if n in html] == []
    # ui/warmup.py's placeholders (one empty card, one empty grid) are in the page, hidden: nothing else
    page.locator(f".st-key-{WARMUP_KEY}").wait_for(state="hidden", timeout=10_000)  # once the stylesheet applies
    assert page.locator('[data-testid="stMetric"]').count() == 1
    assert page.locator('[data-testid="stMetric"]:visible, [data-testid="stDataFrame"]:visible').count() == 0
    assert page.locator('[data-testid="stTable"]').count() == 0
    assert page.get_by_role("button", name=L.SIGN_IN_BUTTON).is_visible()
    context.close()


def test_a_bookmark_opens_its_page_right_after_sign_in(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = context.new_page()
    open_signed_in(page, f"{server}/xep-hang")
    wait_rendered(page)
    assert page.locator('[data-testid="stMain"] h1').first.inner_text() == L.PAGE_RANKING
    assert "/xep-hang" in page.url
    context.close()


def server_tmp(tmp_path_factory) -> Path:
    """Return the office server's temporary folder (TMPDIR), where uploads are written while checked."""
    return tmp_path_factory.getbasetemp() / "office_server_tmp"


@pytest.fixture(scope="module")
def office(tmp_path_factory, browser):
    """A server of its own on an empty database with an Office account and an administrator."""
    url = f"sqlite:///{tmp_path_factory.mktemp('office') / 'office.sqlite3'}"
    engine = create_engine(url)
    create_schema(engine)
    with engine.begin() as conn:
        ensure_reference(conn)
        add_account(conn, "vp_nhap", "van_phong", "mật khẩu văn phòng")
        add_account(conn, "qt", "quan_tri", "mật khẩu quản trị")
    engine.dispose()
    uploads = server_tmp(tmp_path_factory)
    uploads.mkdir()
    with running_app(url, args=("--server.maxUploadSize", "1"),  # 1 MB: a too-large file is quick to make
                     env={"TMPDIR": str(uploads)}) as base:
        yield base


def test_after_an_import_the_audit_trail_names_who_imported(browser, office, tmp_path, tmp_path_factory):
    export = write_csv(tmp_path / "ho_so_tuan.csv", "utf-8", ";")
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    open_signed_in(page, f"{office}/nhap-du-lieu", "vp_nhap", "mật khẩu văn phòng")
    wait_rendered(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(export))
    page.get_by_role("button", name=L.IMPORT_COMMIT).click(timeout=60_000)
    page.get_by_text("Đã nhập ho_so_tuan.csv: thêm 13").wait_for(timeout=60_000)
    assert list(server_tmp(tmp_path_factory).glob("cchc-upload-*")) == []  # gone once its import ended
    assert page.get_by_role("link", name=L.PAGE_ADMIN).count() == 0  # the Office does not manage accounts
    context.close()

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    open_signed_in(page, f"{office}/quan-tri", "qt", "mật khẩu quản trị")
    wait_rendered(page)
    trail = page.locator('[data-testid="stDataFrame"]').nth(1)
    trail.wait_for(timeout=60_000)
    assert page.locator('[data-testid="stMain"] h1').first.inner_text() == L.PAGE_ADMIN
    with page.expect_download() as download:  # the trail is a canvas grid: read it through its Excel download
        page.get_by_role("button", name=L.TABLE_EXCEL).nth(1).click()
    rows = pd.read_excel(download.value.path(), engine="calamine")
    imports = rows.loc[rows[L.AUDIT_COLUMNS["action"]] == L.AUDIT_ACTIONS["import"]]
    assert imports[L.AUDIT_COLUMNS["account"]].tolist() == ["vp_nhap"]
    assert imports[L.AUDIT_COLUMNS["detail"]].iloc[0].startswith("dossiers: ho_so_tuan.csv, sha256 ")
    context.close()


def test_the_import_page_uploader_speaks_vietnamese(browser, office, tmp_path):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    open_signed_in(page, f"{office}/nhap-du-lieu", "vp_nhap", "mật khẩu văn phòng")
    wait_rendered(page)
    dropzone = page.locator('[data-testid="stFileUploaderDropzone"]')
    shown = page.evaluate("""() => {
        const zone = document.querySelector('[data-testid="stFileUploaderDropzone"]');
        const after = (el) => getComputedStyle(el, '::after').content.replaceAll('"', '');
        return [after(zone.querySelector('button')),
                after(zone.querySelector('[data-testid="stFileUploaderDropzoneInstructions"]'))];
    }""")
    assert shown == [L.UPLOAD_BUTTON, L.UPLOAD_LIMIT.format(mb=1)]  # the server's limit, stated
    visible = dropzone.evaluate("""(zone) => Array.from(zone.querySelectorAll('*'))
        .filter(e => e.offsetParent !== null && e.children.length === 0).map(e => e.textContent.trim())
        .filter(t => t)""")
    assert [t for t in visible if "Upload" in t or "per file" in t] == []
    big = tmp_path / "ca_nam.csv"
    big.write_bytes(b"x" * 1_500_000)  # over the 1 MB limit: the browser refuses it before sending
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(big))
    page.locator('[data-testid="stFileChip"][aria-invalid="true"]').wait_for(timeout=30_000)
    page.locator('[data-testid="stFileChip"]').hover()
    page.locator('[data-testid="stTooltipErrorContent"]').wait_for(timeout=30_000)
    refused = L.UPLOAD_REFUSED.format(mb=1)
    seen = page.evaluate("""() => {
        const after = (el) => getComputedStyle(el, '::after').content.replaceAll('"', '');
        const size = (el) => getComputedStyle(el).fontSize;
        const alert = document.querySelector('[data-testid="stFileChip"] [role="alert"]');
        const tip = document.querySelector('[data-testid="stTooltipErrorContent"]');
        return [after(document.querySelector('[data-testid="stFileUploader"]')), after(alert), size(alert),
                after(tip), size(tip)];
    }""")
    assert seen == [refused, refused, "0px", refused, "0px"]  # Streamlit's English is drawn at size 0
    assert page.get_by_role("button", name=L.IMPORT_COMMIT).count() == 0  # nothing to check or import
    context.close()


def test_a_commune_account_cannot_open_another_communes_detail(browser, server, e2e_db):
    engine = create_engine(e2e_db)
    with engine.begin() as conn:
        if not conn.execute(select(accounts.c.id).where(accounts.c.username == "xa_cam_lam")).first():
            add_account(conn, "xa_cam_lam", "xa", "mật khẩu xã cam lâm", commune="22453")
    engine.dispose()
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    open_signed_in(page, f"{server}/bang-diem", "xa_cam_lam", "mật khẩu xã cam lâm")
    wait_rendered(page)
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text(L.SCORECARD_TREND.format(unit="Xã Cam Lâm")).wait_for(timeout=30_000)  # its own detail first
    assert page.get_by_text(M.OUTSIDE_SCOPE).count() == 0
    picker = page.get_by_label(L.SCORECARD_PICK)
    picker.click()
    picker.fill("Bắc Nha Trang")
    picker.press("Enter")
    page.get_by_text(M.OUTSIDE_SCOPE).wait_for(timeout=60_000)  # refused by the query layer
    assert main.get_by_text(L.SCORECARD_TREND.format(unit="Phường Bắc Nha Trang")).count() == 0
    context.close()
