"""The draft conclusion notice (.docx): opened with python-docx and checked for the Nghị định 30/2020 layout, the exact
sentences of a hand-made meeting, the "Nơi nhận" list, that a later corrective import changes nothing, and the
command line; converted to PDF by LibreOffice when it is installed (Debian libreoffice-writer-nogui).

The figures are those of the 13 hand-made dossiers (tests/metrics/fixtures.py) for March 2024, worked out by hand:
- resolved in 1–31/3: D1 (early), D2 (on the day), D3 (late), D5 (early) → on time 3/4 = 75,0 %; at the previous
  meeting's cut-off (15/3) D1, D2, D5 → 100,0 %, so "giảm 25,0 điểm %";
- overdue in March: D3 (resolved late) and, in progress at 31/3 past their due date, D8, D10, D13 → 4, of which
  land/environment D3, D8, D13 → 75,0 %; in progress overdue 3;
- with an apology: D3 and D10 → 2/4 = 50,0 %; received in March 8, online D1 and D4 → 25,0 %, synced D1, D2, D3,
  D7, D10 → 62,5 %;
- by agency: Chi nhánh VPĐK đất đai Cam Lâm D3, D8, D13 (3), UBND thành phố Nha Trang D10 (1); by district the same
  split, Huyện Cam Lâm 3 and Thành phố Nha Trang 1;
- tasks issued by 31/3 and open past their deadline on 31/3: T4 (deadline 20/3) and T6 (1/2), both Sở Nông nghiệp và
  Môi trường; on 15/3 only T6 was, so T4 is the one newly overdue since the previous meeting;
- ranks: the sourced results every database is seeded with (assets/reference), latest of each index by 31/3/2024.
"""

import shutil
import subprocess
from datetime import date, datetime
from io import BytesIO

import pytest
from docx import Document
from docx.shared import Pt
from sqlalchemy import create_engine, select

from cli import main
from config.settings import load_settings
from data_access.accounts import NotAllowed, add_account, current_account
from data_access.importing.runner import run_import
from data_access.meetings import Decision, create_meeting, meeting_decisions, record_decision
from data_access.migrate import create_schema
from data_access.reference import read_units_csv, upsert_units
from data_access.schema import accounts, agencies
from data_access.source import open_source
from metrics.errors import DomainError
from reports.notice import render_notice
from reports.notice_data import gather_notice
from tests.data_access.import_files import records, write_csv
from tests.data_access.test_import_others import TASK_HEADERS, task_rows
from texts import messages as M

LAND_OFFICE, CITY = "Chi nhánh VPĐK đất đai Cam Lâm", "UBND thành phố Nha Trang"
BODY = [
    "Ngày 01/04/2024, Chủ tịch Ủy ban nhân dân tỉnh chủ trì cuộc họp Giao ban CCHC tuần 14. Sau khi nghe báo cáo tình "
    "hình giải quyết thủ tục hành chính và thực hiện nhiệm vụ cải cách hành chính (số liệu chốt đến hết ngày "
    "31/03/2024), Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:",
    "1. Kết quả trong kỳ",
    "Tỷ lệ hồ sơ giải quyết đúng hạn trong tháng đạt 75,0 %, giảm 25,0 điểm % so với cuộc họp ngày 18/03/2024.",
    "Có 4 hồ sơ quá hạn trong tháng, trong đó lĩnh vực đất đai, môi trường chiếm 75,0 %; 3 hồ sơ đang giải quyết đã "
    "quá hạn.",
    "Tỷ lệ hồ sơ quá hạn có văn bản xin lỗi tổ chức, cá nhân đạt 50,0 %.",
    "Tỷ lệ hồ sơ nộp trực tuyến đạt 25,0 %; tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia đạt 62,5 %.",
    "Kết quả xếp hạng gần nhất của tỉnh: PAR INDEX kỳ 2024 xếp thứ 10/63 tỉnh, thành phố; SIPAS kỳ 2024 xếp thứ "
    "30/63 tỉnh, thành phố; PAPI kỳ 2019 xếp thứ 49/63 tỉnh, thành phố; PCI kỳ 2024 xếp thứ 35/63 tỉnh, thành phố.",
    "2. Tồn tại, hạn chế",
    f"Các cơ quan có nhiều hồ sơ quá hạn nhất trong tháng: {LAND_OFFICE} (3 hồ sơ), {CITY} (1 hồ sơ).",
    "Các xã, phường, đặc khu có nhiều hồ sơ quá hạn nhất: Huyện Cam Lâm (3 hồ sơ), Thành phố Nha Trang (1 hồ sơ).",
    "Các cơ quan có nhiều nhiệm vụ quá hạn chưa hoàn thành: Sở Nông nghiệp và Môi trường (2 nhiệm vụ).",
    "3. Nhiệm vụ trong thời gian tới",
    f"3.1. Giao {LAND_OFFICE} chủ trì, phối hợp với Sở Tài chính, {CITY}: Rà soát toàn bộ hồ sơ đất đai quá hạn và "
    "gửi văn bản xin lỗi. Thời hạn hoàn thành: trước ngày 15/04/2024.",
    f"3.2. Giao {CITY} chủ trì: Báo cáo tiến độ số hóa hồ sơ. Thời hạn hoàn thành: trước ngày 30/04/2024.",
    "3.3. Yêu cầu Sở Nông nghiệp và Môi trường (1 nhiệm vụ) khẩn trương hoàn thành các nhiệm vụ đã quá hạn kể từ "
    "cuộc họp ngày 18/03/2024, báo cáo kết quả về Văn phòng Ủy ban nhân dân tỉnh.",
    "Văn phòng Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị, địa phương biết, thực hiện./.",
]
RECIPIENTS = ["Nơi nhận:", "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;", f"- {LAND_OFFICE};", f"- {CITY};",
              "- Sở Tài chính;", "- Sở Nông nghiệp và Môi trường;", "- Lưu: VT, KSTT."]


def _meetings(engine, tmp_path) -> int:
    """Import the hand-made dossiers and tasks; hold two meetings and record two conclusions
    at the second; return its id."""
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
    run_import(engine, write_csv(tmp_path / "ho_so.csv", "utf-8", ";"), "dossiers")
    run_import(engine, write_csv(tmp_path / "nv.csv", "utf-8", ";", rows=task_rows(), headers=TASK_HEADERS), "tasks")
    with engine.begin() as conn:
        create_meeting(conn, date(2024, 3, 18), "Giao ban CCHC tuần 12", datetime(2024, 3, 15, 17, 0))
        meeting = create_meeting(conn, date(2024, 4, 1), "Giao ban CCHC tuần 14", datetime(2024, 3, 31, 17, 0))
        ids = dict(conn.execute(select(agencies.c.name, agencies.c.id)).all())
        record_decision(conn, meeting, Decision("Rà soát toàn bộ hồ sơ đất đai quá hạn và gửi văn bản xin lỗi",
                                                ids[LAND_OFFICE], LAND_OFFICE, date(2024, 4, 15),
                                                f"Sở Tài chính; {CITY}"))
        record_decision(conn, meeting, Decision("Báo cáo tiến độ số hóa hồ sơ.", ids[CITY], CITY, date(2024, 4, 30)))
    return meeting


def _notice(engine, meeting: int) -> bytes:
    settings = load_settings()
    with engine.connect() as conn:
        decisions = meeting_decisions(conn, meeting)
    return render_notice(gather_notice(open_source(engine, meeting), decisions, settings), settings.notice)


def _paragraphs(docx: bytes) -> list[str]:
    return [p.text for p in Document(BytesIO(docx)).paragraphs if p.text]


def test_the_layout_follows_the_decree(engine, tmp_path):
    document = Document(BytesIO(_notice(engine, _meetings(engine, tmp_path))))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4 portrait (in twips)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    assert document.styles["Normal"].font.name == "Times New Roman"
    runs = [run for p in document.paragraphs for run in p.runs if run.text.strip()]
    runs += [run for t in document.tables for c in t._cells for p in c.paragraphs for run in p.runs if run.text.strip()]
    assert all(run.font.name in (None, "Times New Roman") for run in runs)  # None: the Normal style's font
    body = [run for p in document.paragraphs for run in p.runs if run.text.strip()]
    assert {run.font.size for run in body} == {Pt(14)}
    header = document.tables[0]
    assert [[cell.text for cell in row.cells] for row in header.rows] == [
        ["ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
        ["Số: …/TB-UBND", "Khánh Hòa, ngày … tháng … năm …"]]
    borders = header._tbl.tblPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders")
    assert borders is not None and {edge.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") for edge in borders} == {"nil"}
    signer = document.tables[1].rows[0].cells[1].text.split("\n")
    assert signer[:2] == ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]


def test_the_sentences_state_the_meetings_figures_and_conclusions(engine, tmp_path):
    paragraphs = _paragraphs(_notice(engine, _meetings(engine, tmp_path)))
    assert paragraphs[:2] == ["THÔNG BÁO", "Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp Giao ban CCHC tuần "
                                           "14 ngày 01/04/2024"]
    assert paragraphs[2:] == BODY


def test_the_recipients_are_the_agencies_addressed(engine, tmp_path):
    document = Document(BytesIO(_notice(engine, _meetings(engine, tmp_path))))
    assert document.tables[1].rows[0].cells[0].text.split("\n") == RECIPIENTS


def test_the_draft_does_not_change_after_a_later_import(engine, tmp_path):
    meeting = _meetings(engine, tmp_path)
    before = _paragraphs(_notice(engine, meeting))
    rows = records()
    rows[7][10], rows[7][11] = "28/03/2024", "Đã trả kết quả"  # D8 reported resolved by a corrected export
    run_import(engine, write_csv(tmp_path / "sua.csv", "utf-8", ";", rows=rows), "dossiers")
    assert _paragraphs(_notice(engine, meeting)) == before


def test_the_command_line_writes_the_draft_and_refuses_an_unknown_meeting(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'tb.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = create_engine(url)
    create_schema(engine)
    meeting = _meetings(engine, tmp_path)
    out = tmp_path / "thong_bao.docx"
    assert main(["notice", "--meeting", str(meeting), "--out", str(out)]) == 0
    assert _paragraphs(out.read_bytes())[2:] == BODY
    capsys.readouterr()
    assert main(["notice", "--meeting", "99", "--out", str(tmp_path / "khong.docx")]) == 1
    assert capsys.readouterr().err.strip() == M.NO_MEETING.format(id=99)
    assert not (tmp_path / "khong.docx").exists()


def test_libreoffice_converts_the_draft_to_two_pages(engine, tmp_path):
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.skip("LibreOffice or pdftotext is missing (Debian libreoffice-writer-nogui, poppler-utils; .ci/run "
                    "installs both)")
    from pypdf import PdfReader

    path = tmp_path / "thong_bao.docx"
    path.write_bytes(_notice(engine, _meetings(engine, tmp_path)))
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=120)
    assert len(PdfReader(tmp_path / "thong_bao.pdf").pages) == 2
    text = subprocess.run([pdftotext, str(tmp_path / "thong_bao.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    squeezed = "".join(text.split())  # justified lines come out with spaces inside words
    for sentence in (*BODY, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "TL. CHỦ TỊCH"):
        assert "".join(sentence.split()) in squeezed


def test_only_a_role_that_prepares_meetings_may_draft_it(engine, tmp_path):
    meeting = _meetings(engine, tmp_path)
    with engine.begin() as conn:
        add_account(conn, "lanh_dao_xem", "lanh_dao", "mật khẩu lãnh đạo")
        viewer = current_account(conn, conn.execute(select(accounts.c.id).where(
            accounts.c.username == "lanh_dao_xem")).scalar())
        decisions = meeting_decisions(conn, meeting)
    with pytest.raises(NotAllowed):
        gather_notice(open_source(engine, meeting), decisions, load_settings(), viewer)
    with pytest.raises(DomainError, match="chọn cuộc họp"):
        gather_notice(open_source(engine), decisions, load_settings())


def test_control_characters_are_stripped_when_typed_and_never_break_a_writer(engine, tmp_path):
    """Issue #30, item 9: a vertical tab pasted into «Cơ quan phối hợp» is stored as a space, and a control character
    already stored (an earlier version kept them) still gives a notice, a pack table cell and an Excel file."""
    from sqlalchemy import update

    from data_access.schema import tasks
    from ui.tables import Col, to_excel

    meeting = _meetings(engine, tmp_path)
    with engine.begin() as conn:
        ids = dict(conn.execute(select(agencies.c.name, agencies.c.id)).all())
        task = record_decision(conn, meeting, Decision("Kiểm tra\x0bhồ sơ\x07", ids[CITY], CITY, date(2024, 4, 30),
                                                       "Sở Tư pháp\x0bSở Tài chính\x00"))
        stored = conn.execute(select(tasks.c.content, tasks.c.coordinating).where(tasks.c.id == task)).one()
        assert tuple(stored) == ("Kiểm tra hồ sơ", "Sở Tư pháp Sở Tài chính")
        conn.execute(update(tasks).where(tasks.c.id == task).values(coordinating="Sở Tư pháp\x0bSở Tài chính"))
    paragraphs = _paragraphs(_notice(engine, meeting))
    assert any("Sở Tư pháp Sở Tài chính" in p for p in paragraphs)
    workbook = to_excel(__import__("pandas").DataFrame({"a": ["x\x0by", "=1+1"]}), [Col("a", "Cột")])
    assert workbook[:2] == b"PK"
