"""Alembic migrations on SQLite and PostgreSQL: the migrated schema is exactly the declared one."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from data_access.migrate import current, head, upgrade
from data_access.schema import metadata


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
    # how databases were created before Alembic: create_all with the tables of the first revision
    metadata.create_all(engine, tables=[t for t in metadata.sorted_tables if t.name != "dossier_daily"])
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO fields (name, name_key, is_land_env) VALUES ('Đất đai', 'dat dai', 1)")
    assert current(engine) is None
    upgrade(engine)
    assert current(engine) == head()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM fields").scalar() == "Đất đai"
    assert {"alembic_version", "dossier_daily"} <= set(inspect(engine).get_table_names())
