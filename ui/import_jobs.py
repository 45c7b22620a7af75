"""An import that outlives the page that started it (issue #30, item 11).

Writing a file into the database runs in a process of its own (data_access.importing.child). Before, the page's own
script run waited for it: leaving the page during «Ghi vào cơ sở dữ liệu» stopped the waiting but not the import,
which committed with no message and left a defunct child. Now the import is a job of this server process: a thread
feeds the child, reaps it, keeps the outcome and removes the file when done. The page shows its progress while it is
open; whatever page the account opens next says how it ended, once.
"""

import logging
import shutil
import tempfile
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from data_access.accounts.store import Account
from data_access.importing.child import run_import_in_child
from data_access.importing.report import ImportRefused, ImportReport
from metrics.errors import DomainError
from texts import labels as L
from texts.fmt import fmt_int, fmt_number
from ui.safe import md_escape
from ui.uploads import PREFIX, disk_name

KEPT = 100  # finished jobs remembered per process (their outcome is also in the import history)
log = logging.getLogger(__name__)


@dataclass
class ImportJob:
    """One import running (or run) for an account."""

    id: str
    account_id: int
    file_name: str
    message: str = ""
    fraction: float = 0.0
    done: threading.Event = field(default_factory=threading.Event)
    report: ImportReport | None = None
    refused: bool = False
    failed: bool = False
    rejected_rows: bytes | None = None  # the .loi.csv, read before the job's folder goes
    reason: str | None = None  # why it failed, when the product could say it
    told: bool = False  # its outcome was shown to the account


_lock = threading.Lock()
_jobs: dict[str, ImportJob] = {}


def start(url: str, job: dict, actor: Account, name: str, content: bytes) -> ImportJob:
    """Write the upload into a folder of the job's own and start importing it; return the job at once."""
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    path = folder / disk_name(name)
    path.write_bytes(content)
    started = ImportJob(uuid.uuid4().hex, actor.id, name)
    with _lock:
        _jobs[started.id] = started
        finished = [j for j in _jobs.values() if j.done.is_set() and j.told]
        for old in finished[:max(0, len(_jobs) - KEPT)]:
            _jobs.pop(old.id, None)
    threading.Thread(target=_run, args=(started, url, {**job, "path": str(path)}, actor, folder),
                     name=f"import-{started.id[:8]}", daemon=True).start()
    return started


def _run(job: ImportJob, url: str, spec: dict, actor: Account, folder: Path) -> None:
    def progress(message: str, fraction: float) -> None:
        job.message, job.fraction = message, fraction

    try:
        job.report = run_import_in_child(url, spec, actor, progress)  # waits for the child: it is reaped
        if job.report.error_file and Path(job.report.error_file).exists():
            job.rejected_rows = Path(job.report.error_file).read_bytes()
    except ImportRefused as refused:
        job.report, job.refused = refused.report, True
    except DomainError as exc:  # the role may not import, the database is read-only or refused: said as it is
        job.failed, job.reason = True, str(exc)
    except Exception:  # noqa: BLE001 - ImportFailed or worse: the outcome is told, the server log has the detail
        log.exception("import job %s failed", job.id)
        job.failed = True
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        job.done.set()


def get(job_id: str | None) -> ImportJob | None:
    """Return the job of that id, or None."""
    with _lock:
        return _jobs.get(job_id) if job_id else None


def untold(account_id: int) -> list[ImportJob]:
    """Return the account's finished jobs whose outcome it has not been shown, marking them shown."""
    with _lock:
        found = [j for j in _jobs.values() if j.account_id == account_id and j.done.is_set() and not j.told]
        for job in found:
            job.told = True
    return found


def outcome_text(job: ImportJob) -> tuple[str, str]:
    """Return ("success" | "error", the sentence that says how the job ended)."""
    report = job.report
    if job.failed or report is None:
        return "error", (md_escape(job.reason) if job.reason
                         else L.IMPORT_JOB_FAILED.format(file=md_escape(job.file_name)))
    if job.refused:
        return "error", L.IMPORT_JOB_REFUSED.format(file=md_escape(job.file_name), n=fmt_int(report.problem_count))
    return "success", L.IMPORT_DONE.format(file=md_escape(report.file_name), ins=fmt_int(report.inserted),
                                           upd=fmt_int(report.updated), same=fmt_int(report.unchanged),
                                           rej=fmt_int(report.rejected), sec=fmt_number(report.seconds, 1))


def announce(account: Account) -> None:
    """On any page: say how the account's imports that ended while it was elsewhere ended (once each)."""
    for job in untold(account.id):
        kind, text = outcome_text(job)
        (st.success if kind == "success" else st.error)(text)


def follow(job: ImportJob) -> None:
    """On the import page: show the job's progress until it ends, then its outcome (told once), the rejected rows
    and the refusal's report. Leaving the page stops only this showing, never the import."""
    bar = st.progress(job.fraction, text=L.IMPORT_JOB_RUNNING.format(file=md_escape(job.file_name)))
    while not job.done.wait(0.2):
        bar.progress(min(1.0, job.fraction), text=job.message or L.IMPORT_COMMIT)
    bar.empty()
    with _lock:
        job.told = True
    kind, text = outcome_text(job)
    (st.success if kind == "success" else st.error)(text)
    if job.rejected_rows:
        st.download_button(L.IMPORT_REJECTED_FILE, job.rejected_rows, file_name=f"{job.file_name}.loi.csv",
                           mime="text/csv", key=f"imp_rejected_{job.id}")
