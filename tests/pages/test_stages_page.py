"""The stage analysis on the bottleneck page (issue #15) through AppTest: the per-step table equals the rules of the
issue applied in pandas to the raw step rows of the demo (an implementation independent of the SQL), the worst
agency line is shown, the dossiers without step data are counted, and a dossier's journey is drawn."""

import json
import shutil
import threading
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import create_engine, select

from data_access.figures import assemble as figures
from data_access.store.meta import LAST_LOAD_AT, read_meta, record_load
from data_access.store.schema import agencies, dossier_steps, fields
from tests.data_access.helpers import read_dossier_rows
from tests.pages.conftest import END, no_problem, signed_in_app
from tests.pages.test_pages import MONTH
from texts import labels as L
from ui import loads, recount
from ui.data import forget_meta
from ui.safe import md_escape

C = L.STAGES_COLUMNS


@pytest.fixture(scope="module")
def expected(demo_db) -> tuple[pd.DataFrame, int, tuple[str, str]]:
    """Return (per step: dossiers, passages, median, p90, over, in process order; dossiers without steps; the
    (agency, step) that held the dossiers the most days, then with the most passages over the step deadline) for
    the land/environment dossiers of MONTH, from raw rows."""
    engine = create_engine(demo_db)
    with engine.connect() as conn:
        rows = read_dossier_rows(conn)
        steps = pd.DataFrame(conn.execute(select(dossier_steps)).mappings().all())
        land_fields = set(conn.execute(select(fields.c.id).where(fields.c.is_land_env.is_(True))).scalars())
        names = dict(conn.execute(select(agencies.c.id, agencies.c.name)).all())
    engine.dispose()
    start, end = pd.Timestamp(MONTH.start), pd.Timestamp(MONTH.end)
    for frame, columns in ((rows, ["received_on", "result_on"]), (steps, ["started_on", "ended_on", "due_on"])):
        for column in columns:
            frame[column] = pd.to_datetime(frame[column])
    resolved = rows["result_on"].between(start, end) & ~rows["ended"]
    in_progress = (rows["received_on"] <= end) & (rows["result_on"].isna() | (rows["result_on"] > end))
    chosen = rows.loc[(resolved | in_progress) & rows["field_id"].isin(land_fields), "code"]
    steps = steps.loc[steps["dossier_code"].isin(chosen) & (steps["started_on"] <= end)].sort_values(
        ["dossier_code", "started_on", "id"])
    closed = steps["ended_on"].notna() & (steps["ended_on"] <= end)
    finish = steps["ended_on"].where(closed, end)
    steps = steps.assign(days=(finish - steps["started_on"]).dt.days, over=steps["due_on"].notna() & (
        finish > steps["due_on"]), place=steps.groupby("dossier_code").cumcount() + 1)
    table = steps.groupby("step").agg(dossiers=("dossier_code", "nunique"), passages=("days", "size"),
                                      median=("days", lambda d: np.percentile(d, 50)),
                                      p90=("days", lambda d: np.percentile(d, 90)), over=("over", "sum"),
                                      position=("place", "mean")).reset_index()
    table = table.sort_values(["position", "step"]).reset_index(drop=True)
    held = steps.assign(agency=steps["agency_id"].map(names)).groupby(["agency", "step"]).agg(
        days=("days", "sum"), over=("over", "sum")).reset_index()
    heaviest = held.sort_values(["days", "over", "agency", "step"], ascending=[False, False, True, True]).iloc[0]
    return table, int((~chosen.isin(steps["dossier_code"])).sum()), (heaviest["agency"], heaviest["step"])


def test_the_step_table_equals_the_rules_applied_to_raw_rows(app, expected):
    at = app("pages/diem_nghen.py")
    no_problem(at)
    table, without, (agency, step) = expected
    assert L.STAGES_TITLE in [s.value for s in at.subheader]
    shown = next(d.value for d in at.dataframe if C["share_of_time"] in d.value.columns)
    assert shown[C["step"]].tolist() == table["step"].tolist()
    assert shown[C["dossiers"]].tolist() == table["dossiers"].tolist()
    assert shown[C["passages"]].tolist() == table["passages"].tolist()
    assert shown[C["median_days"]].round(4).tolist() == table["median"].round(4).tolist()
    assert shown[C["p90_days"]].round(4).tolist() == table["p90"].round(4).tolist()
    assert shown[C["over_step_deadline"]].tolist() == table["over"].tolist()
    # the headline names the agency and step that held the dossiers the most days: the agency table's first row
    headline = next(m.value for m in at.markdown if m.value.startswith("Nặng nhất: "))
    assert headline.startswith(f"Nặng nhất: {md_escape(agency)} – {md_escape(step)}: ")
    by_agency = next(d.value for d in at.dataframe if C["agency"] in d.value.columns)
    assert (by_agency[C["agency"]].iloc[0], by_agency[C["step"]].iloc[0]) == (agency, step)
    assert L.STAGES_WORST_RULE in [c.value for c in at.caption]
    assert L.STAGES_NO_STEPS.format(n=f"{without:,}".replace(",", ".")) in [c.value for c in at.caption]


def test_a_dossiers_journey_is_drawn_with_the_step_that_broke_it(app):
    at = app("pages/diem_nghen.py")
    picker = at.selectbox(key="st_journey")
    assert picker.options and picker.value == picker.options[0]
    said = [m.value for m in at.markdown] + [c.value for c in at.caption]
    assert any(text.startswith("Bước làm vỡ hạn: ") or text == L.STAGES_JOURNEY_OK for text in said)
    picker.set_value(picker.options[-1]).run()
    no_problem(at)
    journey = json.loads(at.get("vega_lite_chart")[-1].proto.spec)
    marks = {layer["mark"]["type"] for layer in journey["layer"]}
    assert marks == {"bar", "tick", "text"}  # the steps, their deadlines, the step that broke the dossier's


def test_after_a_new_load_the_page_shows_the_earlier_analysis_labelled_until_the_new_one_is_counted(
        demo_db, tmp_path, monkeypatch):
    """Issue #14, then #29 §2: the stage analysis of the previous load stays on screen, whole, while the new load's is
    counted in the background (once); since #29 §2 the whole page shows the previous load, under the page's line."""
    copy = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_db.removeprefix("sqlite:///"), copy)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{copy}")
    at = signed_in_app()
    at.run()
    at.switch_page("pages/diem_nghen.py").run()
    no_problem(at)
    before = next(d.value for d in at.dataframe if C["share_of_time"] in d.value.columns)
    engine = create_engine(f"sqlite:///{copy}")
    with engine.connect() as conn:
        first_load = read_meta(conn)[LAST_LOAD_AT]
    with engine.begin() as conn:
        record_load(conn, "demo", END)  # a new load: every figure of the live data is counted again
    engine.dispose()
    forget_meta()
    opened, began, started, real = threading.Event(), threading.Event(), [], figures.stages

    def slow_count(source, query):  # the real count, held until the test lets it go
        started.append(query)
        began.set()
        assert opened.wait(30)
        return real(source, query)

    monkeypatch.setattr(figures, "stages", slow_count)
    monkeypatch.setattr(recount, "WAIT_S", 0.05)
    at.run()
    no_problem(at)
    moment = datetime.fromisoformat(first_load).astimezone(UTC) + timedelta(hours=7)  # Vietnam has no DST
    label = L.DATA_UPDATING_NOTE.format(when=moment.strftime("%d/%m/%Y %H:%M"))
    assert label in [i.value for i in at.info]
    during = next(d.value for d in at.dataframe if C["share_of_time"] in d.value.columns)
    pd.testing.assert_frame_equal(during, before)  # the earlier analysis, whole
    assert began.wait(120) and len(started) == 1  # the new load's, counted in the background
    at.run()  # another rerun while the count is under way starts nothing more
    assert len(started) == 1 and label in [i.value for i in at.info]
    opened.set()
    assert loads.wait(120)  # the background count of the new load's default views, joined
    at.run()
    no_problem(at)
    assert label not in [i.value for i in at.info]
    after = next(d.value for d in at.dataframe if C["share_of_time"] in d.value.columns)
    pd.testing.assert_frame_equal(after, before)  # the same data loaded again: the same figures, now its own
