"""The demo → real path on SQLite and PostgreSQL (issue #30): the first real import after `cli.py init` removes the
demo and its accounts in the same transaction, and every other account keeps its scope (PostgreSQL enforces the
foreign keys that SQLite's tests never saw); `demo --replace-real` does the same the other way round, audited."""

from datetime import date

import pytest
from sqlalchemy import insert, select

from data_access.accounts.audit import read_audit
from data_access.accounts.store import add_account, current_account, demo_accounts, set_disabled, sign_in
from data_access.demo.build import build_demo
from data_access.importing.runner import run_import
from data_access.reference.territory import agency_record
from data_access.store.meta import DATA_KIND, read_meta
from data_access.store.schema import accounts, agencies, units
from metrics.errors import DomainError
from tests.data_access.test_export_corpus import CORPUS

PASSWORD = "mật-khẩu-đủ-dài"
END = date(2026, 11, 30)


def _scopes(conn) -> dict[str, tuple]:
    query = (select(accounts.c.username, agencies.c.name, units.c.code, accounts.c.disabled)
             .select_from(accounts.outerjoin(agencies, agencies.c.id == accounts.c.agency_id)
                          .outerjoin(units, units.c.id == accounts.c.unit_id)))
    return {r[0]: tuple(r[1:]) for r in conn.execute(query).all()}


@pytest.fixture
def demo(engine):
    """A database as `cli.py init` leaves it: the demo, its five accounts, and real accounts made beside them."""
    build_demo(engine, END, n_dossiers=400, seed=3)
    with engine.begin() as conn:
        demo_accounts(conn)
        conn.execute(insert(agencies).values(**agency_record("Ban Quản lý dự án thử")))  # made while the demo ran
        add_account(conn, "so_nn", "so_nganh", PASSWORD, agency="Sở Nông nghiệp và Môi trường")
        add_account(conn, "bac_nha_trang", "xa", PASSWORD, commune="22333")
        add_account(conn, "ban_qlda", "so_nganh", PASSWORD, agency="Ban Quản lý dự án thử")
    return engine


def test_the_first_real_import_takes_the_demo_accounts_and_keeps_the_others_scope(demo):
    report = run_import(demo, CORPUS / "ho_so_2026_hon_hop.xlsx", "dossiers")
    assert report.inserted == 12 and report.warnings == ["Đã xóa dữ liệu minh họa (demo) trước khi nạp dữ liệu thật."]
    with demo.connect() as conn:
        assert read_meta(conn)[DATA_KIND] == "real"
        assert _scopes(conn) == {
            "so_nn": ("Sở Nông nghiệp và Môi trường", None, False),
            "bac_nha_trang": (None, "22333", False),
            "ban_qlda": (None, None, True),  # its agency was the demo's: disabled, never province-wide
        }
        ban = conn.execute(select(accounts.c.id).where(accounts.c.username == "ban_qlda")).scalar_one()
        assert current_account(conn, ban) is None
        lines = read_audit(conn)[["action", "detail"]].values.tolist()
    assert ["account_disable", "ban_qlda"] in lines
    assert sign_in(demo, "so_nn", PASSWORD).agency_id is not None
    with demo.begin() as conn, pytest.raises(DomainError, match="cần tên cơ quan"):
        set_disabled(conn, "ban_qlda", False)  # not enabled without a scope


def test_a_check_of_the_first_real_file_succeeds_and_changes_nothing(demo):
    with demo.connect() as conn:
        before = _scopes(conn)
    report = run_import(demo, CORPUS / "ho_so_2024_tinh.xlsx", "dossiers", dry_run=True)
    assert report.inserted == 9 and not report.committed
    with demo.connect() as conn:
        assert _scopes(conn) == before and read_meta(conn)[DATA_KIND] == "demo"


def test_the_demo_replaces_real_data_keeping_the_accounts_and_is_audited(demo):
    run_import(demo, CORPUS / "ho_so_2026_hon_hop.xlsx", "dossiers")
    build_demo(demo, END, n_dossiers=300, seed=4, replace_real=True)
    with demo.connect() as conn:
        assert read_meta(conn)[DATA_KIND] == "demo"
        scopes = _scopes(conn)
        detail = read_audit(conn, action="demo")["detail"].tolist()
    assert scopes["so_nn"] == ("Sở Nông nghiệp và Môi trường", None, False)
    assert scopes["bac_nha_trang"] == (None, "22333", False)
    assert detail[0] == "dữ liệu minh họa: 300 hồ sơ đến ngày 2026-11-30; thay thế dữ liệu thật (--replace-real)"
