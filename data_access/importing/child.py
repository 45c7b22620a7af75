"""An import in a process of its own, so that parsing a large or hostile file never runs in the web server's
interpreter, in the viewers' way (issue #16, item 7): the page starts `python -m data_access.importing.child`
at a lower CPU priority, sends the job as JSON on standard input, and reads JSON lines back — progress, then the
report (or the refusal). A preview (header, first rows, sheet names) runs the same way. The child opens its own
engine on the same database URL and imports as the same account.

    {"progress": ["Đã đọc 20.000 dòng", 0.4]}
    {"report": {...ImportReport...}, "refused": null}        (or "refused": "the reason")
    {"failed": "OperationalError: …"}                        (anything else: logged by the page, told in Vietnamese)
"""

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import pandas as pd
from sqlalchemy.exc import DBAPIError

from data_access.accounts.store import Account, NotAllowed, current_account
from data_access.importing.headers import HeaderMatch
from data_access.importing.readers import ReadError
from data_access.importing.report import ImportRefused, ImportReport, Problem
from data_access.store.engine import ReadOnlyDatabase, database_refusal, get_engine
from metrics.errors import DomainError

ROOT = Path(__file__).resolve().parents[2]
NICENESS = 10  # viewers' page runs come first; the import takes what CPU is left


class ImportFailed(RuntimeError):
    """The import process ended without a report (killed, out of memory, or an unexpected error)."""


def report_to_dict(report: ImportReport) -> dict:
    """Return the report as plain JSON-able data."""
    return asdict(report)


def report_from_dict(data: dict) -> ImportReport:
    """Return the report rebuilt from report_to_dict's data."""
    return ImportReport(**{**data, "problems": [Problem(**p) for p in data.get("problems", [])]})


def _talk(request: dict, progress: Callable[[str, float], None] | None = None) -> dict:
    """Send `request` to a new child process; return its outcome line (progress lines go to `progress`), or raise
    ImportFailed when it ended without one or said it failed."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:  # a file: a full pipe would stall the child
        child = subprocess.Popen([sys.executable, "-m", "data_access.importing.child"], cwd=ROOT, text=True,
                                 encoding="utf-8", stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors,
                                 env=dict(os.environ, PYTHONPATH=str(ROOT)))
        child.stdin.write(json.dumps(request))
        child.stdin.close()
        outcome = None
        for line in child.stdout:
            message = json.loads(line)
            if "progress" in message and progress is not None:
                progress(*message["progress"])
            elif "progress" not in message:
                outcome = message
        code = child.wait()
        errors.seek(0)
        tail = errors.read()[-2000:]
    if outcome is None or "failed" in outcome:
        raise ImportFailed(outcome["failed"] if outcome else f"exit {code}: {tail}")
    return outcome


def run_import_in_child(url: str, job: dict, actor: Account | None,
                        progress: Callable[[str, float], None] | None = None) -> ImportReport:
    """Run run_import(**job) in a child process on the database at `url` as `actor`; return its report, or raise
    ImportRefused (nothing written) or ImportFailed (the child died or failed; nothing written either)."""
    outcome = _talk({"url": url, "job": job, "account_id": None if actor is None else actor.id}, progress)
    if "refused_by_role" in outcome:
        raise NotAllowed(outcome["refused_by_role"])
    if "read_only" in outcome:
        raise ReadOnlyDatabase()
    if "database_refused" in outcome:
        raise DomainError(outcome["database_refused"])
    report = report_from_dict(outcome["report"])
    if outcome["refused"] is not None:
        raise ImportRefused(report, outcome["refused"])
    return report


def preview_in_child(path: str | Path, kind: str, sheet: str | None = None
                     ) -> tuple[HeaderMatch | None, pd.DataFrame, list[str]]:
    """Return preview(path, kind, sheet) computed in a child process (opening a workbook parses its shared strings
    and styles whole); raise ReadError for a file it cannot read, ImportFailed when the child fails."""
    outcome = _talk({"preview": {"path": str(path), "kind": kind, "sheet": sheet}})
    if "read_error" in outcome:
        raise ReadError(outcome["read_error"])
    found = outcome["preview"]
    header = None if found["header"] is None else HeaderMatch(**found["header"])
    return header, pd.DataFrame(found["rows"], columns=found["columns"]), found["sheets"]


def _preview(job: dict) -> dict:
    from data_access.importing.preview import preview

    try:
        header, sample, sheets = preview(job["path"], job["kind"], job["sheet"])
    except ReadError as exc:
        return {"read_error": str(exc)}
    return {"preview": {"header": None if header is None else asdict(header), "columns": list(sample.columns),
                        "rows": sample.to_numpy().tolist(), "sheets": sheets}}


def main() -> None:
    """Read the job from standard input, import, and write progress and the outcome as JSON lines."""
    from data_access.importing.runner import run_import

    os.nice(NICENESS)
    request = json.loads(sys.stdin.read())

    def emit(message: dict) -> None:
        print(json.dumps(message, ensure_ascii=False, default=str), flush=True)

    try:
        if "preview" in request:
            emit(_preview(request["preview"]))
            return
        engine = get_engine(request["url"])
        actor = None
        if request["account_id"] is not None:
            with engine.connect() as conn:
                actor = current_account(conn, request["account_id"])
            if actor is None:
                raise ImportFailed("account disabled")
        job = request["job"]
        job["land_env_fields"] = tuple(job.get("land_env_fields") or ())
        report = run_import(engine, actor=actor, progress=lambda m, f: emit({"progress": [m, f]}), **job)
        emit({"report": report_to_dict(report), "refused": None})
    except ImportRefused as refused:
        emit({"report": report_to_dict(refused.report), "refused": refused.reason})
    except NotAllowed as refused:
        emit({"refused_by_role": str(refused)})
    except ReadOnlyDatabase:
        emit({"read_only": True})
    except DBAPIError as exc:
        said = database_refusal(exc)
        emit({"database_refused": said} if said else {"failed": f"{type(exc).__name__}: {exc}"[:2000]})
    except Exception as exc:  # noqa: BLE001 - told to the parent, which logs it and answers in Vietnamese
        emit({"failed": f"{type(exc).__name__}: {exc}"[:2000]})


if __name__ == "__main__":
    main()
