"""Accounts and sign-in (issue #12): argon2 hashes, the lockout that doubles, roles enforced in data_access, demo
accounts, the audit trail and `cli.py user` (SQLite and PostgreSQL)."""

import io
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import create_engine, select

from cli import main
from data_access.accounts.audit import read_audit
from data_access.accounts.sign_in_guard import FIRST_LOCK, lock_for, name_key
from data_access.accounts.store import (
    Account,
    NotAllowed,
    SignInRefused,
    add_account,
    current_account,
    demo_accounts,
    list_accounts,
    set_disabled,
    set_password,
    set_role,
    sign_in,
    sign_in_by_email,
)
from data_access.importing.runner import run_import
from data_access.meetings.records import create_meeting
from data_access.reference.lookup import ensure_reference
from data_access.store.migrate import create_schema
from data_access.store.schema import accounts, import_log
from metrics.errors import DomainError
from tests.data_access.import_files import write_csv

PASSWORD = "mật-khẩu-đủ-dài"
NOW = datetime(2026, 12, 1, 9, 0)


@pytest.fixture
def db(engine):
    with engine.begin() as conn:
        ensure_reference(conn)
        add_account(conn, "chu_tich", "lanh_dao", PASSWORD, email="Chu.Tich@KhanhHoa.gov.vn")
        add_account(conn, "van_phong", "van_phong", PASSWORD)
    return engine


def test_the_password_is_stored_as_an_argon2_hash_only(db):
    with db.connect() as conn:
        stored = conn.execute(select(accounts.c.password_hash).where(accounts.c.username == "chu_tich")).scalar()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert sign_in(db, "chu_tich", PASSWORD, "10.0.0.7", NOW) == Account(1, "chu_tich", "lanh_dao")


def test_wrong_passwords_lock_the_name_for_that_address_for_a_time_that_doubles(db):
    here = "10.0.0.9"
    for _ in range(5):
        with pytest.raises(SignInRefused, match="Tên đăng nhập hoặc mật khẩu không đúng"):
            sign_in(db, "chu_tich", "sai mật khẩu", here, NOW)
    # the fifth failure locked it for 30 s from this address: even the right password is refused, with the time left
    with pytest.raises(SignInRefused, match="thử lại sau 30 giây"):
        sign_in(db, "chu_tich", PASSWORD, here, NOW)
    # … but not from another address: one address cannot lock the chairman out
    assert sign_in(db, "chu_tich", PASSWORD, "10.0.0.50", NOW).username == "chu_tich"
    with pytest.raises(SignInRefused, match="không đúng"):  # after 30 s a sixth failure locks it for 60 s
        sign_in(db, "chu_tich", "sai", here, NOW + timedelta(seconds=31))
    with pytest.raises(SignInRefused, match="thử lại sau 60 giây"):
        sign_in(db, "chu_tich", PASSWORD, here, NOW + timedelta(seconds=31))
    assert sign_in(db, "chu_tich", PASSWORD, here, NOW + timedelta(seconds=92)).username == "chu_tich"
    # a success resets the count: four new failures do not lock
    for _ in range(4):
        with pytest.raises(SignInRefused):
            sign_in(db, "chu_tich", "sai", here, NOW + timedelta(seconds=100))
    assert sign_in(db, "chu_tich", PASSWORD, here, NOW + timedelta(seconds=100)).role == "lanh_dao"


def test_the_lock_doubles_up_to_fifteen_minutes_and_never_overflows():
    assert [lock_for(n) for n in (4, 5, 6, 7)] == [None, FIRST_LOCK, 2 * FIRST_LOCK, 4 * FIRST_LOCK]
    assert lock_for(10) == timedelta(minutes=15)  # 30 s × 32 = 16 min, capped
    assert [lock_for(n) for n in (46, 47, 1_000, 10 ** 9)] == [timedelta(minutes=15)] * 4


def test_a_flood_of_wrong_passwords_keeps_the_chairman_out_for_at_most_fifteen_minutes(db):
    attacker = "10.6.6.6"
    now = NOW
    refused = []
    for _ in range(200):  # 46 were enough to lock for 36 hours before, and the 47th overflowed
        try:
            sign_in(db, "chu_tich", "đoán bừa", attacker, now)
        except SignInRefused as exc:
            refused.append(str(exc))
        now += timedelta(seconds=7)
    assert "thử lại sau" in refused[-1]
    # the attacker's address waits at most 15 minutes; the chairman's own machine was never locked
    seconds = int(refused[-1].split("thử lại sau ")[1].split(" ")[0])
    assert 0 < seconds <= 15 * 60
    assert sign_in(db, "chu_tich", PASSWORD, "10.0.0.7", now).username == "chu_tich"


def test_one_address_is_throttled_whatever_the_name(db):
    for i in range(10):  # ten different names, one failure each: no name is locked
        with pytest.raises(SignInRefused, match="không đúng"):
            sign_in(db, f"ai_{i}", "sai", "10.3.3.3", NOW + timedelta(seconds=i))
    with pytest.raises(SignInRefused, match="Máy này đã đăng nhập sai quá nhiều lần trong một phút; thử lại sau 51 "):
        sign_in(db, "chu_tich", PASSWORD, "10.3.3.3", NOW + timedelta(seconds=10))  # not even checked
    assert sign_in(db, "chu_tich", PASSWORD, "10.3.3.4", NOW + timedelta(seconds=10)).username == "chu_tich"
    assert sign_in(db, "chu_tich", PASSWORD, "10.3.3.3", NOW + timedelta(seconds=61)).username == "chu_tich"


def test_unknown_names_get_the_same_answers_as_known_ones_lock_included(db):
    answers = {}
    for name in ("chu_tich", "khong_co_ai"):
        said = []
        for _ in range(6):
            try:
                sign_in(db, name, "sai", f"10.4.4.{len(answers)}", NOW)
            except SignInRefused as exc:
                said.append(str(exc))
        answers[name] = said
    assert answers["chu_tich"] == answers["khong_co_ai"]
    assert answers["khong_co_ai"][-1] == "Tài khoản tạm khóa do đăng nhập sai nhiều lần; thử lại sau 30 giây."


def test_unknown_and_disabled_accounts_get_the_same_answer_and_attempts_are_audited_once_a_minute(db):
    with pytest.raises(SignInRefused, match="Tên đăng nhập hoặc mật khẩu không đúng"):
        sign_in(db, "khong_co", PASSWORD, "10.1.1.1", NOW)
    with db.begin() as conn:
        set_disabled(conn, "van_phong")
        assert current_account(conn, 2) is None  # a disabled account's session ends at its next run
    with pytest.raises(SignInRefused, match="Tên đăng nhập hoặc mật khẩu không đúng"):
        sign_in(db, "van_phong", PASSWORD, "10.1.1.2", NOW)
    sign_in(db, "chu_tich", PASSWORD, "10.1.1.3", NOW)
    with db.connect() as conn:
        trail = read_audit(conn)
    assert trail[["account", "action", "detail", "address"]].fillna("").values.tolist()[:4] == [
        ["chu_tich", "sign_in", "", "10.1.1.3"],
        ["", "sign_in_failed", "1 lần: van_phong", "10.1.1.2"],
        ["", "account_disable", "van_phong", ""],
        ["", "sign_in_failed", f"1 lần: #{name_key('khong_co')[:8]} (8 ký tự)", "10.1.1.1"],
    ]


def test_a_password_typed_as_the_name_never_reaches_the_audit_trail(db):
    for _ in range(3):
        with pytest.raises(SignInRefused):
            sign_in(db, PASSWORD, "chu_tich", "10.5.5.5", NOW)
    for _ in range(27):
        with pytest.raises(SignInRefused):
            sign_in(db, "chu_tich", "sai", "10.5.5.6", NOW)
    with db.connect() as conn:
        trail = read_audit(conn)
    assert not trail["detail"].fillna("").str.contains(PASSWORD).any()
    typed = trail.loc[trail["address"] == "10.5.5.5", "detail"].tolist()
    assert typed == [f"3 lần: #{name_key(PASSWORD)[:8]} ({len(PASSWORD)} ký tự)"]
    # thirty attempts from one address: one line a minute (two when the burst crosses a minute), counting them all
    flood = trail.loc[trail["address"] == "10.5.5.6"]
    assert len(flood) <= 4 and flood["action"].isin(["sign_in_failed", "sign_in_locked", "sign_in_throttled"]).all()
    assert sum(int(d.split(" lần")[0]) for d in flood["detail"]) == 27


def test_single_sign_on_matches_the_email_of_an_enabled_account(db):
    assert sign_in_by_email(db, "chu.tich@khanhhoa.gov.vn").username == "chu_tich"
    with pytest.raises(SignInRefused, match="Chưa có tài khoản nào gắn với thư điện tử"):
        sign_in_by_email(db, "ai.do@example.org")


def test_an_email_names_one_account_only(db):
    with db.begin() as conn, pytest.raises(DomainError, match="chu.tich@khanhhoa.gov.vn đã gắn với một tài khoản khác"):
        add_account(conn, "pho_chu_tich", "lanh_dao", PASSWORD, email=" CHU.TICH@khanhhoa.gov.vn ")
    assert sign_in_by_email(db, "chu.tich@khanhhoa.gov.vn").username == "chu_tich"


def test_roles_need_their_scope_and_short_passwords_are_refused(db):
    with db.begin() as conn:
        with pytest.raises(DomainError, match="cần tên cơ quan"):
            add_account(conn, "so", "so_nganh", PASSWORD)
        with pytest.raises(DomainError, match="Không có cơ quan «Sở Không Có»"):
            add_account(conn, "so", "so_nganh", PASSWORD, agency="Sở Không Có")
        with pytest.raises(DomainError, match="cần mã xã"):
            add_account(conn, "xa", "xa", PASSWORD)
        with pytest.raises(DomainError, match="mang mã 570"):  # Huyện Cam Lâm ended on 30/6/2025
            add_account(conn, "xa", "xa", PASSWORD, commune="570")
        with pytest.raises(DomainError, match="Không có vai trò «vua»"):
            add_account(conn, "x", "vua", PASSWORD)
        with pytest.raises(DomainError, match="ít nhất 10 ký tự"):
            add_account(conn, "x", "lanh_dao", "ngắn")
        add_account(conn, "so_nn", "so_nganh", PASSWORD, agency="Sở Nông nghiệp và Môi trường")
        add_account(conn, "cam_lam", "xa", PASSWORD, commune="22453")
        set_role(conn, "chu_tich", "van_phong")
        shown = list_accounts(conn).set_index("username")
    assert shown.loc["so_nn", "agency"] == "Sở Nông nghiệp và Môi trường"
    assert shown.loc["cam_lam", "commune"] == "Xã Cam Lâm"
    assert shown.loc["chu_tich", "role"] == "van_phong"
    assert "password_hash" not in shown.columns


def test_roles_are_enforced_in_data_access_not_only_in_the_ui(db, tmp_path):
    viewer = sign_in(db, "chu_tich", PASSWORD, None, NOW)
    office = sign_in(db, "van_phong", PASSWORD, "10.2.2.2", NOW)
    path = write_csv(tmp_path / "tuan.csv", "utf-8", ";")
    with pytest.raises(NotAllowed, match="Vai trò «lanh_dao» không được làm việc này"):
        run_import(db, path, "dossiers", actor=viewer)
    with db.begin() as conn:
        with pytest.raises(NotAllowed):
            create_meeting(conn, date(2024, 4, 1), "Giao ban", datetime(2024, 3, 31, 17), actor=viewer)
        with pytest.raises(NotAllowed):
            add_account(conn, "moi", "lanh_dao", PASSWORD, actor=office)  # only quan_tri manages accounts
    report = run_import(db, path, "dossiers", actor=office, address="10.2.2.2")
    with db.connect() as conn:
        assert conn.execute(select(import_log.c.imported_by)).scalars().all() == ["van_phong"]
        line = read_audit(conn, action="import").iloc[0]
    assert (line["account"], line["address"]) == ("van_phong", "10.2.2.2")
    assert line["detail"].startswith(f"dossiers: tuan.csv, sha256 {report.sha256}, 13 dòng")


def test_demo_accounts_one_per_role_and_disabled_when_real_data_arrives(db, tmp_path):
    with db.begin() as conn:
        made = demo_accounts(conn)
    assert [(name, role) for name, role, _ in made] == [
        ("demo_lanh_dao", "lanh_dao"), ("demo_van_phong", "van_phong"), ("demo_quan_tri", "quan_tri"),
        ("demo_so_nganh", "so_nganh"), ("demo_xa", "xa")]
    password = dict((name, p) for name, _, p in made)["demo_xa"]
    assert sign_in(db, "demo_xa", password, None, NOW).unit_id is not None
    run_import(db, write_csv(tmp_path / "tuan.csv", "utf-8", ";"), "dossiers")
    with pytest.raises(SignInRefused):
        sign_in(db, "demo_xa", password, None, NOW)
    assert sign_in(db, "chu_tich", PASSWORD, None, NOW).username == "chu_tich"  # real accounts stay


def test_set_password_lifts_the_lock(db):
    for _ in range(5):
        with pytest.raises(SignInRefused):
            sign_in(db, "chu_tich", "sai", None, NOW)
    with db.begin() as conn:
        set_password(conn, "chu_tich", "mật khẩu mới rất dài")
    assert sign_in(db, "chu_tich", "mật khẩu mới rất dài", None, NOW).username == "chu_tich"


def test_user_commands_and_the_first_admin(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'users.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    create_schema(create_engine(url))
    monkeypatch.setattr("sys.stdin", io.StringIO("mật khẩu của sở ngành\n"))
    assert main(["user", "add", "so_nn", "--role", "so_nganh", "--agency", "Sở Nông nghiệp và Môi trường"]) == 0
    assert sign_in(create_engine(url), "so_nn", "mật khẩu của sở ngành").role == "so_nganh"
    monkeypatch.setattr("sys.stdin", io.StringIO("ngắn\n"))
    assert main(["user", "add", "ngan", "--role", "lanh_dao"]) == 1
    assert "ít nhất 10 ký tự" in capsys.readouterr().err
    assert main(["user", "disable", "so_nn"]) == 0
    capsys.readouterr()
    assert main(["user", "list"]) == 0
    listed = capsys.readouterr().out
    assert [line.split()[0] for line in listed.splitlines()] == ["so_nn"] and "(đã khóa)" in listed
    monkeypatch.setattr("sys.stdin", io.StringIO("mật khẩu lãnh đạo dài\n"))
    assert main(["user", "add", "ld", "--role", "lanh_dao"]) == 0
    capsys.readouterr()
    assert main(["user", "list"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert lines["ld"].split() == ["ld", "lanh_dao"]  # no scope: nothing, never "nan"
    assert "Sở Nông nghiệp và Môi trường" in lines["so_nn"]
    assert main(["user", "disable", "khong_co"]) == 1
    assert "Không có tài khoản «khong_co»" in capsys.readouterr().err


def test_init_creates_the_first_admin_once_and_prints_its_password_once(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = create_engine(url)
    create_schema(engine)
    with engine.begin() as conn:  # a database with data already: init creates only the account
        conn.execute(import_log.insert().values(imported_at=NOW, file_name="x", sha256="0", kind="tasks",
                                                rows_read=0, inserted=0, updated=0, unchanged=0, rejected=0,
                                                warnings=0))
    from data_access.store.meta import record_load
    with engine.begin() as conn:
        record_load(conn, "real", date(2026, 11, 30))
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    password = out.split("mật khẩu: ")[1].split()[0]
    assert sign_in(engine, "quantri", password).role == "quan_tri"
    assert main(["init"]) == 0
    assert "mật khẩu" not in capsys.readouterr().out


def test_a_username_is_a_plain_name(db):
    with db.begin() as conn:
        for bad in ("[a](http://x)", "có dấu", "", "a b", "x" * 81):
            with pytest.raises(DomainError, match="Tên đăng nhập gồm 1 đến 80 ký tự"):
                add_account(conn, bad, "lanh_dao", PASSWORD)
        add_account(conn, "ten.moi-2@so", "lanh_dao", PASSWORD)


def test_many_people_signing_in_at_once_all_get_in(tmp_path):
    """At the start of a meeting everyone signs in together: each sign-in reads the account, checks the password,
    then writes (failure count, audit line). On SQLite those transactions take the write lock at BEGIN and wait for
    each other, so none fails with "database is locked" (seen with the load harness, bench/load.py)."""
    import threading

    from data_access.store.context import app_context, forget_context

    url = f"sqlite:///{tmp_path / 'dong_thoi.sqlite3'}"
    engine = app_context(url).engine
    with engine.begin() as conn:
        for i in range(8):
            add_account(conn, f"lanh_dao_{i}", "lanh_dao", "mật khẩu đồng thời")
    start, outcomes = threading.Barrier(8), []

    def sign(i: int) -> None:
        start.wait()
        try:
            outcomes.append(sign_in(engine, f"lanh_dao_{i}", "mật khẩu đồng thời").username)
        except Exception as exc:  # noqa: BLE001 - the test reports what went wrong
            outcomes.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=sign, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    forget_context(url)
    assert sorted(outcomes) == [f"lanh_dao_{i}" for i in range(8)]


def test_command_line_actions_name_the_operator_and_refused_imports_are_audited(tmp_path, monkeypatch, capsys):
    """Issue #30, item 14: who ran the command line (operating-system user and host), and every refused import."""
    import getpass
    import socket

    url = f"sqlite:///{tmp_path / 'kiem_toan.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    create_schema(create_engine(url))
    monkeypatch.setattr("sys.stdin", io.StringIO("mật khẩu lãnh đạo dài\n"))
    assert main(["user", "add", "ld", "--role", "lanh_dao"]) == 0
    bad = tmp_path / "sai.csv"
    bad.write_text("Mã hồ sơ,Lĩnh vực\nX,Đất đai\n", encoding="utf-8")
    assert main(["import", "dossiers", str(bad)]) == 1
    capsys.readouterr()
    with create_engine(url).connect() as conn:
        trail = read_audit(conn)[["account", "action", "detail", "address"]].values.tolist()
    operator, host = f"dòng lệnh: {getpass.getuser()}", socket.gethostname()
    assert trail[1] == [operator, "account_add", "ld (lanh_dao)", host]
    assert trail[0][:2] == [operator, "import_refused"] and trail[0][3] == host
    assert trail[0][2].startswith("dossiers: sai.csv bị từ chối (1 lỗi): Tệp sai.csv: thiếu cột bắt buộc")
    with create_engine(url).begin() as conn:  # outside the command line: no operator named
        set_disabled(conn, "ld")
        assert read_audit(conn)["account"].isna().tolist()[0]


def test_the_last_administrator_cannot_be_disabled_or_demoted(db):
    with db.begin() as conn:
        add_account(conn, "qt", "quan_tri", PASSWORD)
    for change in (lambda c: set_disabled(c, "qt"), lambda c: set_role(c, "qt", "lanh_dao")):
        with db.begin() as conn, pytest.raises(DomainError, match="tài khoản quản trị cuối cùng"):
            change(conn)
    with db.begin() as conn:
        add_account(conn, "qt2", "quan_tri", PASSWORD)
        set_role(conn, "qt", "lanh_dao")  # another administrator remains
        with pytest.raises(DomainError, match="tài khoản quản trị cuối cùng"):
            set_disabled(conn, "qt2")
