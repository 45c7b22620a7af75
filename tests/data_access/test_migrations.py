"""Alembic migrations on SQLite and PostgreSQL: the migrated schema is exactly the declared one."""

from datetime import date

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, insert, inspect

from data_access.migrate import current, head, upgrade
from data_access.schema import dossier_daily, metadata
from metrics.rollup import DAILY_COUNTERS
from tests.data_access.helpers import assert_rollup_matches_dossiers, random_dossiers, write_dossiers


def test_migrated_schema_equals_the_declared_schema(engine):
    # the fixture has already migrated the empty database
    assert current(engine) == head()
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert differences == []
    assert upgrade(engine) == head()  # idempotent


def test_database_created_before_migrations_is_stamped_and_kept(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = create_engine(url)
    # how databases were created before Alembic: the tables of the first revision, no alembic_version
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE alembic_version")
        conn.exec_driver_sql("INSERT INTO fields (name, name_key, is_land_env) VALUES ('Đất đai', 'dat dai', 1)")
    assert current(engine) is None
    upgrade(engine)
    assert current(engine) == head()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM fields").scalar() == "Đất đai"
    assert {"alembic_version", "dossier_daily", "dossier_monthly", "meetings"} <= set(inspect(engine).get_table_names())


def test_upgrade_to_the_monthly_rollup_rebuilds_both_rollups(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'v2.sqlite3'}")
    assert upgrade(engine, "0002") == "0002"
    with engine.begin() as conn:
        write_dossiers(conn, random_dossiers(2, 120))
        conn.execute(insert(dossier_daily).values(day=date(2024, 1, 1), agency_id=1, field_id=1, unit_id=0, level="",
                                                  **dict.fromkeys(DAILY_COUNTERS, 1)))  # a rollup row of the old kind
    assert upgrade(engine) == head()
    with engine.connect() as conn:
        assert_rollup_matches_dossiers(conn)
