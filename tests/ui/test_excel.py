"""Excel downloads (ui/tables.to_excel): imported text that looks like a formula is written as text (issue #16)."""

import zipfile
from io import BytesIO

import pandas as pd
from openpyxl import load_workbook

from ui.tables import Col, to_excel

HOSTILE = ['=HYPERLINK("http://x.example/a","bấm vào")', "+1+1", "-2+3", "@SUM(A1:A9)", "=1+1", "Sở Tư pháp"]


def test_formula_like_text_stays_text():
    frame = pd.DataFrame({"name": HOSTILE, "n": list(range(len(HOSTILE)))})
    data = to_excel(frame, [Col("name", "Tên"), Col("n", "Số")])
    sheet = load_workbook(BytesIO(data)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == HOSTILE
    assert {c.data_type for c in cells} == {"s"}
    with zipfile.ZipFile(BytesIO(data)) as package:
        xml = package.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere in the sheet


def test_the_input_frame_is_not_changed():
    frame = pd.DataFrame({"name": HOSTILE})
    before = frame.copy()
    to_excel(frame, [Col("name", "Tên")])
    pd.testing.assert_frame_equal(frame, before)
