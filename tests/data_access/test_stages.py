"""Stage analysis (issue #15) on hand-made steps of the 13 hand-made dossiers, imported as a province exports them, on
SQLite and PostgreSQL; also through `cli.py stages` (exact JSON) and a meeting's frozen frames.

Period 1–31/03/2024. Land/environment dossiers counted: D3 and D5 (resolved in March), D8 and D13 (in progress on
31/03). Their own agency is "Chi nhánh VPĐK đất đai Cam Lâm" (below: the land office). Steps (start–end, deadline):
- D3: Tiếp nhận 01–02/03 (02/03) 1 day · Thẩm định 02–08/03 (06/03) 6, over · Xác định nghĩa vụ tài chính at
  Chi cục Thuế 08–15/03 (11/03) 7, over · Thẩm định 15–18/03 (17/03) 3, over · Trả kết quả 18–20/03 (20/03) 2;
- D5: Tiếp nhận 20–21/02 (21/02) 1 · Thẩm định 21/02–01/03 (01/03) 9 (2024 is a leap year) · Trả kết quả 01–04/03
  (05/03) 3;
- D8: Tiếp nhận 10–11/03 (11/03) 1 · Yêu cầu bổ sung hồ sơ 11–21/03 (13/03) 10, over · Thẩm định from 21/03, open
  (28/03): counts to 31/03, 10, over · Trả kết quả from 02/04: started after the as-of date, not counted;
- D13: no step; D7 (civil status, in progress) Tiếp nhận 25–26/03 (26/03) 1 counts only with all fields.
Worked out by hand:
- Thẩm định: D3, D5, D8 = 3 dossiers, passages 6, 3, 9, 10 → median 7,5, p90 = 9 + 0,7 × (10 − 9) = 9,7 (numpy's
  linear rule on [3, 6, 9, 10]), over 3 of 4 = 0,75; Trả kết quả: [2, 3] → 2,5 and 2,9; the others single values;
- process order by the mean place of a step in its dossiers: Tiếp nhận 1, Yêu cầu bổ sung 2, Thẩm định
  (2 + 4 + 2 + 3) ÷ 4 = 2,75, Xác định nghĩa vụ tài chính 3, Trả kết quả (5 + 3) ÷ 2 = 4;
- all step days: 3 + 28 + 7 + 5 + 10 = 53, so Thẩm định holds 28 ÷ 53 of the time;
- supplement: D8 once, 10 days; out and back: Chi cục Thuế once for D3 (between two land-office steps), 7 days;
- without step data: D13 (land/environment); with all fields also D1, D2, D10, D11, D12.
"""

import json
from datetime import date, datetime

import pytest
from sqlalchemy import create_engine

from cli import main
from data_access.figures import assemble as figures
from data_access.figures.dossier_queries import NO_FILTER, DossierFilter
from data_access.figures.source import open_source
from data_access.figures.stage_queries import StageQuery, build_passages_query
from data_access.importing.runner import run_import
from data_access.meetings.records import create_meeting
from data_access.store.migrate import create_schema
from metrics.errors import DomainError
from metrics.periods import Period
from tests.data_access.helpers import read_units_csv, upsert_units
from tests.data_access.import_files import write_csv

MARCH = Period(date(2024, 3, 1), date(2024, 3, 31))
LAND = DossierFilter(land_env_only=True)
OFFICE, TAX, DESK = "Chi nhánh VPĐK đất đai Cam Lâm", "Chi cục Thuế khu vực Cam Lâm", "Bộ phận Một cửa"
HEADERS = ["Mã hồ sơ", "Bước", "Đơn vị xử lý", "Ngày bắt đầu", "Ngày kết thúc", "Hạn bước"]
STEPS = [
    ["D3", "Tiếp nhận", DESK, "01/03/2024", "02/03/2024", "02/03/2024"],
    ["D3", "Thẩm định", OFFICE, "02/03/2024", "08/03/2024", "06/03/2024"],
    ["D3", "Xác định nghĩa vụ tài chính", TAX, "08/03/2024", "15/03/2024", "11/03/2024"],
    ["D3", "Thẩm định", OFFICE, "15/03/2024", "18/03/2024", "17/03/2024"],
    ["D3", "Trả kết quả", DESK, "18/03/2024", "20/03/2024", "20/03/2024"],
    ["D5", "Tiếp nhận", DESK, "20/02/2024", "21/02/2024", "21/02/2024"],
    ["D5", "Thẩm định", OFFICE, "21/02/2024", "01/03/2024", "01/03/2024"],
    ["D5", "Trả kết quả", DESK, "01/03/2024", "04/03/2024", "05/03/2024"],
    ["D8", "Tiếp nhận", DESK, "10/03/2024", "11/03/2024", "11/03/2024"],
    ["D8", "Yêu cầu bổ sung hồ sơ", OFFICE, "11/03/2024", "21/03/2024", "13/03/2024"],
    ["D8", "Thẩm định", OFFICE, "21/03/2024", "", "28/03/2024"],
    ["D8", "Trả kết quả", DESK, "02/04/2024", "03/04/2024", "03/04/2024"],
    ["D7", "Tiếp nhận", DESK, "25/03/2024", "26/03/2024", "26/03/2024"],
]
STEP_LINES = [  # step, dossiers, median, p90, over, share
    ("Tiếp nhận", 3, 1.0, 1.0, 0, 0.0),
    ("Yêu cầu bổ sung hồ sơ", 1, 10.0, 10.0, 1, 1.0),
    ("Thẩm định", 3, 7.5, 9.7, 3, 0.75),
    ("Xác định nghĩa vụ tài chính", 1, 7.0, 7.0, 1, 1.0),
    ("Trả kết quả", 2, 2.5, 2.9, 0, 0.0),
]
AGENCY_LINES = [  # most passages over their deadline first, then most passages, agency, step
    (OFFICE, "Thẩm định", 3, 7.5, 9.7, 3, 0.75),
    (TAX, "Xác định nghĩa vụ tài chính", 1, 7.0, 7.0, 1, 1.0),
    (OFFICE, "Yêu cầu bổ sung hồ sơ", 1, 10.0, 10.0, 1, 1.0),
    (DESK, "Tiếp nhận", 3, 1.0, 1.0, 0, 0.0),
    (DESK, "Trả kết quả", 2, 2.5, 2.9, 0, 0.0),
]


def _load(engine, tmp_path) -> None:
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
    run_import(engine, write_csv(tmp_path / "ho_so.csv", "utf-8", ";"), "dossiers")
    run_import(engine, write_csv(tmp_path / "buoc.csv", "utf-8", ";", rows=STEPS, headers=HEADERS), "steps")


def _lines(table, columns) -> list[tuple]:
    return [tuple(round(v, 4) if isinstance(v, float) else v for v in row) for row in table[columns].itertuples(
        index=False)]


def test_per_step_in_process_order(engine, tmp_path):
    _load(engine, tmp_path)
    found = figures.stages(open_source(engine), StageQuery(MARCH, LAND))
    assert _lines(found.steps, ["step", "dossiers", "median_days", "p90_days", "over_step_deadline",
                                "over_step_deadline_share"]) == STEP_LINES
    assert found.steps.set_index("step").loc["Thẩm định", "share_of_time"] == pytest.approx(28 / 53)
    assert found.steps["passages"].tolist() == [3, 1, 4, 1, 2]


def test_per_agency_holding_a_step(engine, tmp_path):
    _load(engine, tmp_path)
    found = figures.stages(open_source(engine), StageQuery(MARCH, LAND))
    assert _lines(found.agencies, ["agency", "step", "dossiers", "median_days", "p90_days", "over_step_deadline",
                                   "over_step_deadline_share"]) == AGENCY_LINES


def test_supplements_transfers_and_dossiers_without_steps(engine, tmp_path):
    _load(engine, tmp_path)
    land = figures.stages(open_source(engine), StageQuery(MARCH, LAND))
    assert land.supplement == {"dossiers": 1, "rounds": 1, "days_waiting": 10}
    assert _lines(land.transfers, ["agency", "passages", "days", "mean_days"]) == [(TAX, 1, 7, 7.0)]
    assert (land.no_steps, land.no_steps_named) == (1, ("D13",))
    everything = figures.stages(open_source(engine), StageQuery(MARCH, NO_FILTER))
    assert everything.steps.set_index("step").loc["Tiếp nhận", "dossiers"] == 4  # D7 too
    assert everything.no_steps_named == ("D1", "D10", "D11", "D12", "D13", "D2")


def test_an_earlier_as_of_date_counts_open_steps_to_it(engine, tmp_path):
    _load(engine, tmp_path)
    # On 15/03: D3 is in progress (its Xác định nghĩa vụ tài chính ends that day, 7 days; the second Thẩm định
    # starts that day, 0 days), D5 resolved on 04/03, D8 in Yêu cầu bổ sung since 11/03 (4 days, past 13/03).
    found = figures.stages(open_source(engine), StageQuery(Period(date(2024, 3, 1), date(2024, 3, 15)), LAND))
    lines = {row.step: (row.dossiers, row.median_days, row.over_step_deadline) for row in found.steps.itertuples()}
    assert lines["Yêu cầu bổ sung hồ sơ"] == (1, 4.0, 1)
    assert lines["Thẩm định"] == (2, 6.0, 1)  # D3 6 (over) and 0 (not yet past 17/03), D5 9 → [0, 6, 9]
    assert "Trả kết quả" in lines and lines["Trả kết quả"] == (1, 3.0, 0)  # only D5's


def test_the_command_line_prints_the_agreed_json(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'stages.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = create_engine(url)
    create_schema(engine)
    _load(engine, tmp_path)
    capsys.readouterr()
    assert main(["stages", "--from", "2024-03-01", "--as-of", "2024-03-31"]) == 0
    printed = json.loads(capsys.readouterr().out)
    keys = ["dossiers", "median_days", "p90_days", "over_step_deadline", "over_step_deadline_share"]
    assert printed == {
        "from": "2024-03-01", "as_of": "2024-03-31", "fields": "land_env",
        "steps": [{"step": line[0], **dict(zip(keys, line[1:], strict=True))} for line in STEP_LINES],
        "agencies": [{"agency": line[0], "step": line[1], **dict(zip(keys, line[2:], strict=True))}
                     for line in AGENCY_LINES],
        "supplement": {"dossiers": 1, "rounds": 1, "days_waiting": 10}, "no_step_data": 1}
    assert main(["stages", "--from", "2024-03-01", "--as-of", "2024-03-31", "--fields", "all"]) == 0
    assert json.loads(capsys.readouterr().out)["no_step_data"] == 6
    assert main(["stages", "--from", "2024-04-01", "--as-of", "2024-03-31"]) == 1


def test_a_meeting_keeps_its_stage_figures_after_a_later_import(engine, tmp_path):
    _load(engine, tmp_path)
    with engine.begin() as conn:
        meeting = create_meeting(conn, date(2024, 4, 1), "Giao ban", datetime(2024, 3, 31, 17))
    frozen = figures.stages(open_source(engine, meeting), StageQuery(MARCH, LAND))
    changed = [row[:] for row in STEPS]
    changed[10][4] = "25/03/2024"  # D8's Thẩm định reported ended on 25/03: 4 days, not past 28/03
    run_import(engine, write_csv(tmp_path / "buoc2.csv", "utf-8", ";", rows=changed, headers=HEADERS), "steps")
    live = figures.stages(open_source(engine), StageQuery(MARCH, LAND))
    assert live.steps.set_index("step").loc["Thẩm định", "over_step_deadline"] == 2
    again = figures.stages(open_source(engine, meeting), StageQuery(MARCH, LAND))
    assert _lines(again.steps, ["step", "dossiers", "median_days", "p90_days", "over_step_deadline",
                                "over_step_deadline_share"]) == STEP_LINES
    assert again.supplement == frozen.supplement and again.no_steps_named == frozen.no_steps_named
    with pytest.raises(DomainError, match="kỳ mặc định"):  # only the default period kind (month) is frozen
        figures.stages(open_source(engine, meeting), StageQuery(Period(date(2024, 1, 1), date(2024, 3, 31)), LAND))


def test_the_histogram_sql_binds_every_value():
    sql = build_passages_query(StageQuery(MARCH, LAND, procedure_id=7)).compile()
    assert "2024-03" not in str(sql) and set(sql.params.values()) >= {date(2024, 3, 1), date(2024, 3, 31), 7}
