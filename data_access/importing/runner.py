"""Runs one import: read → find header → validate every row → stage → check duplicates → merge, in ONE
transaction. A refused file (strict mode) writes nothing and leaves earlier data as it was."""

import csv
import logging
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, func, insert, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from config.settings import load_settings
from data_access.accounts.audit import record
from data_access.accounts.scopes import detach_scopes, reattach_scopes, remove_demo_accounts
from data_access.accounts.store import Account, require
from data_access.importing import xlsx_columns
from data_access.importing.columns import contract
from data_access.importing.dossier_kind import DossierRows
from data_access.importing.headers import SCAN_ROWS, find_header, missing_required
from data_access.importing.lineage_kinds import AgencyLineageRows, AgencyRows, UnitLineageRows
from data_access.importing.other_kinds import IndexRows, StepRows, TaskRows, UnitRows
from data_access.importing.readers import ReadError, file_bytes_sha256, iter_rows, open_source, xlsx_data, xlsx_head
from data_access.importing.report import ImportRefused, ImportReport, Problem
from data_access.importing.resolve import Resolver
from data_access.importing.rollup_sync import RollupSync
from data_access.importing.rows import Chunk, is_skippable
from data_access.importing.staging import create_staging, drop_rows, duplicate_rows, index_staging, load, merge
from data_access.importing.values import show, vn_date
from data_access.importing.window import DateWindow
from data_access.reference.lookup import apply_land_env_group, ensure_reference
from data_access.store.engine import WRITER, ReadOnlyDatabase, is_read_only, refresh_statistics
from data_access.store.meta import DATA_KIND, read_meta, record_load
from data_access.store.migrate import create_schema
from data_access.store.schema import (
    agencies,
    agency_lineage,
    dossier_daily,
    dossier_monthly,
    dossier_steps,
    dossiers,
    fields,
    import_log,
    index_results,
    procedures,
    tasks,
)
from data_access.store.step_order import number_steps
from metrics.text import spreadsheet_text
from texts import messages as M
from texts.fmt import fmt_int

CHUNK = 20_000
log = logging.getLogger(__name__)
FILE_NAME_CHARS = 300  # import_log.file_name
RESULT_HEADER = next(c.header for c in contract("dossiers") if c.key == "result_on")  # named in row problems
ROW_PARSERS = {"dossiers": DossierRows, "tasks": TaskRows, "indexes": IndexRows, "units": UnitRows,
               "steps": StepRows, "unit-lineage": UnitLineageRows, "agencies": AgencyRows,
               "agency-lineage": AgencyLineageRows}
Progress = Callable[[str, float], None]


class _DryRun(Exception):
    """Raised to roll back a validation-only run."""


def _refuse(report: ImportReport, reason: str) -> ImportRefused:
    report.add(Problem(None, None, None, reason))
    return ImportRefused(report, reason)


def purge_demo(conn: Connection) -> bool:
    """Remove demo data before the first real import (units and published index results stay), with the demo's
    accounts; other accounts keep their scope (data_access.accounts.scopes)."""
    if read_meta(conn).get(DATA_KIND) != "demo":
        return False
    remove_demo_accounts(conn)
    kept = detach_scopes(conn)
    for table in (dossier_daily, dossier_monthly, dossier_steps, dossiers, tasks, procedures, agency_lineage, agencies,
                  fields):
        conn.execute(delete(table))
    conn.execute(delete(index_results).where(index_results.c.is_demo.is_(True)))
    ensure_reference(conn)
    reattach_scopes(conn, kept)
    return True


def _estimated_rows(path: Path, suffix: str) -> int | None:
    if suffix == ".csv":
        size = path.stat().st_size
        with open(path, "rb") as handle:
            sample = handle.read(1 << 20)
        if not sample:
            return None
        lines = max(1, sample.count(b"\n"))
        return max(1, int(size / (len(sample) / lines)))
    return None


class _RejectedFile:
    """Writes rejected rows with their reasons next to the input (only with --skip-invalid)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle = None
        self.writer = None

    def write(self, problems: list[Problem], cells: dict[str, str] | None) -> None:
        if self.writer is None:
            self.handle = open(self.path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
            self.writer = csv.writer(self.handle)
            self.writer.writerow(M.ERROR_FILE_HEADER)
        row_text = "; ".join(f"{k}: {v}" for k, v in (cells or {}).items())
        for problem in problems:  # a bad cell such as "=HYPERLINK(…)" is written as text, never as a live formula
            self.writer.writerow([spreadsheet_text(v) for v in (problem.row, problem.column or "", problem.value or "",
                                                                problem.reason, row_text)])

    def close(self) -> None:
        if self.handle:
            self.handle.close()


@contextmanager
def _foreign_keys_off(conn: Connection) -> Iterator[None]:
    """On SQLite, skip per-row foreign-key checks for this import's transaction, then restore them.

    Every id an import writes comes from the Resolver inside the same transaction, so it exists by
    construction; the checks cost most of a large merge (9 of 11 s for a million rows). SQLite only
    accepts the pragma outside a transaction, so it is set on the raw connection before BEGIN.
    """
    raw = conn.connection.dbapi_connection if conn.dialect.name == "sqlite" else None
    if raw is not None:
        raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=ON")


def run_import(engine: Engine, path: str | Path, kind: str, sheet: str | None = None, skip_invalid: bool = False,
               dry_run: bool = False, progress: Progress | None = None, file_name: str | None = None,
               land_env_fields: tuple[str, ...] = ("Đất đai", "Môi trường"), actor: Account | None = None,
               address: str | None = None, allow_older: bool = False, window: DateWindow | None = None
               ) -> ImportReport:
    """Import one file of `kind` as `actor` (None: the command line); return its report, or raise ImportRefused
    (nothing written; the refusal of a real import is audited) or NotAllowed (the actor's role may not import).

    Dates outside `window` (default: settings.toml `[import]`, today) are row errors. A dossier file that would
    take a recorded result away from a stored dossier (an older export) is refused unless `allow_older`, and then
    the import log records how many were rolled back."""
    try:
        return _import(engine, path, kind, sheet, skip_invalid, dry_run, progress, file_name, land_env_fields, actor,
                       address, allow_older, window)
    except ImportRefused as refused:
        report = refused.report
        busy = refused.reason == M.IMPORT_BUSY.format(file=report.file_name)  # the database is held: do not wait again
        if not dry_run and not busy and not is_read_only(engine):
            detail = M.AUDIT_IMPORT_REFUSED.format(kind=kind, file=report.file_name, n=report.problem_count,
                                                   reason=(refused.reason.splitlines() or [""])[0][:300])
            try:
                with engine.begin() as conn:  # its own transaction: the import's was rolled back
                    record(conn, actor, "import_refused", detail, address)
            except SQLAlchemyError:  # the refusal itself is what the user must see
                log.exception("cannot audit the refusal of %s", report.file_name)
        raise


def _import(engine: Engine, path: str | Path, kind: str, sheet: str | None, skip_invalid: bool, dry_run: bool,
            progress: Progress | None, file_name: str | None, land_env_fields: tuple[str, ...],
            actor: Account | None, address: str | None, allow_older: bool, window: DateWindow | None
            ) -> ImportReport:
    require(actor, "import")
    if is_read_only(engine):
        raise ReadOnlyDatabase()
    if window is None:
        settings = load_settings()
        window = DateWindow.of(settings.earliest_date, settings.due_years_ahead)
    started = time.perf_counter()
    path = Path(path)
    columns = contract(kind)
    report = ImportReport(kind=kind, file_name=(file_name or path.name)[:FILE_NAME_CHARS], sheet=sheet, dry_run=dry_run,
                          imported_by=None if actor is None else actor.username, address=address)
    step = progress or (lambda _message, _fraction: None)
    try:
        source = open_source(path, sheet)
    except ReadError as exc:
        raise _refuse(report, str(exc)) from exc
    report.sha256 = file_bytes_sha256(path)
    report.sheet = source.sheet or (source.sheet_names[0] if source.sheet_names else None)
    create_schema(engine)
    rejected_file = _RejectedFile(path.with_name(f"{path.stem}.loi.csv")) if skip_invalid and not dry_run else None
    try:
        with engine.connect() as conn, _foreign_keys_off(conn), conn.execution_options(**{WRITER: True}).begin():
            _one_writer(conn)
            _run(conn, source, columns, kind, report, skip_invalid, rejected_file, step, land_env_fields,
                 _estimated_rows(path, source.suffix), window, allow_older)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except OperationalError as exc:  # another import held the database past the wait (30 s)
        if not _busy(exc):
            raise
        raise _refuse(report, M.IMPORT_BUSY.format(file=report.file_name)) from exc
    except ReadError as exc:
        raise _refuse(report, str(exc)) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # a damaged member (bad CRC, truncated upload)
        raise _refuse(report, M.XLSX_DAMAGED.format(file=report.file_name)) from exc
    finally:
        if rejected_file:
            rejected_file.close()
            report.error_file = str(rejected_file.path) if rejected_file.writer else None
    report.committed = not dry_run
    report.seconds = time.perf_counter() - started
    step(M.STEP_DONE, 1.0)
    return report


IMPORT_LOCK = 0x43434843  # PostgreSQL advisory lock key of imports ("CCHC")


def _one_writer(conn: Connection) -> None:
    """Make a second import wait for the first (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction lock)."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(IMPORT_LOCK)))


def _busy(exc: OperationalError) -> bool:
    """Return True when the error says another writer held the database (SQLite locked, PostgreSQL timeout)."""
    text = str(exc.orig).lower()
    return "database is locked" in text or "statement timeout" in text or "canceling statement" in text


def _run(conn: Connection, source, columns, kind: str, report: ImportReport, skip_invalid: bool,
         rejected_file: _RejectedFile | None, step: Progress, land_env_fields: tuple[str, ...],
         estimated: int | None, window: DateWindow, allow_older: bool) -> None:
    head = xlsx_head(source, SCAN_ROWS)  # an .xlsx the column reader can read: its first rows, from the XML
    header, rows, _scanned = find_header(iter(head) if head is not None else iter_rows(source), columns)
    missing = missing_required(header, columns)
    if missing:
        found = ", ".join(header.found) if header else M.NO_HEADER_FOUND
        raise _refuse(report, M.MISSING_REQUIRED.format(
            file=report.file_name, columns=", ".join("«" + c.header + "»" for c in missing), found=found))
    report.header_row = header.row
    report.mapping = {c.header: header.headers[c.key] for c in columns if c.key in header.index}
    report.ignored, report.personal = header.ignored, header.personal
    loading = _in_background(xlsx_data, source, header.row) if head is not None else None  # parsed outside the GIL
    if purge_demo(conn):
        report.warn(M.DEMO_REPLACED)
    ensure_reference(conn)
    parser = ROW_PARSERS[kind](header, Resolver(conn), report)
    parser.window = window
    staging = create_staging(conn, parser.target)
    rollup = RollupSync(conn, estimated if head is None else source.rows) if kind == "dossiers" else None
    try:
        pending: list[tuple[int, list]] = []

        def flush(chunk: Chunk) -> None:
            records = parser.parse(chunk)
            load(conn, staging, records)
            if rollup is not None:
                rollup.add(records)
            for position, problems in sorted(chunk.problems.items()):
                report.rejected += 1
                for problem in problems:
                    report.add(problem)
                if rejected_file:
                    rejected_file.write(problems, chunk.mapped_cells(position))
            pending.clear()
            done = report.rows_read / estimated if estimated else 0.5
            step(M.STEP_READ.format(n=fmt_int(report.rows_read)), min(0.85, 0.85 * done))

        if loading is not None:
            step(M.STEP_SHEET.format(n=fmt_int(source.rows or 0)), 0.05)
        sheet = loading.result() if loading is not None else None
        if sheet is not None:  # column by column (an .xlsx)
            estimated = len(sheet)
            for chunk, blank, totals in xlsx_columns.chunks(sheet, header, parser.key_column, CHUNK):
                report.blank_rows += blank
                report.totals_rows += totals
                report.rows_read += len(chunk)
                flush(chunk)
        else:
            if head is not None:  # the column reader could not read the data: the row reader does, below the header
                rows = (row for row in iter_rows(source) if row[0] > header.row)
            for number, cells in rows:
                skip = is_skippable(cells, header, parser.key_column)  # returns at once for an ordinary data row
                if skip == "blank":
                    report.blank_rows += 1
                    continue
                if skip == "totals":
                    report.totals_rows += 1
                    continue
                report.rows_read += 1
                pending.append((number, cells))
                if len(pending) >= CHUNK:
                    flush(Chunk(pending, header))
            flush(Chunk(pending, header))
        if report.rows_read == 0:  # headers only: not a load of nothing (it would replace the demo, move the date)
            raise _refuse(report, M.NO_DATA_ROWS.format(file=report.file_name, row=header.row))
        step(M.STEP_DUPLICATES, 0.88)
        index_staging(conn, staging, parser.target)
        dropped = _duplicates(conn, staging, parser, report, skip_invalid, rejected_file)
        target = parser.target.fed_by(set(header.index), {c.key for c in columns})  # what the file lacks stays
        if kind == "dossiers" and "result_on" in target.updatable:
            dropped = _older(conn, staging, report, skip_invalid, allow_older, rejected_file) or dropped
        if report.problem_count and not skip_invalid:
            raise ImportRefused(report, M.FILE_REFUSED.format(file=report.file_name,
                                                                       n=fmt_int(report.problem_count)))
        step(M.STEP_WRITE, 0.92)
        if rollup is not None:
            rollup.before_merge(staging, target, dropped)
        report.inserted, report.updated, report.unchanged = merge(conn, staging, target)
        if rollup is not None:
            step(M.STEP_ROLLUP, 0.96)
            rollup.after_merge()
        if kind == "steps" and report.inserted + report.updated:  # the places of every step of the dossiers written
            number_steps(conn, select(staging.c.dossier_code).distinct())
        staging.drop(conn)
        if report.inserted + report.updated:
            refresh_statistics(conn, [parser.target.table, *([dossier_daily, dossier_monthly] if rollup else [])])
        apply_land_env_group(conn, land_env_fields)
        _log(conn, report, kind)
    except BaseException:
        if rollup is not None:
            rollup.close()  # a refusal or a failure: the worker summing the rollup stops
        raise


def _in_background(function: Callable, *args) -> Future:
    """Return the future result of function(*args), run on a thread of its own (fastexcel parses a sheet without
    holding the interpreter lock, while the import prepares its transaction)."""
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-read")
    try:
        return worker.submit(function, *args)
    finally:
        worker.shutdown(wait=False)


def _duplicates(conn: Connection, staging, parser, report: ImportReport, skip_invalid: bool,
                rejected_file: _RejectedFile | None) -> bool:
    """Report repeated keys (and drop the repeats with skip_invalid); return True when rows were dropped."""
    key = getattr(parser, "key_header", parser.target.keys[0])
    header = parser.header.headers.get(key, key)
    dropped: list[int] = []
    repeated = duplicate_rows(conn, staging, parser.target)
    labels = _labels(conn, staging, getattr(parser, "key_shown", ()), [numbers[0] for _, numbers in repeated])
    for key, numbers in repeated:
        value = labels.get(numbers[0]) or show(key[0])
        for number in numbers[1:]:
            problem = Problem(number, header, value, M.DUPLICATE_OF_ROW.format(row=numbers[0]))
            report.add(problem)
            report.rejected += 1
            dropped.append(number)
            if rejected_file:
                rejected_file.write([problem], None)
    if skip_invalid and dropped:
        drop_rows(conn, staging, dropped)
    return bool(skip_invalid and dropped)


def _labels(conn: Connection, staging, shown: tuple[str, ...], row_numbers: list[int]) -> dict[int, str]:
    """Return, by row number, the first non-empty of the staged columns `shown` (what a clerk recognises when the
    key is internal), read in one query per 500 rows."""
    if not shown:
        return {}
    labels = {}
    for offset in range(0, len(row_numbers), 500):
        for row in conn.execute(select(staging.c.row_no, *(staging.c[c] for c in shown))
                                .where(staging.c.row_no.in_(row_numbers[offset:offset + 500]))):
            labels[row[0]] = next((show(v) for v in row[1:] if v), "")
    return labels


def _older(conn: Connection, staging, report: ImportReport, skip_invalid: bool, allow_older: bool,
           rejected_file: _RejectedFile | None) -> bool:
    """Find the dossiers whose stored result this file would take away (an older export); refuse them as row
    problems (dropped with skip_invalid), or count them when allowed; return True when rows were dropped."""
    rolled = conn.execute(
        select(staging.c.row_no, staging.c.code, dossiers.c.result_on)
        .join(dossiers, dossiers.c.code == staging.c.code)
        .where(dossiers.c.result_on.is_not(None), staging.c.result_on.is_(None))
        .order_by(staging.c.row_no)).all()
    if not rolled:
        return False
    if allow_older:
        report.older_allowed = len(rolled)
        report.warn(M.OLDER_ALLOWED.format(n=fmt_int(len(rolled))))
        return False
    header = report.mapping.get(RESULT_HEADER, RESULT_HEADER)
    report.add(Problem(None, None, None, M.OLDER_FILE.format(file=report.file_name, n=fmt_int(len(rolled)))))
    for row in rolled:
        problem = Problem(row.row_no, header, row.code, M.OLDER_RESULT_GONE.format(date=vn_date(row.result_on)))
        report.add(problem)
        report.rejected += 1
        if rejected_file:
            rejected_file.write([problem], None)
    if skip_invalid:
        drop_rows(conn, staging, [row.row_no for row in rolled])
    return skip_invalid


def _as_of(conn: Connection) -> date:
    latest = conn.execute(select(func.max(dossiers.c.received_on), func.max(dossiers.c.result_on))).one()
    dates = [d if isinstance(d, date) else date.fromisoformat(d) for d in latest if d]
    return min(max(dates), date.today()) if dates else date.today()


def _log(conn: Connection, report: ImportReport, kind: str) -> None:
    conn.execute(insert(import_log).values(
        imported_at=datetime.now(UTC).replace(tzinfo=None), file_name=report.file_name, sha256=report.sha256,
        kind=kind, sheet=report.sheet, rows_read=report.rows_read, inserted=report.inserted,
        updated=report.updated, unchanged=report.unchanged, rejected=report.rejected,
        warnings=len(report.warnings), imported_by=report.imported_by, older_allowed=report.older_allowed or None,
        notes="\n".join(report.decision_lines()) or None))
    record_load(conn, "real", _as_of(conn))
    remove_demo_accounts(conn)  # real data: the demo's accounts go with the demo
    detail = M.AUDIT_IMPORT.format(kind=kind, file=report.file_name, sha=report.sha256, rows=report.rows_read,
                                   inserted=report.inserted, updated=report.updated, rejected=report.rejected)
    if report.older_allowed:
        detail += M.AUDIT_OLDER.format(n=report.older_allowed)
    record(conn, report.imported_by, "import", detail, report.address)
