"""Importing real export files: formats, quirks, validation, idempotence, updates, personal data."""

import csv
from datetime import date

import pytest
from sqlalchemy import func, select

from data_access.figures.dossier_queries import dossier_counts
from data_access.figures.summary import summary
from data_access.importing.report import ImportRefused
from data_access.importing.runner import run_import
from data_access.store.meta import DATA_KIND, read_meta
from data_access.store.schema import dossiers, import_log, metadata, units
from metrics.dossiers import COUNT_COLUMNS
from metrics.periods import Period
from tests.data_access.helpers import assert_rollup_matches_dossiers, read_units_csv, upsert_units
from tests.data_access.import_files import (
    APPLICANTS,
    HEADERS,
    records,
    write_csv,
    write_xls,
    write_xlsx,
)
from tests.metrics.test_dossiers import EXPECTED_MARCH

MARCH = Period(date(2024, 3, 1), date(2024, 3, 31))


@pytest.fixture
def db(engine):
    """The test engine with Khánh Hòa's configured units (as `cli.py init` ships them)."""
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
    return engine


def march_counts(engine) -> dict:
    with engine.connect() as conn:
        return dossier_counts(conn, MARCH)[list(COUNT_COLUMNS)].iloc[0].to_dict()


def snapshot(engine) -> list:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(dossiers).order_by(dossiers.c.code))]


@pytest.mark.parametrize("fmt", ["xlsx", "csv-cp1258-semicolon", "csv-utf16", "csv-utf8-bom", "xls"])
def test_every_format_gives_the_hand_counted_figures(db, tmp_path, fmt):
    if fmt == "xlsx":
        path = write_xlsx(tmp_path / "ho_so.xlsx")
    elif fmt == "xls":
        path = write_xls(tmp_path / "ho_so.xls")
    elif fmt == "csv-cp1258-semicolon":
        path = write_csv(tmp_path / "ho_so.csv", "cp1258", ";")
    elif fmt == "csv-utf16":
        path = write_csv(tmp_path / "ho_so.csv", "utf-16", ",")
    else:
        path = write_csv(tmp_path / "ho_so.csv", "utf-8-sig", ",")
    report = run_import(db, path, "dossiers")
    assert (report.inserted, report.updated, report.rejected, report.rows_read) == (13, 0, 0, 13)
    assert report.totals_rows == 1
    assert report.personal == ["Chủ hồ sơ"] and report.ignored == ["STT", "Ghi chú"]
    assert report.mapping["Lĩnh vực"] == "Lĩnh vực" and report.mapping["Cơ quan giải quyết"] == "Đơn vị xử lý"
    assert march_counts(db) == EXPECTED_MARCH
    with db.connect() as conn:
        assert_rollup_matches_dossiers(conn)
        figures = summary(conn, date(2024, 3, 31))["dossiers"]
    assert figures["on_time_rate"] == pytest.approx(3 / 4)
    assert figures["land_env_share_of_overdue"] == pytest.approx(3 / 4)
    assert figures["progress_rate_766"] == pytest.approx(6 / 10)
    assert figures["sync_rate"] == pytest.approx(5 / 8)


def test_xlsx_header_row_and_units_matched_by_name_without_prefix(db, tmp_path):
    report = run_import(db, write_xlsx(tmp_path / "ho_so.xlsx"), "dossiers")
    assert report.header_row == 4 and report.blank_rows == 1 and report.sheet == "Hồ sơ"
    assert report.warnings == []  # 'TP Nha Trang' and 'Cam Lâm' match configured units
    with db.connect() as conn:
        # no unit created: 9 + 7 districts and 194 communes before 1/7/2025, 65 communes after
        assert conn.execute(select(func.count()).select_from(units)).scalar() == 9 + 7 + 194 + 65
        names = dict(conn.execute(select(dossiers.c.code, units.c.name).join(units)).all())
    assert names["D1"] == "Thành phố Nha Trang" and names["D3"] == "Huyện Cam Lâm"


def test_unknown_unit_is_a_row_error_with_the_nearest_names(db, tmp_path):
    rows = records()
    rows[0][7] = "Huyện Cam Lam Moi"
    with pytest.raises(ImportRefused) as refused:
        run_import(db, write_csv(tmp_path / "x.csv", "utf-8", ",", rows=rows), "dossiers")
    problems = refused.value.report.problems
    assert [(p.row, p.column) for p in problems] == [(4, "Địa bàn")]
    assert "không có trong danh mục đơn vị hành chính ngày" in problems[0].reason
    assert "tên gần nhất: " in problems[0].reason and "Huyện Cam Lâm" in problems[0].reason.split("tên gần nhất: ")[1]
    with db.connect() as conn:
        assert conn.execute(select(func.count()).select_from(dossiers)).scalar() == 0


def test_applicant_names_are_never_stored(db, tmp_path):
    run_import(db, write_xlsx(tmp_path / "ho_so.xlsx"), "dossiers")
    with db.connect() as conn:
        for table in ("dossiers", "agencies", "fields", "procedures", "units", "import_log", "meta"):
            for row in conn.execute(select(metadata.tables[table])):
                for name in APPLICANTS:
                    assert name not in " ".join(str(v) for v in row), (table, row)


def test_reimport_changes_nothing_and_newer_export_updates(db, tmp_path):
    path = write_csv(tmp_path / "tuan1.csv", "utf-8", ";")
    run_import(db, path, "dossiers")
    before = snapshot(db)
    again = run_import(db, path, "dossiers")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 13)
    assert snapshot(db) == before
    rows = records()
    rows[6][10] = "02/04/2024"  # D7 (due 05/04) has been resolved since last week
    rows[6][11] = "Đã trả kết quả"
    rows.append([*rows[0][:1], "D14", *rows[0][2:]])  # and one new dossier
    newer = run_import(db, write_csv(tmp_path / "tuan2.csv", "utf-8", ";", rows=rows), "dossiers")
    assert (newer.inserted, newer.updated, newer.unchanged) == (1, 1, 12)
    with db.connect() as conn:
        d7 = conn.execute(select(dossiers.c.result_on, dossiers.c.status).where(dossiers.c.code == "D7")).one()
        assert d7 == (date(2024, 4, 2), "Đã trả kết quả")
        logged = conn.execute(select(import_log.c.file_name, import_log.c.inserted, import_log.c.updated)
                              .order_by(import_log.c.id)).all()
        assert read_meta(conn)[DATA_KIND] == "real"
    assert logged == [("tuan1.csv", 13, 0), ("tuan1.csv", 0, 0), ("tuan2.csv", 1, 1)]
    april = Period(date(2024, 4, 1), date(2024, 4, 30))
    with db.connect() as conn:
        assert_rollup_matches_dossiers(conn)  # kept up to date by the update and the insert
        assert dossier_counts(conn, april).iloc[0]["resolved_early"] == 1  # D7 resolved before its due date


def _refused(db, path, kind="dossiers"):
    before = snapshot(db)
    with pytest.raises(ImportRefused) as caught:
        run_import(db, path, kind)
    assert snapshot(db) == before  # nothing written, earlier data intact
    return [p.message() for p in caught.value.report.problems]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (9, "31/02/2024", "Dòng 5, cột «Ngày hẹn trả», giá trị «31/02/2024»: ngày không tồn tại"),
        (8, "hôm qua", "Dòng 5, cột «Ngày tiếp nhận», giá trị «hôm qua»: không đọc được ngày (dạng dd/mm/yyyy)"),
        (9, "01/02/2024", "Dòng 5, cột «Ngày hẹn trả», giá trị «01/02/2024»: ngày hẹn trả trước ngày tiếp nhận "
                          "(05/03/2024)"),
        (10, "01/03/2024", "Dòng 5, cột «Ngày có kết quả», giá trị «01/03/2024»: ngày có kết quả trước ngày tiếp "
                           "nhận (05/03/2024)"),
        (1, "D1", "Dòng 5, cột «MÃ HỒ SƠ», giá trị «D1»: trùng mã với dòng 4"),
        (13, "Có lẽ", "Dòng 5, cột «Đồng bộ DVCQG», giá trị «Có lẽ»: chỉ nhận Có/Không, x, 1/0"),
    ],
)
def test_each_rule_refuses_the_whole_file_with_row_column_value_and_reason(db, tmp_path, column, value, message):
    run_import(db, write_csv(tmp_path / "tot.csv", "utf-8", ","), "dossiers")
    rows = records()
    rows[1][column] = value  # the second dossier (D2) is on spreadsheet row 5
    assert _refused(db, write_csv(tmp_path / "loi.csv", "utf-8", ",", rows=rows)) == [message]


def test_ended_status_without_date_is_refused(db, tmp_path):
    rows = records()
    rows[3][10] = ""  # D4 'TỪ CHỐI' loses its date
    messages = _refused(db, write_csv(tmp_path / "loi.csv", "utf-8", ",", rows=rows))
    assert messages == ["Dòng 7, cột «Ngày có kết quả», giá trị «(trống)»: hồ sơ «TỪ CHỐI» kết thúc không có kết quả "
                        "nên phải có ngày kết thúc"]


def test_missing_required_column_lists_the_columns_found(db, tmp_path):
    headers = [h if h != "Ngày hẹn trả" else "Hẹn" for h in HEADERS]
    messages = _refused(db, write_csv(tmp_path / "thieu.csv", "utf-8", ",", headers=headers))
    assert len(messages) == 1
    assert messages[0].startswith("Tệp thieu.csv: thiếu cột bắt buộc «Ngày hẹn trả». Các cột tìm thấy: STT, MÃ HỒ SƠ")
    assert "Hẹn" in messages[0]


def test_unreadable_file_is_refused_with_its_name(db, tmp_path):
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"not a zip")
    messages = _refused(db, bad)
    assert messages[0].startswith("Tệp hong.xlsx không phải tệp Excel .xlsx hợp lệ")
    assert _refused(db, tmp_path / "ho_so.pdf")[0].startswith("Tệp ho_so.pdf: định dạng .pdf không được hỗ trợ")


def test_skip_invalid_imports_valid_rows_and_writes_the_rejected_ones(db, tmp_path):
    rows = records()
    rows[1][9] = "31/02/2024"
    rows[4][1] = "D1"
    path = write_csv(tmp_path / "tuan.csv", "utf-8", ",", rows=rows)
    report = run_import(db, path, "dossiers", skip_invalid=True)
    assert (report.inserted, report.rejected) == (11, 2)
    with db.connect() as conn:
        assert_rollup_matches_dossiers(conn)
    error_file = tmp_path / "tuan.loi.csv"
    assert report.error_file == str(error_file)
    with open(error_file, encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == ["Dòng", "Cột", "Giá trị", "Lý do", "Dữ liệu của dòng"]
    assert [line[:4] for line in lines[1:]] == [["5", "Ngày hẹn trả", "31/02/2024", "ngày không tồn tại"],
                                                ["8", "MÃ HỒ SƠ", "D1", "trùng mã với dòng 4"]]
    assert all(name not in open(error_file, encoding="utf-8-sig").read() for name in APPLICANTS)


def test_a_formula_in_a_rejected_cell_is_written_as_text(db, tmp_path):
    """Issue #30, item 10: the rejected-rows file a clerk opens in Excel never holds a live formula."""
    rows = records()
    rows[1][9] = '=HYPERLINK("http://x.example","Bấm")'
    report = run_import(db, write_csv(tmp_path / "tuan.csv", "utf-8", ",", rows=rows), "dossiers", skip_invalid=True)
    assert report.rejected == 1
    with open(tmp_path / "tuan.loi.csv", encoding="utf-8-sig") as handle:
        line = list(csv.reader(handle))[1]
    assert line[2] == '\'=HYPERLINK("http://x.example","Bấm")'
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in line)


def test_dry_run_validates_without_writing(db, tmp_path):
    report = run_import(db, write_csv(tmp_path / "x.csv", "utf-8", ","), "dossiers", dry_run=True)
    assert report.inserted == 13 and not report.committed
    assert snapshot(db) == []


def test_foreign_keys_are_enforced_again_after_an_import(db, tmp_path):
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    run_import(db, write_csv(tmp_path / "x.csv", "utf-8", ","), "dossiers")
    with pytest.raises(IntegrityError):
        with db.begin() as conn:
            conn.execute(insert(dossiers).values(code="FK", field_id=999_999, agency_id=999_999,
                                                 received_on=date(2024, 1, 1), channel="online"))
