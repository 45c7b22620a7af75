"""Sign-in before anything is drawn: the form, the signed-in account (checked against the database on every run,
so a disabled account is signed out at once), the idle timeout and the sign-out button."""

import logging
import time

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from config.settings import load_settings
from data_access.accounts import Account, SignInRefused, current_account, sign_in
from data_access.audit import record
from texts import labels as L
from ui import data
from ui.safe import md_escape

ACCOUNT_KEY = "_account"
SEEN_KEY = "_last_action"
NOTICE_KEY = "_sign_in_notice"
log = logging.getLogger(__name__)


def client_address() -> str | None:
    """Return the address the browser connects from, as Streamlit sees it (None in tests)."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - outside a browser session there is no address
        return None
    return address if isinstance(address, str) else None


def _forget(notice: str | None = None) -> None:
    st.session_state.pop(ACCOUNT_KEY, None)
    st.session_state.pop(SEEN_KEY, None)
    if notice:
        st.session_state[NOTICE_KEY] = notice


def signed_in() -> Account | None:
    """Return the signed-in account, or None: never signed in, idle too long, disabled, or no database."""
    account = st.session_state.get(ACCOUNT_KEY)
    if account is None:
        return None
    minutes = load_settings().idle_minutes
    if time.monotonic() - st.session_state.get(SEEN_KEY, 0.0) > minutes * 60:
        _forget(L.SIGNED_OUT_IDLE.format(minutes=minutes))
        return None
    try:
        with data.engine().connect() as conn:
            now = current_account(conn, account.id)
    except (SQLAlchemyError, OSError):
        log.exception("cannot check the signed-in account")
        return None
    if now is None:
        _forget(L.SIGNED_OUT_DISABLED)
        return None
    st.session_state[ACCOUNT_KEY] = now
    st.session_state[SEEN_KEY] = time.monotonic()
    return now


def account() -> Account:
    """Return the account app.py signed in for this run (pages call this; app.py stops before a page otherwise)."""
    return st.session_state[ACCOUNT_KEY]


def audit(action: str, detail: str = "") -> None:
    """Append an action of the signed-in account to the audit trail (e.g. a pack download)."""
    with data.engine().begin() as conn:
        record(conn, account(), action, detail, client_address())


def sign_in_form() -> None:
    """Draw the sign-in form alone (nothing else reaches the browser); sign in and rerun on success."""
    st.title(L.APP_TITLE)
    if data.connection_error() is not None:  # logged with its address; a visitor is not told where the database is
        st.error(L.SIGN_IN_NO_DATABASE)
        return
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(notice)
    with st.form("sign_in"):
        st.subheader(L.SIGN_IN_TITLE)
        username = st.text_input(L.SIGN_IN_USER, key="sign_in_user", autocomplete="username")
        password = st.text_input(L.SIGN_IN_PASSWORD, type="password", key="sign_in_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(L.SIGN_IN_BUTTON, type="primary")
    if not submitted:
        return
    try:
        account = sign_in(data.engine(), username, password, client_address())
    except SignInRefused as refused:
        st.error(str(refused))
        return
    except (SQLAlchemyError, OSError):
        log.exception("sign-in failed: database")
        st.error(L.SIGN_IN_NO_DATABASE)
        return
    st.session_state[ACCOUNT_KEY] = account
    st.session_state[SEEN_KEY] = time.monotonic()
    st.session_state.pop("sign_in_password", None)
    st.rerun()


def sign_out_box(account: Account) -> None:
    """Draw who is signed in and the sign-out button (in the sidebar)."""
    role = L.ROLE_NAMES.get(account.role, account.role)
    st.caption(L.SIGNED_IN_AS.format(name=md_escape(account.username), role=role))
    if st.button(L.SIGN_OUT, key="sign_out", width="stretch"):
        audit("sign_out")
        _forget(L.SIGNED_OUT)
        st.rerun()
