"""Reading an .xlsx sheet with calamine (Rust, `python-calamine`) instead of openpyxl (issue #14): a 100,000-row
export imports in 5,1 s instead of 22,0 s (docs/history/scaling.md §0d).

calamine holds the sheet as one dense rectangle from its first to its last cell, so a single cell far away (XFD1048576)
would make it allocate hundreds of GB and abort the process. Before calamine opens the sheet, its XML is scanned as
bytes (no parse) for the last row and the widest column; a sheet wider than MAX_COLUMNS or larger than MAX_CELLS
(rows × columns) is refused. Within MAX_CELLS, calamine's rectangle takes at most about MAX_CELLS × 32 bytes.

Rows come out as openpyxl gives them, so that everything after the reader is unchanged: the row number the
spreadsheet shows, None for an empty cell, a whole number as int, a date cell as datetime. openpyxl is still used
when a sheet's cells carry no references (`r="B7"`, which Excel always writes) and for the sheet names when
`xl/workbook.xml` cannot be read (readers.py).
"""

import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from xml.etree import ElementTree

MAX_CELLS = 12_000_000  # rows × columns: a 300,000-row export of 40 columns fits; the rectangle stays under ~400 MB
CHUNK = 1 << 22
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)(\d+)"')
_WIDE = re.compile(rb' r="([A-Z]{2,3})(\d+)"')  # a literal start lets the scan skip ahead; rows have digits only
_ANY_CELL = re.compile(rb"<(?:\w+:)?c[\s>]")
_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


class TooLarge(ValueError):
    """The sheet is wider or larger than allowed: (kind, row, value) say which."""

    def __init__(self, kind: str, row: int, value: int) -> None:
        super().__init__(kind, row, value)
        self.kind, self.row, self.value = kind, row, value


def column_number(letters: str) -> int:
    """Return the 1-based number of a column written in letters (A → 1, Z → 26, AA → 27)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _sheet_member(book: zipfile.ZipFile, sheet: str | None) -> str:
    """Return the zip member holding a sheet (the first one when `sheet` is None)."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    sheets = workbook.findall("m:sheets/m:sheet", _NS)
    chosen = next((s for s in sheets if sheet is None or s.get("name") == sheet), None)
    if chosen is None:
        raise KeyError(sheet)
    rel_id = chosen.get(f"{{{_NS['r']}}}id")
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target") for r in rels.findall("p:Relationship", _NS) if r.get("Id") == rel_id)
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def sheet_names(path: Path) -> list[str]:
    """Return the sheet names in the workbook's order, read from xl/workbook.xml alone (no cell is read)."""
    with zipfile.ZipFile(path) as book:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    return [s.get("name") for s in workbook.findall("m:sheets/m:sheet", _NS)]


def sheet_extent(path: Path, sheet: str | None, max_columns: int) -> tuple[int, int] | None:
    """Return (last row, an upper bound of its columns) of a sheet from its XML bytes, or None when its cells carry
    no references; raise TooLarge("columns", row, n) at the first cell beyond max_columns. Columns A–Z are counted
    as 26 (the bound only has to be safe; finding the widest letter would mean visiting every cell)."""
    with zipfile.ZipFile(path) as book, book.open(_sheet_member(book, sheet)) as stream:
        last_row, widest, cells, refs, tail = 0, 0, False, False, b""
        while chunk := stream.read(CHUNK):
            data = tail + chunk
            cut = data.rfind(b">") + 1  # scan whole tags only; the rest waits for the next chunk
            block, tail = data[:cut], data[cut:][-256:]  # text without a tag (a huge string) is not kept
            for opening in (b"<row ", b"<c "):  # the last row of the block (or, rows without a number, last cell)
                last = (_ROW if opening == b"<row " else _CELL).match(block, max(0, block.rfind(opening)))
                if last:
                    last_row = max(last_row, int(last.group(1 if opening == b"<row " else 2)))
                    break
            refs = refs or _CELL.search(block) is not None
            cells = cells or _ANY_CELL.search(block) is not None
            for letters, row in _WIDE.findall(block):  # only two- and three-letter columns (AA onwards)
                number = column_number(letters.decode())
                if number > max_columns:
                    raise TooLarge("columns", int(row), number)
                widest = max(widest, number)
                last_row = max(last_row, int(row))
    if cells and not refs:
        return None
    return last_row, max(widest, 26) if refs else 0


def calamine_rows(path: Path, sheet: str | None) -> Iterator[tuple[int, list]]:
    """Yield (row number as the spreadsheet shows it, cells) of a sheet read by calamine."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    try:
        found = book.get_sheet_by_name(sheet) if sheet else book.get_sheet_by_index(0)
        # calamine 0.9 yields rows from the first row of the sheet but cells from the first used column only
        # (tests/data_access/test_xlsx_fast.py holds it to openpyxl's numbering for both)
        padding = [None] * (found.start[1] if found.height else 0)
        midnight = time()
        for offset, row in enumerate(found.iter_rows()):
            # as openpyxl gives them: "" → None, 7.0 → 7, date → datetime (inline: 1.8 M cells per 100,000 rows)
            yield offset + 1, padding + [
                None if v == "" else int(v) if v.__class__ is float and v.is_integer()
                else datetime.combine(v, midnight) if v.__class__ is date else v for v in row]
    finally:
        book.close()
