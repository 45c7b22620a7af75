"""The meeting pack PDF: generated from a meeting's frozen figures, its text extracted with pypdf and checked for
the Vietnamese title, the cut-off and exact figures; also through `cli.py pack`."""

from datetime import date, datetime
from io import BytesIO

from pypdf import PdfReader
from sqlalchemy import create_engine

from cli import main
from config.settings import load_settings
from data_access.figures.source import open_source
from data_access.importing.runner import run_import
from data_access.meetings.records import create_meeting
from data_access.store.migrate import create_schema
from reports.pack_data import gather
from reports.pdf import TITLE, render
from tests.data_access.helpers import read_units_csv, upsert_units
from tests.data_access.import_files import records, write_csv

CUTOFF = datetime(2024, 3, 31, 17, 0)


def _text(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _meeting(engine, tmp_path) -> int:
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
    run_import(engine, write_csv(tmp_path / "tuan.csv", "utf-8", ";"), "dossiers")
    with engine.begin() as conn:
        return create_meeting(conn, date(2024, 4, 1), "Giao ban CCHC tuần 14", CUTOFF)


def test_pack_has_the_title_cutoff_and_exact_figures(engine, tmp_path):
    meeting = _meeting(engine, tmp_path)
    pdf = render(gather(open_source(engine, meeting), load_settings()))
    reader = PdfReader(BytesIO(pdf))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # A4 landscape
    text = _text(pdf)
    assert TITLE in text and "Tỉnh Khánh Hòa" in text
    assert "Giao ban cải cách hành chính" in text and "CCHC" not in text  # the title as a document names it
    assert "Số liệu chốt đến: hết ngày 31/03/2024" in text
    # DOMAIN §3 on the 13-dossier fixture for March 2024 (table cells come out one per line, label then value)
    lines = text.splitlines()
    value = {label: lines[lines.index(label) + 1] for label in (
        "Tỷ lệ giải quyết đúng hạn", "Hồ sơ đang giải quyết quá hạn",
        "Tỷ trọng đất đai – môi trường trong hồ sơ quá hạn", "Hồ sơ tiếp nhận trong tháng")}
    assert value == {"Tỷ lệ giải quyết đúng hạn": "75,0 %", "Hồ sơ đang giải quyết quá hạn": "3",
                     "Tỷ trọng đất đai – môi trường trong hồ sơ quá hạn": "75,0 %",
                     "Hồ sơ tiếp nhận trong tháng": "8"}
    for section in ("1. Tổng quan", "2. Nhiệm vụ được giao", "3. Điểm nghẽn", "4. Bảng điểm", "5. Xếp hạng"):
        assert section in text
    # the ranking table: the last two years' results (from 2022 at 31/03/2024), periods as a reader writes them
    ranking = text[text.index("5. Xếp hạng"):]
    assert "năm 2024" in ranking and "PAPI" not in ranking and "điểm %" not in text


def test_the_summary_page_shows_the_headline_cards_with_status_and_change(engine, tmp_path):
    meeting = _meeting(engine, tmp_path)
    summary = PdfReader(BytesIO(render(gather(open_source(engine, meeting), load_settings())))).pages[1]
    lines = [line.strip() for line in summary.extract_text().splitlines()]
    # Changes are against the same days of the previous month, 01/02–29/02/2024 (like for like; 2024 is a leap year).
    # On-time: resolved in March D1, D2, D3 (late), D5 → 3/4 = 75,0 %, below the amber threshold (95 %) of
    # settings.toml; in February only D6, late → 0,0 %: +75,0 points. In progress overdue: D8, D10, D13 on 31/03;
    # on 29/02 only D13 (D5 and D12 not yet due) → +2.
    text = " ".join(lines)
    assert lines[2:4] == ["Tóm tắt: tháng đến ngày 31/03/2024 · thay đổi so với cùng kỳ tháng trước",
                          "(01/02–29/02/2024)"]
    assert ("Tỷ lệ giải quyết đúng hạn 75,0 % ✖ Cần xử lý ngay +75,0 điểm phần trăm so với cùng kỳ tháng trước "
            "(01/02–29/02/2024)") in text
    assert "Hồ sơ quá hạn đang xử lý 3 ▲ Cần chú ý +2 so với cùng kỳ tháng trước (01/02–29/02/2024)" in text
    assert "Xếp hạng PAR INDEX" in lines and "Xếp hạng Bộ chỉ số 766" in lines


def test_a_meeting_pack_does_not_change_after_a_later_import(engine, tmp_path):
    meeting = _meeting(engine, tmp_path)
    before = _text(render(gather(open_source(engine, meeting), load_settings())))
    live_before = _text(render(gather(open_source(engine), load_settings(), as_of=CUTOFF.date())))
    rows = records()
    rows[7][10] = "28/03/2024"  # D8 (overdue since 20/3) reported resolved by a corrected export
    rows[7][11] = "Đã trả kết quả"
    run_import(engine, write_csv(tmp_path / "tuan2.csv", "utf-8", ";", rows=rows), "dossiers")
    after = _text(render(gather(open_source(engine, meeting), load_settings())))
    live_after = _text(render(gather(open_source(engine), load_settings(), as_of=CUTOFF.date())))
    assert live_after != live_before  # the data changed …
    assert after == before  # … the meeting's pack did not


def test_pack_from_the_command_line(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'pack.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = create_engine(url)
    create_schema(engine)
    meeting = _meeting(engine, tmp_path)
    out = tmp_path / "bo_tai_lieu.pdf"
    assert main(["pack", "--meeting", str(meeting), "--out", str(out)]) == 0
    assert "Số liệu chốt đến hết ngày 31/03/2024" in _text(out.read_bytes())
    assert main(["pack", "--meeting", "99", "--out", str(out)]) == 1
    assert "Không có cuộc họp số 99" in capsys.readouterr().err


def test_a_task_of_a_merged_department_shows_its_successor(engine, tmp_path):
    task_rows = [["12/TB-UBND", "05/01/2025", "UBND tỉnh", "Giải quyết hồ sơ đất đai tồn đọng",
                  "Sở Tài nguyên và Môi trường", "", "Chủ tịch UBND tỉnh", "20/01/2025", "", ""]]
    headers = ["Số hiệu văn bản", "Ngày văn bản", "Cơ quan ban hành", "Nội dung nhiệm vụ", "Cơ quan chủ trì",
               "Cơ quan phối hợp", "Lãnh đạo chỉ đạo", "Hạn xử lý", "Ngày hoàn thành", "Tình hình thực hiện"]
    run_import(engine, write_csv(tmp_path / "nv.csv", "utf-8", ",", rows=task_rows, headers=headers), "tasks")
    before_merger = gather(open_source(engine), load_settings(), as_of=date(2025, 2, 20)).overdue_tasks
    after_merger = gather(open_source(engine), load_settings(), as_of=date(2025, 3, 20)).overdue_tasks
    text = _text(render(gather(open_source(engine), load_settings(), as_of=date(2025, 3, 20))))
    assert before_merger["lead_agency_shown"].tolist() == ["Sở Tài nguyên và Môi trường"]
    assert after_merger["lead_agency"].tolist() == ["Sở Nông nghiệp và Môi trường"]  # counts for the successor
    assert " ".join(text.split()).count("Sở Tài nguyên và Môi trường (nay là Sở Nông nghiệp và Môi trường)") == 1
