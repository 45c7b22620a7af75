"""A local account's sign-in kept by its browser (issue #29 §3), on SQLite and PostgreSQL: the one-time code, the
cookie's token stored only as a hash, the idle timeout, the longest life, sign-out, a disabled account, a new password
and the demo's accounts removed with their sessions."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from data_access.accounts.scopes import remove_demo_accounts
from data_access.accounts.store import Account, add_account, set_disabled, set_password
from data_access.accounts.web_sessions import (
    CODE_SECONDS,
    LONGEST,
    check,
    end_by_token,
    end_session,
    open_session,
    redeem,
    resume,
    settle,
)
from data_access.reference.lookup import ensure_reference
from data_access.store.schema import accounts, web_sessions

PASSWORD = "mật-khẩu-đủ-dài"
T0 = datetime(2026, 12, 7, 7, 30)
IDLE = 30
BROWSER = "a" * 64


@pytest.fixture
def db(engine):
    with engine.begin() as conn:
        ensure_reference(conn)
        add_account(conn, "chu_tich", "lanh_dao", PASSWORD)
        add_account(conn, "demo_lanh_dao", "lanh_dao", PASSWORD, is_demo=True)
    return engine


def _signed_in(db, browser=BROWSER, account_id=1, at=T0) -> tuple[int, str]:
    """Return (session id, cookie token) of a sign-in whose page handed its code over at once."""
    with db.begin() as conn:
        session_id, code = open_session(conn, account_id, browser, at)
        token = redeem(conn, code, browser, at + timedelta(seconds=2))
    assert token is not None
    return session_id, token


def test_the_code_becomes_a_token_once_and_only_hashes_are_stored(db):
    with db.begin() as conn:
        session_id, code = open_session(conn, 1, BROWSER, T0)
        token = redeem(conn, code, BROWSER, T0 + timedelta(seconds=5))
        assert token and token != code
        assert redeem(conn, code, BROWSER, T0 + timedelta(seconds=6)) is None  # used
        row = conn.execute(select(web_sessions)).one()
    assert row.id == session_id and row.code_hash is None and len(row.token_hash) == 64
    assert token not in row.token_hash and code not in repr(tuple(row))
    with db.begin() as conn:
        found = resume(conn, token, IDLE, T0 + timedelta(minutes=1))
    assert found.account == Account(1, "chu_tich", "lanh_dao") and found.session_id == session_id
    assert found.cookie_set and found.ended_why is None


def test_a_late_code_or_one_from_another_browser_sets_no_cookie(db):
    with db.begin() as conn:
        _, late = open_session(conn, 1, BROWSER, T0)
        assert redeem(conn, late, BROWSER, T0 + timedelta(seconds=CODE_SECONDS + 1)) is None
        _, stolen = open_session(conn, 1, BROWSER, T0)
        assert redeem(conn, stolen, "b" * 64, T0 + timedelta(seconds=1)) is None
        assert redeem(conn, stolen, None, T0 + timedelta(seconds=1)) is None
        assert redeem(conn, "", BROWSER, T0) is None and redeem(conn, "x" * 500, BROWSER, T0) is None
        assert resume(conn, "not-a-token", IDLE, T0).account is None
        assert resume(conn, None, IDLE, T0).account is None


def test_runs_keep_it_alive_and_idle_minutes_without_a_run_end_it_in_every_tab(db):
    session_id, token = _signed_in(db)
    with db.begin() as conn:  # a run 29 minutes later (another tab) notes the browser is in use
        found = check(conn, session_id, IDLE, T0 + timedelta(minutes=29))
        assert found.account is not None and found.to_touch and not found.to_end
        assert conn.execute(select(web_sessions.c.last_seen_at)).scalar() == T0 + timedelta(seconds=2)  # read only
        settle(conn, found, T0 + timedelta(minutes=29))
        assert conn.execute(select(web_sessions.c.last_seen_at)).scalar() == T0 + timedelta(minutes=29)
        # a run less than a minute later has nothing to write (no write on every run)
        assert not check(conn, session_id, IDLE, T0 + timedelta(minutes=29, seconds=40)).to_touch
    with db.begin() as conn:  # 30 minutes and a second after that last run: ended, for the cookie too
        ended = check(conn, session_id, IDLE, T0 + timedelta(minutes=59, seconds=1))
        assert ended.account is None and ended.ended_why == "idle" and ended.to_end
        settle(conn, ended, T0 + timedelta(minutes=59, seconds=1))
        again = resume(conn, token, IDLE, T0 + timedelta(minutes=59, seconds=2))
        assert again.account is None and again.ended_why == "idle" and not again.to_end  # stored
        assert conn.execute(select(web_sessions.c.ended_why)).scalar() == "idle"


def test_a_kept_sign_in_ends_after_its_longest_life_however_active(db):
    session_id, _ = _signed_in(db)
    at = T0
    with db.begin() as conn:
        while at + timedelta(minutes=20) - T0 <= LONGEST:
            at += timedelta(minutes=20)
            found = check(conn, session_id, IDLE, at)
            assert found.account is not None
            settle(conn, found, at)
        assert check(conn, session_id, IDLE, at + timedelta(minutes=20)).ended_why == "expired"


def test_sign_out_ends_the_session_for_every_tab_and_the_cookie(db):
    session_id, token = _signed_in(db)
    with db.begin() as conn:
        assert end_session(conn, session_id, "sign_out", T0 + timedelta(minutes=3))
        assert not end_session(conn, session_id, "sign_out", T0 + timedelta(minutes=4))  # already ended
        assert check(conn, session_id, IDLE, T0 + timedelta(minutes=4)).ended_why == "sign_out"
        assert resume(conn, token, IDLE, T0 + timedelta(minutes=4)).account is None
    other_id, other_token = _signed_in(db, at=T0 + timedelta(minutes=5))
    with db.begin() as conn:  # the cookie's own route ends the session it names
        assert end_by_token(conn, other_token, T0 + timedelta(minutes=6))
        assert not end_by_token(conn, other_token, T0 + timedelta(minutes=6))
        assert check(conn, other_id, IDLE, T0 + timedelta(minutes=6)).ended_why == "sign_out"


def test_disabling_the_account_or_setting_its_password_ends_its_sessions(db):
    first, _ = _signed_in(db)
    second, _ = _signed_in(db, browser="c" * 64)
    with db.begin() as conn:
        set_disabled(conn, "chu_tich")
        assert check(conn, first, IDLE, T0 + timedelta(minutes=1)).ended_why == "disabled"
        assert check(conn, second, IDLE, T0 + timedelta(minutes=1)).ended_why == "disabled"
        set_disabled(conn, "chu_tich", False)
        assert check(conn, first, IDLE, T0 + timedelta(minutes=2)).account is None  # enabling revives none
    third, token = _signed_in(db, at=datetime.now(UTC).replace(tzinfo=None))
    with db.begin() as conn:
        set_password(conn, "chu_tich", "một mật khẩu mới dài")
        found = check(conn, third, IDLE)
    assert found.account is None and found.ended_why == "password"


def test_an_account_disabled_behind_the_session_is_found_at_its_next_run(db):
    session_id, _ = _signed_in(db)
    with db.begin() as conn:  # as reattach_scopes does: the row changes, no session is ended by it
        conn.execute(accounts.update().where(accounts.c.id == 1).values(disabled=True))
        assert check(conn, session_id, IDLE, T0 + timedelta(minutes=1)).ended_why == "disabled"


def test_the_demo_accounts_go_with_their_sessions(db):
    kept, _ = _signed_in(db)
    demo, _ = _signed_in(db, account_id=2)
    with db.begin() as conn:
        assert remove_demo_accounts(conn) == 1
        assert conn.execute(select(func.count()).select_from(web_sessions)).scalar() == 1
        assert check(conn, demo, IDLE, T0 + timedelta(minutes=1)).account is None
        assert check(conn, kept, IDLE, T0 + timedelta(minutes=1)).account == Account(1, "chu_tich", "lanh_dao")
