"""Meetings: figures frozen at creation survive later imports; conclusions become open tasks at once."""

from datetime import date, datetime

import pandas as pd
import pytest

from data_access.figures.source import open_source
from data_access.figures.summary import summary
from data_access.figures.task_queries import load_tasks
from data_access.importing.runner import run_import
from data_access.meetings.conclusions import meeting_conclusions
from data_access.meetings.records import create_meeting, list_meetings, previous_meeting, stored_figures
from metrics.errors import DomainError
from metrics.tasks import classify_tasks, status_counts
from tests.data_access.helpers import Decision, read_units_csv, record_decision, upsert_units
from tests.data_access.import_files import records, write_csv

CUTOFF = datetime(2024, 3, 31, 17, 0)


def meeting_decisions(conn, meeting_id: int) -> pd.DataFrame:
    """The tasks a meeting's conclusions became (their ids as `id`), in the order recorded."""
    found = meeting_conclusions(conn, meeting_id)
    return found.loc[found["task_id"].notna(), ["task_id"]].rename(columns={"task_id": "id"}).astype("int64")


@pytest.fixture
def db(engine, tmp_path):
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
    run_import(engine, write_csv(tmp_path / "tuan1.csv", "utf-8", ";"), "dossiers")
    return engine


def test_meeting_figures_do_not_move_after_a_later_import(db, tmp_path):
    with db.begin() as conn:
        meeting = create_meeting(conn, date(2024, 4, 1), "Giao ban tuần 14", CUTOFF)
    with db.connect() as conn:
        assert stored_figures(conn, meeting) is None  # its figures are its frames (issue #31), not a JSON copy
    frozen = open_source(db, meeting).headline()
    assert frozen["dossiers"]["in_progress_overdue"] == 3 and frozen["dossiers"]["overdue_total"] == 4
    rows = records()
    rows[7][10] = "28/03/2024"  # D8 (overdue since 20/3) reported resolved by a corrected export
    rows[7][11] = "Đã trả kết quả"
    run_import(db, write_csv(tmp_path / "tuan2.csv", "utf-8", ";", rows=rows), "dossiers")
    with db.connect() as conn:
        live = summary(conn, CUTOFF.date())
        assert live["dossiers"]["in_progress_overdue"] == 2  # the data changed …
    assert open_source(db, meeting).headline() == frozen  # … the meeting's figures did not


def test_meetings_are_listed_latest_first_with_their_predecessor(db):
    with db.begin() as conn:
        first = create_meeting(conn, date(2024, 3, 25), "Giao ban tuần 13", datetime(2024, 3, 24, 17))
        second = create_meeting(conn, date(2024, 4, 1), "  Giao ban   tuần 14 ", CUTOFF)
    with db.connect() as conn:
        listed = list_meetings(conn)
        assert listed["id"].tolist() == [second, first] and listed["title"].iloc[0] == "Giao ban tuần 14"
        assert previous_meeting(conn, second) == first and previous_meeting(conn, first) is None
    with db.begin() as conn, pytest.raises(DomainError, match="chốt số liệu"):
        create_meeting(conn, date(2024, 4, 1), "Sai", datetime(2024, 4, 2, 8))


def test_a_decision_becomes_an_open_task_at_once(db):
    with db.begin() as conn:
        meeting = create_meeting(conn, date(2024, 4, 1), "Giao ban tuần 14", CUTOFF)
        lead = conn.exec_driver_sql("SELECT id, name FROM agencies ORDER BY id LIMIT 1").one()
        task = record_decision(conn, meeting, Decision(
            content="Giải quyết dứt điểm hồ sơ đất đai quá hạn", lead_agency_id=lead.id, lead_agency=lead.name,
            deadline=date(2024, 4, 15), coordinating="Sở Tài nguyên và Môi trường"))
    with db.connect() as conn:
        tasks = load_tasks(conn)
        decided = meeting_decisions(conn, meeting)
    assert decided["id"].tolist() == [task]
    row = tasks.set_index("id").loc[task]
    assert row["coordinating"] == "Sở Tài nguyên và Môi trường" and row["lead_agency"] == lead.name
    at_meeting = status_counts(classify_tasks(tasks, date(2024, 4, 1))).iloc[0]
    assert at_meeting["open_within_deadline"] == 1 and at_meeting["total"] == 1
    next_week = status_counts(classify_tasks(tasks, date(2024, 4, 16))).iloc[0]
    assert next_week["open_overdue"] == 1
    with db.begin() as conn, pytest.raises(DomainError, match="Hạn xử lý"):
        record_decision(conn, meeting, Decision("Việc khác", lead.id, lead.name, date(2024, 3, 1)))


def test_a_meeting_created_from_the_command_line_is_frozen_like_the_page(tmp_path, monkeypatch, capsys):
    import cli
    from data_access.accounts.audit import read_audit
    from data_access.store.engine import get_engine

    url = f"sqlite:///{tmp_path / 'hop.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert cli.main(["import", "dossiers", str(write_csv(tmp_path / "tuan1.csv", "utf-8", ";"))]) == 0
    capsys.readouterr()
    assert cli.main(["meeting", "create", "--date", "2024-04-01", "--title", "Giao ban tuần 14",
                     "--cutoff", "2024-03-31 17:00", "--chair", "ông Nguyễn Văn A",
                     "--chair-title", "Chủ tịch UBND tỉnh"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["Đã tạo cuộc họp số 1 ngày 01/04/2024, số liệu chốt đến 31/03/2024 17:00.", "1"]  # id last
    engine = get_engine(url)
    with engine.connect() as conn:
        assert open_source(engine, 1).headline() == summary(conn, CUTOFF.date())
        assert open_source(engine, 1).headline()["dossiers"]["in_progress_overdue"] == 3
        assert list_meetings(conn)[["id", "title"]].values.tolist() == [[1, "Giao ban tuần 14"]]
        trail = read_audit(conn)
    assert trail.loc[trail["action"] == "meeting_create", "detail"].tolist() == [
        "#1 Giao ban tuần 14 (31/03/2024 17:00)"]
    assert cli.main(["meeting", "create", "--date", "2024-03-30", "--title", "Muộn",
                     "--cutoff", "2024-03-31 17:00", "--chair", "ông A",
                     "--chair-title", "Chủ tịch"]) == 1  # a cut-off after the meeting: refused, one line
    assert "Traceback" not in capsys.readouterr().err
