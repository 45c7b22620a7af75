"""Sign-in before anything is drawn: the form (a local account, or single sign-on through the province's
identity provider, ui/sso.py), the signed-in account (checked against the database on every run, so a disabled
account is signed out at once), the idle timeout and the sign-out button."""

import logging
import time

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from config.settings import load_settings
from data_access.accounts import Account, SignInRefused, current_account, sign_in
from data_access.audit import record
from data_access.engine import database_url, describe_url, writing
from texts import labels as L
from texts import messages as M
from ui import data, session_binding, sso, warmup
from ui.mode import PRESENT_KEY
from ui.pages import DEFAULT, PAGES
from ui.safe import md_escape

ACCOUNT_KEY = "_account"
SEEN_KEY = "_last_action"
NOTICE_KEY = "_sign_in_notice"
SSO_KEY = "_signed_in_by_provider"  # True: the identity provider signed this session in (sign-out ends it there too)
SSO_REFUSED_KEY = "_provider_refused"  # why the provider's identity names no account (asked once per session)
RETURN_KEY = "_return_to"  # the page and parameters asked for before the provider's sign-in
log = logging.getLogger(__name__)


def client_address() -> str | None:
    """Return the address the browser connects from, as Streamlit sees it (None in tests)."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - outside a browser session there is no address
        return None
    return address if isinstance(address, str) else None


def _forget(notice: str | None = None) -> None:
    """Sign the session out: its whole state goes (the next person in the tab inherits no filter, meeting or page
    state), but for the notice the form shows."""
    by_provider = st.session_state.get(SSO_KEY, False)
    st.session_state.clear()
    if notice:
        st.session_state[NOTICE_KEY] = notice
    if by_provider:
        sso.sign_out()  # the provider's cookie would sign the next tab in: it goes too (a new session starts)


def _audit_quietly(account: Account, action: str, detail: str = "") -> None:
    """Append to the audit trail, logging (not showing) a database failure: signing out must never fail."""
    try:
        with writing(data.engine()) as conn:
            record(conn, account, action, detail, client_address())
    except (SQLAlchemyError, OSError):
        log.exception("cannot audit %s", action)


def _by_identity_provider() -> Account | None:
    """Return the account the identity provider's e-mail names, signing it in; None when there is none."""
    if SSO_REFUSED_KEY in st.session_state:
        return None  # refused once in this session: the form says why and offers to leave the provider's account
    email = sso.identity()
    if email is None:
        return None
    account, refused = sso.sign_in(email, client_address())
    if account is None:
        if refused is not None:
            st.session_state[SSO_REFUSED_KEY] = refused
        return None
    st.session_state.update({ACCOUNT_KEY: account, SEEN_KEY: time.monotonic(), SSO_KEY: True,
                             RETURN_KEY: sso.bookmark()})
    session_binding.bind()
    return account


def signed_in() -> Account | None:
    """Return the signed-in account, or None: never signed in, idle too long, disabled, or no database."""
    account = st.session_state.get(ACCOUNT_KEY)
    if account is None:
        return _by_identity_provider()
    if session_binding.replayed():  # this connection lacks the secret of the browser that signed in
        log.warning("a session was presented without its browser's secret; signed out")
        _audit_quietly(account, "session_refused", M.AUDIT_SESSION_REPLAYED)
        _forget(L.SIGNED_OUT_OTHER_BROWSER)
        return None
    minutes = load_settings().idle_minutes
    if time.monotonic() - st.session_state.get(SEEN_KEY, 0.0) > minutes * 60:
        _audit_quietly(account, "sign_out", M.AUDIT_IDLE.format(minutes=minutes))
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
    with writing(data.engine()) as conn:
        record(conn, account(), action, detail, client_address())


def return_to_bookmark() -> None:
    """Open the page a visitor asked for before signing in at the identity provider (it sends them home)."""
    asked = st.session_state.pop(RETURN_KEY, None)
    if asked is None:
        return
    url_path, params = asked
    spec = next((p for p in PAGES if p.url_path == url_path), None)
    if spec is not None and (spec is not DEFAULT or params):
        st.session_state.pop(PRESENT_KEY, None)  # the first run (the home page) decided it; the bookmark decides
        st.switch_page(spec.path, query_params=params)


def _single_sign_on(url_path: str) -> None:
    refused = st.session_state.get(SSO_REFUSED_KEY)
    if refused:
        st.error(md_escape(refused))  # names the provider's e-mail: shown literally
        if st.button(L.SSO_LEAVE, key="sso_leave"):
            st.session_state.pop(SSO_REFUSED_KEY, None)
            sso.sign_out()
    elif not sso.provider_answers(sso.metadata_url() or ""):
        st.info(L.SSO_UNREACHABLE)  # the local form below still signs in
    elif st.button(L.SSO_BUTTON, key="sso_start"):
        sso.start(url_path)


def sign_in_form(url_path: str) -> None:
    """Draw the sign-in form alone (nothing else reaches the browser) for the page at `url_path`; sign in and
    rerun on success. With an identity provider configured it also offers single sign-on."""
    st.title(L.APP_TITLE)
    if data.connection_error() is not None:  # logged with its address
        if ACCOUNT_KEY in st.session_state:  # signed in when the database went away: name it (never the password)
            st.error(L.DATABASE_LOST.format(url=md_escape(describe_url(database_url()))))  # '***', '_' shown as typed
            st.button(L.RETRY, key="retry_database")  # a rerun: the session goes on once the database answers
        else:  # a visitor is not told where the database is; an account without rights is named for the operator
            st.error(data.refusal() or L.SIGN_IN_NO_DATABASE)
        return
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(notice)
    if sso.configured():
        _single_sign_on(url_path)
    with st.form("sign_in"):
        st.subheader(L.SIGN_IN_TITLE)
        username = st.text_input(L.SIGN_IN_USER, key="sign_in_user", autocomplete="username")
        password = st.text_input(L.SIGN_IN_PASSWORD, type="password", key="sign_in_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(L.SIGN_IN_BUTTON, type="primary")
    if not submitted:
        warmup.preload_elements()  # the first page's browser code loads while the visitor types
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
    session_binding.bind()
    st.session_state.pop("sign_in_password", None)
    st.rerun()


def sign_out_box(account: Account) -> None:
    """Draw who is signed in and the sign-out button (in the sidebar)."""
    role = L.ROLE_NAMES.get(account.role, account.role)
    st.caption(L.SIGNED_IN_AS.format(name=md_escape(account.username), role=role))
    if st.button(L.SIGN_OUT, key="sign_out", width="stretch"):
        audit("sign_out")
        by_provider = st.session_state.get(SSO_KEY, False)
        _forget(L.SIGNED_OUT)
        if by_provider:
            st.stop()  # the browser is on its way to the provider's sign-out; nothing more is drawn
        st.query_params.clear()
        st.switch_page(DEFAULT.path)  # the next person starts on the default page, not on this one's view
