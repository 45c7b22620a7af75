"""Careless files (issue #16, "data lost or changed without a word"): every row of a sheet is read whatever it
declares, and a file with headers but no rows is refused with nothing written. Each refusal is checked by a
checksum of every table before and after, on SQLite and PostgreSQL."""

import re
import zipfile
from datetime import date

import pytest

from data_access.importing.report import ImportRefused
from data_access.importing.runner import run_import
from data_access.store.meta import DATA_KIND, read_meta
from tests.data_access.helpers import database_checksum, read_units_csv, upsert_units
from tests.data_access.import_files import HEADERS, records, write_csv, write_xlsx


@pytest.fixture
def db(engine):
    """The test engine with Khánh Hòa's configured units, and the 13 hand-made dossiers imported."""
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
    return engine


def fifty_rows() -> list[list]:
    """Return 50 valid dossier rows: the 13 hand-made ones, repeated under new codes."""
    base = records(excel=True)
    rows = []
    for i in range(50):
        row = list(base[i % len(base)])
        row[0], row[1] = i + 1, f"HS-{i + 1:03d}"
        rows.append(row)
    return rows


def declare_dimension(path, ref: str) -> None:
    """Rewrite the first sheet's <dimension ref="…"/> as `ref`, the way some exporters under-declare it."""
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), parts[sheet])
    assert f'<dimension ref="{ref}"/>'.encode() in parts[sheet]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)


def test_an_xlsx_that_declares_fewer_rows_than_it_holds_is_read_whole(db, tmp_path):
    path = write_xlsx(tmp_path / "ho_so.xlsx", fifty_rows())
    declare_dimension(path, "A1:R10")  # 4 title/header rows + 50 data rows + blanks + totals, declared as 10
    report = run_import(db, path, "dossiers")
    assert (report.rows_read, report.inserted, report.rejected) == (50, 50, 0)


def test_a_file_with_headers_and_no_rows_is_refused_and_changes_nothing(db, tmp_path):
    run_import(db, write_csv(tmp_path / "ho_so.csv", "utf-8", ";"), "dossiers")
    with db.connect() as conn:
        before, kind = database_checksum(conn, audit=False), read_meta(conn)[DATA_KIND]
    empty = write_csv(tmp_path / "chi_tieu_de.csv", "utf-8", ";", rows=[], headers=HEADERS)
    with pytest.raises(ImportRefused) as refused:
        run_import(db, empty, "dossiers")
    assert str(refused.value) == ("Tệp chi_tieu_de.csv không có dòng dữ liệu nào dưới dòng tiêu đề (dòng 3); "
                                  "không ghi gì, dữ liệu cũ giữ nguyên.")
    with db.connect() as conn:
        assert database_checksum(conn, audit=False) == before
        assert read_meta(conn)[DATA_KIND] == kind == "real"


def test_a_header_only_file_leaves_the_demo_in_place(db, tmp_path):
    from data_access.demo.build import build_demo

    build_demo(db, date(2026, 6, 30), n_dossiers=300, seed=3)
    with db.connect() as conn:
        before = database_checksum(conn, audit=False)
    empty = write_xlsx(tmp_path / "trong.xlsx", rows=[])
    with pytest.raises(ImportRefused, match="không có dòng dữ liệu nào dưới dòng tiêu đề \\(dòng 4\\)"):
        run_import(db, empty, "dossiers")
    with db.connect() as conn:
        assert database_checksum(conn, audit=False) == before
        assert read_meta(conn)[DATA_KIND] == "demo"


PARTIAL = [1, 4, 5, 6, 7, 8, 9, 10, 11]  # code, field, agency, level, unit, received, due, result, status


def test_a_partial_export_updates_only_the_columns_it_has(db, tmp_path):
    from sqlalchemy import select

    from data_access.store.schema import dossiers
    from tests.data_access.helpers import assert_rollup_matches_dossiers

    full = [row + ["Chi nhánh VPĐK đất đai Cam Lâm"] for row in records()]
    run_import(db, write_csv(tmp_path / "day_du.csv", "utf-8", ";", full, [*HEADERS, "Đơn vị đang xử lý"]),
               "dossiers")
    kept = (dossiers.c.code, dossiers.c.procedure_id, dossiers.c.channel, dossiers.c.synced, dossiers.c.apology,
            dossiers.c.digitised, dossiers.c.current_agency_id)
    with db.connect() as conn:
        before = {r.code: tuple(r) for r in conn.execute(select(*kept))}
    assert all(v[1] is not None and v[6] is not None for v in before.values())
    partial = []
    for row in records():
        if row[1] == "D7":  # in progress in the full file; resolved in the partial one
            row[10], row[11] = "01/04/2024", "Đã trả kết quả"
        partial.append([row[i] for i in PARTIAL])
    report = run_import(db, write_csv(tmp_path / "mot_phan.csv", "utf-8", ";", partial,
                                      [HEADERS[i] for i in PARTIAL]), "dossiers")
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 12)
    with db.connect() as conn:
        assert {r.code: tuple(r) for r in conn.execute(select(*kept))} == before  # nothing it lacks was blanked
        d7 = conn.execute(select(dossiers.c.result_on, dossiers.c.status, dossiers.c.ended)
                          .where(dossiers.c.code == "D7")).one()
        assert (str(d7.result_on), d7.status, d7.ended) == ("2024-04-01", "Đã trả kết quả", False)  # resolved
        assert_rollup_matches_dossiers(conn)


def _older_rows() -> list[list]:
    """Return the 13 rows as an older export had them: D1 and D5 not yet resolved."""
    rows = records()
    for row in rows:
        if row[1] in ("D1", "D5"):
            row[10], row[11] = "", "Đang xử lý"
    return rows


@pytest.fixture
def loaded(db, tmp_path):
    run_import(db, write_csv(tmp_path / "moi.csv", "utf-8", ";"), "dossiers")
    return db


def test_an_older_export_is_refused_and_names_the_dossiers_it_would_roll_back(loaded, tmp_path):
    with loaded.connect() as conn:
        before = database_checksum(conn, audit=False)
    with pytest.raises(ImportRefused) as refused:
        run_import(loaded, write_csv(tmp_path / "cu.csv", "utf-8", ";", _older_rows()), "dossiers")
    report = refused.value.report
    assert [p.message() for p in report.problems] == [
        "Tệp cu.csv cũ hơn dữ liệu đã có: 2 hồ sơ đã có kết quả sẽ bị đưa về «đang giải quyết». Nếu đúng là muốn "
        "nhập lại tệp cũ, dùng --allow-older (trang Nhập dữ liệu: «Cho phép nhập tệp cũ hơn»).",
        "Dòng 4, cột «Ngày có kết quả», giá trị «D1»: hồ sơ đã có kết quả ngày 10/03/2024; tệp này không có",
        "Dòng 8, cột «Ngày có kết quả», giá trị «D5»: hồ sơ đã có kết quả ngày 04/03/2024; tệp này không có",
    ]
    with loaded.connect() as conn:
        assert database_checksum(conn, audit=False) == before


def test_allow_older_rolls_back_on_purpose_and_the_log_says_so(loaded, tmp_path):
    from sqlalchemy import select

    from data_access.store.schema import audit_log, dossiers, import_log
    from tests.data_access.helpers import assert_rollup_matches_dossiers

    report = run_import(loaded, write_csv(tmp_path / "cu.csv", "utf-8", ";", _older_rows()), "dossiers",
                        allow_older=True)
    assert (report.updated, report.older_allowed) == (2, 2)
    with loaded.connect() as conn:
        assert conn.execute(select(dossiers.c.code).where(dossiers.c.result_on.is_(None),
                                                          dossiers.c.code.in_(["D1", "D5"]))).scalars().all() \
            in (["D1", "D5"], ["D5", "D1"])
        assert conn.execute(select(import_log.c.older_allowed).order_by(import_log.c.id)).scalars().all() \
            == [None, 2]
        assert conn.execute(select(audit_log.c.detail).order_by(audit_log.c.id.desc())).scalar().endswith(
            "; cho phép tệp cũ hơn: 2 hồ sơ lùi trạng thái")
        assert_rollup_matches_dossiers(conn)


def test_skip_invalid_keeps_the_newer_dossiers_and_imports_the_rest(loaded, tmp_path):
    rows = _older_rows()
    rows[6][10], rows[6][11] = "01/04/2024", "Đã trả kết quả"  # D7 resolved meanwhile: a real update
    report = run_import(loaded, write_csv(tmp_path / "cu.csv", "utf-8", ";", rows), "dossiers", skip_invalid=True)
    assert (report.rejected, report.updated, report.unchanged) == (2, 1, 10)


WINDOW_TODAY = date(2026, 12, 2)


def test_dates_outside_the_plausible_window_are_row_errors(db, tmp_path):
    from data_access.importing.window import DateWindow

    run_import(db, write_csv(tmp_path / "moi.csv", "utf-8", ";"), "dossiers")
    with db.connect() as conn:
        before = database_checksum(conn, audit=False)
    rows = records()
    rows[0][8] = "01/01/0001"  # D1 received in year 1
    rows[1][10] = "15/03/2030 08:00"  # D2 resolved in 2030
    rows[2][9] = "31/12/9999"  # D3 due in 9999
    rows[3][8] = "02/03/1900"  # D4 received in 1900
    rows[6][9] = "15/01/2027"  # D7 due next month: a due date may be ahead
    window = DateWindow.of(date(2010, 1, 1), 10, today=WINDOW_TODAY)
    with pytest.raises(ImportRefused) as refused:
        run_import(db, write_csv(tmp_path / "sai_ngay.csv", "utf-8", ";", rows), "dossiers", window=window)
    found = [(p.row, p.value, p.reason) for p in refused.value.report.problems]
    assert found == [
        (4, "01/01/0001", "ngày trước 01/01/2010, ngoài khoảng ngày hợp lý (settings.toml: [import] earliest_date)"),
        (5, "15/03/2030 08:00", "ngày sau ngày nhập (02/12/2026); chỉ ngày hẹn trả, hạn xử lý mới được ở tương lai"),
        (6, "31/12/9999", "ngày hẹn/hạn sau 02/12/2036, quá xa (settings.toml: [import] due_years_ahead)"),
        (7, "02/03/1900", "ngày trước 01/01/2010, ngoài khoảng ngày hợp lý (settings.toml: [import] earliest_date)"),
    ]
    with db.connect() as conn:
        assert database_checksum(conn, audit=False) == before


def test_a_task_deadline_may_lie_years_ahead_but_not_its_document_date(db, tmp_path):
    import csv as csv_module

    from data_access.importing.window import DateWindow

    path = tmp_path / "nhiem_vu.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv_module.writer(handle, delimiter=";")
        writer.writerow(["Số hiệu văn bản", "Ngày văn bản", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Hạn xử lý"])
        writer.writerow(["12/TB-UBND", "05/01/2026", "Số hóa hồ sơ đất đai", "Sở Nông nghiệp và Môi trường",
                         "31/12/2030"])
        writer.writerow(["13/TB-UBND", "05/01/2027", "Rà soát thủ tục", "Sở Tư pháp", "31/03/2027"])
    window = DateWindow.of(date(2010, 1, 1), 10, today=WINDOW_TODAY)
    with pytest.raises(ImportRefused) as refused:
        run_import(db, path, "tasks", window=window)
    assert [(p.row, p.value) for p in refused.value.report.problems] == [(3, "05/01/2027")]
