"""A signed-in session is bound to a secret the browser holds (issue #30, item 4).

A Streamlit session id travels in the websocket's subprotocol header, and a fresh websocket that presents the id of
a signed-in session reconnects to it. The browser that signed in also holds Streamlit's XSRF cookie (an HttpOnly-less
but same-origin cookie a replayed id does not carry): at sign-in the session keeps a hash of the token that cookie
holds, and every run compares the cookie of the connection it runs for. A connection without it, or with another
browser's, is signed out and audited.

The cookie's value is Tornado's documented "version 2" XSRF format, `2|<mask hex>|<masked token hex>|<timestamp>`:
the token is re-masked each time the cookie is set, so the *unmasked* token is what stays the same for one browser.
"""

import binascii
import hashlib

import streamlit as st

XSRF_COOKIE = "_streamlit_xsrf"  # the name Streamlit gives its XSRF cookie (server.enableXsrfProtection)
BINDING_KEY = "_browser_binding"


def token_of(cookie: str | None) -> bytes | None:
    """Return the token an XSRF cookie value carries (unmasked), or None when it is missing or unreadable."""
    value = (cookie or "").strip("\"' ")
    if not value:
        return None
    try:
        if value.startswith("2|"):
            _, mask_hex, masked_hex, _ = value.split("|")
            mask, masked = binascii.a2b_hex(mask_hex), binascii.a2b_hex(masked_hex)
            if not mask:
                return None
            return bytes(b ^ mask[i % len(mask)] for i, b in enumerate(masked)) or None
        return binascii.a2b_hex(value) or None
    except (binascii.Error, ValueError):
        return None


def secret_of(cookie: str | None) -> str | None:
    """Return a hash of the token an XSRF cookie value carries, or None without one."""
    token = token_of(cookie)
    return hashlib.sha256(token).hexdigest() if token else None


def browser_secret() -> str | None:
    """Return a hash of the token of this connection's XSRF cookie, or None without one (tests, no browser)."""
    try:
        cookie = st.context.cookies.get(XSRF_COOKIE)
    except Exception:  # noqa: BLE001 - outside a browser session there are no cookies
        return None
    return secret_of(cookie)


def bind() -> None:
    """Keep, in the session, the secret of the browser that signed in."""
    st.session_state[BINDING_KEY] = browser_secret()


def replayed() -> bool:
    """Return True when the session was signed in by a browser whose secret this connection does not hold."""
    bound = st.session_state.get(BINDING_KEY)
    return bound is not None and browser_secret() != bound
