"""The meetings page through AppTest: create a meeting (figures frozen), see them, record a conclusion as a task,
download the draft conclusion notice (the Office only)."""

from datetime import date, datetime, time, timedelta

import pandas as pd
import pytest
from sqlalchemy import create_engine

from config.settings import load_settings
from data_access.accounts.audit import read_audit
from data_access.figures.summary import summary
from data_access.figures.task_queries import load_tasks
from data_access.meetings.records import create_meeting
from metrics.tasks import classify_tasks, status_counts
from tests.pages.conftest import END, copy_of_demo, no_problem, signed_in_app
from texts import labels as L
from texts.fmt import fmt_int, fmt_pct


@pytest.fixture
def own_db(demo_db, tmp_path, monkeypatch):
    """A copy of the demo database (this test writes meetings and tasks)."""
    return copy_of_demo(demo_db, tmp_path, monkeypatch, "meetings.sqlite3")


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def test_create_a_meeting_then_record_a_decision(app, own_db):
    at = app("pages/cuoc_hop.py")
    no_problem(at)
    assert at.title[0].value == L.PAGE_MEETINGS
    assert any(L.MEETINGS_NONE_CREATE in i.value for i in at.info)
    at.text_input(key="meeting_title").input("Giao ban CCHC tuần 27")
    at.date_input(key="meeting_held_on").set_value(END + timedelta(days=1))
    at.date_input(key="meeting_cutoff_day").set_value(END)
    _button(at, L.MEETING_CREATE_SAVE).click().run()
    no_problem(at)
    assert at.success[0].value.startswith("Đã tạo cuộc họp «Giao ban CCHC tuần 27»")
    engine = create_engine(own_db)
    with engine.connect() as conn:
        expected = summary(conn, END)["dossiers"]
    table = at.dataframe[0].value
    shown = dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))
    assert shown[L.MEETING_FIGURE_NAMES["on_time_rate"]] == fmt_pct(expected["on_time_rate"])
    assert shown[L.MEETING_FIGURE_NAMES["in_progress_overdue"]] == fmt_int(expected["in_progress_overdue"])

    at.text_area(key="decision_content").input("Rà soát, giải quyết dứt điểm hồ sơ đất đai quá hạn trên 30 ngày")
    at.text_input(key="decision_coord").input("Sở Tài nguyên và Môi trường")
    _button(at, L.MEETING_DECISION_SAVE).click().run()
    no_problem(at)
    assert at.success[0].value.startswith("Đã giao nhiệm vụ cho")
    with engine.connect() as conn:
        tasks = load_tasks(conn)
    decided = tasks.loc[tasks["content"].str.startswith("Rà soát, giải quyết dứt điểm")]
    assert len(decided) == 1 and decided["coordinating"].iloc[0] == "Sở Tài nguyên và Môi trường"
    classified = classify_tasks(decided, END + timedelta(days=1))
    assert status_counts(classified).iloc[0]["open_within_deadline"] == 1  # open, due in two weeks
    decisions = at.dataframe[-1].value
    assert decisions.iloc[0, 0].startswith("Rà soát")
    _button(at, L.MEETING_PACK_MAKE).click().run()
    no_problem(at)
    assert at.get("download_button")[0].proto.label == L.MEETING_PACK_DOWNLOAD


def test_a_decision_without_content_is_refused_with_a_message(app, own_db):
    engine = create_engine(own_db)

    with engine.begin() as conn:
        create_meeting(conn, date(2026, 7, 1), "Giao ban", datetime(2026, 6, 30, 17))
    at = app("pages/cuoc_hop.py")
    _button(at, L.MEETING_DECISION_SAVE).click().run()
    assert not at.exception
    assert at.error[0].value == "Kết luận phải có nội dung"


def _download(at, label: str):
    return next(d for d in at.get("download_button") if d.proto.label == label)


def test_the_office_downloads_the_draft_notice_and_a_viewer_is_not_offered_it(app, own_db):
    engine = create_engine(own_db)
    with engine.begin() as conn:
        meeting = create_meeting(conn, END + timedelta(days=1), "Giao ban tuần 27", datetime.combine(END, time(17)))
    at = app("pages/cuoc_hop.py")
    _button(at, L.MEETING_NOTICE_MAKE).click().run()
    no_problem(at)
    assert _download(at, L.MEETING_NOTICE_DOWNLOAD).proto.url  # the file itself is checked in tests/reports
    with engine.connect() as conn:
        trail = read_audit(conn)
    assert trail.loc[trail["action"] == "notice_download", "detail"].tolist() == [f"#{meeting}"]

    viewer = signed_in_app("lanh_dao")
    viewer.run()
    viewer.switch_page("pages/cuoc_hop.py")
    viewer.run()
    no_problem(viewer)
    assert L.MEETING_NOTICE_MAKE not in [b.label for b in viewer.button]
    assert L.MEETING_PACK_MAKE in [b.label for b in viewer.button]


def test_a_newly_created_meeting_is_the_one_shown(app, own_db):
    """Issue #28: right after a meeting was created the picker showed the previous one."""
    engine = create_engine(own_db)
    with engine.begin() as conn:
        first = create_meeting(conn, date(2026, 6, 24), "Giao ban tuần 26", datetime(2026, 6, 23, 17))
    at = app("pages/cuoc_hop.py")
    assert at.selectbox(key="meeting_pick").value == first
    at.text_input(key="meeting_title").input("Giao ban CCHC tuần 27")
    at.date_input(key="meeting_held_on").set_value(END + timedelta(days=1))
    at.date_input(key="meeting_cutoff_day").set_value(END)
    _button(at, L.MEETING_CREATE_SAVE).click().run()
    no_problem(at)
    picker = at.selectbox(key="meeting_pick")
    assert picker.value == first + 1 and picker.index == 0  # the new meeting, first in the list
    assert any(c.value.startswith("Số liệu chốt đến 30/06/2026 17:00") for c in at.caption)


def test_the_office_prepares_the_notice_on_the_page(app, own_db):
    """Issue #32: the record typed when the meeting is created, a conclusion to a category without a deadline, a
    proposed directive accepted and another dropped, the assessment edited; each kept with the meeting and audited."""
    from data_access.meetings.records import meeting_record, notice_inputs

    at = app("pages/cuoc_hop.py")
    at.text_input(key="meeting_title").input("Giao ban cải cách hành chính")
    at.date_input(key="meeting_held_on").set_value(END + timedelta(days=1))
    at.date_input(key="meeting_cutoff_day").set_value(END)
    at.text_input(key="meeting_chair").input("ông Nguyễn Văn A")
    at.text_area(key="meeting_presenters").input("Giám đốc Sở Nội vụ: Báo cáo quý II\nChánh Văn phòng UBND tỉnh")
    _button(at, L.MEETING_CREATE_SAVE).click().run()
    no_problem(at)
    engine = create_engine(own_db)
    meeting = at.selectbox(key="meeting_pick").value
    with engine.connect() as conn:
        record = meeting_record(conn, meeting)
    assert (record.chair, record.chair_title) == ("ông Nguyễn Văn A", load_settings().notice.chair_title)
    assert record.presenters == (("Giám đốc Sở Nội vụ", "Báo cáo quý II"), ("Chánh Văn phòng UBND tỉnh", ""))
    assert record.signer_title == ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG")  # settings.toml [notice] proposed

    at.text_area(key="decision_content").input("Phải trực tiếp kiểm tra hồ sơ quá hạn")
    at.radio(key="decision_to").set_value(L.MEETING_DECISION_TO_CATEGORY)
    at.selectbox(key="decision_category").set_value("nguoi_dung_dau")
    at.checkbox(key="decision_has_deadline").uncheck()
    _button(at, L.MEETING_DECISION_SAVE).click().run()
    no_problem(at)
    assert at.success[0].value == L.MEETING_DECISION_TO_DONE.format(
        addressee="Người đứng đầu các sở, ngành, địa phương")
    with engine.connect() as conn:
        inputs = notice_inputs(conn, meeting)
    row = inputs.conclusions.iloc[0]
    assert (row["category"], row["lead_agency_id"], row["task_id"]) == ("nguoi_dung_dau", None, None)
    assert row["deadline"] is None or pd.isna(row["deadline"])  # no deadline: not a task

    accept = [b for b in at.button if b.key and b.key.startswith("suggest_accept_")]
    drop = [b for b in at.button if b.key and b.key.startswith("suggest_drop_")]
    assert len(accept) == len(drop) >= 2  # the demo has overdue dossiers without a letter and overdue tasks
    offered = len(accept)
    accept[0].click().run()
    no_problem(at)
    assert at.success[0].value == L.MEETING_SUGGESTION_ACCEPTED
    [b for b in at.button if b.key and b.key.startswith("suggest_drop_")][0].click().run()
    no_problem(at)
    assert len([b for b in at.button if b.key and b.key.startswith("suggest_accept_")]) == offered - 2
    with engine.connect() as conn:
        inputs = notice_inputs(conn, meeting)
    assert inputs.conclusions["suggestion"].tolist()[1] == "xin_loi" and len(inputs.decided) == 2

    at.toggle(key="assessment_edit").set_value(True).run()
    at.text_area(key="assessment_results").input("Kết quả do Văn phòng viết lại.")
    _button(at, L.MEETING_ASSESSMENT_SAVE).click().run()
    no_problem(at)
    with engine.connect() as conn:
        assert notice_inputs(conn, meeting).edited == ("Kết quả do Văn phòng viết lại.", None)
        trail = read_audit(conn)
    assert set(trail["action"]) >= {"meeting_create", "decision", "suggestion_drop", "assessment_edit"}
    assert trail.loc[trail["action"] == "assessment_edit", "account"].tolist() == ["kiem_thu_quan_tri"]


def test_a_notice_from_the_demo_data_has_no_wording_error(own_db):
    """Issue #32 on the demo data (monthly 766 results, the 2019 PAPI rank, demo ranks): no "CCHC", "điểm %", "Kỳ
    2026-", no index result older than two years, and the demo mark in the page header only."""
    from io import BytesIO

    from docx import Document

    from data_access.figures.source import open_source
    from data_access.meetings.records import notice_inputs
    from reports.notice import render_notice
    from reports.notice_data import gather_notice
    from texts import notice as N

    engine = create_engine(own_db)
    with engine.begin() as conn:
        meeting = create_meeting(conn, END + timedelta(days=1), "Giao ban CCHC tuần 27",
                                 datetime.combine(END, time(17)))
        inputs = notice_inputs(conn, meeting)
    settings = load_settings()
    document = Document(BytesIO(render_notice(gather_notice(open_source(engine, meeting), inputs, settings),
                                              settings.notice)))
    text = "\n".join(p.text for p in document.paragraphs)
    for wrong in ("CCHC", "điểm %", "Kỳ 2026-", "kỳ 2026-", "2019", "2023", "minh họa", "demo", "tuần 27"):
        assert wrong not in text, wrong
    assert "tháng 5/2026" in text or "tháng 6/2026" in text  # the 766 result of a month, as a reader writes it
    headers = [p.text for s in document.sections for h in (s.first_page_header, s.header) for p in h.paragraphs]
    assert N.DEMO_MARK in headers
