"""A local account stays signed in across reloads and tabs of one browser, in Chromium (issue #29 §3): the cookie is
HttpOnly and SameSite=Strict and only its hash is stored; sign-out in one tab ends the other; the idle timeout and a
disabled account end it; every kept sign-in is audited."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, select, update

from data_access.accounts.audit import read_audit
from data_access.accounts.store import add_account, set_disabled
from data_access.store.schema import web_sessions
from tests.e2e.conftest import open_signed_in
from texts import labels as L
from texts import messages as M
from ui.session_cookie import COOKIE, END_PATH, START_PATH

PASSWORD = "mật khẩu giữ phiên"


@pytest.fixture
def db(e2e_db):
    engine = create_engine(e2e_db)
    yield engine
    engine.dispose()


def _account(db, name: str) -> str:
    with db.begin() as conn:
        add_account(conn, name, "lanh_dao", PASSWORD)
    return name


def _signed_in(context, server: str, name: str):
    """Open a tab of `context`, sign `name` in through the form and wait for the answer that sets the cookie."""
    page = context.new_page()
    with page.expect_response(lambda r: r.url.endswith(START_PATH), timeout=60_000) as answer:
        open_signed_in(page, server, name, PASSWORD)
    assert answer.value.status == 204
    assert any(c["name"] == COOKIE for c in context.cookies())
    return page


def _shows_the_form(page) -> bool:
    """Wait until the page shows the sign-in form (a run after a click replaces the page it leaves)."""
    page.get_by_role("button", name=L.SIGN_IN_BUTTON, exact=True).wait_for(timeout=60_000)
    return page.get_by_role("button", name=L.SIGN_OUT, exact=True).count() == 0


def _is_signed_in(page) -> bool:
    """Wait until the page shows the signed-in sidebar's sign-out button."""
    page.get_by_role("button", name=L.SIGN_OUT, exact=True).wait_for(timeout=60_000)
    return page.get_by_role("button", name=L.SIGN_IN_BUTTON, exact=True).count() == 0


def test_a_reload_and_a_new_tab_stay_signed_in_with_an_httponly_strict_cookie(browser, server, db):
    name = _account(db, "giu_phien_tai_lai")
    context = browser.new_context()
    page = _signed_in(context, server, name)
    cookie = next(c for c in context.cookies() if c["name"] == COOKIE)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert page.evaluate("document.cookie").find(COOKIE) == -1  # no script of the page can read it
    with db.connect() as conn:
        stored = conn.execute(select(web_sessions.c.token_hash).where(web_sessions.c.token_hash.is_not(None))).all()
    assert hashlib.sha256(cookie["value"].encode()).hexdigest() in {r[0] for r in stored}
    assert cookie["value"] not in {r[0] for r in stored}

    page.reload()
    assert _is_signed_in(page)
    other = context.new_page()
    other.goto(f"{server}/bang-diem")
    assert _is_signed_in(other)
    with db.connect() as conn:
        lines = read_audit(conn, account=name, action="sign_in")
    assert sorted(lines["detail"].fillna("")) == ["", M.AUDIT_KEPT_SIGN_IN, M.AUDIT_KEPT_SIGN_IN]
    context.close()


def test_sign_out_in_one_tab_ends_the_other(browser, server, db):
    name = _account(db, "giu_phien_dang_xuat")
    context = browser.new_context()
    first = _signed_in(context, server, name)
    second = context.new_page()
    second.goto(server)
    assert _is_signed_in(second)
    with first.expect_response(lambda r: r.url.endswith(END_PATH), timeout=60_000):  # the form drops the cookie
        first.get_by_role("button", name=L.SIGN_OUT, exact=True).click()
    assert _shows_the_form(first)
    assert not any(c["name"] == COOKIE for c in context.cookies())
    second.get_by_role("link", name=L.PAGE_SCORECARD).first.click()  # the other tab's next run
    assert _shows_the_form(second)
    assert second.get_by_text(L.SIGNED_OUT_ELSEWHERE).count() == 1
    third = context.new_page()
    third.goto(server)
    assert _shows_the_form(third)
    context.close()


def test_the_idle_timeout_ends_the_kept_sign_in(browser, server, db):
    name = _account(db, "giu_phien_cho_lau")
    context = browser.new_context()
    page = _signed_in(context, server, name)
    with db.begin() as conn:  # as if no tab of this browser had run anything for 31 minutes
        idle_since = datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=31)
        conn.execute(update(web_sessions).where(web_sessions.c.ended_at.is_(None)).values(last_seen_at=idle_since))
    page.reload()
    assert _shows_the_form(page)
    assert page.get_by_text(L.SIGNED_OUT_IDLE.format(minutes=30)).count() == 1
    with db.connect() as conn:
        why = conn.execute(select(web_sessions.c.ended_why).order_by(web_sessions.c.id.desc())).scalars().first()
    assert why == "idle"
    context.close()


def test_a_disabled_account_is_signed_out_in_every_tab(browser, server, db):
    name = _account(db, "giu_phien_bi_khoa")
    context = browser.new_context()
    page = _signed_in(context, server, name)
    other = context.new_page()
    other.goto(server)
    assert _is_signed_in(other)
    with db.begin() as conn:
        set_disabled(conn, name)
    page.reload()
    assert _shows_the_form(page)
    other.get_by_role("link", name=L.PAGE_SCORECARD).first.click()
    assert _shows_the_form(other)
    assert other.get_by_text(L.SIGNED_OUT_DISABLED).count() == 1
    context.close()
