"""Builds export files the way provinces produce them, from the 13 hand-made dossiers of tests/metrics.

Quirks on purpose: title rows (merged in Excel), a header row with NFD text, odd spacing and capitals, an
applicant-name column, STT and Ghi chú columns, Excel date and datetime cells mixed with dd/mm/yyyy and
d/m/yyyy HH:MM text, a blank row, and a trailing totals row.
"""

import csv
import unicodedata
from datetime import date, datetime
from pathlib import Path

from tests.metrics.fixtures import dossier_frame

APPLICANTS = ("Nguyễn Thị Hoa", "Trần Văn Bình", "Lê Minh Châu")
UNIT_NAMES = {"A": "TP Nha Trang", "B": "Cam Lâm"}  # matched to Thành phố Nha Trang, Huyện Cam Lâm
AGENCY = {"A": "UBND thành phố Nha Trang", "B": "Chi nhánh VPĐK đất đai Cam Lâm"}
CHANNEL = {"online": "Trực tuyến", "postal": "Bưu chính công ích", "in_person": "Trực tiếp"}
HEADERS = ["STT", "MÃ HỒ SƠ", "Chủ hồ sơ", "Thủ tục hành chính", unicodedata.normalize("NFD", "Lĩnh  vực"),
           "Đơn vị xử lý", "Cấp", "Địa bàn", unicodedata.normalize("NFD", "  Ngày tiếp nhận "), "Ngày hẹn trả",
           "Ngày có kết quả", "Trạng thái", "Hình thức nộp", "Đồng bộ DVCQG", "Phiếu xin lỗi", "Số hóa", "Ghi chú"]
TITLE = "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH"
SUBTITLE = "Từ ngày 01/01/2024 đến ngày 30/04/2024"


def dmy(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def records(excel: bool = False) -> list[list]:
    """Return the data rows; with excel=True some dates are real date/datetime cells."""
    rows = []
    for i, rec in enumerate(dossier_frame().to_dict("records"), start=1):
        received, due, result = rec["received_on"], rec["due_on"], rec["result_on"]
        result = None if result != result else result  # NaN → None
        if excel and i % 2:
            received_cell = datetime(received.year, received.month, received.day)  # Excel date cell
            result_cell = datetime(result.year, result.month, result.day, 14, 30) if result else None
        else:
            received_cell = dmy(received)
            result_cell = f"{result.day}/{result.month}/{result.year} 16:05" if result else ""
        rows.append([
            i, rec["code"], APPLICANTS[i % 3],
            "Đăng ký biến động đất đai" if rec["land_env"] else "Đăng ký khai sinh", rec["field"],
            AGENCY[rec["district"]], "Huyện",
            UNIT_NAMES[rec["district"]], received_cell, dmy(due), result_cell, rec["status"],
            CHANNEL[rec["channel"]], "Có" if rec["synced"] else "Không", "x" if rec["apology"] else "",
            1 if rec["digitised"] else 0, "",
        ])
    return rows


def totals_row() -> list:
    return ["Tổng cộng", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""]


def write_xlsx(path: Path, rows: list[list] | None = None, headers: list[str] | None = None) -> Path:
    """Write an .xlsx with two merged title rows, a blank row, the header on row 4, data, a blank row, totals."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Hồ sơ"
    sheet.append([TITLE])
    sheet.merge_cells("A1:Q1")
    sheet.append([SUBTITLE])
    sheet.merge_cells("A2:Q2")
    sheet.append([])
    sheet.append(headers or HEADERS)
    data = rows if rows is not None else records(excel=True)
    for index, row in enumerate(data):
        if index == 5:
            sheet.append([])  # a blank line inside the data (spreadsheet row 10)
        sheet.append(row)
    sheet.append(totals_row())
    for cells in sheet.iter_rows(min_row=5):
        for cell in cells:
            if isinstance(cell.value, datetime):
                cell.number_format = "dd/mm/yyyy hh:mm" if cell.value.hour else "dd/mm/yyyy"
    book.save(path)
    return path


def write_xlsx_as_excel(path: Path, rows: list[list] | None = None) -> Path:
    """Write the same layout as write_xlsx the way Excel does (xlsxwriter): text in the shared strings table, not
    inline in each cell as openpyxl writes it; merged title rows, a blank row, date cells, the totals row."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Hồ sơ")
    formats = {False: book.add_format({"num_format": "dd/mm/yyyy"}),
               True: book.add_format({"num_format": "dd/mm/yyyy hh:mm"})}
    sheet.merge_range("A1:Q1", TITLE)
    sheet.merge_range("A2:Q2", SUBTITLE)
    sheet.write_row(3, 0, HEADERS)
    data = rows if rows is not None else records(excel=True)
    number = 4
    for index, row in enumerate(data):
        if index == 5:
            number += 1  # a blank line inside the data (spreadsheet row 10)
        for column, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write_datetime(number, column, value, formats[bool(value.hour)])
            elif value is not None and value != "":
                sheet.write(number, column, value)
        number += 1
    sheet.write_row(number, 0, totals_row())
    book.close()
    return path


def to_cp1258(text: str) -> bytes:
    """Encode Vietnamese the way Windows-1258 does: base letters (â, ê, ô, ơ, ư, ă, đ) plus combining tones."""
    out: list[str] = []
    base, marks = "", []

    def flush() -> None:
        if not base:
            out.extend(marks)
            return
        shape = "".join(m for m in marks if m in "\u0302\u0306\u031b")
        tones = [m for m in marks if m not in "\u0302\u0306\u031b"]
        out.append(unicodedata.normalize("NFC", base + shape))
        out.extend(tones)

    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            marks.append(char)
        else:
            flush()
            base, marks = char, []
    flush()
    return "".join(out).encode("cp1258")


def write_csv(path: Path, encoding: str, delimiter: str, rows: list[list] | None = None,
              headers: list[str] | None = None) -> Path:
    """Write a CSV with a title row, a blank row, the header on row 3, data and a totals row."""
    lines = [[TITLE], [], headers or HEADERS, *(rows if rows is not None else records()), totals_row()]
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(lines)
    text = buffer.getvalue()
    if encoding == "cp1258":
        data = to_cp1258(text)
    else:
        data = text.encode(encoding)
    path.write_bytes(data)
    return path


def write_xls(path: Path) -> Path:
    """Write a legacy .xls (BIFF8) with a title row, the header on row 2, date cells and text dates."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    sheet.write_merge(0, 0, 0, 5, TITLE)
    for column, header in enumerate(HEADERS):
        sheet.write(1, column, header)
    rows = [*records(excel=True), totals_row()]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write(r, c, value, date_style)
            elif value is not None:
                sheet.write(r, c, value)
    book.save(str(path))
    return path
