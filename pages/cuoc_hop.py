"""Cuộc họp và kết luận: frozen figures of a weekly meeting against the previous one, task changes between
them, and the chairman's conclusions recorded as tasks."""

from datetime import date, datetime, time

import streamlit as st

from config.settings import load_settings
from data_access.figures.assemble import compared_headline
from data_access.meetings.records import MeetingRecord, create_meeting
from data_access.store.engine import writing
from metrics.errors import DomainError
from metrics.indexes import MERGER_DAY
from metrics.meetings import compare_figures, task_changes
from reports.notice import DOCX, render_notice
from reports.notice_data import gather_notice
from reports.pack_data import gather
from reports.pdf import render
from texts import labels as L
from texts import messages as M
from texts.figures import figure_headers, figures_table
from ui import data
from ui.auth import account, audit, client_address
from ui.guard import section
from ui.meeting_notice import (
    FLASH,
    assessment_section,
    conclusion_form,
    conclusions_table,
    record_fields,
    record_section,
    suggestions_section,
)
from ui.meetings import cutoff_text, meeting_label, task_changes_tables
from ui.safe import md_escape
from ui.sidebar import NEW_MEETING_KEY, current_filters, data_as_of
from ui.tables import Col, show_table

st.title(L.PAGE_MEETINGS)
st.caption(L.MEETINGS_INTRO)
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))
filters = current_filters()
source = filters.source
may_decide = account().may("meetings") and not data.read_only()
if data.read_only():
    st.caption(M.DATABASE_READ_ONLY)
elif not may_decide:
    st.caption(L.NOT_ALLOWED_PAGE)
listed = data.meetings()

if listed.empty:  # suggest only what this role can do
    st.info(L.MEETINGS_NONE_CREATE if may_decide else L.MEETINGS_NONE_ASK)
else:
    labels = {int(row["id"]): meeting_label(row) for _, row in listed.iterrows()}
    viewed = filters.meeting
    if viewed is not None:  # the meeting every page shows is chosen in the sidebar
        meeting_id = viewed.id
        st.caption(L.MEETING_FROM_SIDEBAR)
    else:
        created = st.session_state.pop(NEW_MEETING_KEY, None)
        if created in labels:  # just created here: set before the picker is drawn
            st.session_state["meeting_pick"] = created
        meeting_id = st.selectbox(L.MEETING_PICK, list(labels), format_func=labels.get, key="meeting_pick")
    chosen = listed.loc[listed["id"] == meeting_id].iloc[0]
    shown = data.source(meeting_id, account())
    previous_id, cut = shown.meeting.previous_id, chosen["cutoff_at"].date()
    frozen, before, compared = compared_headline(shown, cut, load_settings().week_starts_on)  # like for like
    st.caption(L.MEETING_CUTOFF.format(cutoff=cutoff_text(chosen["cutoff_at"]),
                                       previous=labels.get(previous_id, L.MEETING_NO_PREVIOUS)))
    with section("meeting-pack"):
        if st.button(L.MEETING_PACK_MAKE, key="meeting_pack"):
            with st.spinner(L.MEETING_PACK_WORKING):
                pdf = render(gather(shown, load_settings()))
            audit("pack_download", f"#{meeting_id}")
            st.download_button(L.MEETING_PACK_DOWNLOAD, pdf, file_name=f"bo_tai_lieu_hop_{meeting_id}.pdf",
                               mime="application/pdf", key="meeting_pack_file")
    settings = load_settings()
    notice = None
    if account().may("meetings"):  # the Office drafts the notice (reports.notice_data.gather_notice checks it too)
        with section("meeting-notice"):
            notice = gather_notice(shown, data.notice_inputs(meeting_id), settings, account())
            if st.button(L.MEETING_NOTICE_MAKE, key="meeting_notice"):
                with st.spinner(L.MEETING_NOTICE_WORKING):
                    document = render_notice(notice, settings.notice)
                audit("notice_download", f"#{meeting_id}")
                st.download_button(L.MEETING_NOTICE_DOWNLOAD, document, key="meeting_notice_file",
                                   file_name=f"du_thao_thong_bao_ket_luan_{meeting_id}.docx", mime=DOCX)
    with section("meeting-figures"):
        st.subheader(L.MEETING_FIGURES)
        headers = figure_headers((cut.replace(day=1), cut), (compared.period.start, compared.period.end))
        show_table(figures_table(compare_figures(frozen, before)),
                   [Col(key, label) for key, label in zip(L.MEETING_FIGURE_COLUMNS, headers, strict=True)])
    cutoff = chosen["cutoff_at"].date()
    if previous_id is not None:
        with section("meeting-task-changes"):
            previous_cutoff = listed.loc[listed["id"] == previous_id, "cutoff_at"].iloc[0].date()
            task_changes_tables(*task_changes(data.tasks(source, cutoff), previous_cutoff, cutoff))
    with section("meeting-decisions"):
        st.subheader(L.MEETING_DECISIONS)
        st.caption(L.MEETING_DECISIONS_NOTE)
        agencies = data.reference(source, "agencies")
        names = dict(zip(agencies["id"].astype(int), agencies["name"], strict=True))
        after_merger = chosen["held_on"] >= MERGER_DAY
        conclusions_table(data.meeting_conclusions(meeting_id, source), names, after_merger)
        if may_decide:
            conclusion_form(meeting_id, chosen["held_on"], names, after_merger)
    if may_decide and notice is not None:
        with section("meeting-notice-parts"):
            suggestions_section(meeting_id, notice, {name: agency for agency, name in names.items()})
            assessment_section(meeting_id, notice)
            record_section(meeting_id, notice.record, settings.notice)

if may_decide:
    with st.expander(L.MEETING_CREATE, expanded=listed.empty), st.form("meeting", clear_on_submit=True):
        today = date.today()
        held_on = st.date_input(L.MEETING_HELD_ON, value=today, format="DD/MM/YYYY", key="meeting_held_on")
        title = st.text_input(L.MEETING_TITLE, key="meeting_title", value=L.MEETING_TITLE_DEFAULT)
        st.caption(L.MEETING_RECORD_NOTE)
        record = record_fields("meeting", MeetingRecord(), load_settings().notice)
        left, right = st.columns(2)
        cutoff_day = left.date_input(L.MEETING_CUTOFF_DATE, value=data_as_of(data.meta()), format="DD/MM/YYYY",
                                     key="meeting_cutoff_day")
        cutoff_time = right.time_input(L.MEETING_CUTOFF_TIME, value=time(17, 0), key="meeting_cutoff_time")
        if st.form_submit_button(L.MEETING_CREATE_SAVE):
            try:
                cutoff_at = datetime.combine(cutoff_day, cutoff_time)
                with st.spinner(L.MEETING_FREEZING), writing(data.engine()) as conn:
                    created = create_meeting(conn, held_on, title, cutoff_at, load_settings(), account(),
                                             client_address(), record)
                data.forget_meetings()
                st.session_state[FLASH] = L.MEETING_CREATED.format(
                    title=md_escape(" ".join(title.split())), cutoff=cutoff_text(cutoff_at))
                st.session_state[NEW_MEETING_KEY] = created  # the next run shows it: picker and figures alike
                st.rerun()
            except DomainError as exc:
                st.error(str(exc))
