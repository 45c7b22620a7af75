"""The stage analysis section of the bottleneck page (issue #15): where the period's dossiers lose their days, per
step in process order and per agency holding a step, transfers out and back, supplement rounds, the dossiers without
step data, and one overdue dossier's journey on a timeline."""

from dataclasses import replace

import altair as alt
import pandas as pd
import streamlit as st

from data_access.figures.dossier_queries import DossierFilter
from data_access.figures.source import Source
from data_access.figures.stage_queries import NAMED_LIMIT, StageQuery
from metrics.periods import Period
from metrics.stages import breaking_step, heaviest_first
from texts import labels as L
from texts.fmt import fmt_date, fmt_int, fmt_number, fmt_pct, fmt_stored_time
from ui import data
from ui.auth import account
from ui.charts import finish, shared_chart, show_chart
from ui.safe import md_escape
from ui.tables import Col, show_table
from views.palette import STATUS_COLOURS

C = L.STAGES_COLUMNS
REDRAW_POLL_S = 3  # how often a page showing an earlier load's analysis asks whether the new one is counted
DAYS = [Col("median_days", C["median_days"], lambda v: fmt_number(v, 1)),
        Col("p90_days", C["p90_days"], lambda v: fmt_number(v, 1)),
        Col("over_step_deadline", C["over_step_deadline"], fmt_int),
        Col("over_step_deadline_share", C["over_step_deadline_share"], fmt_pct)]
STEP_COLUMNS = [Col("step", C["step"]), Col("dossiers", C["dossiers"], fmt_int),
                Col("passages", C["passages"], fmt_int), *DAYS, Col("share_of_time", C["share_of_time"], fmt_pct)]
AGENCY_COLUMNS = [Col("agency", C["agency"]), Col("step", C["step"]), Col("dossiers", C["dossiers"], fmt_int),
                  Col("passages", C["passages"], fmt_int), Col("share_of_time", C["share_of_time"], fmt_pct), *DAYS]
TRANSFER_COLUMNS = [Col("agency", C["agency"]), Col("passages", C["passages"], fmt_int),
                    Col("days", C["days"], fmt_int), Col("mean_days", C["mean_days"], lambda v: fmt_number(v, 1))]


def _query(source: Source, period: Period, flt: DossierFilter) -> StageQuery:
    """Return the StageQuery of the section's pickers (a field and a procedure narrow the page's group)."""
    if source.frozen:
        st.caption(L.STAGES_FILTERS_FROZEN)
        return StageQuery(period, flt)
    fields = data.reference(source, "fields")
    procedures = data.reference(source, "procedures")
    names = dict(zip(fields["id"].astype(int), fields["name"], strict=True))
    left, right = st.columns(2)
    field = left.selectbox(L.STAGES_FIELD, [None, *names], key="st_field",
                           format_func=lambda i: L.STAGES_FIELD_GROUP if i is None else names[i])
    offered = procedures if field is None else procedures.loc[procedures["field_id"] == field]
    labels = dict(zip(offered["id"].astype(int), offered["name"], strict=True))
    procedure = right.selectbox(L.STAGES_PROCEDURE, [None, *labels], key="st_procedure",
                                format_func=lambda i: L.STAGES_PROCEDURE_ALL if i is None else labels[i])
    if field is not None:
        flt = replace(flt, field_ids=(field,), land_env_only=False)
    return StageQuery(period, flt, procedure)


def stage_section(source: Source, period: Period, flt: DossierFilter) -> None:
    """Draw the stage analysis of the period's dossiers within `flt` (the page's group and sidebar filters)."""
    st.subheader(L.STAGES_TITLE)
    st.caption(L.STAGES_INTRO)
    query = _query(source, period, flt)
    counted, codes = data.stages(source, query)
    if not (counted.fresh and codes.fresh):
        _earlier_load(source, query, counted.loaded_at if not counted.fresh else codes.loaded_at)
    found = counted.value
    if found.steps.empty:
        st.info(L.STAGES_NONE if account().may("import") else L.STAGES_NONE_ASK)  # what this role can do
    else:
        by_agency = heaviest_first(found.agencies)  # the headline names this table's first row, by its rule
        worst = by_agency.iloc[0]
        st.markdown(L.STAGES_WORST.format(agency=md_escape(worst["agency"]), step=md_escape(worst["step"]),
                                          time=fmt_pct(worst["share_of_time"]),
                                          median=fmt_number(worst["median_days"], 1),
                                          share=fmt_pct(worst["over_step_deadline_share"])))
        st.caption(L.STAGES_WORST_RULE)
        st.markdown(f"**{L.STAGES_BY_STEP}**")
        show_table(found.steps, STEP_COLUMNS, key="stages_steps")
        st.markdown(f"**{L.STAGES_BY_AGENCY}**")
        show_table(by_agency, AGENCY_COLUMNS, height=420, key="stages_agencies")
        left, right = st.columns(2)
        with left:
            st.markdown(f"**{L.STAGES_TRANSFERS}**")
            show_table(found.transfers, TRANSFER_COLUMNS, key="stages_transfers", empty=L.STAGES_NO_TRANSFERS)
        with right:
            supplement = found.supplement
            st.markdown(L.STAGES_SUPPLEMENT.format(dossiers=fmt_int(supplement["dossiers"]),
                                                   rounds=fmt_int(supplement["rounds"]),
                                                   days=fmt_int(supplement["days_waiting"])))
    if found.no_steps:
        st.caption(L.STAGES_NO_STEPS.format(n=fmt_int(found.no_steps)))
        with st.expander(L.STAGES_NO_STEPS_LIST.format(n=fmt_int(NAMED_LIMIT))):
            st.text(", ".join(found.no_steps_named))  # codes as typed in the export: plain text, never Markdown
    _journey(source, query, codes.value)


def _earlier_load(source: Source, query: StageQuery, loaded_at: str | None) -> None:
    """Say that the section shows an earlier load's analysis, and redraw the page once the new one is counted."""
    when = fmt_stored_time(loaded_at) if loaded_at else L.STAGES_EARLIER_UNKNOWN
    st.info(L.STAGES_EARLIER_LOAD.format(when=when), icon="⏳")
    st.fragment(_redraw_when_counted, run_every=REDRAW_POLL_S)(source, query)


def _redraw_when_counted(source: Source, query: StageQuery) -> None:
    """Rerun the page once the stage analysis of the Source's own data is counted (runs as a timed fragment)."""
    if data.stages_ready(source, query):
        st.rerun()


def _journey(source: Source, query: StageQuery, codes: tuple[str, ...]) -> None:
    st.markdown(f"**{L.STAGES_JOURNEY}**")
    if not codes:
        st.caption(L.STAGES_JOURNEY_NONE)
        return
    code = st.selectbox(L.STAGES_JOURNEY_PICK, codes, key="st_journey")
    steps = data.journey(source, code, query.period.end)
    broke = breaking_step(steps)
    if broke is None:
        st.caption(L.STAGES_JOURNEY_OK)
    else:
        row = steps.iloc[broke]
        st.markdown(L.STAGES_JOURNEY_BROKE.format(step=md_escape(row["step"]), agency=md_escape(row["agency"]),
                                                  due=fmt_date(row["due_on"]), end=fmt_date(row["ended_on"])))
    show_chart(journey_chart(steps, broke))
    st.caption(L.STAGES_JOURNEY_LEGEND)  # a legend inside the chart would take the plot's height


@shared_chart
def journey_chart(steps: pd.DataFrame, broke: int | None) -> alt.TopLevelMixin:
    """Return one dossier's steps as bars from start to end (a step of 0 days shows as a sliver), red when past its
    own deadline, the deadline as a tick, and the step that broke the dossier's deadline labelled (no legend:
    STAGES_JOURNEY_LEGEND says it under the chart)."""
    frame = steps.reset_index(drop=True).copy()
    frame["label"] = [f"{i + 1}. {s} – {a}" for i, (s, a) in enumerate(zip(frame["step"], frame["agency"],
                                                                             strict=True))]
    frame["start"] = pd.to_datetime(frame["started_on"])
    frame["end"] = pd.to_datetime(frame["ended_on"]) + pd.Timedelta(hours=12)
    frame["due"] = pd.to_datetime(frame["due_on"])
    frame["status"] = [L.STAGES_JOURNEY_OVER if o else L.STAGES_JOURNEY_WITHIN for o in frame["over"]]
    frame["days_text"] = [fmt_int(d) + (f" ({L.STAGES_JOURNEY_OPEN})" if o else "")
                          for d, o in zip(frame["days"], frame["open"], strict=True)]
    frame["mark"] = [L.STAGES_JOURNEY_BREAK if i == broke else "" for i in range(len(frame))]
    order = frame["label"].tolist()
    y = alt.Y("label:N", sort=order, title=None)
    palette = {L.STAGES_JOURNEY_OVER: STATUS_COLOURS["red"], L.STAGES_JOURNEY_WITHIN: STATUS_COLOURS["green"]}
    tooltip = [alt.Tooltip("label:N", title=C["step"]), alt.Tooltip("start:T", title=C["started_on"]),
               alt.Tooltip("ended_on:T", title=C["ended_on"]), alt.Tooltip("due:T", title=C["due_on"]),
               alt.Tooltip("days_text:N", title=C["days"])]
    base = alt.Chart(frame)
    bars = base.mark_bar(height=18).encode(
        x=alt.X("start:T", title=L.STAGES_JOURNEY_AXIS, axis=alt.Axis(format="%d/%m")), x2="end:T", y=y,
        color=alt.Color("status:N", title=None, scale=alt.Scale(domain=list(palette), range=list(palette.values())),
                        legend=None), tooltip=[*tooltip, alt.Tooltip("status:N", title=C["over_step_deadline"])])
    due = base.transform_filter("isValid(datum.due)").mark_tick(color="#000000", thickness=3, size=26).encode(
        x="due:T", y=y)
    mark = base.mark_text(align="left", dx=6, fontWeight="bold", color=STATUS_COLOURS["red"]).encode(
        x="end:T", y=y, text="mark:N")
    return finish((bars + due + mark).properties(height=110 + 36 * len(frame)))  # the date axis takes ~110 px
