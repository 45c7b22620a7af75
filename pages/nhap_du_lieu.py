"""Nhập dữ liệu: upload an export, preview its header and mapping, validate without writing, then commit."""

import streamlit as st

from config.settings import load_settings
from data_access.importing.columns import KINDS
from data_access.importing.readers import ReadError
from data_access.store.engine import database_url
from texts import labels as L
from texts import messages as M
from ui import data, import_jobs
from ui.auth import account, client_address
from ui.guard import section
from ui.importer import preview_once, run_in_child, show_header, show_history, show_report
from ui.safe import md_escape
from ui.uploads import saved

settings = load_settings()
url = database_url()
actor, address = account(), client_address()

st.title(L.PAGE_IMPORT)
st.caption(L.IMPORT_INTRO)
if data.read_only():  # run_import refuses too (data_access.store.engine.ReadOnlyDatabase); no upload is asked for
    st.warning(M.DATABASE_READ_ONLY)
    st.stop()

with section("import"):
    left, right = st.columns([1, 2])
    kind = left.selectbox(L.IMPORT_KIND, KINDS, format_func=L.IMPORT_KINDS.get, key="imp_kind")
    upload = right.file_uploader(L.IMPORT_FILE, type=["xlsx", "xls", "csv"], key="imp_file")
    skip_invalid = st.checkbox(L.IMPORT_SKIP, key="imp_skip")
    allow_older = st.checkbox(L.IMPORT_OLDER, key="imp_older") if kind == "dossiers" else False
    if upload is not None:
        with saved(upload) as path:  # deleted when this run ends, whatever happens
            try:
                header, sample, sheets = preview_once(upload.file_id, path, kind)
                sheet = None
                if len(sheets) > 1:
                    sheet = st.selectbox(L.IMPORT_SHEET, sheets, key="imp_sheet")
                    header, sample, _ = preview_once(upload.file_id, path, kind, sheet)
            except ReadError as exc:
                st.error(md_escape(str(exc)))  # names the uploaded file: shown literally
                st.stop()
            show_header(header, kind, sample)
            if header is not None:
                st.subheader(L.IMPORT_CHECK)
                job = {"path": str(path), "kind": kind, "sheet": sheet, "skip_invalid": skip_invalid,
                       "file_name": upload.name, "address": address, "allow_older": allow_older,
                       "land_env_fields": list(settings.land_env_fields)}
                check_key = ("_imp_check", upload.file_id, kind, sheet, skip_invalid, allow_older)
                if st.session_state.get("_imp_check_key") != check_key:
                    with st.spinner(L.IMPORT_CHECK):  # in a process of its own, never in the viewers' way
                        checked, refused = run_in_child(url, {**job, "dry_run": True}, actor)
                    if checked is None:
                        st.stop()
                    st.session_state["_imp_check_key"] = check_key
                    st.session_state["_imp_check"] = (checked, refused)
                checked, refused = st.session_state["_imp_check"]
                show_report(checked, refused)
                if not refused and st.button(L.IMPORT_COMMIT, type="primary", key="imp_commit"):
                    # a job of the server: it goes on (and is reported on the next page) if the page is left
                    started = import_jobs.start(url, {k: v for k, v in job.items() if k != "path"}, actor,
                                                upload.name, upload.getvalue())
                    st.session_state["_imp_job"] = started.id
                    st.session_state.pop("_imp_check_key", None)

running = import_jobs.get(st.session_state.get("_imp_job"))
if running is not None and not running.told:
    with section("import-job"):
        import_jobs.follow(running)
        if running.report is not None and running.refused:
            show_report(running.report, True)
        elif running.report is not None:
            data.forget_meta()
            data.read_newest_load()  # who imported sees the new load at once (the others once it is counted)

with section("import-history"):
    st.subheader(L.IMPORT_HISTORY)
    show_history(data.import_log())  # times in Vietnam's time, as everywhere
