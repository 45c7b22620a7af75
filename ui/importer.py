"""Presentation of an import: mapping, sample rows, the validation report and the history."""

import logging

import pandas as pd
import streamlit as st

from data_access.accounts.store import Account
from data_access.importing.child import ImportFailed, preview_in_child, run_import_in_child
from data_access.importing.columns import contract
from data_access.importing.headers import HeaderMatch
from data_access.importing.report import ImportRefused, ImportReport
from data_access.importing.runner import Progress
from texts import labels as L
from texts.fmt import fmt_datetime, fmt_int
from ui.safe import md_escape
from ui.tables import Col, show_table

log = logging.getLogger(__name__)


def run_in_child(url: str, job: dict, actor: Account, progress: Progress | None = None
                 ) -> tuple[ImportReport | None, bool]:
    """Run the import job in a process of its own (data_access.importing.child); return (report, refused). When the
    process fails without a report, say so in Vietnamese (nothing was written) and return (None, True)."""
    try:
        return run_import_in_child(url, job, actor, progress), False
    except ImportRefused as exc:
        return exc.report, True
    except ImportFailed:
        log.exception("import process failed")
        st.error(L.IMPORT_FAILED)
        return None, True


def preview_once(file_id: str, path, kind: str, sheet: str | None = None
                 ) -> tuple[HeaderMatch | None, pd.DataFrame, list[str]]:
    """Return the preview of an upload (data_access.importing.child.preview_in_child), worked out in a child process
    once per file, kind and sheet of this session; raise ReadError for a file that cannot be read."""
    key = (file_id, kind, sheet)
    kept = st.session_state.get("_imp_preview")
    if kept is None or kept[0] != key:
        try:
            with st.spinner(L.IMPORT_READING):
                found = preview_in_child(path, kind, sheet)
        except ImportFailed:
            log.exception("preview process failed")
            st.error(L.IMPORT_FAILED)
            st.stop()
        kept = st.session_state["_imp_preview"] = (key, found)
    return kept[1]


def show_header(header: HeaderMatch | None, kind: str, sample: pd.DataFrame) -> None:
    """Draw the detected header row, the column mapping, skipped columns and the first rows."""
    if header is None:
        st.error(L.IMPORT_NO_HEADER)
        return
    st.markdown(f"**{L.IMPORT_HEADER.format(row=header.row)}**")
    mapping = pd.DataFrame([
        {"canon": c.header + (" *" if c.required else ""), "file": header.headers.get(c.key, "—")}
        for c in contract(kind)])
    show_table(mapping, [Col("canon", L.IMPORT_MAPPING_CANON), Col("file", L.IMPORT_MAPPING_FILE)])
    if header.ignored:
        st.caption(L.IMPORT_IGNORED.format(cols=", ".join(map(md_escape, header.ignored))))  # the file's own text
    if header.personal:
        st.caption(L.IMPORT_PERSONAL.format(cols=", ".join(map(md_escape, header.personal))))
    if not sample.empty:
        st.markdown(f"**{L.IMPORT_SAMPLE}**")
        st.dataframe(sample, hide_index=True)


def show_report(report: ImportReport, refused: bool) -> None:
    """Draw the validation (or import) report: counts, warnings and problems."""
    counts = L.IMPORT_COUNTS.format(rows=fmt_int(report.rows_read), blank=fmt_int(report.blank_rows),
                                    totals=fmt_int(report.totals_rows), ins=fmt_int(report.inserted),
                                    upd=fmt_int(report.updated), same=fmt_int(report.unchanged),
                                    rej=fmt_int(report.rejected))
    if refused:
        st.error(L.IMPORT_REFUSED.format(n=fmt_int(report.problem_count)))
    else:
        st.info(counts)
    for warning in report.warnings:
        st.warning(md_escape(warning))  # names units and files from the import: shown literally
    if report.decisions:
        st.info("\n".join([L.IMPORT_DECIDED] + [f"- {md_escape(line)}" for line in report.decision_lines()]))
    if report.problems:
        st.markdown(f"**{L.IMPORT_ERRORS}**")
        problems = pd.DataFrame([{"row": p.row, "column": p.column, "value": p.value, "reason": p.reason}
                                 for p in report.problems])
        show_table(problems, [Col(k, v, fmt_int if k == "row" else None)
                              for k, v in L.IMPORT_PROBLEM_COLUMNS.items()])
        if report.problem_count > len(report.problems):
            st.caption(L.IMPORT_MORE_ERRORS.format(n=fmt_int(report.problem_count - len(report.problems)),
                                                   shown=fmt_int(len(report.problems))))


COUNTS = ("rows_read", "inserted", "updated", "unchanged", "rejected", "warnings", "older_allowed")


def show_history(history: pd.DataFrame) -> None:
    """Draw the import log, newest first."""
    history = history.assign(kind=history["kind"].map(L.IMPORT_KINDS), sha256=history["sha256"].str[:12],
                             imported_by=history["imported_by"].fillna(L.IMPORTED_BY_CLI))
    show_table(history, [Col("imported_at", L.IMPORT_COLUMNS["imported_at"], fmt_datetime)]
               + [Col(k, L.IMPORT_COLUMNS[k], fmt_int if k in COUNTS else None)
                  for k in ("imported_by", "file_name", "kind", "sheet", *COUNTS, "notes", "sha256")],
               empty=L.IMPORT_NO_HISTORY)
