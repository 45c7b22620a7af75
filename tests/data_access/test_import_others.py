"""Importing tasks, index results, territorial units and steps; the summary command; demo → real."""

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from data_access.demo.build import build_demo
from data_access.figures.index_queries import load_index_results
from data_access.figures.task_queries import load_tasks
from data_access.importing.report import ImportRefused
from data_access.importing.runner import run_import
from data_access.store.meta import DATA_KIND, read_meta
from data_access.store.schema import dossier_steps, dossiers, index_results, tasks, units
from metrics.tasks import classify_tasks, status_counts
from tests.data_access.helpers import assert_rollup_matches_dossiers
from tests.data_access.import_files import write_csv, write_xlsx
from tests.metrics.fixtures import task_frame

TASK_HEADERS = ["STT", "Số hiệu văn bản", "Ngày văn bản", "Cơ quan ban hành", "Nội dung nhiệm vụ", "Cơ quan chủ trì",
                "Cơ quan phối hợp", "Lãnh đạo chỉ đạo", "Hạn xử lý", "Ngày hoàn thành", "Tình hình thực hiện"]


def task_rows() -> list[list]:
    def dmy(value):
        return value.strftime("%d/%m/%Y") if value == value and value is not None else ""

    return [[i, t["doc_number"], dmy(t["doc_date"]), "UBND tỉnh", f"Nhiệm vụ {t['code']}", t["lead_agency"],
             "Sở Tài chính", t["leader"], dmy(t["deadline"]), dmy(t["completed_on"]), ""]
            for i, t in enumerate(task_frame().to_dict("records"), start=1)]


def test_tasks_import_gives_the_four_way_counts(engine, tmp_path):
    path = write_csv(tmp_path / "nhiem_vu.csv", "utf-8", ";", rows=task_rows(), headers=TASK_HEADERS)
    report = run_import(engine, path, "tasks")
    assert (report.inserted, report.rejected) == (10, 0)
    again = run_import(engine, path, "tasks")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 10)
    with engine.connect() as conn:
        classified = classify_tasks(load_tasks(conn, issued_by=date(2024, 3, 31)), date(2024, 3, 31))
    assert status_counts(classified).iloc[0].to_dict() == {
        "done_on_time": 2, "done_late": 1, "open_within_deadline": 3, "open_overdue": 2, "no_deadline": 1,
        "total": 9}
    rows = task_rows()
    rows[3][9] = "25/03/2024"  # T4 completed since
    update = run_import(engine, write_csv(tmp_path / "nv2.csv", "utf-8", ";", rows=rows, headers=TASK_HEADERS),
                        "tasks")
    assert (update.inserted, update.updated) == (0, 1)


def test_task_deadline_before_document_is_refused(engine, tmp_path):
    rows = task_rows()
    rows[0][8] = "01/01/2024"
    with pytest.raises(ImportRefused) as caught:
        run_import(engine, write_csv(tmp_path / "nv.csv", "utf-8", ",", rows=rows, headers=TASK_HEADERS), "tasks")
    assert [p.message() for p in caught.value.report.problems] == [
        "Dòng 4, cột «Hạn xử lý», giá trị «01/01/2024»: hạn xử lý trước ngày văn bản (01/03/2024)"]
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tasks)).scalar() == 0


INDEX_HEADERS = ["Chỉ số", "Kỳ", "Tỉnh", "Điểm", "Xếp hạng", "Số tỉnh xếp hạng", "Thành phần", "Điểm tối đa", "Nguồn"]


def test_index_results_import_with_components_and_validation(engine, tmp_path):
    rows = [["PAR INDEX", "2025", "Khánh Hòa", "89,12", "7", "34", "", "100", "Quyết định công bố 2025"],
            ["par index", "2025", "Khánh Hòa", "8,5", "", "", "Cải cách TTHC", "9", "Quyết định công bố 2025"],
            ["766", "2026-q1", "Khánh Hòa", "80.5", "5", "34", "", "100", "Cổng DVCQG"]]
    report = run_import(engine, write_xlsx(tmp_path / "chi_so.xlsx", rows=rows, headers=INDEX_HEADERS), "indexes")
    assert (report.inserted, report.rejected, report.header_row) == (3, 0, 4)
    with engine.connect() as conn:
        loaded = load_index_results(conn).set_index(["index_name", "period", "component"])
    assert loaded.loc[("PAR INDEX", "2025", ""), "score"] == pytest.approx(89.12)
    assert loaded.loc[("PAR INDEX", "2025", "Cải cách TTHC"), "max_points"] == 9
    assert loaded.loc[("766", "2026-Q1", ""), "rank"] == 5
    bad = [["PCI", "Q1/2025", "Khánh Hòa", "70", "40", "34", "", "100", "VCCI"]]
    with pytest.raises(ImportRefused) as caught:
        run_import(engine, write_csv(tmp_path / "x.csv", "utf-8", ",", rows=bad, headers=INDEX_HEADERS), "indexes")
    assert [p.message() for p in caught.value.report.problems] == [
        "Dòng 4, cột «Kỳ», giá trị «Q1/2025»: kỳ phải có dạng 2024, 2024-03, 2024-Q1 hoặc 2024-W03",
        "Dòng 4, cột «Xếp hạng», giá trị «40»: lớn hơn số tỉnh xếp hạng (34)"]


def test_units_and_steps_import(engine, tmp_path):
    unit_rows = [["568", "TP. Nha Trang", "thành phố", "12.2451", "109.1943", "", "30/06/2025"],
                 ["22736", "Đặc khu Trường Sa", "đặc khu", "8.644", "111.92", "01/07/2025", ""]]
    headers = ["Mã", "Tên", "Loại", "Vĩ độ", "Kinh độ", "Hiệu lực từ", "Hiệu lực đến"]
    report = run_import(engine, write_csv(tmp_path / "dv.csv", "utf-8", ",", rows=unit_rows, headers=headers),
                        "units")
    # the shipped units were seeded first; both rows match them by code and start date and update them
    assert (report.inserted, report.updated) == (0, 2)
    with engine.connect() as conn:
        rows = conn.execute(select(units.c.name, units.c.latitude, units.c.level).where(units.c.code == "22736")
                            .order_by(units.c.id)).all()
        assert conn.execute(select(func.count()).select_from(units)).scalar() == 9 + 7 + 194 + 65
    # the code is the new unit's and the old Thị trấn Trường Sa's; only the unit valid from 01/07/2025 changed
    assert [tuple(r) for r in rows] == [("Đặc khu Trường Sa", 8.644, "Xã"), ("Thị trấn Trường Sa", None, "Xã")]
    step_rows = [["D1", "Tiếp nhận", "Bộ phận Một cửa", "05/03/2024", "05/03/2024", "05/03/2024"],
                 ["D1", "Thẩm định", "Phòng Tư pháp", "05/03/2024", "09/03/2024", "12/03/2024"],
                 ["D1", "Trả kết quả", "Bộ phận Một cửa", "10/03/2024", "08/03/2024", ""]]
    step_headers = ["Mã hồ sơ", "Bước", "Đơn vị xử lý", "Ngày bắt đầu", "Ngày kết thúc", "Hạn bước"]
    with pytest.raises(ImportRefused) as caught:
        run_import(engine, write_csv(tmp_path / "b.csv", "utf-8", ",", rows=step_rows, headers=step_headers), "steps")
    assert [p.message() for p in caught.value.report.problems] == [
        "Dòng 6, cột «Ngày kết thúc», giá trị «08/03/2024»: ngày kết thúc trước ngày bắt đầu (10/03/2024)"]
    step_rows[2][4] = "10/03/2024"
    done = run_import(engine, write_csv(tmp_path / "b.csv", "utf-8", ",", rows=step_rows, headers=step_headers),
                      "steps")
    assert done.inserted == 3
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(dossier_steps)).scalar() == 3


def test_first_real_import_replaces_demo_data(engine, tmp_path):
    build_demo(engine, date(2024, 4, 30), n_dossiers=300, seed=1)
    report = run_import(engine, write_xlsx(tmp_path / "ho_so.xlsx"), "dossiers")
    assert report.warnings[0] == "Đã xóa dữ liệu minh họa (demo) trước khi nạp dữ liệu thật."
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(dossiers)).scalar() == 13
        assert conn.execute(select(func.count()).select_from(tasks)).scalar() == 0
        assert_rollup_matches_dossiers(conn)  # the demo's rollup replaced by the imported dossiers'
        assert conn.execute(select(func.count()).select_from(index_results)
                            .where(index_results.c.is_demo.is_(True))).scalar() == 0
        assert conn.execute(select(func.count()).select_from(index_results)).scalar() == 36  # public figures kept
        assert read_meta(conn)[DATA_KIND] == "real"


def test_summary_command_prints_exactly_the_agreed_keys(tmp_path, monkeypatch, capsys):
    import cli

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert cli.main(["import", "dossiers", str(write_xlsx(tmp_path / "ho_so.xlsx"))]) == 0
    assert cli.main(["import", "tasks", str(write_csv(tmp_path / "nv.csv", "utf-8", ";", rows=task_rows(),
                                                      headers=TASK_HEADERS))]) == 0
    capsys.readouterr()
    assert cli.main(["summary", "--as-of", "2024-03-31"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["as_of", "from", "dossiers", "tasks"]
    assert (out["as_of"], out["from"]) == ("2024-03-31", "2024-03-01")
    assert list(out["dossiers"]) == [
        "received", "carried_over", "resolved", "resolved_early", "resolved_on_day", "resolved_late",
        "ended_without_result", "in_progress", "in_progress_overdue", "on_time_rate", "progress_rate_766",
        "overdue_total", "land_env_share_of_overdue", "apology_compliance", "online_share", "sync_rate"]
    assert out["dossiers"]["received"] == 8 and out["dossiers"]["on_time_rate"] == 0.75
    assert out["tasks"] == {"done_on_time": 2, "done_late": 1, "open_within_deadline": 3, "open_overdue": 2,
                            "no_deadline": 1}
    assert cli.main(["summary", "--as-of", "2025-01-31"]) == 0
    empty = json.loads(capsys.readouterr().out)["dossiers"]
    assert empty["received"] == 0 and empty["on_time_rate"] is None and empty["online_share"] is None
    bad = tmp_path / "bad.csv"
    bad.write_text("Mã hồ sơ,Lĩnh vực\nX,Đất đai\n", encoding="utf-8")
    assert cli.main(["import", "dossiers", str(bad)]) == 1
    assert "thiếu cột bắt buộc" in capsys.readouterr().err
