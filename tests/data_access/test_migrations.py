"""Alembic migrations on SQLite and PostgreSQL: the migrated schema is exactly the declared one."""

import json
from datetime import date, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, insert, inspect, select

from data_access.figures.source import open_source
from data_access.meetings.records import stored_figures
from data_access.store.migrate import current, head, upgrade
from data_access.store.schema import conclusions, dossier_daily, meetings, metadata, tasks
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


def test_upgrade_to_conclusions_copies_the_conclusions_recorded_as_tasks(tmp_path):
    """Revision 0015 (issue #32): a meeting's conclusions were tasks; they are copied in, in the order recorded, each
    pointing at its task; a task from an import (no meeting) is not a conclusion."""
    engine = create_engine(f"sqlite:///{tmp_path / 'v14.sqlite3'}")
    assert upgrade(engine, "0014") == "0014"
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO agencies (id, name, name_key) VALUES (901, 'Sở Thử', 'so thu')")
        conn.exec_driver_sql("INSERT INTO meetings (id, held_on, title, cutoff_at, created_at, figures) VALUES "
                             "(7, '2026-07-01', 'Giao ban', '2026-06-30 17:00:00', '2026-06-30 18:00:00', '{}')")
        for task_id, key, meeting, content in ((31, "k1", 7, "Việc một"), (32, "k2", None, "Nhập từ tệp"),
                                               (33, "k3", 7, "Việc hai")):
            conn.execute(insert(tasks).values(id=task_id, task_key=key, doc_number="Kết luận: Giao ban",
                                              content=content, lead_agency_id=901, coordinating="Sở Tài chính",
                                              deadline=date(2026, 7, 15), source_meeting_id=meeting))
    assert upgrade(engine) == head()
    with engine.connect() as conn:
        rows = conn.execute(select(conclusions.c.meeting_id, conclusions.c.content, conclusions.c.lead_agency_id,
                                   conclusions.c.coordinating, conclusions.c.deadline, conclusions.c.task_id)
                            .order_by(conclusions.c.id)).all()
    assert [tuple(r) for r in rows] == [(7, "Việc một", 901, "Sở Tài chính", date(2026, 7, 15), 31),
                                        (7, "Việc hai", 901, "Sở Tài chính", date(2026, 7, 15), 33)]


def test_upgrade_keeps_the_headline_a_meeting_stored_and_new_meetings_store_none(tmp_path):
    """Revision 0016 (issue #31): a meeting's figures are its frames; one created before keeps the JSON it stored and
    is still shown from it."""
    engine = create_engine(f"sqlite:///{tmp_path / 'v15.sqlite3'}")
    assert upgrade(engine, "0015") == "0015"
    stored = {"as_of": "2026-06-30", "from": "2026-06-01", "dossiers": {"received": 12}, "tasks": {}}
    with engine.begin() as conn:
        conn.execute(insert(meetings).values(id=7, held_on=date(2026, 7, 1), title="Giao ban",
                                             cutoff_at=datetime(2026, 6, 30, 17), created_at=datetime(2026, 6, 30, 18),
                                             figures=json.dumps(stored)))
    assert upgrade(engine) == head()
    with engine.begin() as conn:
        conn.execute(insert(meetings).values(id=8, held_on=date(2026, 7, 8), title="Giao ban",
                                             cutoff_at=datetime(2026, 7, 7, 17), created_at=datetime(2026, 7, 7, 18)))
        assert stored_figures(conn, 7) == stored and stored_figures(conn, 8) is None
    assert open_source(engine, 7).headline() == stored
