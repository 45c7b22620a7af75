"""Reading exports as rows of cells, whatever the format: CSV (UTF-8, UTF-8 BOM, UTF-16, Windows-1258; ',' or
';'), .xlsx (calamine after a check of the sheet's extent, openpyxl where calamine cannot go) and legacy .xls. Each
row comes with its row number as the spreadsheet shows it."""

import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from data_access.importing import xlsx_columns, xlsx_fast
from texts import messages as M
from texts.fmt import fmt_int

FORMATS = (".csv", ".xlsx", ".xls")
SAMPLE_BYTES = 1 << 20
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell: anything longer is not an export
MAX_COLUMNS = 500  # an export has a few dozen columns; a cell far to the right (XFD…) is a trap
MAX_UNPACKED_BYTES = 2_000_000_000  # an .xlsx unpacks to at most this (a year's export: a few hundred MB)
MAX_RATIO = 200  # an .xlsx member packed more tightly than this is a zip bomb (exports: 5 to 20 times)
# The shared strings are parsed whole into memory (about their unpacked size again): bounded so that any accepted file
# stays under 600 MB of import memory (a 300,000-row export's unique texts take 10 to 40 MB).
MAX_SHARED_STRINGS_BYTES = 200_000_000
csv.field_size_limit(MAX_CELL_CHARS)


class ReadError(ValueError):
    """A file that cannot be read at all (format, encoding, sheet)."""


@dataclass
class Source:
    """A file to read: its format, and for CSV the detected encoding and separator."""

    path: Path
    suffix: str
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet_names: list[str] = field(default_factory=list)
    rows: int | None = None  # an .xlsx sheet's last row, once its extent is checked
    fast: bool | None = None  # whether calamine may read the .xlsx sheet (None: not checked yet)


def detect_encoding(sample: bytes) -> str:
    """Return the encoding of a CSV sample: BOM first, then strict UTF-8, else Windows-1258."""
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if sample[:200].count(b"\x00") > 20:  # UTF-16 without a byte order mark
        return "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start > len(sample) - 4:  # a character cut at the end of the sample
            return "utf-8"
        return "cp1258"


def detect_delimiter(text: str) -> str:
    """Return ';', ',' or a tab: the separator that splits the most lines into the same number of fields."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ",", -1
    for candidate in (";", ",", "\t"):
        counts = [_fields(line, candidate) for line in lines]
        wide = [c for c in counts if c > 1]
        score = max((wide.count(c) for c in set(wide)), default=0) * (max(wide, default=0))
        if score > best_score:
            best, best_score = candidate, score
    return best


def _fields(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader([line], delimiter=delimiter)))
    except csv.Error:  # a field longer than the cell limit: reading the file names its row
        return 1


def open_source(path: str | Path, sheet: str | None = None) -> Source:
    """Return a Source for a file, with CSV encoding and separator or Excel sheet names detected."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ReadError(M.FORMAT_NOT_SUPPORTED.format(file=path.name, suffix=suffix or M.NO_SUFFIX,
                                                      formats=", ".join(FORMATS)))
    if not path.exists():
        raise ReadError(M.FILE_NOT_FOUND.format(path=path))
    source = Source(path=path, suffix=suffix, sheet=sheet)
    if suffix == ".csv":
        with open(path, "rb") as handle:
            sample = handle.read(SAMPLE_BYTES)
        source.encoding = detect_encoding(sample)
        text = sample.decode(source.encoding, errors="ignore")
        source.delimiter = detect_delimiter(text)
    elif suffix == ".xlsx":
        _check_packing(path)
        source.sheet_names = _xlsx_sheets(path)
    else:
        source.sheet_names = _xls_sheets(path)
    if source.sheet_names and sheet is not None and sheet not in source.sheet_names:
        raise ReadError(M.NO_SUCH_SHEET.format(file=path.name, sheet=sheet, sheets=", ".join(source.sheet_names)))
    return source


def _check_packing(path: Path) -> None:
    """Refuse an .xlsx that unpacks to far more than an export could hold (a zip bomb), before opening it."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as book:
            members = book.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError(M.NOT_XLSX.format(file=path.name, error=exc)) from exc
    total = sum(m.file_size for m in members)
    packed = max((m for m in members if m.file_size > 1_000_000), key=lambda m: m.file_size / max(1, m.compress_size),
                 default=None)
    if total > MAX_UNPACKED_BYTES or (packed and packed.file_size / max(1, packed.compress_size) > MAX_RATIO):
        raise ReadError(M.XLSX_TOO_BIG.format(file=path.name, mb=fmt_int(total // 1_000_000)))
    shared = sum(m.file_size for m in members if m.filename.lower().endswith("sharedstrings.xml"))
    if shared > MAX_SHARED_STRINGS_BYTES:
        raise ReadError(M.SHARED_STRINGS_TOO_BIG.format(file=path.name, mb=fmt_int(shared // 1_000_000),
                                                        limit=fmt_int(MAX_SHARED_STRINGS_BYTES // 1_000_000)))


def _xlsx_sheets(path: Path) -> list[str]:
    try:
        return xlsx_fast.sheet_names(path)
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError):  # not as Excel writes it: openpyxl
        pass
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise ReadError(M.NOT_XLSX.format(file=path.name, error=exc)) from exc
    names = list(book.sheetnames)
    book.close()
    return names


def _xls_sheets(path: Path) -> list[str]:
    import xlrd

    try:
        book = xlrd.open_workbook(path, on_demand=True)
    except Exception as exc:  # noqa: BLE001
        raise ReadError(M.NOT_XLS.format(file=path.name, error=exc)) from exc
    names = book.sheet_names()
    book.release_resources()
    return names


def iter_rows(source: Source) -> Iterator[tuple[int, list]]:
    """Yield (row number as the spreadsheet shows it, list of cell values), blank rows included."""
    if source.suffix == ".csv":
        yield from _csv_rows(source)
    elif source.suffix == ".xlsx":
        yield from _xlsx_rows(source)
    else:
        yield from _xls_rows(source)


def _csv_rows(source: Source) -> Iterator[tuple[int, list]]:
    with open(source.path, encoding=source.encoding, newline="", errors="strict") as handle:
        reader = csv.reader(handle, delimiter=source.delimiter)
        try:
            for number, row in enumerate(reader, start=1):
                yield number, _narrow(source, number, row)  # cells are capped by csv.field_size_limit
        except UnicodeDecodeError as exc:
            raise ReadError(M.BAD_ENCODING.format(
                file=source.path.name, encoding=source.encoding, error=exc.reason)) \
                from exc
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise ReadError(M.CELL_TOO_LONG.format(file=source.path.name, row=reader.line_num,
                                                       limit=fmt_int(MAX_CELL_CHARS))) from exc
            raise ReadError(M.BAD_CSV.format(file=source.path.name, row=reader.line_num, error=exc)) from exc


def _xlsx_rows(source: Source) -> Iterator[tuple[int, list]]:
    """Yield the rows of an .xlsx sheet: by calamine after its extent is checked, by openpyxl when its cells carry
    no references (data_access.importing.xlsx_fast)."""
    if not _fast_extent(source):
        yield from _openpyxl_rows(source)
        return
    try:
        for number, values in xlsx_fast.calamine_rows(source.path, source.sheet):
            yield number, _checked(source, number, values)
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - calamine's errors for a damaged sheet
        raise ReadError(M.NOT_XLSX.format(file=source.path.name, error=exc)) from exc


def xlsx_head(source: Source, last_row: int) -> list[tuple[int, list]] | None:
    """Return the rows 1 to `last_row` of an .xlsx sheet (rows without cells left out) when the column reader
    (xlsx_columns) can read the rows below its header; None for the row reader (iter_rows)."""
    if source.suffix != ".xlsx" or not _fast_extent(source):
        return None
    try:
        head = xlsx_columns.head_rows(source.path, source.sheet, last_row)
    except (KeyError, ValueError, ElementTree.ParseError, zipfile.BadZipFile, OSError):
        return None
    if not any(cells and cells[0] is not None for _, cells in head):  # columns would start right of A
        return None
    return [(number, _checked(source, number, cells)) for number, cells in head]


def xlsx_data(source: Source, header_row: int) -> "xlsx_columns.ColumnSheet | None":
    """Return the rows below the header of an .xlsx sheet read column by column, or None (the row reader reads
    them); refuse the file for a cell longer than MAX_CELL_CHARS."""
    try:
        sheet = xlsx_columns.ColumnSheet(source.path, source.sheet, header_row)
    except Exception:  # noqa: BLE001 - fastexcel's errors for a sheet it cannot read: the row reader says why
        return None
    row = sheet.first_longer(MAX_CELL_CHARS)
    if row is not None:
        raise ReadError(M.CELL_TOO_LONG.format(file=source.path.name, row=row, limit=fmt_int(MAX_CELL_CHARS)))
    return sheet


def _fast_extent(source: Source) -> bool:
    """Return True when calamine may read the sheet (its extent checked), False when openpyxl must; refuse a
    sheet too wide or too large. Checked once per Source (the column reader and the row reader both ask)."""
    if source.fast is None:
        source.fast = _check_extent(source)
    return source.fast


def _check_extent(source: Source) -> bool:
    try:
        extent = xlsx_fast.sheet_extent(source.path, source.sheet, MAX_COLUMNS)
    except xlsx_fast.TooLarge as big:
        raise ReadError(M.TOO_MANY_COLUMNS.format(file=source.path.name, row=big.row, n=fmt_int(big.value),
                                                  limit=fmt_int(MAX_COLUMNS))) from big
    except (KeyError, StopIteration, ElementTree.ParseError, zipfile.BadZipFile, OSError):
        return False  # not laid out as Excel writes it: openpyxl reads it (or says why it cannot)
    if extent is None:
        return False
    rows, columns = extent
    if rows * columns > xlsx_fast.MAX_CELLS:
        raise ReadError(M.SHEET_TOO_BIG.format(file=source.path.name, rows=fmt_int(rows), columns=fmt_int(columns),
                                               cells=fmt_int(xlsx_fast.MAX_CELLS)))
    source.rows = rows
    return True


def _openpyxl_rows(source: Source) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    book = load_workbook(source.path, read_only=True, data_only=True)
    try:
        sheet = book[source.sheet] if source.sheet else book.worksheets[0]
        sheet.reset_dimensions()  # every row the sheet holds, whatever size its <dimension> declares
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, _checked(source, number, list(row))
    finally:
        book.close()


def _xls_rows(source: Source) -> Iterator[tuple[int, list]]:
    import xlrd

    book = xlrd.open_workbook(source.path, on_demand=True)
    try:
        sheet = book.sheet_by_name(source.sheet) if source.sheet else book.sheet_by_index(0)
        for index in range(sheet.nrows):
            values = []
            for cell in sheet.row(index):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    values.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    values.append(None)
                else:
                    values.append(cell.value)
            yield index + 1, _checked(source, index + 1, values)
    finally:
        book.release_resources()


def _narrow(source: Source, number: int, values: list) -> list:
    """Return a row, or refuse the file for a row wider than any export (a cell far to the right)."""
    if len(values) > MAX_COLUMNS:
        raise ReadError(M.TOO_MANY_COLUMNS.format(file=source.path.name, row=number, n=fmt_int(len(values)),
                                                  limit=fmt_int(MAX_COLUMNS)))
    return values


def _checked(source: Source, number: int, values: list) -> list:
    """Return a spreadsheet row, or refuse the file for a cell too long or too far to the right."""
    while values and values[-1] is None:  # trailing empty cells (a formatted column far right) are not data
        values.pop()
    _narrow(source, number, values)
    if any(isinstance(value, str) and len(value) > MAX_CELL_CHARS for value in values):
        raise ReadError(M.CELL_TOO_LONG.format(file=source.path.name, row=number, limit=fmt_int(MAX_CELL_CHARS)))
    return values


def file_bytes_sha256(path: Path) -> str:
    """Return the sha256 of a file, read in blocks."""
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
