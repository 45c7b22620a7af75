"""Engine configuration, reference data, meta, tasks and index results."""

from datetime import date

import pytest

from data_access.figures.index_queries import load_index_results, read_index_csv, replace_index_results
from data_access.figures.task_queries import load_tasks
from data_access.reference.lookup import (
    apply_land_env_group,
    get_or_create_agency,
    get_or_create_field,
    list_fields,
    list_units,
)
from data_access.store import engine as engine_module
from data_access.store.engine import database_url, describe_url, dispose_engine, get_engine
from data_access.store.meta import DATA_AS_OF, DATA_KIND, read_meta, record_load
from metrics.tasks import classify_tasks, status_counts
from tests.data_access.helpers import read_units_csv, upsert_units, write_tasks
from tests.metrics.fixtures import task_frame


def test_url_precedence(tmp_path, monkeypatch):
    secrets = tmp_path / "secrets.toml"
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert database_url(secrets).startswith("sqlite:///") and database_url(secrets).endswith("data/cchc.sqlite3")
    secrets.write_text('[database]\nurl = "postgresql://u:secret@db/cchc"\n', encoding="utf-8")
    assert database_url(secrets) == "postgresql://u:secret@db/cchc"
    monkeypatch.setenv("DATABASE_URL", "sqlite:///elsewhere.db")
    assert database_url(secrets) == "sqlite:///elsewhere.db"
    assert "secret" not in describe_url("postgresql://u:secret@db/cchc")


def test_one_engine_per_url_created_lazily(tmp_path):
    url = f"sqlite:///{tmp_path / 'sub' / 'x.db'}"
    assert url not in engine_module._engines
    first = get_engine(url)
    assert get_engine(url) is first and (tmp_path / "sub").is_dir()
    dispose_engine(url)
    assert get_engine(url) is not first
    dispose_engine(url)


def test_units_csv_and_upsert(engine):
    rows = read_units_csv()
    assert len(rows) == 9 and rows[0]["name"] == "Thành phố Nha Trang" and rows[0]["short_name"] == "Nha Trang"
    assert rows[0]["valid_to"] == date(2025, 6, 30)
    with engine.begin() as conn:
        ids = upsert_units(conn, rows)
        again = upsert_units(conn, rows)
        assert ids == again
    with engine.connect() as conn:
        units = list_units(conn)
    assert len(units) == 9 and units.loc[units["short_name"] == "Trường Sa", "latitude"].iloc[0] == pytest.approx(8.644)


def test_get_or_create_matches_accent_and_case_insensitively(engine):
    with engine.begin() as conn:
        a = get_or_create_field(conn, "Đất đai")
        assert get_or_create_field(conn, "ĐẤT  ĐAI") == a
        b = get_or_create_agency(conn, "Sở Tư pháp")
        assert get_or_create_agency(conn, "so tu phap") == b
        get_or_create_field(conn, "Tài nguyên nước")
        assert apply_land_env_group(conn, ["dat dai", "Tài nguyên nước"]) == 2
    with engine.connect() as conn:
        flagged = list_fields(conn).set_index("name")["is_land_env"].to_dict()
    assert flagged == {"Đất đai": True, "Tài nguyên nước": True}


def test_meta_roundtrip(engine):
    with engine.begin() as conn:
        record_load(conn, "demo", date(2026, 11, 23))
        record_load(conn, "real", date(2026, 11, 24))
    with engine.connect() as conn:
        values = read_meta(conn)
    assert values[DATA_KIND] == "real" and values[DATA_AS_OF] == "2026-11-24"


def test_tasks_load_and_classify(engine):
    with engine.begin() as conn:
        write_tasks(conn, task_frame())
    with engine.connect() as conn:
        loaded = load_tasks(conn, issued_by=date(2024, 3, 31))
    assert len(loaded) == 9  # T8 is issued on 5/4
    counts = status_counts(classify_tasks(loaded, date(2024, 3, 31))).iloc[0].to_dict()
    assert counts == {"done_on_time": 2, "done_late": 1, "open_within_deadline": 3, "open_overdue": 2,
                      "no_deadline": 1, "total": 9}


def test_public_index_csv_keeps_sources(engine):
    rows = read_index_csv()
    khanh_hoa_2024 = [r for r in rows if r["index_name"] == "PAR INDEX" and r["period"] == "2024"
                      and r["province"] == "Khánh Hòa"]
    assert khanh_hoa_2024[0]["rank"] == 10 and khanh_hoa_2024[0]["score"] == pytest.approx(90.49)
    assert khanh_hoa_2024[0]["source"].startswith("https://")
    with engine.begin() as conn:
        replace_index_results(conn, rows)
        replace_index_results(conn, rows)  # replacing keeps one row per key
    with engine.connect() as conn:
        loaded = load_index_results(conn)
    assert len(loaded) == len(rows) and not loaded["is_demo"].any()


@pytest.mark.postgres
def test_postgres_url_options_are_kept_with_the_statement_timeout():
    from sqlalchemy import text

    from tests.conftest import postgres_reachable

    if not postgres_reachable():
        pytest.skip("PostgreSQL at 127.0.0.1:5432 cannot be reached")
    url = "postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3Dpg_catalog"
    engine = get_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SHOW search_path")).scalar() == "pg_catalog"
        assert conn.execute(text("SHOW statement_timeout")).scalar() == "30s"
    dispose_engine(url)
