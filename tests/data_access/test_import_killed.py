"""An import killed with SIGKILL at any stage leaves the database exactly as before (issue #16): reading, the
duplicate check, the merge and the rollup update each end in a process that dies without a word, and every table's
checksum, the March figures and the rollups equal those before it, on SQLite and PostgreSQL."""

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from data_access.figures.dossier_queries import dossier_counts
from data_access.importing.runner import run_import
from data_access.store.engine import get_engine
from data_access.store.migrate import create_schema
from metrics.periods import Period
from tests.conftest import PG_ADMIN_URL, pg_schema
from tests.data_access.helpers import assert_rollup_matches_dossiers, database_checksum, read_units_csv, upsert_units
from tests.data_access.import_files import records, write_csv
from texts import messages as M

ROOT = Path(__file__).resolve().parents[2]
MARCH = Period(date(2024, 3, 1), date(2024, 3, 31))
STAGES = {"reading": M.STEP_READ.split("{")[0], "duplicates": M.STEP_DUPLICATES, "merge": M.STEP_WRITE,
          "rollup": M.STEP_ROLLUP}
CHILD = """
import os, signal, sys
from data_access.store.engine import get_engine
from data_access.importing.runner import run_import

def progress(message, fraction):
    if message.startswith(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)  # no cleanup, no rollback by Python: the process just ends

run_import(get_engine(sys.argv[1]), sys.argv[2], "dossiers", progress=progress)
print("not killed")
"""


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """Yield the URL of a database another process can open: a SQLite file, or a throw-away PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tat.sqlite3'}"
        return
    with pg_schema() as schema:
        yield f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"


def _second_export() -> list[list]:
    """Return the next week's export: D7 and D8 resolved, and 300 new dossiers."""
    rows = records()
    for row in rows:
        if row[1] in ("D7", "D8"):
            row[10], row[11] = "02/04/2024", "Đã trả kết quả"
    base = rows[0]
    for i in range(300):
        new = list(base)
        new[0], new[1], new[8], new[9], new[10] = 14 + i, f"N{i:04d}", f"{1 + i % 28:02d}/03/2024", "31/03/2024", ""
        new[11] = "Đang xử lý"
        rows.append(new)
    return rows


@pytest.mark.parametrize("stage", list(STAGES))
def test_an_import_killed_at_any_stage_changes_nothing(db_url, tmp_path, stage):
    engine = get_engine(db_url)
    create_schema(engine)
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
    run_import(engine, write_csv(tmp_path / "tuan_1.csv", "utf-8", ";"), "dossiers")
    with engine.connect() as conn:
        before = database_checksum(conn)
        figures = dossier_counts(conn, MARCH).to_dict("records")
    export = write_csv(tmp_path / "tuan_2.csv", "utf-8", ";", _second_export())
    child = subprocess.run([sys.executable, "-c", CHILD, db_url, str(export), STAGES[stage]], cwd=ROOT,
                           capture_output=True, text=True, timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert child.returncode == -signal.SIGKILL, (child.returncode, child.stdout, child.stderr[-2000:])
    engine.dispose()
    engine = get_engine(db_url)
    with engine.connect() as conn:
        assert database_checksum(conn) == before
        assert dossier_counts(conn, MARCH).to_dict("records") == figures
        assert_rollup_matches_dossiers(conn)
    report = run_import(engine, export, "dossiers")  # and the same file imports whole afterwards
    assert (report.inserted, report.updated) == (300, 2)
