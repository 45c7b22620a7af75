"""What the Office prepares on the meetings page for the conclusion notice (issue #32): the meeting's record, its
conclusions by addressee, the directives proposed from the figures, and the assessment it may edit. Every write goes
through data_access (audited there); every typed or imported text is shown escaped."""

import hashlib
from collections.abc import Callable
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from config.settings import NoticeSettings
from data_access.meetings.conclusions import CATEGORIES, Conclusion, add_conclusion, drop_suggestion
from data_access.meetings.records import MeetingRecord, presenter, set_assessment, set_meeting_record
from data_access.store.engine import writing
from metrics.errors import DomainError
from reports.notice_data import NoticeData
from reports.notice_text import category_words, results_paragraph, shortcomings_paragraph, suggestion_text
from texts import labels as L
from texts.fmt import fmt_date
from ui import data
from ui.auth import account, client_address
from ui.safe import md_escape
from ui.tables import Col, show_table

FLASH = "meeting_flash"  # the next run shows it as a success line


def _done(message: str) -> None:
    st.session_state[FLASH] = message
    st.rerun()


def _write(action: Callable) -> bool:
    """Run a write in one transaction; show a refusal as an error line; return whether it was written."""
    try:
        with writing(data.engine()) as conn:
            action(conn)
    except DomainError as exc:
        st.error(str(exc))
        return False
    return True


def record_fields(prefix: str, record: MeetingRecord, settings: NoticeSettings) -> MeetingRecord:
    """Draw the record's inputs (inside a form), proposing settings.toml [notice] where nothing is kept; return what
    they hold."""
    left, right = st.columns(2)
    chair = left.text_input(L.MEETING_CHAIR, value=record.chair, key=f"{prefix}_chair", help=L.MEETING_CHAIR_HELP)
    chair_title = right.text_input(L.MEETING_CHAIR_TITLE, value=record.chair_title or settings.chair_title,
                                   key=f"{prefix}_chair_title")
    typed = st.text_area(L.MEETING_PRESENTERS, key=f"{prefix}_presenters", help=L.MEETING_PRESENTERS_HELP,
                         value="\n".join(f"{who}: {report}" if report else who for who, report in record.presenters))
    attendees = st.text_input(L.MEETING_ATTENDEES, value=record.attendees or settings.attendees,
                              key=f"{prefix}_attendees")
    left, right = st.columns(2)
    signer = left.text_input(L.MEETING_SIGNER, value=record.signer_name or settings.signer_name,
                             key=f"{prefix}_signer")
    signer_title = right.text_area(L.MEETING_SIGNER_TITLE, value="\n".join(record.signer_title or settings.signer),
                                   key=f"{prefix}_signer_title")
    presenters = tuple(presenter(line) for line in typed.splitlines() if line.strip())
    return MeetingRecord(chair, chair_title, presenters, attendees, signer, tuple(signer_title.splitlines()))


def record_section(meeting_id: int, record: MeetingRecord, settings: NoticeSettings) -> None:
    """Draw the form that keeps the meeting's record."""
    with st.expander(L.MEETING_RECORD, expanded=not record.chair), st.form("meeting_record"):
        typed = record_fields("record", record, settings)
        if st.form_submit_button(L.MEETING_RECORD_SAVE) and _write(
                lambda conn: set_meeting_record(conn, meeting_id, typed, account(), client_address())):
            _done(L.MEETING_RECORD_DONE)


def _addressee(row: dict, after_merger: bool) -> str:
    if isinstance(row.get("suggestion"), str) and row["suggestion"]:
        return f"{row['lead_agency']} {L.MEETING_DECISION_SUGGESTED}" if isinstance(
            row.get("lead_agency"), str) else L.MEETING_DECISION_SUGGESTED
    if isinstance(row.get("category"), str) and row["category"]:
        return category_words(row["category"], after_merger)
    return str(row.get("lead_agency") or "")


def conclusions_table(conclusions: pd.DataFrame, names: dict[int, str], after_merger: bool) -> None:
    """Draw the meeting's conclusions: content, addressee, coordinating bodies, deadline, and whether a task
    follows it."""
    shown = conclusions.assign(lead_agency=conclusions["lead_agency_id"].map(names))
    shown["addressee"] = [_addressee(row, after_merger) for row in shown.to_dict("records")]
    shown["state"] = [L.MEETING_DECISION_TRACKED if pd.notna(task) else L.MEETING_DECISION_NOTICE_ONLY
                      for task in shown["task_id"]]
    show_table(shown, [Col("content", L.TASK_COLUMNS["content"]), Col("addressee", L.MEETING_DECISION_TO),
                       Col("coordinating", L.MEETING_DECISION_COORD),
                       Col("deadline", L.TASK_COLUMNS["deadline"], fmt_date),
                       Col("state", L.MEETING_DECISION_STATE)], empty=L.MEETING_NO_DECISIONS)


def conclusion_form(meeting_id: int, held_on: date, names: dict[int, str], after_merger: bool) -> None:
    """Draw the form that records a conclusion, to one body or to a category, with or without a deadline."""
    with st.form("decision", clear_on_submit=True):
        st.markdown(f"**{L.MEETING_DECISION_ADD}**")
        content = st.text_area(L.MEETING_DECISION_CONTENT, key="decision_content")
        to = st.radio(L.MEETING_DECISION_TO, [L.MEETING_DECISION_TO_AGENCY, L.MEETING_DECISION_TO_CATEGORY],
                      horizontal=True, key="decision_to")
        left, middle = st.columns(2)
        lead = left.selectbox(L.MEETING_DECISION_LEAD, list(names), format_func=names.get, key="decision_lead")
        category = middle.selectbox(L.MEETING_DECISION_CATEGORY, list(CATEGORIES), key="decision_category",
                                    format_func=lambda key: category_words(key, after_merger))
        left, middle, right = st.columns([2, 1, 1])
        coordinating = left.text_input(L.MEETING_DECISION_COORD, key="decision_coord")
        has_deadline = middle.checkbox(L.MEETING_DECISION_HAS_DEADLINE, value=True, key="decision_has_deadline")
        deadline = right.date_input(L.MEETING_DECISION_DEADLINE, value=held_on + timedelta(days=14),
                                    format="DD/MM/YYYY", key="decision_deadline")
        if not st.form_submit_button(L.MEETING_DECISION_SAVE):
            return
    to_agency = to == L.MEETING_DECISION_TO_AGENCY
    conclusion = Conclusion(content, lead if to_agency else None, None if to_agency else category,
                            deadline if has_deadline else None, coordinating if to_agency else "")
    if _write(lambda conn: add_conclusion(conn, meeting_id, conclusion, account(), client_address())):
        if not to_agency:
            _done(L.MEETING_DECISION_TO_DONE.format(addressee=md_escape(category_words(category, after_merger))))
        elif has_deadline:
            _done(L.MEETING_DECISION_DONE.format(agency=md_escape(names[lead]), deadline=fmt_date(deadline)))
        _done(L.MEETING_DECISION_NO_DEADLINE_DONE.format(agency=md_escape(names[lead])))


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def suggestions_section(meeting_id: int, notice: NoticeData, ids: dict[str, int]) -> None:
    """List the directives proposed from the frozen figures, each with accept and drop buttons."""
    st.markdown(f"**{L.MEETING_SUGGESTIONS}**")
    st.caption(L.MEETING_SUGGESTIONS_NOTE)
    if not notice.suggestions:
        st.caption(L.MEETING_SUGGESTIONS_NONE)
    for suggestion in notice.suggestions:
        text, key = suggestion_text(suggestion), _key(suggestion.key)
        with st.container(border=True):
            st.markdown(md_escape(text))
            accept, drop, _ = st.columns([2, 1, 4])
            if accept.button(L.MEETING_SUGGESTION_ACCEPT, key=f"suggest_accept_{key}"):
                conclusion = Conclusion(text, ids.get(suggestion.agency), suggestion=suggestion.key)
                if _write(lambda conn, c=conclusion: add_conclusion(conn, meeting_id, c, account(),
                                                                    client_address())):
                    _done(L.MEETING_SUGGESTION_ACCEPTED)
            if drop.button(L.MEETING_SUGGESTION_DROP, key=f"suggest_drop_{key}"):
                if _write(lambda conn, k=suggestion.key: drop_suggestion(conn, meeting_id, k, account(),
                                                                        client_address())):
                    _done(L.MEETING_SUGGESTION_DROPPED)


def assessment_section(meeting_id: int, notice: NoticeData) -> None:
    """Draw the assessment the notice carries, with a form that keeps the Office's edit or goes back to the text
    written from the figures."""
    st.markdown(f"**{L.MEETING_ASSESSMENT}**")
    written = results_paragraph(notice), shortcomings_paragraph(notice)
    edited = notice.edited
    if any(edited):
        st.caption(L.MEETING_ASSESSMENT_EDITED)
    if not st.toggle(L.MEETING_ASSESSMENT_EDIT, key="assessment_edit"):
        for text in (edited[0] or written[0], edited[1] or written[1]):
            st.markdown(md_escape(text))
        return
    st.caption(L.MEETING_ASSESSMENT_NOTE)
    with st.form("assessment"):
        results = st.text_area(L.MEETING_ASSESSMENT_RESULTS, value=edited[0] or written[0], height=180,
                               key="assessment_results")
        shortcomings = st.text_area(L.MEETING_ASSESSMENT_SHORTCOMINGS, value=edited[1] or written[1], height=180,
                                    key="assessment_shortcomings")
        save, reset, _ = st.columns([2, 2, 3])
        saved, reset_asked = save.form_submit_button(L.MEETING_ASSESSMENT_SAVE), reset.form_submit_button(
            L.MEETING_ASSESSMENT_RESET)
    if saved:
        kept = (None if results.split() == written[0].split() else results,
                None if shortcomings.split() == written[1].split() else shortcomings)
        if _write(lambda conn: set_assessment(conn, meeting_id, *kept, account(), client_address())):
            _done(L.MEETING_ASSESSMENT_DONE)
    if reset_asked and _write(lambda conn: set_assessment(conn, meeting_id, None, None, account(), client_address())):
        _done(L.MEETING_ASSESSMENT_RESET_DONE)
