"""Every page from app.py: no exception, and the numbers shown equal metrics on the same database."""

import json
import os
import re
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import event
from streamlit.testing.v1 import AppTest

from data_access.figures.dossier_queries import DossierFilter
from data_access.figures.early_warning import due_soon, due_soon_view
from data_access.reference.holidays import holiday_calendar
from data_access.store.context import app_context
from metrics.indexes import latest_rank, published_by
from metrics.periods import Period
from metrics.scorecard import extremes
from metrics.tasks import status_counts
from metrics.territory import units_in_force
from tests.pages.conftest import APP, END, no_problem
from tests.pages.reference import Reference
from texts import labels as L
from texts.fmt import fmt_int, fmt_number, fmt_pct
from ui import views
from ui.maps import place_labels
from ui.shared import forget_kept

MONTH = Period(date(2026, 6, 1), END)
LAST_MONTH_SAME_DAYS = Period(date(2026, 5, 1), date(2026, 5, 30))  # the month to 30/06 is compared with these
SCORECARD_WINDOW = Period(date(2026, 3, 31), END)  # the scorecard counts three months back (settings.toml)


@pytest.fixture(scope="module")
def ref(demo_db) -> Reference:
    return Reference(demo_db)


def metrics_by_label(at) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_overview(app, ref):
    at = app()
    no_problem(at)
    assert at.title[0].value == "Tổng quan"
    shown = metrics_by_label(at)
    now, before = ref.totals(MONTH), ref.totals(LAST_MONTH_SAME_DAYS)
    assert shown["Tỷ lệ giải quyết đúng hạn"][0] == fmt_pct(now["on_time_rate"])
    assert shown["Hồ sơ quá hạn đang xử lý"][0] == fmt_int(now["in_progress_overdue"])
    change = now["in_progress_overdue"] - before["in_progress_overdue"]
    assert shown["Hồ sơ quá hạn đang xử lý"][1] == (
        f"{'+' if change > 0 else ''}{fmt_int(change)} so với cùng kỳ tháng trước (01/05–30/05/2026)")
    assert shown["Tỷ lệ quá hạn thuộc đất đai – môi trường"][0] == fmt_pct(now["land_env_share"])
    assert shown["Tỷ lệ hồ sơ nộp trực tuyến"][0] == fmt_pct(now["online_share"])
    assert shown["Tỷ lệ đồng bộ Cổng DVC quốc gia"][0] == fmt_pct(now["sync_rate"])
    open_overdue = status_counts(ref.classified_tasks(END))["open_overdue"].iloc[0]
    assert shown["Nhiệm vụ quá hạn chưa hoàn thành"][0] == fmt_int(open_overdue)
    par = latest_rank(published_by(ref.indexes, END), "Khánh Hòa", "PAR INDEX")
    assert shown["Xếp hạng PAR INDEX"][0] == f"{par['rank']}/{par['n_ranked']}" == "9/34"
    r766 = latest_rank(published_by(ref.indexes, END), "Khánh Hòa", "766")
    assert shown["Xếp hạng Bộ chỉ số 766"][0] == f"{r766['rank']}/{r766['n_ranked']}"
    oldest = at.dataframe[0].value
    assert len(oldest) == min(10, open_overdue)
    assert list(oldest["Số ngày quá hạn"]) == sorted(oldest["Số ngày quá hạn"], reverse=True)


def test_overview_warns_of_what_goes_overdue_in_the_next_working_days(app, demo_db):
    """Issue #33: the overview's early warning equals `cli.py due-soon` on the same database (3 working days after
    Tuesday 30/06/2026: Friday 03/07)."""
    at = app()
    no_problem(at)
    with app_context(demo_db).engine.connect() as conn:
        expected = due_soon(conn, END, 3, holiday_calendar(conn))
    assert expected["until"] == "2026-07-03" and expected["dossiers"]["total"] > 0
    shown = metrics_by_label(at)
    assert shown["Hồ sơ sắp quá hạn"][0] == fmt_int(expected["dossiers"]["total"])
    assert shown["Nhiệm vụ sắp đến hạn"][0] == fmt_int(expected["tasks"]["total"])
    assert L.DUE_SOON_TITLE.format(n=3, until="03/07/2026") in [s.value for s in at.subheader]
    table = next(d.value for d in at.dataframe if L.DUE_SOON_COLUMNS["agency"] in d.value.columns)
    assert list(table[L.DUE_SOON_COLUMNS["agency"]]) == [a["agency"] for a in expected["by_agency"]]
    assert list(table[L.DUE_SOON_COLUMNS["dossiers"]]) == [a["dossiers"] for a in expected["by_agency"]]


def test_overview_follows_sidebar_period_and_district(app, ref):
    at = app()
    at.selectbox(key="period_kind").set_value("year").run()
    no_problem(at)
    year = ref.totals(Period(date(2026, 1, 1), END))
    assert metrics_by_label(at)["Tỷ lệ giải quyết đúng hạn"][0] == fmt_pct(year["on_time_rate"])
    cam_lam = int(ref.units.loc[ref.units["short_name"] == "Cam Lâm", "id"].iloc[0])
    at.multiselect(key="f_unit").set_value([cam_lam]).run()
    no_problem(at)
    district = ref.totals(Period(date(2026, 1, 1), END), unit_id=cam_lam)
    assert metrics_by_label(at)["Hồ sơ quá hạn đang xử lý"][0] == fmt_int(district["in_progress_overdue"])


def test_tasks_page(app, ref):
    at = app("pages/nhiem_vu.py")
    no_problem(at)
    assert at.title[0].value == "Nhiệm vụ được giao"
    counts = status_counts(ref.classified_tasks(END)).iloc[0]
    shown = metrics_by_label(at)
    assert shown["Hoàn thành đúng hạn"][0] == fmt_int(counts["done_on_time"])
    assert shown["Hoàn thành quá hạn"][0] == fmt_int(counts["done_late"])
    assert shown["Đang thực hiện trong hạn"][0] == fmt_int(counts["open_within_deadline"])
    assert shown["Quá hạn chưa hoàn thành"][0] == fmt_int(counts["open_overdue"])
    assert shown["Không có thời hạn"][0] == fmt_int(counts["no_deadline"])
    assert len(at.dataframe[0].value) == counts["open_overdue"]
    # issue #33: the tasks due within 7 days also say their working days left (Wed 01/07 is the 1st after Tue 30/06;
    # the weekend of 04–05/07 is not counted)
    soon = next(d.value for d in at.dataframe if L.TASK_COLUMNS["working_days_left"] in d.value.columns)
    assert len(soon) > 0
    expected = [int(np.busday_count(END + timedelta(days=1), deadline + timedelta(days=1)))
                for deadline in pd.to_datetime(soon[L.TASK_COLUMNS["deadline"]]).dt.date]
    assert list(soon[L.TASK_COLUMNS["working_days_left"]]) == expected  # no holiday from 01/07 to 07/07/2026
    # filtering by status keeps only that status
    at.multiselect(key="t_status").set_value(["open_overdue"]).run()
    no_problem(at)
    assert metrics_by_label(at)["Hoàn thành đúng hạn"][0] == "0"


BUILT: list = []  # a module global, not a captured value: ui.shared keys a builder on what it captures


def test_the_tasks_view_is_built_once_for_every_viewer_of_the_same_filters(app, monkeypatch):
    real = views._tasks

    def counting(*args):
        BUILT.append(args[3])  # the four filters
        return real(*args)

    monkeypatch.setattr(views, "_tasks", counting)
    forget_kept()
    BUILT.clear()
    first, second = app("pages/nhiem_vu.py"), app("pages/nhiem_vu.py")
    assert BUILT == [((), (), (), ())] and metrics_by_label(first) == metrics_by_label(second)
    for viewer in (first, second):
        viewer.multiselect(key="t_status").set_value(["open_overdue"]).run()
        no_problem(viewer)
    assert BUILT == [((), (), (), ()), ((), (), (), ("open_overdue",))]
    assert metrics_by_label(first) == metrics_by_label(second)


MEETING_PAGES = ["pages/tong_quan.py", "pages/nhiem_vu.py", "pages/diem_nghen.py", "pages/bang_diem.py",
                 "pages/xep_hang.py"]


def test_a_warm_run_reads_only_the_signed_in_account(app, demo_db):
    """Thirty viewers rerun these pages in a meeting: once warm, a run asks the database one thing, whether the
    account still may sign in; the sidebar's check and meetings list are kept for data.FRESH_SECONDS."""
    at = app()
    for page in MEETING_PAGES:  # cold caches fill
        at.switch_page(page)
        at.run()
    sent: list[str] = []

    def record(conn, cursor, statement, *_args) -> None:
        if statement not in ("BEGIN", "COMMIT", "ROLLBACK"):  # SQLite's explicit transactions
            sent.append(re.sub(r"\s+", " ", statement).split(" FROM ")[-1].split()[0])  # the table after the last FROM

    engine = app_context(demo_db).engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        for page in MEETING_PAGES:
            at.switch_page(page)
            at.run()
            no_problem(at)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    # the data freshness (meta) and the meetings list are read again when their short caches expire (a few seconds):
    # how often depends on how long these runs take, so they are counted apart
    assert [table for table in sent if table not in ("meta", "meetings")] == ["accounts"] * len(MEETING_PAGES)
    assert sent.count("meta") <= 2 and sent.count("meetings") <= 2


def test_bottlenecks_page(app, ref, demo_db):
    at = app("pages/diem_nghen.py")
    no_problem(at)
    assert at.title[0].value == "Điểm nghẽn đất đai – môi trường"
    everything = ref.totals(MONTH)
    land = ref.totals(MONTH, land_env=True)
    shown = metrics_by_label(at)
    assert shown["Tỷ lệ quá hạn thuộc đất đai – môi trường"][0] == fmt_pct(everything["land_env_share"])
    assert shown["Hồ sơ quá hạn trong kỳ"][0] == fmt_int(everything["overdue_total"])
    assert shown["Hồ sơ quá hạn đất đai – môi trường"][0] == fmt_int(everything["overdue_land_env"])
    assert shown["Phiếu xin lỗi cho hồ sơ đất đai – môi trường trễ hạn"][0] == fmt_pct(land["apology_compliance"])
    procedures = next(d.value for d in at.dataframe if "Quá hạn" in d.value.columns)
    assert procedures["Quá hạn"].is_monotonic_decreasing
    # issue #33: the land and environment dossiers about to go overdue, listed soonest first, as counted in SQL
    with app_context(demo_db).engine.connect() as conn:
        expected = due_soon_view(conn, END, 3, holiday_calendar(conn), DossierFilter(land_env_only=True))
    listed = next(d.value for d in at.dataframe if L.DUE_SOON_COLUMNS["code"] in d.value.columns)
    assert list(listed[L.DUE_SOON_COLUMNS["code"]]) == list(expected.dossiers["code"]) != []
    assert list(listed[L.DUE_SOON_COLUMNS["working_days_left"]]) == list(expected.dossiers["working_days_left"])
    assert set(expected.dossiers["land_env"]) == {1}
    by_unit = next(d.value for d in at.dataframe if L.DUE_SOON_COLUMNS["unit"] in d.value.columns)
    assert by_unit[L.DUE_SOON_COLUMNS["dossiers"]].sum() == expected.total  # every dossier once, by unit in force
    in_force = set(units_in_force(ref.units, END)["name"]) | set(L.OTHER_LINES.values())
    assert set(by_unit[L.DUE_SOON_COLUMNS["unit"]]) <= in_force


def test_scorecard_page(app, ref):
    at = app("pages/bang_diem.py")
    no_problem(at)
    assert at.title[0].value == "Bảng điểm địa bàn"
    table = at.dataframe[0].value
    expected = ref.scorecard(SCORECARD_WINDOW)
    assert table["Địa bàn"].tolist() == expected["name"].tolist()
    assert table["Hạng"].fillna(-1).tolist() == expected["rank"].fillna(-1).tolist()
    assert expected["rank"].notna().sum() >= 0.8 * 65  # the default view ranks at least 80 % of the communes
    assert any(c.value.startswith("Bảng điểm tính trong 31/03–30/06/2026") for c in at.caption)
    composite = table[L.KPI_SHORT["composite"]].round(6).fillna(-1).tolist()
    assert composite == expected["composite"].round(6).fillna(-1).tolist()
    shown = table.set_index("Địa bàn")
    for row in expected.itertuples():
        assert shown.loc[row.name, L.KPI_SHORT["overdue_tasks"]] == row.overdue_tasks
        if row.on_time_rate == row.on_time_rate:  # not NaN
            assert shown.loc[row.name, L.KPI_SHORT["on_time_rate"]] == pytest.approx(row.on_time_rate)
    decks = at.get("deck_gl_json_chart")
    assert len(decks) == 1
    layers = {layer["id"]: layer for layer in json.loads(decks[0].proto.json)["layers"]}
    assert len(layers["districts"]["data"]["features"]) == 65  # every commune drawn
    named = pd.DataFrame(layers["labels"]["data"])
    # 65 names would not be readable: the worst and best five, less those that would overprint another
    best, worst = extremes(expected)
    assert 5 <= len(named) <= 10 and set(named["short_name"]) <= set(best + worst)
    assert len(place_labels(named, zoom=json.loads(decks[0].proto.json)["initialViewState"]["zoom"])) == len(named)
    assert "Trường Sa" in layers["inset-label"]["data"][0]["label"]
    # picking a commune shows its detail, with its predecessors
    khanh_son = ref.units.loc[(ref.units["name"] == "Xã Khánh Sơn") & ref.units["valid_to"].isna(), "id"].iloc[0]
    at.selectbox(key="district_pick").set_value(int(khanh_son)).run()
    no_problem(at)
    assert any("Xã Khánh Sơn" in m.value for m in at.markdown)
    assert at.dataframe[-2].value["Địa bàn"].tolist() == ["Thị trấn Tô Hạp", "Xã Sơn Bình", "Xã Sơn Hiệp"]


def test_ranking_page(app, ref):
    at = app("pages/xep_hang.py")
    no_problem(at)
    assert at.title[0].value == "Xếp hạng chỉ số"
    chooser = at.get("button_group")[0]
    assert chooser.proto.options and len(chooser.proto.options) == 5  # PAR INDEX, SIPAS, 766, PAPI, PCI
    par = at.dataframe[0].value.set_index("Kỳ")
    assert par.loc["2024", "Xếp hạng"] == "10/63" and par.loc["2024", "Loại số liệu"] == "Công bố"
    assert par.loc["2025", "Xếp hạng"] == "9/34" and par.loc["2025", "Loại số liệu"] == "Minh họa (demo)"
    assert par.loc["2024", "Nguồn"].startswith("https://")
    assert len(at.get("vega_lite_chart")) == 3  # rank, score, components
    at.session_state["r_index"] = "766"
    at.run()
    no_problem(at)
    monthly = at.dataframe[0].value
    expected = ref.indexes.loc[(ref.indexes["index_name"] == "766") & (ref.indexes["component"] == "")
                               & (ref.indexes["province"] == "Khánh Hòa")]
    assert len(monthly) == len(expected) and (monthly["Loại số liệu"] == "Minh họa (demo)").all()


def test_database_unreachable_shows_a_message_not_a_traceback(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2")
    at = AppTest.from_file(APP, default_timeout=60)  # nobody can sign in: the form says why
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [L.SIGN_IN_NO_DATABASE]  # where the database is stays in the log
    assert "Không kết nối được cơ sở dữ liệu" in L.SIGN_IN_NO_DATABASE and not at.text_input


def test_ranking_page_shows_the_latest_rank_card(app, ref):
    at = app("pages/xep_hang.py")
    shown = metrics_by_label(at)
    par = latest_rank(published_by(ref.indexes, END), "Khánh Hòa", "PAR INDEX")
    assert shown["Xếp hạng PAR INDEX gần nhất"][0] == "9/34"
    assert shown["Điểm PAR INDEX gần nhất"][0] == fmt_number(par["score"], 2)


def test_scorecard_before_the_change_shows_the_16_districts_of_both_former_provinces(app, ref):
    at = app("pages/bang_diem.py")
    at.date_input(key="as_of").set_value(date(2025, 5, 31)).run()
    no_problem(at)
    table = at.dataframe[0].value
    expected = ref.scorecard(Period(date(2025, 3, 1), date(2025, 5, 31)))  # three months back (settings.toml)
    assert len(table) == 16 and table["Địa bàn"].tolist() == expected["name"].tolist()
    assert table["Hạng"].fillna(-1).tolist() == expected["rank"].fillna(-1).tolist()
    assert {"Thành phố Nha Trang", "Huyện Bác Ái", "Huyện Trường Sa"} <= set(table["Địa bàn"])
    lines = at.dataframe[1].value.set_index("Dòng")
    assert lines.loc["Cấp huyện (trước 01/7/2025)", "Hồ sơ tiếp nhận"] == 0  # districts count their communes
    assert lines.loc["Xã cũ bị chia tách", "Hồ sơ tiếp nhận"] == 0
    layers = {layer["id"]: layer for layer in json.loads(at.get("deck_gl_json_chart")[0].proto.json)["layers"]}
    assert len(layers["districts"]["data"]["features"]) == 16
    named = pd.DataFrame(layers["labels"]["data"])  # every district named (Trường Sa is the inset) unless two
    assert 12 <= len(named) <= 15  # would overprint each other: then the one drawn first keeps its name
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert len(place_labels(named, zoom=deck["initialViewState"]["zoom"])) == len(named)
    assert any("Khánh Hòa và Ninh Thuận (cũ)" in c.value for c in at.caption)


def test_scorecard_across_the_change_shows_what_cannot_be_attributed(app, ref):
    at = app("pages/bang_diem.py")
    at.selectbox(key="period_kind").set_value("year").run()
    at.date_input(key="as_of").set_value(date(2025, 12, 31)).run()  # 2025: half before 01/7, half after
    no_problem(at)
    lines = at.dataframe[1].value.set_index("Dòng")
    year = Period(date(2025, 1, 1), date(2025, 12, 31))
    rows = ref.rows.loc[pd.to_datetime(ref.rows["received_on"]).dt.year == 2025]
    district_level = rows["unit_id"].isin(ref.units.loc[ref.units["level"] == "Huyện", "id"]).sum()
    split = rows["unit_id"].isin(ref.lineage.loc[ref.lineage["merge"] == "part", "old_unit_id"]).sum()
    assert lines.loc["Cấp huyện (trước 01/7/2025)", "Hồ sơ tiếp nhận"] == district_level > 0
    assert lines.loc["Xã cũ bị chia tách", "Hồ sơ tiếp nhận"] == split > 0
    table = at.dataframe[0].value
    assert len(table) == 65
    total = ref.totals(year)["received"]
    assert table[L.KPI_SHORT["received"]].sum() + lines["Hồ sơ tiếp nhận"].sum() == total  # nothing lost, nothing twice


def test_a_card_whose_measure_means_nothing_for_the_scope_is_not_graded(app, ref):
    """Issue #28: the land/environment share of a department that handles no land dossier (or only land ones) is
    decided by what it handles, not by its performance: not drawn red, and it says why."""
    from sqlalchemy import create_engine, select

    from data_access.store.schema import agencies

    at = app()
    engine = create_engine(os.environ["DATABASE_URL"])
    with engine.connect() as conn:
        building = conn.execute(select(agencies.c.id).where(agencies.c.name == "Sở Xây dựng")).scalar_one()
    engine.dispose()
    at.multiselect(key="f_agency").set_value([building]).run()
    no_problem(at)
    assert any(c.value.endswith("Phạm vi số liệu: Sở Xây dựng") for c in at.caption)
    notes = [m.value for m in at.markdown if L.LAND_SHARE_NOT_FOR_SCOPE.split(":")[0] in m.value.replace("\\", "")]
    assert len(notes) == 1 and "Cần xử lý ngay" not in notes[0]
    assert "st-key-kpi-red-land_env_share" not in str(at.main)  # its card is not the red one


def test_the_tasks_chart_shows_fifteen_agencies_then_the_others_with_its_legend_on_top(app, ref):
    """Issue #28: about 75 bars, 3,000 px tall, with the legend at the bottom."""
    at = app("pages/nhiem_vu.py")
    no_problem(at)
    agencies = ref.classified_tasks(END)["lead_agency"].nunique()
    assert agencies > 16  # the demo's tasks are spread over more agencies than the chart shows
    spec = next(json.loads(c.proto.spec) for c in at.get("vega_lite_chart") if "stack_order" in c.proto.spec)
    encoding = (spec.get("encoding") or spec["layer"][0]["encoding"])
    shown = encoding["y"]["sort"]
    assert len(shown) == 16 and shown[-1] == L.TASKS_OTHER_AGENCIES
    assert encoding["color"]["legend"]["orient"] == "top"
