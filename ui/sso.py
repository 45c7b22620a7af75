"""Single sign-on with the province's identity provider: OpenID Connect through Streamlit's `st.login`,
configured by an `[auth]` section in `.streamlit/secrets.toml` (docs/operations.md, "Đăng nhập một lần").

The provider vouches for an e-mail; the account with that e-mail (data_access.accounts.store.sign_in_by_email) is
signed in with its role, and nobody else. The provider sends the browser back to the app's home address, so
the page and parameters the visitor asked for (a meeting bookmark `?trinh_chieu=1&hop=ID`) are kept here for a
few minutes, keyed by a hash of the browser's XSRF token (a cookie that survives the round trip), and opened
right after the sign-in.
"""

import binascii
import hashlib
import json
import logging
import threading
import time
import urllib.request

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from data_access.accounts.store import Account, SignInRefused, sign_in_by_email
from texts import labels as L
from ui import data

XSRF_COOKIE = "_streamlit_xsrf"  # Streamlit's double-submit cookie, set on the first page load
RETURN_SECONDS = 600  # a bookmark waits this long for the provider to send the browser back
RETURN_LIMIT = 10_000  # pending bookmarks kept at most (the oldest go first)
_returns: dict[str, tuple[float, str, dict[str, str]]] = {}
_lock = threading.Lock()
log = logging.getLogger(__name__)


def configured() -> bool:
    """Return True when secrets.toml configures an identity provider (`[auth]`)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file, or one Streamlit cannot read: no single sign-on
        return False


@st.cache_data(ttl=60, show_spinner=False)
def provider_answers(metadata_url: str) -> bool:
    """Return True when the identity provider's discovery document answers (checked at most once a minute), so that
    a visitor is never sent to Streamlit's English "Authentication error" page while it is down."""
    try:
        with urllib.request.urlopen(metadata_url, timeout=3) as response:  # noqa: S310 - the operator's own URL
            return response.status == 200 and "authorization_endpoint" in json.loads(response.read())
    except (OSError, ValueError):
        log.warning("identity provider unreachable: %s", metadata_url)
        return False


def metadata_url() -> str | None:
    """Return the configured provider's discovery URL (secrets.toml [auth]), or None."""
    try:
        auth = st.secrets["auth"]
        return str(auth.get("server_metadata_url") or "") or None
    except Exception:  # noqa: BLE001 - no secrets, or no [auth]
        return None


def token_of(cookie: str | None) -> bytes | None:
    """Return the random bytes of an XSRF cookie ('2|mask|masked|time', or the bare hex of version 1), or None."""
    if not cookie:
        return None
    try:
        if cookie.startswith("2|"):
            _, mask, masked, _ = cookie.split("|")
            mask_bytes, masked_bytes = binascii.a2b_hex(mask), binascii.a2b_hex(masked)
            if len(mask_bytes) != 4:
                return None
            return bytes(b ^ mask_bytes[i % 4] for i, b in enumerate(masked_bytes))
        return binascii.a2b_hex(cookie)
    except (ValueError, binascii.Error):
        return None


def _browser() -> str | None:
    try:
        token = token_of(st.context.cookies.get(XSRF_COOKIE))
    except Exception:  # noqa: BLE001 - no browser (tests, scripts)
        return None
    return None if token is None else hashlib.sha256(token).hexdigest()


def remember_return(browser: str | None, url_path: str, params: dict[str, str], now: float | None = None) -> None:
    """Keep the page and parameters a browser asked for until it comes back from the provider."""
    if browser is None:
        return
    now = time.monotonic() if now is None else now
    with _lock:
        for key in [k for k, (at, _, _) in _returns.items() if now - at > RETURN_SECONDS]:
            del _returns[key]
        while len(_returns) >= RETURN_LIMIT:
            del _returns[next(iter(_returns))]
        _returns[browser] = (now, url_path, dict(params))


def take_return(browser: str | None, now: float | None = None) -> tuple[str, dict[str, str]] | None:
    """Return (and forget) the page address and parameters a browser asked for, if it asked recently."""
    if browser is None:
        return None
    now = time.monotonic() if now is None else now
    with _lock:
        kept = _returns.pop(browser, None)
    if kept is None or now - kept[0] > RETURN_SECONDS:
        return None
    return kept[1], kept[2]


def start(url_path: str) -> None:
    """Send the browser to the identity provider, remembering the page it is on."""
    remember_return(_browser(), url_path, st.query_params.to_dict())
    st.login()


def identity() -> str | None:
    """Return the e-mail the provider vouched for in this browser session, or None."""
    if not configured():
        return None
    user = st.user
    if not user.get("is_logged_in", False):
        return None
    email = user.get("email")
    if not email or user.get("email_verified") is False:
        return ""  # signed in at the provider, but with no e-mail it vouches for
    return str(email)


def sign_in(email: str, address: str | None) -> tuple[Account | None, str | None]:
    """Return (the account the e-mail names, None), (None, why it was refused) or (None, None) when the database
    cannot be asked; the attempt is audited."""
    if not email:
        return None, L.SSO_NO_EMAIL
    try:
        return sign_in_by_email(data.engine(), email, address), None
    except SignInRefused as refused:
        return None, str(refused)
    except (SQLAlchemyError, OSError):
        log.exception("single sign-on failed: database")
        return None, None  # not a refusal: the form says the database is unreachable, the next run tries again


def bookmark() -> tuple[str, dict[str, str]] | None:
    """Return the page address and parameters this browser asked for before the provider's sign-in, if any."""
    return take_return(_browser())


def sign_out() -> None:
    """End the provider's identity in this browser (its cookie) and start a new session on the home page."""
    st.logout()
