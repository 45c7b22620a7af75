"""The draft conclusion notice as a .docx in the layout of Nghị định 30/2020/NĐ-CP: A4 portrait, margins top/bottom
20 mm, left 30 mm, right 15 mm, Times New Roman 14 pt (12–13 pt in the header, 12/11 pt for "Nơi nhận"); the issuing
body and the national motto side by side in a borderless table, the number and the place/date below them, the title
and its summary, the body, then "Nơi nhận" beside the signer's block; page numbers from page 2, centred on top."""

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from config.settings import NoticeSettings
from metrics.text import strip_controls
from reports.notice_data import NoticeData
from reports.notice_text import HEADING, body, recipients, summary_line
from texts import notice as N

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"  # the file's MIME type
FONT = "Times New Roman"
BODY_PT, HEADER_PT = 14, 13
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
MOTTO_COUNTRY_PT = 12  # the decree's range is 12–13 pt; 12 keeps the country's name on one line
LEFT_COLUMN_MM, RIGHT_COLUMN_MM = 65, 100  # the two columns fill the 165 mm between the margins


def _run(paragraph, text: str, size: int, bold: bool = False, italic: bool = False, underline: bool = False):
    run = paragraph.add_run(strip_controls(text, keep_lines=True))  # XML holds no control character
    run.font.size, run.bold, run.italic, run.underline = Pt(size), bold, italic, underline
    return run


def _line(cell_or_doc, text: str, size: int, *, bold=False, italic=False, underline=False,
          align=WD_ALIGN_PARAGRAPH.CENTER, first=False):
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, size, bold, italic, underline)
    return paragraph


def _borderless(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _two_columns(doc):
    table = doc.add_table(rows=0, cols=2)
    table.autofit = False
    _borderless(table)
    return table


def _widths(table) -> None:
    # Word reads the cells' widths, LibreOffice the grid's: both are set.
    for column, width in zip(table.columns, (LEFT_COLUMN_MM, RIGHT_COLUMN_MM), strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _page_numbers(section) -> None:
    section.different_first_page_header_footer = True  # the decree numbers pages from the second one
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def _demo_mark(section) -> None:
    """Say in the page header of every page, never in the body, that the figures are demo data."""
    for header in (section.first_page_header, section.header):
        paragraph = header.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, N.DEMO_MARK, 10, bold=True)


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    _page_numbers(section)


def _header(doc, settings: NoticeSettings) -> None:
    table = _two_columns(doc)
    top = table.add_row()
    for i, line in enumerate(settings.issuer):
        _line(top.cells[0], line, HEADER_PT, bold=True, first=i == 0)
    _line(top.cells[1], N.MOTTO_COUNTRY, MOTTO_COUNTRY_PT, bold=True, first=True)
    _line(top.cells[1], N.MOTTO, BODY_PT, bold=True, underline=True)
    below = table.add_row()
    _line(below.cells[0], N.NUMBER, HEADER_PT, first=True)
    _line(below.cells[1], N.PLACE_DATE.format(place=settings.place), BODY_PT, italic=True, first=True)
    _widths(table)


def signer(data: NoticeData, settings: NoticeSettings) -> tuple[tuple[str, ...], str]:
    """Return (the signer's title block, name): the meeting's, else settings.toml [notice]."""
    return data.record.signer_title or settings.signer, data.record.signer_name or settings.signer_name


def _signature(doc, data: NoticeData, settings: NoticeSettings) -> None:
    _line(doc, "", BODY_PT)
    table = _two_columns(doc)
    row = table.add_row()
    _line(row.cells[0], N.RECIPIENTS, 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    for line in recipients(data, settings):
        _line(row.cells[0], line, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    title, name = signer(data, settings)
    for i, line in enumerate(title):
        _line(row.cells[1], line, BODY_PT, bold=True, first=i == 0)
    for _ in range(4):  # the space for the signature and the seal
        _line(row.cells[1], "", BODY_PT)
    if name:
        _line(row.cells[1], name, BODY_PT, bold=True)
    _widths(table)


def render_notice(data: NoticeData, settings: NoticeSettings) -> bytes:
    """Return the .docx bytes of the draft conclusion notice."""
    doc = Document()
    _page(doc)
    if data.demo:
        _demo_mark(doc.sections[0])
    doc.core_properties.title = N.TITLE
    doc.core_properties.author = " ".join(settings.issuer)
    _header(doc, settings)
    _line(doc, "", BODY_PT)
    _line(doc, N.TITLE, BODY_PT, bold=True)
    _line(doc, summary_line(data), BODY_PT, bold=True).paragraph_format.space_after = Pt(12)
    for kind, text in body(data, settings):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.paragraph_format.space_after = Pt(6)
        _run(paragraph, text, BODY_PT, bold=kind == HEADING)
    _signature(doc, data, settings)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
