"""Sign-in before anything is drawn: the form (a local account, or single sign-on through the province's
identity provider, ui/sso.py), the signed-in account (checked against the database on every run, so a disabled
account is signed out at once), the idle timeout and the sign-out button. A local account's sign-in is kept by its
browser across reloads and tabs (ui/session_cookie.py, data_access/accounts/web_sessions.py)."""

import logging
import time

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from config.settings import load_settings
from data_access.accounts import web_sessions
from data_access.accounts.audit import record
from data_access.accounts.store import Account, SignInRefused, current_account, sign_in
from data_access.store.engine import database_url, describe_url, writing
from texts import labels as L
from texts import messages as M
from ui import data, session_binding, session_cookie, sso, warmup
from ui.mode import PRESENT_KEY
from ui.pages import DEFAULT, PAGES
from ui.safe import md_escape

ACCOUNT_KEY = "_account"
SEEN_KEY = "_last_action"
NOTICE_KEY = "_sign_in_notice"
SSO_KEY = "_signed_in_by_provider"  # True: the identity provider signed this session in (sign-out ends it there too)
SSO_REFUSED_KEY = "_provider_refused"  # why the provider's identity names no account (asked once per session)
RETURN_KEY = "_return_to"  # the page and parameters asked for before the provider's sign-in
KEPT_KEY = "_kept_sign_in"  # the id of this sign-in in data_access.accounts.web_sessions (kept by the browser's cookie)
CODE_KEY = "_kept_sign_in_code"  # the one-time code the page hands to the server for the cookie, until it is set
COOKIE_SEEN_KEY = "_cookie_seen"  # the cookie this connection presented was read (resumed, or found ended)
DROP_COOKIE_KEY = "_drop_cookie"  # this tab's kept sign-in ended: the form has the browser drop its cookie
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
    state), but for the notice the form shows (and, after a kept sign-in, the cookie the form drops)."""
    by_provider = st.session_state.get(SSO_KEY, False)
    kept = st.session_state.get(KEPT_KEY) is not None
    st.session_state.clear()
    if notice:
        st.session_state[NOTICE_KEY] = notice
    if kept:
        st.session_state[DROP_COOKIE_KEY] = True
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


_ENDED = {"sign_out": L.SIGNED_OUT_ELSEWHERE, "disabled": L.SIGNED_OUT_DISABLED, "password": L.SIGNED_OUT_PASSWORD,
          "expired": L.SIGNED_OUT_EXPIRED.format(hours=int(web_sessions.LONGEST.total_seconds() // 3600))}


def _ended_notice(why: str | None, minutes: int) -> str:
    """Return what the form tells the person whose kept sign-in ended, by why it ended."""
    return L.SIGNED_OUT_IDLE.format(minutes=minutes) if why == "idle" else _ENDED.get(why, L.SIGNED_OUT)


def _settle(found: web_sessions.Checked, account: Account | None = None, detail: str = "",
            address: str | None = None) -> None:
    """Write what a check found (and the audit line of a sign-in kept by the cookie) off this run's path."""
    def write() -> None:
        with writing(data.engine()) as conn:
            web_sessions.settle(conn, found)
            if account is not None:
                record(conn, account, "sign_in", detail, address)
    if found.to_end or found.to_touch or account is not None:
        session_cookie.in_background(write)


def _read_kept(read) -> web_sessions.Checked | None:
    """Return what `read(conn)` finds of a kept sign-in (reading only), or None, logged, when the database fails."""
    try:
        with data.engine().connect() as conn:
            return read(conn)
    except (SQLAlchemyError, OSError):
        log.exception("cannot read a kept sign-in")
        return None


def _by_cookie() -> Account | None:
    """Return the account the browser's kept sign-in cookie names (a reload, a new tab), signing it in; else None."""
    token = session_cookie.cookie_token()
    if token is None or st.session_state.get(COOKIE_SEEN_KEY):
        return None
    st.session_state[COOKIE_SEEN_KEY] = True  # a connection presents one cookie: it is read once
    minutes = load_settings().idle_minutes
    found = _read_kept(lambda conn: web_sessions.resume(conn, token, minutes))
    if found is None:
        return None
    if found.account is None:
        _settle(found)
        if found.ended_why not in (None, "sign_out"):  # signed out here: the cookie was on its way out
            st.session_state[NOTICE_KEY] = _ended_notice(found.ended_why, minutes)
        return None
    _settle(found, found.account, M.AUDIT_KEPT_SIGN_IN, client_address())
    st.session_state.update({ACCOUNT_KEY: found.account, SEEN_KEY: time.monotonic(), KEPT_KEY: found.session_id,
                             COOKIE_SEEN_KEY: True})
    session_binding.bind()
    return found.account


def _still_kept(account: Account, session_id: int) -> Account | None:
    """Return the account while its kept sign-in lasts (sign-out in another tab, idle in every tab, disabled, a new
    password end it), else sign this session out saying why."""
    minutes = load_settings().idle_minutes
    found = _read_kept(lambda conn: web_sessions.check(conn, session_id, minutes))
    if found is None:
        return None
    _settle(found)
    if found.account is None:
        if found.to_end and found.ended_why == "idle":
            _audit_quietly(account, "sign_out", M.AUDIT_IDLE.format(minutes=minutes))
        _forget(_ended_notice(found.ended_why, minutes))
        return None
    code = st.session_state.get(CODE_KEY)
    if code is not None and (found.cookie_set or time.monotonic() > code[1]):
        st.session_state.pop(CODE_KEY, None)  # the browser holds its cookie, or the code is no longer valid
    st.session_state[ACCOUNT_KEY] = found.account
    st.session_state[SEEN_KEY] = time.monotonic()
    return found.account


def signed_in() -> Account | None:
    """Return the signed-in account, or None: never signed in, idle too long, disabled, or no database."""
    account = st.session_state.get(ACCOUNT_KEY)
    if account is None:
        return _by_identity_provider() or _by_cookie()
    if session_binding.replayed():  # this connection lacks the secret of the browser that signed in
        log.warning("a session was presented without its browser's secret; signed out")
        _audit_quietly(account, "session_refused", M.AUDIT_SESSION_REPLAYED)
        _forget(L.SIGNED_OUT_OTHER_BROWSER)
        return None
    if st.session_state.get(KEPT_KEY) is not None:
        return _still_kept(account, st.session_state[KEPT_KEY])
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
    problem = data.connection_error()  # logged with its address
    if problem is not None:
        if ACCOUNT_KEY in st.session_state:  # signed in when the database went away: name it (never the password)
            st.error(L.DATABASE_LOST.format(url=md_escape(describe_url(database_url()))))  # '***', '_' shown as typed
            st.button(L.RETRY, key="retry_database")  # a rerun: the session goes on once the database answers
        else:  # a visitor is not told where the database is; an account without rights is named for the operator
            st.error(problem.refusal or L.SIGN_IN_NO_DATABASE)
        return
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(notice)
    drop_cookie = st.session_state.pop(DROP_COOKIE_KEY, False) or session_cookie.cookie_token() is not None
    if sso.configured():
        _single_sign_on(url_path)
    with st.form("sign_in"):
        st.subheader(L.SIGN_IN_TITLE)
        username = st.text_input(L.SIGN_IN_USER, key="sign_in_user", autocomplete="username")
        password = st.text_input(L.SIGN_IN_PASSWORD, type="password", key="sign_in_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(L.SIGN_IN_BUTTON, type="primary")
    if not submitted:
        if drop_cookie:  # the browser's cookie signs nobody in now (ended here, or it came ended): it goes; never
            session_cookie.clear()  # in the run that signs in, whose new cookie an older answer could then drop
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
    _keep(account)
    st.rerun()


def _keep(account: Account) -> None:
    """Store a kept sign-in for this browser; its page then hands the one-time code over (keep_signed_in)."""
    if data.read_only():
        return  # nothing can be stored: the sign-in lasts as long as this tab
    try:
        with writing(data.engine()) as conn:
            session_id, code = web_sessions.open_session(conn, account.id, session_binding.browser_secret())
    except (SQLAlchemyError, OSError):
        log.exception("cannot keep a sign-in; it lasts as long as this tab")
        return
    deadline = time.monotonic() + web_sessions.CODE_SECONDS
    st.session_state.update({KEPT_KEY: session_id, CODE_KEY: (code, deadline), COOKIE_SEEN_KEY: True})


def keep_signed_in() -> None:
    """On a signed-in page: have the browser take its cookie, while the sign-in's one-time code is unused (each run
    until the server has set it, for web_sessions.CODE_SECONDS at most)."""
    code = st.session_state.get(CODE_KEY)
    if code is not None:
        session_cookie.hand_over(code[0])


def sign_out_box(account: Account) -> None:
    """Draw who is signed in and the sign-out button (in the sidebar)."""
    role = L.ROLE_NAMES.get(account.role, account.role)
    st.caption(L.SIGNED_IN_AS.format(name=md_escape(account.username), role=role))
    if st.button(L.SIGN_OUT, key="sign_out", width="stretch"):
        audit("sign_out")
        kept = st.session_state.get(KEPT_KEY)
        if kept is not None:  # every tab of this browser signs out at its next run; the form drops the cookie
            with writing(data.engine()) as conn:
                web_sessions.end_session(conn, kept)
        by_provider = st.session_state.get(SSO_KEY, False)
        _forget(L.SIGNED_OUT)
        if by_provider:
            st.stop()  # the browser is on its way to the provider's sign-out; nothing more is drawn
        st.query_params.clear()
        st.switch_page(DEFAULT.path)  # the next person starts on the default page, not on this one's view
