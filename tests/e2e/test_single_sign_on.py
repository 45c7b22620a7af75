"""Single sign-on in a real browser (issue #12): the app, configured in a secrets.toml like the one in
docs/operations.md, signs in through a small OpenID Connect provider started on 127.0.0.1
(tests/e2e/oidc_provider.py), matches the e-mail to an account, opens the bookmarked slide, refuses an e-mail that
names no account, and signs out at the provider's end too."""

import secrets

import pytest
from sqlalchemy import create_engine, select

from data_access.accounts.store import add_account
from data_access.store.schema import audit_log
from tests.e2e import oidc_provider
from tests.e2e.conftest import CARDS, free_port, running_app
from tests.e2e.test_browser import wait_rendered
from texts import labels as L

LEADER_EMAIL = "chu.tich@khanhhoa.gov.vn"


@pytest.fixture(scope="module")
def sso(e2e_db, tmp_path_factory, browser):
    """Yield (app URL, provider, database URL): the app with an [auth] section pointing at the local provider."""
    engine = create_engine(e2e_db)
    with engine.begin() as conn:
        add_account(conn, "chu_tich_sso", "lanh_dao", None, email=LEADER_EMAIL.upper())  # matched case-insensitively
    engine.dispose()
    provider, http = oidc_provider.start()
    port = free_port()
    path = tmp_path_factory.mktemp("sso") / "secrets.toml"
    path.write_text(f"""[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{secrets.token_hex(32)}"
client_id = "{oidc_provider.CLIENT_ID}"
client_secret = "{oidc_provider.CLIENT_SECRET}"
server_metadata_url = "{provider.issuer}/.well-known/openid-configuration"
""", encoding="utf-8")
    with running_app(e2e_db, port, ("--secrets.files", str(path))) as base:
        yield base, provider, e2e_db
    http.shutdown()


def _signing_in(browser, base: str, provider, path: str, email: str, size=(1366, 768)):
    """Return (browser context, page) after opening `path` in a new context and signing in at the provider as
    `email` (the page is then on its way back to the app)."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{base}/{path}")
    page.get_by_role("button", name=L.SSO_BUTTON).wait_for(timeout=60_000)
    _through_provider(page, provider, email)
    return context, page


def _through_provider(page, provider, email: str) -> None:
    """Click the single sign-on button, type `email` on the provider's page and continue."""
    page.get_by_role("button", name=L.SSO_BUTTON).click()
    page.wait_for_url(f"{provider.issuer}/authorize*", timeout=30_000)
    page.fill("#email", email)
    page.get_by_role("button", name="Continue").click()


def test_single_sign_on_opens_the_bookmarked_slide_and_is_audited(browser, sso):
    base, provider, db_url = sso
    context, page = _signing_in(browser, base, provider, "bang-diem?trinh_chieu=1", LEADER_EMAIL, (1920, 1080))
    page.wait_for_url("**/bang-diem?trinh_chieu=1", timeout=60_000)  # the provider sent it home; the app went on
    wait_rendered(page)
    assert page.locator('[data-testid="stMain"] h1').first.inner_text() == L.PAGE_SCORECARD
    assert not page.locator('[data-testid="stSidebar"]').is_visible()  # a slide
    assert provider.issued[-1] == LEADER_EMAIL
    engine = create_engine(db_url)
    with engine.connect() as conn:
        last = conn.execute(select(audit_log.c.account, audit_log.c.action, audit_log.c.detail)
                            .order_by(audit_log.c.id.desc())).first()
    engine.dispose()
    assert tuple(last) == ("chu_tich_sso", "sign_in", "sso")
    context.close()


def test_an_email_without_an_account_is_refused_and_may_leave(browser, sso):
    base, provider, _ = sso
    context, page = _signing_in(browser, base, provider, "tong-quan", "ai.do@example.org")
    page.get_by_text("Chưa có tài khoản nào gắn với thư điện tử ai.do@example.org").wait_for(timeout=60_000)
    assert page.locator(CARDS).count() == 0
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    page.get_by_role("button", name=L.SSO_LEAVE).click()  # clears the provider's identity in this browser
    page.get_by_role("button", name=L.SSO_BUTTON).wait_for(timeout=60_000)
    assert page.get_by_text("ai.do@example.org").count() == 0
    context.close()


def test_a_new_tab_is_signed_in_until_sign_out_ends_it_everywhere(browser, sso):
    base, provider, _ = sso
    context, page = _signing_in(browser, base, provider, "xep-hang", LEADER_EMAIL)
    page.wait_for_url("**/xep-hang", timeout=60_000)
    wait_rendered(page)
    second = context.new_page()  # the provider's cookie signs a new tab in, as single sign-on should
    second.goto(f"{base}/nhiem-vu")
    wait_rendered(second)
    assert second.locator('[data-testid="stMain"] h1').first.inner_text() == L.PAGE_TASKS
    second.close()
    page.get_by_role("button", name=L.SIGN_OUT).click()
    page.wait_for_url(f"{base}/", timeout=60_000)  # through /auth/logout (the cookie cleared) back home
    page.get_by_role("button", name=L.SSO_BUTTON).wait_for(timeout=60_000)
    third = context.new_page()
    third.goto(f"{base}/nhiem-vu")
    third.get_by_role("button", name=L.SSO_BUTTON).wait_for(timeout=60_000)
    assert third.locator(CARDS).count() == 0
    context.close()
