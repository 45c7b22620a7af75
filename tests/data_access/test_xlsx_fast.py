"""The fast .xlsx reader (calamine, issue #14): it gives exactly the rows openpyxl gives (row numbers, merged title
rows, date cells, numbers, empty cells), it refuses a sheet whose extent would make calamine allocate more than its
bound before calamine opens it, and a sheet whose cells carry no references is still read, by openpyxl."""

import re
import zipfile

import pytest

from data_access.importing import xlsx_fast
from data_access.importing.readers import _openpyxl_rows, iter_rows, open_source
from tests.data_access.helpers import read_units_csv, upsert_units
from tests.data_access.import_files import records, write_xlsx, write_xlsx_as_excel
from tests.data_access.test_import_hostile import _refused, _rewrite

SHEET = "xl/worksheets/sheet1.xml"


def test_calamine_gives_exactly_the_rows_of_openpyxl(tmp_path):
    path = write_xlsx(tmp_path / "ho_so.xlsx", rows=records(excel=True))  # date and datetime cells, merged titles
    source = open_source(path)
    assert xlsx_fast.sheet_extent(path, None, 500) is not None  # the fast reader is the one used
    fast, reference = list(iter_rows(source)), list(_openpyxl_rows(source))
    assert fast == reference
    assert [number for number, _ in fast][:5] == [1, 2, 3, 4, 5] and len(fast) == 19


def test_a_workbook_written_as_excel_writes_it_reads_the_same(tmp_path):
    """Excel keeps text in a shared strings table (openpyxl writes it inline): calamine reads both alike."""
    path = write_xlsx_as_excel(tmp_path / "excel.xlsx")
    with zipfile.ZipFile(path) as book:
        assert b't="s"' in book.read(SHEET) and b"inlineStr" not in book.read(SHEET)
    source = open_source(path)
    assert xlsx_fast.sheet_extent(path, None, 500) is not None
    fast = list(iter_rows(source))
    assert fast == list(_openpyxl_rows(source))
    assert fast == list(iter_rows(open_source(write_xlsx(tmp_path / "openpyxl.xlsx"))))
    assert [number for number, cells in fast if cells] == [1, 2, 4, *range(5, 10), *range(11, 20)]


def _move(xml: bytes, rows: int, columns: int) -> bytes:
    """Return sheet XML with every cell (and row) moved down `rows` and right `columns`."""
    def cell(match: re.Match) -> bytes:
        number = xlsx_fast.column_number(match.group(2).decode()) + columns
        letters = ""
        while number:
            number, rest = divmod(number - 1, 26)
            letters = chr(65 + rest) + letters
        return match.group(1) + letters.encode() + str(int(match.group(3)) + rows).encode() + b'"'

    xml = re.sub(rb'(<c [^>]*?r=")([A-Z]+)(\d+)"', cell, xml)
    return re.sub(rb'(<row [^>]*?r=")(\d+)"', lambda m: m.group(1) + str(int(m.group(2)) + rows).encode() + b'"', xml)


@pytest.mark.parametrize("rows, columns", [(2, 0), (0, 2), (3, 1)])
def test_a_sheet_starting_away_from_a1_keeps_its_row_numbers_and_columns(tmp_path, rows, columns):
    path = write_xlsx(tmp_path / "lech.xlsx")
    _rewrite(path, SHEET, lambda xml: _move(xml, rows, columns))
    source = open_source(path)
    fast = list(iter_rows(source))
    assert fast == list(_openpyxl_rows(source))
    header = next(r for _, r in fast if "STT" in r)
    assert header.index("STT") == columns and fast[3 + rows] == (4 + rows, header)


def test_a_sheet_too_large_for_the_bound_is_refused_before_it_is_read(engine, tmp_path):
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
    path = write_xlsx(tmp_path / "lon.xlsx")
    far = b'<row r="500000"><c r="AD500000" t="inlineStr"><is><t>x</t></is></c></row>'  # 500,000 rows × 30 columns
    _rewrite(path, SHEET, lambda xml: xml.replace(b"</sheetData>", far + b"</sheetData>"))
    assert _refused(engine, path) == ("Tệp lon.xlsx: trang tính có 500.000 dòng × 30 cột, quá 12.000.000 ô cho một "
                                      "lần nhập; hãy chia tệp theo tháng hoặc xuất ra CSV.")  # nothing changed


def test_a_sheet_without_cell_references_is_read_by_openpyxl(tmp_path):
    rows = [[i, f"HS-{i}", "Đất đai"] for i in range(1, 6)]
    path = write_xlsx(tmp_path / "khong_ref.xlsx", rows=rows, headers=["STT", "Mã hồ sơ", "Lĩnh vực"])
    expected = list(iter_rows(open_source(path)))
    _rewrite(path, SHEET, lambda xml: re.sub(rb' r="[A-Z]+\d+"', b"", xml))  # cells lose their references
    assert xlsx_fast.sheet_extent(path, None, 500) is None
    assert [r for _, r in iter_rows(open_source(path)) if r] == [r for _, r in expected if r]
