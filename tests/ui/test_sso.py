"""The pieces of single sign-on that need no browser: reading the XSRF cookie that keys a bookmark, and keeping a
bookmark for the provider's round trip (the whole flow runs in Chromium in tests/e2e/test_single_sign_on.py)."""

import binascii

from ui import sso

TOKEN = bytes(range(16))


def _cookie_v2(mask: bytes, token: bytes = TOKEN, at: int = 1764000000) -> str:
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(token))
    return f"2|{binascii.b2a_hex(mask).decode()}|{binascii.b2a_hex(masked).decode()}|{at}"


def test_the_cookie_token_is_the_same_under_any_mask():
    assert sso.token_of(_cookie_v2(b"\x01\x02\x03\x04")) == TOKEN
    assert sso.token_of(_cookie_v2(b"\xff\x00\xaa\x55", at=1764009999)) == TOKEN  # re-masked on every page load
    assert sso.token_of(binascii.b2a_hex(TOKEN).decode()) == TOKEN  # version 1: the bare token


def test_unreadable_cookies_key_nothing():
    assert [sso.token_of(c) for c in (None, "", "2|zz|00|1", "2|0102|00|1", "2|only", "xyz")] == [None] * 6


def test_a_bookmark_is_given_back_once_to_its_browser_within_ten_minutes():
    sso.remember_return("a", "bang-diem", {"trinh_chieu": "1", "hop": "7"}, now=1000.0)
    sso.remember_return("b", "xep-hang", {}, now=1000.0)
    assert sso.take_return("a", now=1000.0 + 599) == ("bang-diem", {"trinh_chieu": "1", "hop": "7"})
    assert sso.take_return("a", now=1000.0 + 599) is None  # once
    assert sso.take_return("b", now=1000.0 + 601) is None  # too late
    assert sso.take_return(None) is None
    sso.remember_return(None, "bang-diem", {})  # no cookie: nothing kept
    assert None not in sso._returns


def test_old_bookmarks_are_dropped_and_the_store_is_bounded(monkeypatch):
    monkeypatch.setattr(sso, "_returns", {})
    monkeypatch.setattr(sso, "RETURN_LIMIT", 3)
    sso.remember_return("old", "xep-hang", {}, now=0.0)
    sso.remember_return("new", "xep-hang", {}, now=700.0)  # "old" has expired and goes
    assert list(sso._returns) == ["new"]
    for name in ("x", "y", "z"):
        sso.remember_return(name, "xep-hang", {}, now=701.0)
    assert list(sso._returns) == ["x", "y", "z"]  # at most three: the oldest went first
