"""Hostile and broken files (issue #16, items 7 and 14): zip bombs, a cell far to the right, cells longer than
Excel allows, an empty file and a second import while one runs get a Vietnamese message naming the file (and
row), never a traceback, and the database is unchanged (checksum of every table)."""

import threading
import time
import zipfile

import pytest
from sqlalchemy import create_engine, func, select, text

from data_access.importing.report import ImportRefused
from data_access.importing.runner import IMPORT_LOCK, run_import
from data_access.store.engine import WRITER, configure_sqlite
from data_access.store.migrate import create_schema
from data_access.store.schema import dossiers
from tests.data_access.helpers import database_checksum, read_units_csv, upsert_units
from tests.data_access.import_files import write_csv, write_xlsx, write_xlsx_as_excel


@pytest.fixture
def db(engine, tmp_path):
    """The test engine with the configured units and the 13 hand-made dossiers imported."""
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
    run_import(engine, write_csv(tmp_path / "moi.csv", "utf-8", ";"), "dossiers")
    return engine


def _refused(db, path, kind: str = "dossiers") -> str:
    """Import `path`, expect a refusal; return its message after checking nothing changed."""
    with db.connect() as conn:
        before = database_checksum(conn, audit=False)
    with pytest.raises(ImportRefused) as refused:
        run_import(db, path, kind)
    with db.connect() as conn:
        assert database_checksum(conn, audit=False) == before
    return str(refused.value)


def _rewrite(path, name: str, change) -> None:
    with zipfile.ZipFile(path) as book:
        parts = {n: book.read(n) for n in book.namelist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for member, data in parts.items():
            book.writestr(member, data)


def test_a_zip_bomb_is_refused_before_it_is_opened(db, tmp_path):
    path = write_xlsx(tmp_path / "bom.xlsx")
    huge = b'<row r="40"><c r="A40" t="inlineStr"><is><t>' + b"a" * 60_000_000 + b"</t></is></c></row>"
    _rewrite(path, "xl/worksheets/sheet1.xml",  # 60 MB of one letter packs into ~60 kB
             lambda xml: xml.replace(b"</sheetData>", huge + b"</sheetData>"))
    assert path.stat().st_size < 200_000
    started = time.perf_counter()
    message = _refused(db, path)
    assert message == ("Tệp bom.xlsx: giải nén ra khoảng 60 MB hoặc nén bất thường (dấu hiệu «bom nén»); không mở "
                       "tệp này. Đề nghị xuất lại từ hệ thống.")
    print(f"zip bomb refused in {time.perf_counter() - started:.2f} s")


def test_a_cell_far_to_the_right_is_refused_at_its_row(db, tmp_path):
    path = write_xlsx(tmp_path / "xa.xlsx")
    cell = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", cell + b"</sheetData>"))
    assert _refused(db, path) == ("Tệp xa.xlsx, dòng 1048576: có 16.384 cột, quá 500 cột; tệp không phải bản "
                                  "xuất dữ liệu.")


def test_a_csv_line_of_ten_megabytes_is_refused_at_its_row(db, tmp_path):
    path = write_csv(tmp_path / "dong_dai.csv", "utf-8", ";")
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("14;HS-X;" + "x" * 10_000_000 + "\r\n")
    message = _refused(db, path)
    assert message.startswith("Tệp dong_dai.csv, dòng 1") and message.endswith(
        ": một ô dài quá 32.767 ký tự (giới hạn của Excel); tệp không phải bản xuất dữ liệu.")
    assert message == "Tệp dong_dai.csv, dòng 18: một ô dài quá 32.767 ký tự (giới hạn của Excel); tệp không phải " \
                      "bản xuất dữ liệu."


def test_a_csv_row_of_thousands_of_columns_is_refused_at_its_row(db, tmp_path):
    path = write_csv(tmp_path / "rong_ngang.csv", "utf-8", ";")
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(";" * 20_000 + "\r\n")
    assert _refused(db, path) == ("Tệp rong_ngang.csv, dòng 18: có 20.001 cột, quá 500 cột; tệp không phải bản xuất "
                                  "dữ liệu.")


def test_an_empty_csv_is_refused_in_vietnamese(db, tmp_path):
    path = tmp_path / "rong.csv"
    path.write_bytes(b"")
    assert _refused(db, path) == ("Tệp rong.csv: thiếu cột bắt buộc «Mã hồ sơ», «Lĩnh vực», «Cơ quan giải quyết», "
                                  "«Ngày tiếp nhận», «Ngày hẹn trả». Các cột tìm thấy: (không nhận ra dòng tiêu đề "
                                  "nào)")


def _hold_the_database(engine, seconds: float, ready: threading.Event) -> threading.Thread:
    """Start a thread that holds the write lock (SQLite) or the import lock (PostgreSQL) for `seconds`."""
    def hold() -> None:
        with engine.connect() as conn:
            conn.execution_options(**{WRITER: True}).begin()  # SQLite: BEGIN IMMEDIATE, the write lock
            if conn.dialect.name == "postgresql":
                conn.execute(select(func.pg_advisory_xact_lock(IMPORT_LOCK)))
            ready.set()
            time.sleep(seconds)
            conn.rollback()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait(10)
    return thread


def test_a_second_import_waits_for_the_first(engine, tmp_path):
    if engine.dialect.name == "sqlite":  # two connections need a file (the in-memory test database has one)
        engine = configure_sqlite(create_engine(f"sqlite:///{tmp_path / 'cho.sqlite3'}",
                                                connect_args={"timeout": 30}))
        create_schema(engine)
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
    holder = _hold_the_database(engine, 1.5, threading.Event())
    started = time.perf_counter()
    report = run_import(engine, write_csv(tmp_path / "ho_so.csv", "utf-8", ";"), "dossiers")
    waited = time.perf_counter() - started
    holder.join()
    assert report.inserted == 13 and waited >= 1.0  # it waited for the lock, then imported whole
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(dossiers)).scalar() == 13


def test_a_second_import_that_waits_too_long_is_refused_in_vietnamese(tmp_path):
    url = f"sqlite:///{tmp_path / 'ban.sqlite3'}"
    engine = configure_sqlite(create_engine(url, connect_args={"timeout": 0.5}))  # the app waits 30 s
    create_schema(engine)
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
        before = database_checksum(conn, audit=False)
    holder = _hold_the_database(engine, 3, threading.Event())
    with pytest.raises(ImportRefused) as refused:
        run_import(engine, write_csv(tmp_path / "ho_so.csv", "utf-8", ";"), "dossiers")
    holder.join()
    assert str(refused.value) == ("Tệp ho_so.csv chưa được nhập: một lần nhập khác đang ghi vào cơ sở dữ liệu và chưa "
                                  "xong sau thời gian chờ; không ghi gì, đề nghị thử lại khi lần đó xong.")
    with engine.connect() as conn:
        assert database_checksum(conn, audit=False) == before
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_a_repeated_unit_is_named_as_the_clerk_wrote_it(db, tmp_path):
    path = tmp_path / "don_vi.csv"
    path.write_text("Mã;Tên;Loại\n;Xã A;Xã\n;xã  a;Xã\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        run_import(db, path, "units")
    assert [p.message() for p in refused.value.report.problems] == [
        "Dòng 3, cột «Mã», giá trị «Xã A»: trùng mã với dòng 2"]  # not the internal key «a|»


def test_the_command_line_answers_in_one_vietnamese_line(tmp_path, monkeypatch, capsys):
    import cli

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    empty = tmp_path / "rong.csv"
    empty.write_bytes(b"")
    assert cli.main(["import", "dossiers", str(empty)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "thiếu cột bắt buộc «Mã hồ sơ»" in err
    monkeypatch.setenv("DATABASE_URL", "postgresql://ai_do:mat_khau_bi_mat@127.0.0.1:1/khong_co")
    assert cli.main(["user", "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Không kết nối được cơ sở dữ liệu postgresql+psycopg://ai_do:***@127.0.0.1:1/khong_co: ")
    assert "mat_khau_bi_mat" not in err and "Traceback" not in err


def test_shared_strings_past_the_memory_bound_are_refused_before_reading(db, tmp_path, monkeypatch):
    """Issue #30, item 15: shared strings unpacking to 954 MB drove an import to 1,09 GB; now bounded."""
    from data_access.importing import readers

    monkeypatch.setattr(readers, "MAX_SHARED_STRINGS_BYTES", 1_000)  # the real bound is 200 MB: same check
    message = _refused(db, write_xlsx_as_excel(tmp_path / "nhieu_chu.xlsx"))  # with xl/sharedStrings.xml
    assert message.startswith("Tệp nhieu_chu.xlsx: bảng chữ dùng chung giải nén ra 0 MB, quá 0 MB cho một lần nhập")


def test_a_damaged_member_is_refused_in_vietnamese(db, tmp_path):
    """Issue #30, item 15: a bad CRC or a truncated deflate stream was shown as the library's English error."""
    path = write_xlsx(tmp_path / "hong.xlsx")
    with zipfile.ZipFile(path) as book:
        member = book.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = member.header_offset + 30 + len(member.filename) + len(member.extra)
    for offset in range(start + 8, start + member.compress_size - 8, 3):  # spoil the compressed sheet
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    message = _refused(db, path)
    assert message.startswith("Tệp hong.xlsx bị hỏng: phần dữ liệu bên trong không giải nén được")


def test_a_very_long_file_name_is_kept_on_disk_short(tmp_path, monkeypatch):
    """Issue #30, item 15: an upload named with more than 255 bytes gave a generic error."""
    import tempfile

    from streamlit.proto.Common_pb2 import FileURLs
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    from ui.uploads import disk_name, saved

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    name = "Báo cáo hồ sơ " * 30 + ".xlsx"  # 420 characters, 540 bytes
    assert len(disk_name(name).encode("utf-8")) <= 200 and disk_name(name).endswith(".xlsx")
    with saved(UploadedFile(UploadedFileRec("id", name, "application/x", b"PK"), FileURLs())) as path:
        assert path.exists() and path.suffix == ".xlsx"
