"""The early warning (issue #33): dossiers and tasks that will go overdue in the next working days, with the
agencies holding them and, where asked, the list of dossiers (downloadable as Excel; no applicant is named)."""

from datetime import date

import streamlit as st

from data_access.figures.dossier_queries import DossierFilter
from data_access.figures.reads import filtered
from data_access.figures.source import Source
from texts import labels as L
from texts.fmt import fmt_date, fmt_int
from ui import data
from ui.kpi import kpi_row
from ui.tables import Col, show_table
from views.cards import due_soon_cards

C = L.DUE_SOON_COLUMNS


def early_warning_section(source: Source, as_of: date, flt: DossierFilter, scope: str | None = None,
                          listed: bool = False) -> None:
    """Draw what will go overdue after as_of: its two cards, the agencies holding the dossiers and, when `listed`,
    the dossiers themselves (a meeting's view says it did not freeze them)."""
    found = data.due_soon(source, as_of, flt)
    if found is None:
        st.caption(L.DUE_SOON_IN_MEETING_FILTERED if source.scope is None and filtered(flt) else L.DUE_SOON_IN_MEETING)
        return
    st.subheader(L.DUE_SOON_TITLE.format(n=fmt_int(found.working_days), until=fmt_date(found.until)))
    if found.missing_years:
        st.warning(L.DUE_SOON_HOLIDAYS_MISSING.format(years=", ".join(str(y) for y in found.missing_years)),
                   icon="⚠️")
    own = None  # an account of one commune reads its own units' dossiers and tasks here, whatever the filter: say so
    if source.scope is not None:
        own = data.unit_name(source, source.scope.unit_ids, as_of) or L.DUE_SOON_OWN_UNITS
    kpi_row(due_soon_cards(found.total, found.land_env, found.tasks, found.by_agency, found.working_days, scope,
                           own))
    if found.followup is not None and source.meeting is not None and source.meeting.previous_held_on is not None:
        _followup(found.followup, source.meeting.previous_held_on)
    if not found.total:
        st.caption(L.DUE_SOON_NONE)
        return
    st.markdown(f"**{L.DUE_SOON_BY_AGENCY}**")
    show_table(found.by_agency, key="due_soon_agencies", columns=[
        Col("agency", C["agency"]), Col("dossiers", C["dossiers"], fmt_int), Col("land_env", C["land_env"], fmt_int)])
    if not listed:
        return
    if found.by_unit is not None:
        st.markdown(f"**{L.DUE_SOON_BY_UNIT}**")
        by_unit = found.by_unit.assign(name=found.by_unit["name"].map(lambda n: L.OTHER_LINES.get(n, n)))
        show_table(by_unit, key="due_soon_units", columns=[
            Col("name", C["unit"]), Col("dossiers", C["dossiers"], fmt_int), Col("land_env", C["land_env"], fmt_int)])
    if found.by_field is not None:
        st.markdown(f"**{L.DUE_SOON_BY_FIELD}**")
        by_field = found.by_field.assign(group=found.by_field["land_env"].map({1: L.GROUP_LAND_ENV, 0: L.GROUP_OTHER}))
        show_table(by_field, key="due_soon_fields", columns=[
            Col("field", C["field"]), Col("dossiers", C["dossiers"], fmt_int), Col("group", C["group"])])
    st.markdown(f"**{L.DUE_SOON_LIST}**")
    if len(found.dossiers) < found.total:
        st.caption(L.DUE_SOON_LIST_CUT.format(shown=fmt_int(len(found.dossiers)), total=fmt_int(found.total)))
    show_table(found.dossiers, key="due_soon_dossiers", columns=[
        Col("code", C["code"]), Col("procedure", C["procedure"]), Col("agency", C["agency"]),
        Col("step", C["step"]), Col("due_on", C["due_on"], fmt_date),
        Col("working_days_left", C["working_days_left"], fmt_int)])


def _followup(followup, previous: date) -> None:
    """Draw how many of the dossiers about to go overdue at the meeting before did go overdue, per agency."""
    about, went = int(followup["about_to"].sum()), int(followup["went_overdue"].sum())
    st.markdown(f"**{L.DUE_SOON_FOLLOWUP.format(date=fmt_date(previous), went=fmt_int(went), about=fmt_int(about))}**")
    F = L.DUE_SOON_FOLLOWUP_COLUMNS
    show_table(followup, key="due_soon_followup", columns=[
        Col("agency", F["agency"]), Col("about_to", F["about_to"], fmt_int),
        Col("went_overdue", F["went_overdue"], fmt_int)])
