"""The draft conclusion notice (.docx): opened with python-docx and checked for the Nghị định 30/2020 layout, the exact
sentences of a hand-made meeting (its record, assessment, directives by addressee, closing, signer and "Nơi nhận"),
that a later corrective import changes nothing, the Office's edit of the assessment, and the command lines; converted
to PDF by LibreOffice when it is installed (Debian libreoffice-writer-nogui).

The figures are those of the 13 hand-made dossiers (tests/metrics/fixtures.py) for March 2024, worked out by hand:
- received 1–31/3: D1, D2, D3, D4, D7, D8, D10, D11 → 8; online D1, D4 → 25,0 %; synced D1, D2, D3, D7, D10 → 62,5 %;
- resolved 1–31/3: D1 (early), D2 (on the day), D3 (late), D5 (early) → 4, on time 3/4 = 75,0 %; the like-for-like
  window is 1–29/2 (the same days of the month before, cut at its end), where only D6 was resolved, late → 0,0 %, so
  "tăng 75,0 điểm phần trăm";
- overdue in March: D3 (resolved late) and, in progress at 31/3 past their due date, D8, D10, D13 → 4, of which
  land/environment D3, D8, D13 → 75,0 %; in progress overdue 3; by field Đất đai D3, D13 (2; stored as first
  written, "ĐẤT ĐAI", and lowercased in the sentence), Môi trường D8 (1), Xây dựng D10 (1), the tie kept in the
  fields' order;
- with an apology: D3 and D10 → 2/4 = 50,0 %; without one D8, D13 → 2, both at Chi nhánh VPĐK đất đai Cam Lâm;
- by agency: Chi nhánh VPĐK đất đai Cam Lâm D3, D8, D13 (3), UBND thành phố Nha Trang D10 (1); by unit Huyện Cam Lâm
  3 and Thành phố Nha Trang 1 (already named through its People's Committee, so not again);
- tasks issued by 31/3 and open past their deadline on 31/3: T4 (deadline 20/3) and T6 (1/2), both Sở Nông nghiệp và
  Môi trường under 12/CT-UBND;
- ranks: the sourced results every database is seeded with (assets/reference), latest of each index by 31/3/2024,
  from 2022 on only: PAR INDEX 2024 10/63 (2023: 14/63, up 4), SIPAS 2024 30/63 (2023: 43/63, up 13), PCI 2024
  35/63 (no earlier result); PAPI 2019 is left out.
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
from data_access.accounts.audit import read_audit
from data_access.accounts.store import NotAllowed, add_account, current_account
from data_access.figures.source import open_source
from data_access.importing.runner import run_import
from data_access.meetings.conclusions import Conclusion, add_conclusion, drop_suggestion
from data_access.meetings.records import MeetingRecord, create_meeting, notice_inputs, set_assessment
from data_access.store.migrate import create_schema
from data_access.store.schema import accounts, agencies
from metrics.errors import DomainError
from reports.notice import render_notice
from reports.notice_data import gather_notice
from reports.notice_text import suggestion_text
from tests.data_access.helpers import Decision, read_units_csv, record_decision, upsert_units
from tests.data_access.import_files import records, write_csv
from tests.data_access.test_import_others import TASK_HEADERS, task_rows
from texts import messages as M

LAND_OFFICE, CITY = "Chi nhánh VPĐK đất đai Cam Lâm", "UBND thành phố Nha Trang"
FARMING = "Sở Nông nghiệp và Môi trường"
RECORD = MeetingRecord(
    chair="ông Nguyễn Văn A", chair_title="Chủ tịch UBND tỉnh, Trưởng ban Chỉ đạo Cải cách hành chính tỉnh",
    presenters=(("Giám đốc Sở Nội vụ", "Báo cáo kết quả cải cách hành chính quý I/2024"),),
    attendees="Các thành viên Ban Chỉ đạo, lãnh đạo các sở, ban, ngành, địa phương", signer_name="Trần Thị B")
OPENING = (
    "Ngày 01/04/2024, ông Nguyễn Văn A – Chủ tịch UBND tỉnh, Trưởng ban Chỉ đạo Cải cách hành chính tỉnh chủ trì cuộc "
    "họp Giao ban cải cách hành chính. Cùng dự có các thành viên Ban Chỉ đạo, lãnh đạo các sở, ban, ngành, địa "
    "phương. Sau khi nghe Giám đốc Sở Nội vụ trình bày báo cáo kết quả cải cách hành chính quý I/2024 (số liệu chốt "
    "đến hết ngày 31/03/2024), Chủ tịch UBND tỉnh kết luận như sau:")
RESULTS = (
    "Từ ngày 01/03/2024 đến ngày 31/03/2024, các cơ quan, đơn vị, địa phương đã tiếp nhận 8 hồ sơ, giải quyết 4 hồ "
    "sơ; tỷ lệ hồ sơ giải quyết đúng hạn đạt 75,0 %, tăng 75,0 điểm phần trăm so với cùng kỳ tháng trước (từ ngày "
    "01/02/2024 đến ngày 29/02/2024). Tỷ lệ hồ sơ nộp trực tuyến đạt 25,0 %; tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ "
    "công quốc gia đạt 62,5 %. Về xếp hạng: Chỉ số cải cách hành chính (PAR INDEX) năm 2024 của tỉnh đạt thứ hạng "
    "10/63 tỉnh, thành phố, tăng 4 bậc so với năm 2023; Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) năm 2024 "
    "của tỉnh đạt thứ hạng 30/63 tỉnh, thành phố, tăng 13 bậc so với năm 2023; Chỉ số năng lực cạnh tranh cấp tỉnh "
    "(PCI) năm 2024 của tỉnh đạt thứ hạng 35/63 tỉnh, thành phố.")
SHORTCOMINGS = (
    "Tuy nhiên, kết quả giải quyết hồ sơ giữa các cơ quan, địa phương chưa đồng đều, còn nhiều hồ sơ trễ hạn: 4 hồ sơ "
    "quá hạn trong kỳ (3 hồ sơ đang giải quyết đã quá hạn), trong đó lĩnh vực đất đai, môi trường chiếm 75,0 %. Hồ "
    "sơ quá hạn tập trung ở lĩnh vực đất đai (2 hồ sơ), {second} (1 hồ sơ); "
    f"{LAND_OFFICE} (3 hồ sơ), {CITY} (1 hồ sơ); trên địa bàn huyện Cam Lâm (3 hồ sơ). Còn 2 hồ sơ quá hạn chưa có "
    "phiếu xin lỗi và hẹn lại ngày trả kết quả (tỷ lệ có phiếu xin lỗi đạt 50,0 %): chưa thực hiện đầy đủ việc xin "
    "lỗi tổ chức, cá nhân theo quy định. 2 nhiệm vụ được giao đã quá hạn nhưng chưa hoàn thành, nhiều nhất tại "
    f"{FARMING} (2 nhiệm vụ).")
DIRECTIVES = [
    f"3.1. Giao {LAND_OFFICE} chủ trì, phối hợp với Sở Tài chính, {CITY}: Rà soát toàn bộ hồ sơ đất đai quá hạn và "
    "gửi văn bản xin lỗi. Thời hạn hoàn thành: trước ngày 15/04/2024.",
    "3.2. Người đứng đầu các sở, ngành, địa phương phải trực tiếp chỉ đạo, kiểm tra việc giải quyết hồ sơ quá hạn.",
    f"3.3. {FARMING} khẩn trương hoàn thành 2 nhiệm vụ đã quá hạn được giao tại Văn bản số 12/CT-UBND (2 nhiệm vụ); "
    "báo cáo kết quả về Văn phòng Ủy ban nhân dân tỉnh.",
]
CLOSING = "Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị, địa phương biết, thực hiện./."
RECIPIENTS = ["Nơi nhận:", "- Thủ tướng Chính phủ (để b/c);", "- Bộ Nội vụ (để b/c);",
              "- TT. Tỉnh ủy, TT. HĐND tỉnh (để b/c);", "- TT. UBND tỉnh;", f"- {LAND_OFFICE};", f"- {FARMING};",
              "- Sở Tài chính;", f"- {CITY};", "- Các sở, ban, ngành (VBĐT);",
              "- UBND các huyện, thị xã, thành phố (VBĐT);",  # a meeting before 1/7/2025: districts
              "- Cổng TTĐT tỉnh;", "- Lưu: VT, KSTT."]


def _body(second_field: str) -> list[str]:
    return [OPENING, "1. Kết quả đạt được", RESULTS, "2. Tồn tại, hạn chế",
            SHORTCOMINGS.format(second=second_field), "3. Nhiệm vụ trong thời gian tới", *DIRECTIVES, CLOSING]


def _meetings(engine, tmp_path) -> int:
    """Import the hand-made dossiers and tasks; hold two meetings and, at the second, keep its record and record three
    conclusions: to a body with a deadline, to a category without one, and the accepted proposal on overdue tasks
    (the one on apology letters dropped); return its id."""
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
    run_import(engine, write_csv(tmp_path / "ho_so.csv", "utf-8", ";"), "dossiers")
    run_import(engine, write_csv(tmp_path / "nv.csv", "utf-8", ";", rows=task_rows(), headers=TASK_HEADERS), "tasks")
    with engine.begin() as conn:
        create_meeting(conn, date(2024, 3, 18), "Giao ban CCHC tuần 12", datetime(2024, 3, 15, 17, 0))
        meeting = create_meeting(conn, date(2024, 4, 1), "Giao ban CCHC tuần 14", datetime(2024, 3, 31, 17, 0),
                                 record=RECORD)
        ids = dict(conn.execute(select(agencies.c.name, agencies.c.id)).all())
        record_decision(conn, meeting, Decision("Rà soát toàn bộ hồ sơ đất đai quá hạn và gửi văn bản xin lỗi",
                                                ids[LAND_OFFICE], LAND_OFFICE, date(2024, 4, 15),
                                                f"Sở Tài chính; {CITY}"))
        add_conclusion(conn, meeting, Conclusion("Phải trực tiếp chỉ đạo, kiểm tra việc giải quyết hồ sơ quá hạn.",
                                                 category="nguoi_dung_dau"))
    suggestions = {s.key: s for s in _gather(engine, meeting).suggestions}
    assert sorted(suggestions) == ["nhiem_vu:" + FARMING, "xin_loi"]
    assert suggestions["xin_loi"].items == ((LAND_OFFICE, 2),)
    with engine.begin() as conn:
        tasks = suggestions["nhiem_vu:" + FARMING]
        add_conclusion(conn, meeting, Conclusion(suggestion_text(tasks), ids[FARMING], suggestion=tasks.key))
        drop_suggestion(conn, meeting, "xin_loi")
    return meeting


BODY = _body("môi trường")


def _gather(engine, meeting: int, actor=None):
    with engine.connect() as conn:
        inputs = notice_inputs(conn, meeting)
    return gather_notice(open_source(engine, meeting), inputs, load_settings(), actor)


def _account(conn, username: str, role: str):
    """Add an account of `role` and return it as signed in."""
    add_account(conn, username, role, f"mật khẩu {username}")
    return current_account(conn, conn.execute(select(accounts.c.id).where(accounts.c.username == username)).scalar())


def _command_line_database(tmp_path, monkeypatch, name: str):
    """Return the engine of a new SQLite file the command line reads (DATABASE_URL)."""
    url = f"sqlite:///{tmp_path / name}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = create_engine(url)
    create_schema(engine)
    return engine


def _notice(engine, meeting: int) -> bytes:
    return render_notice(_gather(engine, meeting), load_settings().notice)


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
    assert paragraphs[:2] == ["THÔNG BÁO", "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp Giao ban cải cách hành chính "
                                           "ngày 01/04/2024"]  # "CCHC" spelt out, no week number
    assert paragraphs[2:] == BODY


def test_the_recipients_are_the_agencies_addressed(engine, tmp_path):
    document = Document(BytesIO(_notice(engine, _meetings(engine, tmp_path))))
    assert document.tables[1].rows[0].cells[0].text.split("\n") == RECIPIENTS
    signer = [line for line in document.tables[1].rows[0].cells[1].text.split("\n") if line]
    assert signer == ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Trần Thị B"]  # the meeting's signer under the block


def test_the_draft_does_not_change_after_a_later_import(engine, tmp_path):
    meeting = _meetings(engine, tmp_path)
    before = _paragraphs(_notice(engine, meeting))
    rows = records()
    rows[7][10], rows[7][11] = "28/03/2024", "Đã trả kết quả"  # D8 reported resolved by a corrected export
    run_import(engine, write_csv(tmp_path / "sua.csv", "utf-8", ";", rows=rows), "dossiers")
    assert _paragraphs(_notice(engine, meeting)) == before


def test_the_command_line_writes_the_draft_and_refuses_an_unknown_meeting(tmp_path, monkeypatch, capsys):
    engine = _command_line_database(tmp_path, monkeypatch, "tb.sqlite3")
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
    lines = [line for line in text.splitlines() if not line.strip().isdigit()]  # the page number atop page 2
    squeezed = "".join("".join(lines).split())  # justified lines come out with spaces inside words
    for sentence in (*BODY, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "TL. CHỦ TỊCH"):
        assert "".join(sentence.split()) in squeezed
    # in order: opening, assessment, numbered directives, closing, signer, then "Nơi nhận" ending with "Lưu: VT"
    marks = [OPENING, RESULTS, SHORTCOMINGS.format(second="môi trường"), *DIRECTIVES, CLOSING, "Trần Thị B",
             "Nơi nhận:", "- Lưu: VT, KSTT."]
    places = [squeezed.index("".join(mark.split())) for mark in marks]
    assert places[:-2] == sorted(places[:-2])  # the body, then the signer's name
    assert places[-2] < places[-1]  # "Nơi nhận" ends with "Lưu: VT, KSTT."
    for wrong in ("CCHC", "điểm%", "Kỳ2026-", "Kỳ2024-", "2019", "PAPI"):
        assert wrong not in squeezed


def test_only_a_role_that_prepares_meetings_may_draft_it(engine, tmp_path):
    meeting = _meetings(engine, tmp_path)
    with engine.begin() as conn:
        viewer = _account(conn, "lanh_dao_xem", "lanh_dao")
        inputs = notice_inputs(conn, meeting)
    with pytest.raises(NotAllowed):
        gather_notice(open_source(engine, meeting), inputs, load_settings(), viewer)
    with pytest.raises(DomainError, match="chọn cuộc họp"):
        gather_notice(open_source(engine), inputs, load_settings())


def test_control_characters_are_stripped_when_typed_and_never_break_a_writer(engine, tmp_path):
    """Issue #30, item 9: a vertical tab pasted into «Cơ quan phối hợp» is stored as a space, and a control character
    already stored (an earlier version kept them) still gives a notice, a pack table cell and an Excel file."""
    from sqlalchemy import update

    from data_access.store.schema import tasks
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


def test_an_edited_assessment_is_what_the_draft_carries_and_the_audit_names_the_editor(engine, tmp_path):
    meeting = _meetings(engine, tmp_path)
    with engine.begin() as conn:
        editor = _account(conn, "chanh_vp", "van_phong")
        set_assessment(conn, meeting, "Kết quả   đã sửa\x0b: tỷ lệ đúng hạn 75,0 %.", None, editor, "10.0.0.7")
    paragraphs = _paragraphs(_notice(engine, meeting))
    assert paragraphs[paragraphs.index("1. Kết quả đạt được") + 1] == "Kết quả đã sửa : tỷ lệ đúng hạn 75,0 %."
    assert paragraphs[paragraphs.index("2. Tồn tại, hạn chế") + 1] == SHORTCOMINGS.format(second="môi trường")
    with engine.connect() as conn:
        trail = read_audit(conn)
    edits = trail.loc[trail["action"] == "assessment_edit"]
    assert edits[["account", "detail", "address"]].values.tolist() == [["chanh_vp", f"#{meeting}", "10.0.0.7"]]
    with engine.begin() as conn:
        set_assessment(conn, meeting, None, None, editor)  # back to the text written from the figures
    assert _paragraphs(_notice(engine, meeting))[2:] == BODY


def test_a_notice_after_the_merger_addresses_communes_and_a_category_is_worded_by_date(engine, tmp_path):
    meeting = _meetings(engine, tmp_path)
    with engine.begin() as conn:
        later = create_meeting(conn, date(2025, 7, 7), "Giao ban", datetime(2025, 7, 4, 17, 0))
        add_conclusion(conn, later, Conclusion("Rà soát quy trình nội bộ", category="dia_phuong"))
        add_conclusion(conn, meeting, Conclusion("Rà soát quy trình nội bộ", category="dia_phuong"))
    after, before = _paragraphs(_notice(engine, later)), _paragraphs(_notice(engine, meeting))
    assert "3.1. Ủy ban nhân dân các xã, phường, đặc khu rà soát quy trình nội bộ." in after
    assert "3.4. Ủy ban nhân dân các huyện, thị xã, thành phố rà soát quy trình nội bộ." in before
    recipients = Document(BytesIO(_notice(engine, later))).tables[1].rows[0].cells[0].text.split("\n")
    assert "- UBND các xã, phường, đặc khu (VBĐT);" in recipients
    assert not any("huyện" in line for line in recipients)
    assert recipients[-1] == "- Lưu: VT, KSTT."


def test_conclusion_add_records_one_and_refuses_in_vietnamese(tmp_path, monkeypatch, capsys):
    engine = _command_line_database(tmp_path, monkeypatch, "kl.sqlite3")
    meeting = _meetings(engine, tmp_path)
    capsys.readouterr()
    assert main(["conclusion", "add", "--meeting", str(meeting), "--text", "Báo cáo tiến độ số hóa hồ sơ",
                 "--lead", CITY, "--with", "Sở Tài chính", "--deadline", "2024-04-30"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "4" and out[0] == f"Đã ghi kết luận số 4 của cuộc họp số {meeting}."  # its id, last
    assert main(["conclusion", "add", "--meeting", str(meeting), "--text", "Tăng cường kỷ luật, kỷ cương",
                 "--category", "co_quan"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "5"
    paragraphs = _paragraphs(_notice(engine, meeting))
    assert f"3.4. Giao {CITY} chủ trì, phối hợp với Sở Tài chính: Báo cáo tiến độ số hóa hồ sơ. Thời hạn hoàn thành: " \
           "trước ngày 30/04/2024." in paragraphs
    assert "3.5. Các cơ quan, đơn vị, địa phương tăng cường kỷ luật, kỷ cương." in paragraphs
    refusals = [
        (["--meeting", "99", "--text", "Việc", "--category", "co_quan"], M.NO_MEETING.format(id=99)),
        (["--meeting", str(meeting), "--text", "Việc", "--lead", "Sở Không Có"],
         M.CONCLUSION_UNKNOWN_AGENCY.format(agency="Sở Không Có")),
        (["--meeting", str(meeting), "--text", "Việc", "--lead", CITY, "--with", "Ban Không Có"],
         M.CONCLUSION_UNKNOWN_AGENCY.format(agency="Ban Không Có")),
        (["--meeting", str(meeting), "--text", "Việc", "--category", "tat_ca"],
         M.CONCLUSION_UNKNOWN_CATEGORY.format(category="tat_ca", allowed="co_quan, nguoi_dung_dau, dia_phuong")),
    ]
    for arguments, said in refusals:
        assert main(["conclusion", "add", *arguments]) == 1
        assert capsys.readouterr().err.strip() == said
    with engine.connect() as conn:
        assert len(notice_inputs(conn, meeting).conclusions) == 5  # nothing written by a refusal


def test_the_command_line_keeps_the_meetings_record(tmp_path, monkeypatch, capsys):
    engine = _command_line_database(tmp_path, monkeypatch, "hop.sqlite3")
    _meetings(engine, tmp_path)
    assert main(["meeting", "create", "--date", "2024-04-08", "--title", "Họp Ban Chỉ đạo", "--cutoff",
                 "2024-04-05 17:00", "--chair", "bà Lê Thị C", "--chair-title", "Phó Chủ tịch UBND tỉnh",
                 "--presenter", "Giám đốc Sở Nội vụ: Báo cáo kết quả quý I", "--presenter", "Chánh Văn phòng UBND tỉnh",
                 "--attendees", "Các thành viên Ban Chỉ đạo"]) == 0
    created = int(capsys.readouterr().out.splitlines()[-1])
    opening = _paragraphs(_notice(engine, created))[2]
    assert opening == (
        "Ngày 08/04/2024, bà Lê Thị C – Phó Chủ tịch UBND tỉnh chủ trì cuộc họp Họp Ban Chỉ đạo. Cùng dự có các thành "
        "viên Ban Chỉ đạo. Sau khi nghe Giám đốc Sở Nội vụ trình bày báo cáo kết quả quý I; Chánh Văn phòng UBND tỉnh "
        "trình bày báo cáo tình hình giải quyết thủ tục hành chính và thực hiện nhiệm vụ cải cách hành chính (số liệu "
        "chốt đến hết ngày 05/04/2024), Phó Chủ tịch UBND tỉnh kết luận như sau:")
    with engine.connect() as conn:
        trail = read_audit(conn)
    assert f"#{created} Họp Ban Chỉ đạo (05/04/2024 17:00)" in trail.loc[trail["action"] == "meeting_create",
                                                                          "detail"].tolist()


def test_the_opening_names_what_the_record_holds():
    """Without a chair: the chairman by default; a chair without a title: the name alone; no attendee line."""
    import pandas as pd

    from metrics.periods import Period
    from reports.notice_data import NoticeData
    from reports.notice_text import opening

    def data(record: MeetingRecord) -> NoticeData:
        return NoticeData("Giao ban", date(2026, 12, 7), date(2026, 12, 4), record, Period(date(2026, 12, 1),
                          date(2026, 12, 4)), {}, None, None, pd.DataFrame(), [], [], [], 0, 0, [], pd.DataFrame())

    tail = (" Sau khi nghe báo cáo tình hình giải quyết thủ tục hành chính và thực hiện nhiệm vụ cải cách hành chính "
            "(số liệu chốt đến hết ngày 04/12/2026), {role} kết luận như sau:")
    chairman = "Chủ tịch Ủy ban nhân dân tỉnh"
    assert opening(data(MeetingRecord())) == (f"Ngày 07/12/2026, {chairman} chủ trì cuộc họp Giao ban."
                                              + tail.format(role=chairman))
    assert opening(data(MeetingRecord(chair="ông Trần Văn C"))) == (
        "Ngày 07/12/2026, ông Trần Văn C chủ trì cuộc họp Giao ban." + tail.format(role=chairman))
