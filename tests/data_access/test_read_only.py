"""A read-only database file (issue #16, item 13): it opens read-only for viewing, signing in works, and every write
(import, meeting, account change, `cli.py init`) is refused in Vietnamese with the file left byte-identical.

In-process tests open the file through a SQLite `mode=ro` URI, which SQLite enforces even for root. The command-line
test makes the file 0444 and drops the capability that lets root write it anyway (`setpriv`), so the product's own
detection (`data_access.store.engine.file_read_only`) is what opens it read-only."""

import hashlib
import os
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from data_access.accounts.store import SignInRefused, add_account, set_password, sign_in
from data_access.demo.build import build_demo
from data_access.importing.runner import run_import
from data_access.meetings.records import create_meeting
from data_access.store.context import app_context, forget_context
from data_access.store.engine import ReadOnlyDatabase, file_read_only, is_read_only
from data_access.store.schema import audit_log, dossiers
from tests.conftest import no_write_override
from tests.data_access.helpers import database_checksum
from tests.data_access.import_files import records, write_csv
from texts import command_line as T
from texts import messages as M

ROOT = Path(__file__).resolve().parents[2]
USER, PASSWORD = "chi_xem", "mật khẩu chỉ xem"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    """Return a small demo database file with one viewing account, closed (WAL checkpointed)."""
    path = tmp_path_factory.mktemp("ro") / "demo.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    build_demo(engine, date(2026, 6, 30), n_dossiers=2_000, seed=5)
    app_context(f"sqlite:///{path}")  # brings it to the latest revision, as `cli.py init` does
    forget_context(f"sqlite:///{path}")
    with engine.begin() as conn:
        add_account(conn, USER, "lanh_dao", PASSWORD)
    engine.dispose()
    return path


@pytest.fixture
def read_only(demo_file):
    """Yield the read-only context of the demo file and the checksum of every table before the test."""
    with create_engine(f"sqlite:///{demo_file}").connect() as conn:
        before = database_checksum(conn)
    url = f"sqlite:///file:{demo_file}?mode=ro&uri=true"
    context = app_context(url)
    yield context, before
    forget_context(url)
    with create_engine(f"sqlite:///{demo_file}").connect() as conn:
        assert database_checksum(conn) == before


def test_the_file_opens_read_only_and_reads_the_same_figures(read_only, demo_file):
    context, _ = read_only
    assert context.read_only and is_read_only(context.engine)
    with context.engine.connect() as conn:
        seen = conn.execute(select(func.count()).select_from(dossiers)).scalar()
    with create_engine(f"sqlite:///{demo_file}").connect() as conn:
        assert seen == conn.execute(select(func.count()).select_from(dossiers)).scalar() == 2_000


def test_signing_in_works_and_failures_lock_in_memory(read_only):
    context, _ = read_only
    assert sign_in(context.engine, USER, PASSWORD).username == USER
    now = datetime(2026, 7, 1, 8, 0)
    for _ in range(5):
        with pytest.raises(SignInRefused, match=M.SIGN_IN_WRONG):
            sign_in(context.engine, USER, "sai", now=now)
    with pytest.raises(SignInRefused) as locked:
        sign_in(context.engine, USER, PASSWORD, now=now)
    assert str(locked.value) == M.SIGN_IN_LOCKED.format(seconds=30)
    assert sign_in(context.engine, USER, PASSWORD, now=datetime(2026, 7, 1, 8, 1)).username == USER
    with context.engine.connect() as conn:
        assert conn.execute(select(audit_log.c.action)).scalars().all() == ["demo", "account_add"]  # the fixture's only


def test_every_write_is_refused_in_vietnamese(read_only, tmp_path):
    context, _ = read_only
    csv = write_csv(tmp_path / "xuat.csv", "utf-8", ",", records()[:3])
    with pytest.raises(ReadOnlyDatabase, match="chỉ đọc"):
        run_import(context.engine, csv, "dossiers")
    with pytest.raises(ReadOnlyDatabase) as refused, context.engine.begin() as conn:
        create_meeting(conn, date(2026, 7, 1), "Họp", datetime(2026, 6, 30, 17))
    assert str(refused.value) == M.DATABASE_READ_ONLY
    with pytest.raises(ReadOnlyDatabase), context.engine.begin() as conn:
        set_password(conn, USER, "mật khẩu mới dài")


def test_a_writable_file_is_not_taken_for_read_only(tmp_path):
    path = tmp_path / "ghi.sqlite3"
    path.write_bytes(b"")
    assert not file_read_only(path)
    assert not file_read_only(tmp_path / "chua_co.sqlite3")


def _run(*args: str, url: str) -> subprocess.CompletedProcess:
    return subprocess.run([*no_write_override(), sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True,
                          text=True, env=dict(os.environ, DATABASE_URL=url), timeout=300)


def test_a_0444_file_is_served_read_only_by_the_command_line(demo_file, tmp_path):
    path = tmp_path / "chi_doc.sqlite3"
    shutil.copy(demo_file, path)
    path.chmod(0o444)
    url = f"sqlite:///{path}"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    started = _run("init", url=url)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == T.DATABASE_READ_ONLY_READY.format(url=url)
    counted = _run("summary", "--as-of", "2026-06-30", url=url)
    assert counted.returncode == 0 and '"dossiers"' in counted.stdout
    csv = write_csv(tmp_path / "xuat.csv", "utf-8", ",", records()[:3])
    refused = _run("import", "dossiers", str(csv), url=url)
    assert refused.returncode == 1 and refused.stderr.strip() == M.DATABASE_READ_ONLY
    assert "Traceback" not in refused.stderr + started.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_a_wal_file_on_a_read_only_folder_is_opened_immutable(demo_file, tmp_path):
    """Issue #30, item 12: neither the file nor its folder can be written (a read-only mount)."""
    folder = tmp_path / "gan_chi_doc"
    folder.mkdir()
    path = folder / "chi_doc.sqlite3"
    shutil.copy(demo_file, path)
    with create_engine(f"sqlite:///{path}").connect() as conn:  # the file is in WAL mode, as the app leaves it
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    for name in ("chi_doc.sqlite3-wal", "chi_doc.sqlite3-shm"):
        (folder / name).unlink(missing_ok=True)
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        counted = _run("summary", "--as-of", "2026-06-30", url=f"sqlite:///{path}")
        assert counted.returncode == 0, counted.stderr
        assert '"dossiers"' in counted.stdout and "unable to open" not in counted.stderr
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
        assert sorted(p.name for p in folder.iterdir()) == ["chi_doc.sqlite3"]
    finally:
        folder.chmod(0o755)
