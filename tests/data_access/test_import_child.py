"""An import run in its own process (data_access/importing/child.py) gives the same report as one run in the
caller's, passes progress and refusals back, imports as the same account, and tells a failure apart; the import
page's preview made there equals the one made in the caller's process."""

import pandas as pd
import pytest
from sqlalchemy import select

from data_access.accounts.store import NotAllowed, add_account, current_account
from data_access.importing.child import ImportFailed, preview_in_child, run_import_in_child
from data_access.importing.preview import preview
from data_access.importing.readers import ReadError
from data_access.importing.report import ImportRefused
from data_access.store.engine import get_engine
from data_access.store.migrate import create_schema
from data_access.store.schema import accounts, import_log
from tests.data_access.helpers import read_units_csv, upsert_units
from tests.data_access.import_files import records, write_csv, write_xlsx


@pytest.fixture
def url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'con.sqlite3'}"
    engine = get_engine(url)
    create_schema(engine)
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
        add_account(conn, "van_phong_1", "van_phong", "mật khẩu văn phòng")
        add_account(conn, "lanh_dao_1", "lanh_dao", "mật khẩu lãnh đạo")
    return url


def _account(url: str, name: str):
    with get_engine(url).connect() as conn:
        return current_account(conn, conn.execute(select(accounts.c.id).where(accounts.c.username == name)).scalar())


def test_the_child_imports_as_the_account_and_reports_progress(url, tmp_path):
    steps = []
    job = {"path": str(write_csv(tmp_path / "ho_so.csv", "utf-8", ";")), "kind": "dossiers",
           "file_name": "ho_so.csv", "land_env_fields": ["Đất đai", "Môi trường"], "address": "10.0.0.7"}
    report = run_import_in_child(url, job, _account(url, "van_phong_1"), lambda m, f: steps.append((m, f)))
    assert (report.inserted, report.rows_read, report.imported_by, report.committed) == (13, 13, "van_phong_1", True)
    assert steps[0][0] == "Đã đọc 13 dòng" and steps[-1] == ("Xong", 1.0)
    with get_engine(url).connect() as conn:
        assert conn.execute(select(import_log.c.imported_by, import_log.c.inserted)).all() == [("van_phong_1", 13)]


def test_a_refusal_comes_back_with_its_problems_and_a_viewer_is_refused(url, tmp_path):
    rows = records()
    rows[0][9] = "31/02/2024"
    job = {"path": str(write_csv(tmp_path / "sai.csv", "utf-8", ";", rows)), "kind": "dossiers"}
    with pytest.raises(ImportRefused) as refused:
        run_import_in_child(url, job, _account(url, "van_phong_1"))
    problems = [(p.row, p.value, p.reason) for p in refused.value.report.problems]
    assert problems == [(4, "31/02/2024", "ngày không tồn tại")]
    with pytest.raises(NotAllowed):
        run_import_in_child(url, job, _account(url, "lanh_dao_1"))


def test_a_child_that_cannot_finish_is_told_apart(tmp_path):
    job = {"path": str(write_csv(tmp_path / "ho_so.csv", "utf-8", ";")), "kind": "dossiers"}
    with pytest.raises(ImportFailed, match="OperationalError"):
        run_import_in_child("postgresql://ai:mk@127.0.0.1:1/khong", job, None)


def test_the_preview_in_a_child_equals_the_preview_here(tmp_path):
    for path in (write_xlsx(tmp_path / "ho_so.xlsx"), write_csv(tmp_path / "ho_so.csv", "cp1258", ";")):
        here_header, here_rows, here_sheets = preview(path, "dossiers")
        header, rows, sheets = preview_in_child(path, "dossiers")
        assert header == here_header and header.row == (4 if path.suffix == ".xlsx" else 3)
        pd.testing.assert_frame_equal(rows, here_rows)
        assert sheets == here_sheets and len(rows) == 5


def test_an_unreadable_file_is_a_read_error_from_the_child(tmp_path):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"not a workbook at all")
    with pytest.raises(ReadError) as from_child:
        preview_in_child(path, "dossiers")
    with pytest.raises(ReadError) as here:
        preview(path, "dossiers")
    assert str(from_child.value) == str(here.value) and "hong.xlsx" in str(here.value)


def test_what_the_columns_decided_comes_back_from_the_child(url):
    from tests.data_access.test_export_corpus import CORPUS

    job = {"path": str(CORPUS / "ho_so_2024_tinh.xlsx"), "kind": "dossiers"}
    report = run_import_in_child(url, job, _account(url, "van_phong_1"))
    assert report.decision_lines() == [
        "3 dòng: «Diên Khánh» ở cột «Địa bàn» được hiểu là Huyện Diên Khánh",
        "2 dòng: «Ninh Sơn» ở cột «Địa bàn» được hiểu là Huyện Ninh Sơn",
        "1 dòng: «Khánh Vĩnh» ở cột «Địa bàn» được hiểu là Huyện Khánh Vĩnh",
        "1 dòng: «Trường Sa» ở cột «Địa bàn» được hiểu là Huyện Trường Sa"]
