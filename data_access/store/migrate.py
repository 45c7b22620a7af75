"""Schema management with Alembic: every database (SQLite or PostgreSQL) is brought to the latest revision.

A database created before migrations existed (tables present, no `alembic_version`) has exactly the first
revision's schema; it is stamped with that revision and then upgraded.
"""

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from data_access.store.engine import refresh_statistics
from data_access.store.rollup import rebuild_rollup, rollup_is_missing
from data_access.store.schema import dossier_steps
from data_access.store.step_order import number_steps, steps_unnumbered

ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = ROOT / "migrations"
FIRST_REVISION = "0001"
STEPS_NUMBERED_AT = "0010"  # the revision that added the steps' places (data_access.store.step_order)
log = logging.getLogger(__name__)


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head() -> str:
    """Return the latest revision id."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def current(engine: Engine) -> str | None:
    """Return the revision a database is at (None when it was never migrated)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str:
    """Bring the database to the latest revision (stamping a pre-migration database first), rebuild the rollups
    when a migration emptied them and number the steps stored before their places were kept; return the revision."""
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        tables = set(inspect(conn).get_table_names())
        if "dossiers" in tables and "alembic_version" not in tables:
            command.stamp(config, FIRST_REVISION)
        before = MigrationContext.configure(conn).get_current_revision()
        command.upgrade(config, revision)
        if revision == "head" and rollup_is_missing(conn):
            log.warning("rebuilding the dossier rollups after a schema upgrade")
            rebuild_rollup(conn)
        # only when this upgrade added the places: finding no unnumbered step means reading them all (0,3–0,7 s at
        # 3 M steps), and every import and start calls this
        crossed = before is None or before < STEPS_NUMBERED_AT  # revision ids are zero-padded: they sort as text
        if revision == "head" and crossed and steps_unnumbered(conn):
            log.warning("numbering the dossier steps after a schema upgrade")
            number_steps(conn)
            refresh_statistics(conn, [dossier_steps])  # every row was rewritten
    return head() if revision == "head" else revision


def create_schema(engine: Engine) -> None:
    """Bring the database to the latest Alembic revision (creating every table on an empty one)."""
    upgrade(engine)
