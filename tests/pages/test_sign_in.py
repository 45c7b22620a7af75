"""Sign-in through AppTest (issue #12): an anonymous run draws only the form and reads no figures, the form signs
in, the idle timeout and the sign-out end the session, and a viewing role gets no writing forms."""

import os
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from data_access.store.context import app_context
from data_access.store.schema import units
from tests.pages.conftest import APP, TEST_PASSWORD, no_problem, signed_in_app
from texts import labels as L
from texts import messages as M
from ui import warmup
from ui.auth import SEEN_KEY, SSO_REFUSED_KEY
from ui.pages import PAGES
from ui.safe import md_escape


@pytest.fixture
def db(demo_db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_db)
    signed_in_app("lanh_dao")  # creates kiem_thu_lanh_dao
    return demo_db


def _anonymous(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def _shown(elements) -> list:
    """Return the elements that are not ui/warmup.py's hidden placeholders."""
    return [e for e in elements if getattr(e, "label", None) != L.WARMUP_LABEL]


def _only_the_form(at: AppTest) -> None:
    no_problem(at)
    assert [t.label for t in at.text_input] == [L.SIGN_IN_USER, L.SIGN_IN_PASSWORD]
    assert [b.label for b in _shown(at.button)] == [L.SIGN_IN_BUTTON]
    assert not _shown(at.metric) and not _shown(at.selectbox) and not at.table and not at.sidebar.children
    _only_placeholders(at)


def _only_placeholders(at: AppTest) -> None:
    """The hidden elements that load the first page's browser code hold fixed placeholders, never data."""
    assert [(m.label, m.value) for m in at.metric] == [(L.WARMUP_LABEL, "0")]
    assert [(list(d.value.columns), len(d.value)) for d in at.dataframe] == [([L.WARMUP_LABEL], 0)]
    assert [(s.key, s.options) for s in at.selectbox] == [(warmup.WIDGET_KEYS[0], [L.WARMUP_LABEL])]
    assert [(s.key, s.options) for s in at.multiselect] == [(warmup.WIDGET_KEYS[1], [L.WARMUP_LABEL])]
    assert [d.key for d in at.date_input] == [warmup.WIDGET_KEYS[2]]
    assert [b.key for b in at.button if b.label == L.WARMUP_LABEL] == [warmup.WIDGET_KEYS[3]]
    shown = " ".join(str(e.value) for e in at.markdown) + " ".join(str(e.value) for e in at.title)
    assert "Khánh Hòa" not in shown and "Nha Trang" not in shown


@pytest.mark.parametrize("page", [None, "pages/nhiem_vu.py", "pages/bang_diem.py", "pages/cuoc_hop.py"])
def test_an_anonymous_visit_draws_only_the_sign_in_form(db, page):
    _only_the_form(_anonymous(page))


def _auth(metadata_url: str) -> dict:
    return {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "app",
            "client_secret": "secret", "server_metadata_url": metadata_url}


@pytest.fixture(scope="module")
def provider():
    """The small OpenID Connect provider of the e2e tests, on a free port of 127.0.0.1."""
    from tests.e2e import oidc_provider

    found, http = oidc_provider.start()
    yield found
    http.shutdown()


AUTH = _auth("http://127.0.0.1:1/.well-known/openid-configuration")  # nothing listens there


def test_with_an_identity_provider_the_form_offers_single_sign_on(db, provider):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = _auth(f"{provider.issuer}/.well-known/openid-configuration")
    at.run()
    no_problem(at)
    assert [b.label for b in _shown(at.button)] == [L.SSO_BUTTON, L.SIGN_IN_BUTTON]
    assert [t.label for t in at.text_input] == [L.SIGN_IN_USER, L.SIGN_IN_PASSWORD]
    assert not _shown(at.metric) and not at.sidebar.children
    _only_placeholders(at)


def test_a_provider_that_does_not_answer_is_not_offered(db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.run()
    no_problem(at)
    assert [i.value for i in at.info] == [L.SSO_UNREACHABLE]  # never Streamlit's English "Authentication error"
    assert [b.label for b in _shown(at.button)] == [L.SIGN_IN_BUTTON]


def test_an_identity_without_an_account_is_told_why_and_may_leave(db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.session_state[SSO_REFUSED_KEY] = M.SIGN_IN_NO_ACCOUNT.format(email="[a](http://x)@example.org")
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [  # the provider's text shown literally, never as a link
        "Chưa có tài khoản nào gắn với thư điện tử \\[a\\]\\(http\\://x\\)@example\\.org; "
        "đề nghị quản trị cấp quyền\\."]
    assert [b.label for b in _shown(at.button)] == [L.SSO_LEAVE, L.SIGN_IN_BUTTON]
    assert not _shown(at.metric)


def test_the_form_signs_in_and_a_wrong_password_is_refused(db):
    at = _anonymous()
    at.text_input(key="sign_in_user").input("kiem_thu_lanh_dao")
    at.text_input(key="sign_in_password").input("sai mật khẩu")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Tên đăng nhập hoặc mật khẩu không đúng."]
    assert not at.metric
    at.text_input(key="sign_in_user").input("kiem_thu_lanh_dao")
    at.text_input(key="sign_in_password").input(TEST_PASSWORD)
    at.button[0].click().run()
    no_problem(at)
    assert len(at.metric) == 10  # the overview's eight headline cards and the early warning's two
    assert any("kiem\\_thu\\_lanh\\_dao" in c.value for c in at.sidebar.caption)


def test_an_idle_session_is_signed_out(db):
    at = signed_in_app("lanh_dao")
    at.run()
    assert len(at.metric) == 10
    at.session_state[SEEN_KEY] = time.monotonic() - 31 * 60  # settings.toml: idle_minutes = 30
    at.run()
    _only_the_form(at)
    assert [i.value for i in at.info] == [L.SIGNED_OUT_IDLE.format(minutes=30)]


def test_an_idle_sign_out_is_audited(db):
    """Issue #30, item 14: idle sign-outs were not recorded."""
    from sqlalchemy import create_engine

    from data_access.accounts.audit import read_audit

    at = signed_in_app("lanh_dao")
    at.run()
    at.session_state[SEEN_KEY] = time.monotonic() - 31 * 60
    at.run()
    engine = create_engine(os.environ["DATABASE_URL"])
    with engine.connect() as conn:
        line = read_audit(conn, action="sign_out").iloc[0]
    engine.dispose()
    assert (line["account"], line["detail"]) == ("kiem_thu_lanh_dao", "hết thời gian chờ (30 phút không thao tác)")


def test_sign_out_returns_to_the_form(db):
    at = signed_in_app("lanh_dao")
    at.run()
    at.sidebar.button(key="sign_out").click().run()
    _only_the_form(at)
    assert [i.value for i in at.info] == [L.SIGNED_OUT]


def test_sign_out_clears_the_session_and_the_next_person_starts_on_the_default_page(db):
    """Issue #30, item 4: nothing of the previous user's view (a meeting, a page, a filter) is left in the tab."""
    at = signed_in_app("lanh_dao")
    at.query_params["hop"] = "1"
    at.run()
    at.switch_page("pages/bang_diem.py")
    at.run()
    at.session_state["_slide_started"] = 1.0  # some state of the previous user's session
    at.sidebar.button(key="sign_out").click().run()
    _only_the_form(at)
    assert "hop" not in at.query_params
    assert "_slide_started" not in at.session_state and "_account" not in at.session_state
    assert at.title[0].value == L.APP_TITLE


def test_a_viewing_role_gets_no_import_page_and_no_meeting_forms(db):
    at = signed_in_app("lanh_dao")
    at.run()
    at.switch_page("pages/cuoc_hop.py")
    at.run()
    no_problem(at)
    assert L.NOT_ALLOWED_PAGE in [c.value for c in at.caption]
    assert not [b for b in at.button if b.label in (L.MEETING_CREATE_SAVE, L.MEETING_DECISION_SAVE)]
    import_page = next(p for p in PAGES if p.needs == "import")
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not in its navigation at all
        at.switch_page(import_page.path)


def test_the_admin_page_adds_an_account_and_the_audit_trail_names_who_did_it(db):
    at = signed_in_app("quan_tri")
    at.run()
    at.switch_page("pages/quan_tri.py")
    at.run()
    no_problem(at)
    at.text_input(key="admin_add_name").input("so_nn_moi")
    at.selectbox(key="admin_add_role").set_value("so_nganh")
    at.selectbox(key="admin_add_agency").set_value("Sở Nông nghiệp và Môi trường")
    at.text_input(key="admin_add_password").input("mật khẩu sở ngành mới")
    at.button(key="FormSubmitter:admin_add-Thêm").click().run()
    no_problem(at)
    assert [s.value for s in at.success] == ["Đã thêm tài khoản «so_nn_moi»."]
    accounts = at.dataframe[0].value
    row = accounts.loc[accounts["Tên đăng nhập"] == "so_nn_moi"].iloc[0]
    assert (row["Vai trò"], row["Cơ quan"]) == ("Sở, ngành", "Sở Nông nghiệp và Môi trường")
    trail = at.dataframe[1].value
    assert trail.iloc[0][["Tài khoản", "Việc", "Chi tiết"]].tolist() == [
        "kiem_thu_quan_tri", "Thêm tài khoản", "so_nn_moi (so_nganh)"]
    assert "password_hash" not in " ".join(accounts.columns) and "argon2" not in accounts.to_string()


def test_a_refused_change_says_why_and_changes_nothing(db):
    at = signed_in_app("quan_tri")
    at.run()
    at.switch_page("pages/quan_tri.py")
    at.run()
    at.text_input(key="admin_add_name").input("ngan")
    at.text_input(key="admin_add_password").input("ngắn")
    at.button(key="FormSubmitter:admin_add-Thêm").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Mật khẩu phải có ít nhất 10 ký tự."]
    assert "ngan" not in at.dataframe[0].value["Tên đăng nhập"].tolist()


def test_a_commune_account_starts_on_its_commune_and_sees_the_province_labelled(db):
    """Issue #28: a commune account's default view is its own commune's, said on the page; the province figures it
    may widen to are labelled «Toàn tỉnh» and name no agency of its own commune."""
    from metrics.periods import Period
    from metrics.territory import units_attributed_to
    from tests.pages.conftest import END
    from tests.pages.reference import Reference
    from texts.fmt import fmt_pct

    leader, commune = signed_in_app("lanh_dao"), signed_in_app("xa", commune="22453")  # Xã Cam Lâm
    leader.run()
    commune.run()
    no_problem(commune)
    ref = Reference(os.environ["DATABASE_URL"])
    mine = units_attributed_to(_commune_id("22453"), ref.units, ref.lineage, END)
    own = ref.totals(Period(END.replace(day=1), END), unit_id=list(mine))
    cards = {m.label: m.value for m in commune.metric}
    assert cards["Tỷ lệ giải quyết đúng hạn"] == fmt_pct(own["on_time_rate"])  # its commune's figures
    assert any(c.value.endswith("Phạm vi số liệu: Xã Cam Lâm") for c in commune.caption)
    commune.multiselect(key="f_unit").set_value([]).run()  # widened to the province
    no_problem(commune)
    assert [(m.label, m.value) for m in commune.metric][:3] == [(m.label, m.value) for m in leader.metric][:3]
    assert any(c.value.endswith("Phạm vi số liệu: Toàn tỉnh") for c in commune.caption)
    said = [c.value.replace("\\", "") for c in commune.caption]  # shown escaped
    # the dossier cards name no agency of its own commune; the task card (its own units' tasks only) says whose
    assert said.count("Trách nhiệm: Toàn tỉnh") == 5  # the five dossier cards
    assert sum("Chỉ tính: Xã Cam Lâm" in m.value.replace("\\", "") for m in commune.markdown) == 1  # the task card
    # the early warning counts its own units' dossiers and tasks (the query layer narrows them): both cards say so
    assert said.count("Chỉ tính: Xã Cam Lâm") == 2
    headline = [c for c in said if c != "Chỉ tính: Xã Cam Lâm"]
    assert len([c for c in headline if "Cam Lâm" in c]) <= 1  # only the task card may name its own agency
    commune.switch_page("pages/bang_diem.py")
    commune.run()
    no_problem(commune)
    assert len(commune.dataframe[0].value) == 65  # the scorecard's ranks stay visible
    assert commune.selectbox(key="district_pick").value == _commune_id("22453")  # opens on its own commune
    commune.selectbox(key="district_pick").set_value(_commune_id("22333")).run()  # Phường Bắc Nha Trang's detail
    assert not commune.exception
    assert [e.value for e in commune.error] == [M.OUTSIDE_SCOPE]  # refused by the query layer, said in Vietnamese


def _commune_id(code: str) -> int:
    """Return the id of the commune in force with GSO `code` (the scorecard's picker is keyed by unit)."""
    engine = app_context(os.environ["DATABASE_URL"]).engine
    with engine.connect() as conn:
        return conn.execute(select(units.c.id).where(units.c.code == code, units.c.valid_to.is_(None))).scalar_one()


def test_a_department_starts_on_its_own_agency_and_may_widen(db):
    at = signed_in_app("so_nganh", agency="Sở Nông nghiệp và Môi trường")
    at.run()
    no_problem(at)
    assert not at.exception, [e.value for e in at.exception]
    assert [m.key for m in at.multiselect] == ["f_agency", "f_level", "f_unit"], [e.value for e in at.error]
    agency_picker = at.multiselect(key="f_agency")
    assert [agency_picker.format_func(v) for v in agency_picker.value] == ["Sở Nông nghiệp và Môi trường"]
    at.switch_page("pages/nhiem_vu.py")
    at.run()
    no_problem(at)
    tasks_picker = at.multiselect(key="t_agency")
    assert "Sở Nông nghiệp và Môi trường" in tasks_picker.options  # the demo gives it tasks
    assert tasks_picker.value == ["Sở Nông nghiệp và Môi trường"]
    tasks_picker.set_value([]).run()  # widening is allowed
    no_problem(at)
    assert at.multiselect(key="t_agency").value == []


def test_a_commune_is_offered_only_its_own_commune_in_the_unit_picker(db):
    at = signed_in_app("xa", commune="22453")
    at.run()
    picker = at.multiselect(key="f_unit")
    assert picker.options == ["Xã Cam Lâm"]


def test_the_office_imports_and_holds_meetings_but_does_not_manage_accounts(db):
    at = signed_in_app("van_phong")
    at.run()
    no_problem(at)
    at.switch_page("pages/nhap_du_lieu.py")
    at.run()
    no_problem(at)
    assert at.title[0].value == L.PAGE_IMPORT
    at.switch_page("pages/cuoc_hop.py")
    at.run()
    assert L.NOT_ALLOWED_PAGE not in [c.value for c in at.caption]
    assert [b.label for b in at.button if b.label == L.MEETING_CREATE_SAVE] == [L.MEETING_CREATE_SAVE]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/quan_tri.py")


def test_a_session_outlives_a_database_outage(db, monkeypatch):
    at = signed_in_app("lanh_dao")
    at.run()
    assert len(at.metric) == 10
    monkeypatch.setenv("DATABASE_URL", "postgresql://cchc:mat_khau_bi_mat@127.0.0.1:1/cchc")  # nothing listens
    at.run()
    assert not at.exception and not at.metric
    assert [e.value for e in at.error] == [  # the host named, never the password; the URL shown literally
        L.DATABASE_LOST.format(url=md_escape("postgresql+psycopg://cchc:***@127.0.0.1:1/cchc"))]
    assert L.DATABASE_LOST.startswith("Mất kết nối tới cơ sở dữ liệu ({url}). Phiên làm việc vẫn được giữ")
    monkeypatch.setenv("DATABASE_URL", db)  # the database is back: the next rerun goes on, still signed in
    at.button(key="retry_database").click().run()
    no_problem(at)
    assert len(at.metric) == 10


def test_every_time_on_the_admin_page_is_vietnam_time(db):
    """Issue #28: account creation times were shown in UTC beside audit times in local time."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import create_engine, select

    from data_access.store.schema import accounts, audit_log

    at = signed_in_app("quan_tri")
    at.run()
    at.switch_page("pages/quan_tri.py")
    at.run()
    no_problem(at)
    engine = create_engine(os.environ["DATABASE_URL"])
    with engine.connect() as conn:
        created = conn.execute(select(accounts.c.created_at).where(accounts.c.username == "kiem_thu_quan_tri")).scalar()
        logged = conn.execute(select(audit_log.c.at).order_by(audit_log.c.id.desc()).limit(1)).scalar()
    engine.dispose()
    vietnam = timedelta(hours=7)
    assert abs(datetime.now(UTC).replace(tzinfo=None) - created) < timedelta(hours=1)  # stored in UTC
    listed = at.dataframe[0].value.set_index(L.ADMIN_COLUMNS["username"])
    assert listed.loc["kiem_thu_quan_tri", L.ADMIN_COLUMNS["created_at"]] == created + vietnam
    trail = at.dataframe[-1].value
    assert trail[L.AUDIT_COLUMNS["at"]].iloc[0] == logged + vietnam


def test_a_department_reads_its_own_dossiers_and_tasks_named_as_such(db):
    """Issue #28: a department account saw its own dossier cards beside province-wide task cards, unlabelled; the
    agency filter left the task figures unfiltered."""
    import csv

    from metrics.tasks import status_counts
    from tests.pages.conftest import END
    from tests.pages.reference import Reference

    at = signed_in_app("so_nganh", agency="Sở Nông nghiệp và Môi trường")
    at.run()
    no_problem(at)
    assert any(c.value.endswith("Phạm vi số liệu: Sở Nông nghiệp và Môi trường") for c in at.caption)
    # its tasks: led by it or by a department merged into it (the shipped agency lineage, followed to the end)
    with open(Path(__file__).resolve().parents[2] / "assets" / "reference" / "khanh_hoa_agency_lineage_2025.csv",
              encoding="utf-8") as handle:
        lineage = [(r["Cơ quan cũ"], r["Cơ quan mới"]) for r in csv.DictReader(handle)]
    ours = {"Sở Nông nghiệp và Môi trường"}
    while True:
        more = {old for old, new in lineage if new in ours} - ours
        if not more:
            break
        ours |= more
    tasks = Reference(os.environ["DATABASE_URL"]).classified_tasks(END)
    mine = int(status_counts(tasks.loc[tasks["lead_agency"].isin(ours)])["open_overdue"].iloc[0])
    everyone = int(status_counts(tasks)["open_overdue"].iloc[0])
    assert mine != everyone  # the test can tell them apart
    cards = {m.label: m.value for m in at.metric}
    assert cards["Nhiệm vụ quá hạn chưa hoàn thành"] == str(mine)
    at.multiselect(key="f_agency").set_value([]).run()  # widened: the province's tasks again
    assert {m.label: m.value for m in at.metric}["Nhiệm vụ quá hạn chưa hoàn thành"] == str(everyone)


def _scripts(at: AppTest) -> list[str]:
    """Return the bodies of the st.html elements of the last run (ui/session_cookie.py's scripts)."""
    return [str(e.proto.body) for e in at.get("html") if str(e.proto.body).startswith("<script>")]


def test_a_form_sign_in_is_kept_for_its_browser_and_sign_out_ends_it(db):
    """Issue #29 §3: the sign-in stores a kept session (hashes only), the page hands its one-time code to the
    server until the cookie is set, and sign-out ends the session and has the form drop the cookie."""
    from data_access.accounts.web_sessions import redeem
    from data_access.store.schema import web_sessions

    at = _anonymous()
    at.text_input(key="sign_in_user").input("kiem_thu_lanh_dao")
    at.text_input(key="sign_in_password").input(TEST_PASSWORD)
    at.button[0].click().run()
    no_problem(at)
    engine = app_context(os.environ["DATABASE_URL"]).engine
    with engine.connect() as conn:
        row = conn.execute(select(web_sessions).order_by(web_sessions.c.id.desc())).first()
    scripts = _scripts(at)
    assert len(scripts) == 1 and "/api/phien" in scripts[0] and "ket-thuc" not in scripts[0]
    code = scripts[0].split("ma=")[1].split('"')[0]
    assert row.token_hash is None and len(row.code_hash) == 64 and code not in row.code_hash
    with engine.begin() as conn:  # what the route does with the browser's request
        assert redeem(conn, code, None) is not None
    at.run()
    assert _scripts(at) == []  # the browser holds its cookie: the code is not handed over again
    at.sidebar.button(key="sign_out").click().run()
    _only_the_form(at)
    with engine.connect() as conn:
        ended = conn.execute(select(web_sessions.c.ended_why).where(web_sessions.c.id == row.id)).scalar()
    assert ended == "sign_out"
    assert len(_scripts(at)) == 1 and "/api/phien/ket-thuc" in _scripts(at)[0]
