"""The column reader of large .xlsx sheets (issue #14): it finds the header where the row reader finds it and hands
out, column by column, exactly the cells the row reader gives (row numbers, date cells, numbers, empty cells), skips
the same blank and totals rows, and gives way to the row reader where it cannot go."""

import re
from datetime import datetime

import pytest
import xlsxwriter

from data_access.importing import xlsx_columns
from data_access.importing.columns import contract
from data_access.importing.headers import SCAN_ROWS, find_header
from data_access.importing.readers import ReadError, iter_rows, open_source, xlsx_data, xlsx_head
from data_access.importing.rows import is_skippable
from data_access.importing.runner import run_import
from tests.data_access.helpers import read_units_csv, upsert_units
from tests.data_access.import_files import records, write_xlsx, write_xlsx_as_excel
from tests.data_access.test_import_hostile import _rewrite
from tests.data_access.test_xlsx_fast import SHEET, _move

COLUMNS = contract("dossiers")


def _by_rows(path):
    """Return (header, data cells by key as the row reader gives them, row numbers, blank, totals)."""
    header, rows, _ = find_header(iter_rows(open_source(path)), COLUMNS)
    numbers, cells_by_key, blank, totals = [], {key: [] for key in header.index}, 0, 0
    for number, cells in rows:
        kind = is_skippable(cells, header, "code")
        blank, totals = blank + (kind == "blank"), totals + (kind == "totals")
        if not kind:
            numbers.append(number)
            for key, position in header.index.items():
                cells_by_key[key].append(cells[position] if position < len(cells) else None)
    return header, cells_by_key, numbers, blank, totals


def _by_columns(path, size):
    source = open_source(path)
    head = xlsx_head(source, SCAN_ROWS)
    assert head is not None  # the column reader is the one used
    header, _, _ = find_header(iter(head), COLUMNS)
    numbers, cells_by_key, blank, totals = [], {key: [] for key in header.index}, 0, 0
    for chunk, skipped_blank, skipped_totals in xlsx_columns.chunks(xlsx_data(source, header.row), header, "code",
                                                                    size):
        numbers += chunk.numbers
        for key in header.index:
            cells_by_key[key] += list(chunk.raw(key))
        blank, totals = blank + skipped_blank, totals + skipped_totals
    return header, cells_by_key, numbers, blank, totals


@pytest.mark.parametrize("writer", [write_xlsx, write_xlsx_as_excel])
@pytest.mark.parametrize("size", [4, 20_000])
def test_the_column_reader_gives_the_cells_of_the_row_reader(tmp_path, writer, size):
    path = writer(tmp_path / "ho_so.xlsx")
    by_rows, by_columns = _by_rows(path), _by_columns(path, size)
    assert by_columns == by_rows
    header, cells, numbers, blank, totals = by_columns
    assert header.row == 4 and (blank, totals) == (1, 1)
    assert numbers == [*range(5, 10), *range(11, 19)]  # the blank spreadsheet row 10 is skipped, not renumbered
    assert cells["received_on"][0] == datetime(2024, 3, 5) and isinstance(cells["received_on"][1], str)
    assert {type(v) for v in cells["digitised"]} == {int}  # 1 and 0 as the row reader gives them


def test_the_head_is_read_from_the_xml_with_shared_and_inline_text(tmp_path):
    for path in (write_xlsx(tmp_path / "inline.xlsx"), write_xlsx_as_excel(tmp_path / "shared.xlsx")):
        source = open_source(path)
        head = xlsx_head(source, 5)
        assert head[:3] == [(n, c) for n, c in iter_rows(source) if n <= 4 and c]  # titles and header, exactly
        assert [n for n, _ in head] == [1, 2, 4, 5]
        assert head[3][1][:3] == [1, "D1", "Trần Văn Bình"] and head[3][1][8] == 45356  # a date cell: its serial


def test_a_column_of_text_and_dates_gives_back_the_date_cells(tmp_path):
    path = tmp_path / "tron.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet, day = book.add_worksheet(), book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, ["Mã hồ sơ", "Ngày tiếp nhận", "Số"])
    sheet.write_row(1, 0, ["HS-1", "05/01/2024", 7.0])
    sheet.write(2, 0, "HS-2")
    sheet.write_datetime(2, 1, datetime(2024, 1, 6, 8, 30), day)
    sheet.write_number(2, 2, 7.5)
    sheet.write_row(3, 0, ["HS-3", "", 8])
    book.close()
    source = open_source(path)
    header, _, _ = find_header(iter(xlsx_head(source, SCAN_ROWS)), COLUMNS)
    block = next(xlsx_data(source, header.row).blocks(10))
    assert list(block.numbers) == [2, 3, 4]
    assert block.values(1) == ["05/01/2024", datetime(2024, 1, 6, 8, 30), None]
    assert block.values(2) == [7, 7.5, 8] and [type(v) for v in block.values(2)] == [int, float, int]
    assert [c for _, c in iter_rows(source)][1:] == [["HS-1", "05/01/2024", 7], ["HS-2", datetime(2024, 1, 6, 8, 30),
                                                                                   7.5], ["HS-3", None, 8]]


def test_a_sheet_whose_first_rows_leave_column_a_empty_is_read_by_rows(db, tmp_path):
    path = write_xlsx(tmp_path / "lech.xlsx")
    _rewrite(path, SHEET, lambda xml: _move(xml, 0, 2))
    assert xlsx_head(open_source(path), SCAN_ROWS) is None
    report = run_import(db, path, "dossiers")
    assert (report.inserted, report.rows_read, report.header_row, report.blank_rows, report.totals_rows) == \
        (13, 13, 4, 1, 1)


def test_the_same_figures_whichever_reader(db, tmp_path):
    path = write_xlsx_as_excel(tmp_path / "ho_so.xlsx")
    report = run_import(db, path, "dossiers", dry_run=True)
    assert (report.rows_read, report.header_row, report.blank_rows, report.totals_rows, report.rejected) == \
        (13, 4, 1, 1, 0)
    assert report.personal == ["Chủ hồ sơ"] and report.ignored == ["STT", "Ghi chú"]


def test_a_data_cell_longer_than_excel_allows_is_refused_at_its_row(tmp_path):
    rows = [list(row) for row in records(excel=True) * 4]
    rows[40][11] = "DAI"  # a status below the rows searched for the header: spreadsheet row 46 (a blank row at 10)
    path = write_xlsx(tmp_path / "dai.xlsx", rows=rows)
    _rewrite(path, SHEET, lambda xml: xml.replace(b">DAI<", b">" + b"x" * 32_768 + b"<"))  # no writer writes it
    source = open_source(path)
    header, _, _ = find_header(iter(xlsx_head(source, SCAN_ROWS)), COLUMNS)
    with pytest.raises(ReadError, match=re.escape("dòng 46")):
        xlsx_data(source, header.row)
    with pytest.raises(ReadError, match=re.escape("dòng 46")):  # as the row reader says it
        list(iter_rows(source))


@pytest.fixture
def db(engine):
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
    return engine


def test_repeated_text_is_converted_once_to_the_same_cells():
    import pyarrow as pa

    cells = ["Đất đai", "", None, "2024-01-06 08:30:00", "Đất đai"] * 8  # few distinct values: converted once each
    expected = [None if v == "" else datetime(2024, 1, 6, 8, 30) if v and v[0] == "2" else v for v in cells]
    assert xlsx_columns.python_values(pa.array(cells)) == expected
    unique = [f"HS-{i}" for i in range(40)]  # all different: converted cell by cell
    assert xlsx_columns.python_values(pa.array(unique)) == unique
    assert xlsx_columns.python_values(pa.array([7.0, 7.5, None])) == [7, 7.5, None]
