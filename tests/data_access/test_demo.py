"""Demo generator: deterministic, consistent with DOMAIN §3 rules, and realistic (DOMAIN §7)."""

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import create_engine, func, select

from data_access.demo.build import RealDataPresent, build_demo
from data_access.demo.catalog import TAX_OFFICE
from data_access.figures.dossier_queries import dossier_counts
from data_access.store.meta import DATA_KIND, read_meta, write_meta
from data_access.store.schema import (
    agencies,
    dossier_steps,
    dossiers,
    fields,
    index_results,
    tasks,
    unit_lineage,
    units,
)
from metrics.dossiers import COUNT_COLUMNS, dossier_rates, totals_row
from metrics.periods import Period, month_ends
from tests.data_access.helpers import dossier_series, read_dossier_rows
from tests.oracle import count_dossiers

END = date(2026, 11, 23)


def test_small_demo_is_consistent_and_deterministic(engine):
    counts = build_demo(engine, END, n_dossiers=3000, seed=5)
    assert counts["dossiers"] == 3000 and 200 <= counts["tasks"] <= 400
    with engine.connect() as conn:
        first = dossier_counts(conn, Period(date(2026, 1, 1), END))
        raw = read_dossier_rows(conn)
        assert raw["code"].is_unique
        # every rule of DOMAIN §3 on the demo rows equals the SQL path
        expected = count_dossiers(raw, Period(date(2026, 1, 1), END))
        assert first[list(COUNT_COLUMNS)].iloc[0].to_dict() == expected.iloc[0].to_dict()
        ended = raw.loc[raw["ended"]]
        assert ended["result_on"].notna().all()  # an ended dossier always has its date
        assert (raw["due_on"] >= raw["received_on"]).all()
        assert read_meta(conn)[DATA_KIND] == "demo"
        assert conn.execute(select(func.count()).select_from(index_results)
                            .where(index_results.c.is_demo.is_(False))).scalar() == 36
    build_demo(engine, END, n_dossiers=3000, seed=5)  # replaces, same seed → same figures
    with engine.connect() as conn:
        again = dossier_counts(conn, Period(date(2026, 1, 1), END))
        assert conn.execute(select(func.count()).select_from(dossiers)).scalar() == 3000
        assert conn.execute(select(func.count()).select_from(tasks)).scalar() == counts["tasks"]
    assert again.equals(first)


def test_demo_refuses_to_overwrite_real_data(engine):
    build_demo(engine, END, n_dossiers=500, seed=1)
    with engine.begin() as conn:
        write_meta(conn, **{DATA_KIND: "real"})
    with pytest.raises(RealDataPresent):
        build_demo(engine, END, n_dossiers=500, seed=2)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(dossiers)).scalar() == 500


def test_demo_distributions_follow_domain_reference(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    build_demo(engine, END, n_dossiers=40_000, seed=2026)
    with engine.connect() as conn:
        year = totals_row(dossier_counts(conn, Period(date(2025, 11, 24), END)))
        months = dossier_rates(dossier_series(conn, month_ends(END, 24)))
        by_unit = dossier_rates(dossier_counts(conn, Period(date(2025, 11, 24), END), by="unit"))
    assert 0.96 <= year["on_time_rate"] <= 0.99
    assert 0.78 <= year["land_env_share"] <= 0.92
    assert 0.2 <= year["apology_compliance"] <= 0.8
    first_quarter, last_quarter = months.iloc[:3], months.iloc[-3:]
    assert last_quarter["online_share"].mean() > first_quarter["online_share"].mean() + 0.15
    assert last_quarter["sync_rate"].mean() > first_quarter["sync_rate"].mean() + 0.1
    communes = by_unit.dropna(subset=["key"])
    assert len(communes) == 65  # the last year is after 1/7/2025: today's communes
    spread = communes.loc[communes["received"] > 300, "on_time_rate"]
    assert spread.max() - spread.min() > 0.03  # communes differ clearly


def test_demo_follows_the_real_history(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'history.db'}")
    build_demo(engine, END, n_dossiers=20_000, seed=3)
    query = (select(dossiers.c.received_on, dossiers.c.level, units.c.level.label("unit_level"),
                    units.c.valid_to, units.c.province, agencies.c.name.label("agency"))
             .select_from(dossiers.outerjoin(units, units.c.id == dossiers.c.unit_id)
                          .join(agencies, agencies.c.id == dossiers.c.agency_id)))
    with engine.connect() as conn:
        rows = pd.DataFrame(conn.execute(query).all())
        split = conn.execute(select(func.count(func.distinct(dossiers.c.unit_id))).where(dossiers.c.unit_id.in_(
            select(unit_lineage.c.old_unit_id).where(unit_lineage.c.merge == "part")))).scalar()
    assert rows["received_on"].min() >= date(2024, 1, 1) and rows["received_on"].min() <= date(2024, 1, 3)
    old, new = rows.loc[rows["received_on"] < date(2025, 7, 1)], rows.loc[rows["received_on"] >= date(2025, 7, 1)]
    # before the change: districts and old communes; after: new communes only, no district level
    assert set(old["level"]) == {"Tỉnh", "Huyện", "Xã"} and set(new["level"]) == {"Tỉnh", "Xã"}
    assert (old.loc[old["level"] != "Tỉnh", "valid_to"] == date(2025, 6, 30)).all()
    assert new.loc[new["level"] == "Xã", "valid_to"].isna().all()
    provinces = old.loc[old["level"] != "Tỉnh", "province"].value_counts()
    assert provinces["Ninh Thuận"] < provinces["Khánh Hòa"] / 1.5  # the smaller former province
    assert split == 8  # every split old commune has commune-level dossiers
    # departments: old names before 1/3/2025, merged ones after; Ninh Thuận's own until 30/6/2025
    before_march = set(old.loc[old["received_on"] < date(2025, 3, 1), "agency"])
    after_march = set(rows.loc[rows["received_on"] >= date(2025, 3, 1), "agency"])
    assert "Sở Tài nguyên và Môi trường" in before_march and "Sở Tài nguyên và Môi trường" not in after_march
    assert "Sở Nông nghiệp và Môi trường" in after_march and "Sở Nông nghiệp và Môi trường" not in before_march
    assert "Sở Tư pháp tỉnh Ninh Thuận" in before_march
    assert not any(name.endswith("Ninh Thuận") for name in set(new["agency"]))


def test_demo_steps_add_up_to_each_land_dossier(engine):
    counts = build_demo(engine, END, n_dossiers=3000, seed=8)
    with engine.connect() as conn:
        raw = read_dossier_rows(conn)
        steps = pd.DataFrame(conn.execute(select(
            dossier_steps.c.dossier_code, dossier_steps.c.step, dossier_steps.c.agency_id, dossier_steps.c.started_on,
            dossier_steps.c.ended_on, dossier_steps.c.due_on).order_by(dossier_steps.c.dossier_code,
                                                                         dossier_steps.c.started_on,
                                                                         dossier_steps.c.id)).all(),
            columns=["code", "step", "agency_id", "started_on", "ended_on", "due_on"])
        tax = conn.execute(select(agencies.c.id).where(agencies.c.name == TAX_OFFICE)).scalar()
        land_field = conn.execute(select(fields.c.id).where(fields.c.name == "Đất đai")).scalar()
    land = raw.loc[raw["field_id"] == land_field].set_index("code")
    assert len(steps) == counts["steps"] and set(steps["code"]) == set(land.index)  # every land dossier, no other
    for code, path in steps.groupby("code", sort=False):
        dossier, path = land.loc[code], path.reset_index(drop=True)
        assert path["started_on"].iloc[0] == dossier["received_on"]
        assert (path["started_on"].iloc[1:].to_numpy() == path["ended_on"].iloc[:-1].to_numpy()).all()  # no gap
        assert (path["due_on"] > path["started_on"]).all()
        if pd.isna(dossier["result_on"]):  # open at the export date: its last step is open, held where it is now
            assert path["ended_on"].iloc[:-1].notna().all() and pd.isna(path["ended_on"].iloc[-1])
            assert path["started_on"].iloc[-1] <= END
            assert path["agency_id"].iloc[-1] == dossier["current_agency_id"] or pd.isna(dossier["current_agency_id"])
        else:  # the steps add up to the dossier's days
            assert path["ended_on"].iloc[-1] == dossier["result_on"]
            assert path["step"].iloc[0] == "Tiếp nhận hồ sơ" and path["step"].iloc[-1] == "Trả kết quả"
    to_tax = steps.loc[steps["step"] == "Xác định nghĩa vụ tài chính"]
    assert (to_tax["agency_id"].loc[to_tax["ended_on"].notna()] == tax).all() and len(to_tax) > 0
    assert (steps["step"] == "Yêu cầu bổ sung hồ sơ").sum() > 0


@pytest.mark.postgres
def test_the_demo_leaves_planner_statistics_for_the_tables_pages_read_on_postgresql():
    """Without ANALYZE PostgreSQL plans a freshly loaded table from defaults (reltuples -1): the stage analysis read
    dossier_steps so at 3 M dossiers (docs/history/scaling.md §0e)."""
    from sqlalchemy import text

    from data_access.store.migrate import create_schema
    from tests.conftest import PG_ADMIN_URL, pg_schema

    with pg_schema() as schema:
        eng = create_engine(PG_ADMIN_URL, connect_args={"options": f"-csearch_path={schema}"})
        try:
            create_schema(eng)
            build_demo(eng, END, n_dossiers=3000, seed=5)
            with eng.connect() as conn:
                tuples = dict(conn.execute(text(
                    "SELECT c.relname, c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = :schema AND c.relkind = 'r'"), {"schema": schema}).all())
        finally:
            eng.dispose()
    assert tuples["dossiers"] == 3000
    assert all(tuples[name] > 0 for name in ("dossier_steps", "dossier_daily", "dossier_monthly", "tasks")), tuples


def test_on_the_fifth_of_a_month_the_default_scorecard_ranks_most_communes(tmp_path):
    """Issue #28: the first days of a month left 50 of 65 communes «không đủ dữ liệu» on the meeting's scorecard and
    map. The default view now ranks at least 80 % of the communes in force that had dossiers in the last year."""
    from datetime import timedelta

    from config.settings import load_settings
    from data_access.figures import assemble as figures
    from data_access.figures.dossier_queries import NO_FILTER
    from data_access.figures.source import open_source
    from metrics.periods import Period, period_to_date

    engine = create_engine(f"sqlite:///{tmp_path / 'ngay_5.sqlite3'}")
    end = date(2026, 12, 5)
    build_demo(engine, end)  # the demo `make run` builds (200,000 dossiers)
    settings, source = load_settings(), open_source(engine)
    period = period_to_date(settings.default_period, end, None, settings.week_starts_on)
    window, _ = figures.scorecard_comparison(source, settings.default_period, period, settings.scorecard_months,
                                             settings.week_starts_on)
    scored = figures.scorecard(source, window, NO_FILTER, settings.scorecard_specs, settings.min_dossiers)[0]
    year = figures.scorecard(source, Period(end - timedelta(days=364), end), NO_FILTER, settings.scorecard_specs, 0)[0]
    active = year.loc[(year["received"] + year["carried_over"]) > 0, "unit_id"]
    assert len(scored) == 65 and len(active) >= 60
    assert scored.loc[scored["unit_id"].isin(active), "rank"].notna().sum() >= 0.8 * len(active)
    alone = figures.scorecard(source, period, NO_FILTER, settings.scorecard_specs, settings.min_dossiers)[0]
    assert alone["rank"].notna().sum() < 0.8 * len(active)  # the period alone would not have (the test can fail)
