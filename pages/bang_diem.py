"""Bảng điểm địa bàn: the units in force at the period's end × indicators, with RAG, composite, rank and a map."""


import altair as alt
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from config.settings import load_settings
from metrics.dossiers import dossier_rates
from metrics.kpis import top_n
from metrics.scorecard import best_and_worst
from metrics.territory import LEVEL_COMMUNE, REFORM_DAY, predecessors
from texts import labels as L
from texts.fmt import fmt_date, fmt_int, fmt_month, fmt_number, fmt_pct, fmt_window
from ui import data, views
from ui.charts import colour_legend, month_line, show_chart
from ui.guard import section
from ui.maps import legend_rows, shared_map
from ui.present import page_header, slide_table
from ui.safe import md_escape
from ui.scorecard import (
    default_pick,
    extremes_text,
    map_rows,
    movers_text,
    other_columns,
    other_rows,
    predecessor_columns,
    rank_text,
    search_units,
    slide_columns,
    table_columns,
    unit_by_code,
    unit_detail,
)
from ui.sidebar import current_filters
from ui.tables import Col, show_table
from ui.views import ScorecardView

filters = current_filters()
settings = load_settings()
source = filters.source
specs = settings.scorecard_specs


def slide(shown: ScorecardView) -> None:
    """Draw the slide: the window, who moved (or the best and worst), the table and the map."""
    st.markdown(L.SCORECARD_WINDOW.format(window=fmt_window(shown.window.start, shown.window.end)))
    st.markdown(movers_text(shown.rose, shown.fell) if not shown.many else extremes_text(shown.best, shown.worst))
    table, shape = st.columns([3, 2])
    with table:
        slide_table(best_and_worst(shown.scored, 6) if shown.many else shown.scored, slide_columns())
    with shape:
        st.pydeck_chart(shared_map(source, shown.level, map_rows(shown.scored), shown.labelled), height=560,
                        key="slide_map")
        show_chart(colour_legend(legend_rows(), L.MAP_LEGEND_TITLE))


def table(shown: ScorecardView) -> None:
    """Draw the table of every unit (searchable), the weights and the lines not attributed."""
    scored = shown.scored
    st.subheader(L.SCORECARD_TABLE)
    st.caption(L.SCORECARD_WINDOW.format(window=fmt_window(shown.window.start, shown.window.end)) + " · "
               + L.SCORECARD_LEVEL[shown.level].format(count=fmt_int(len(scored))))
    st.markdown(movers_text(shown.rose, shown.fell))
    query = st.text_input(L.SCORECARD_SEARCH, key="scorecard_search", placeholder=L.SCORECARD_SEARCH_HINT)
    show_table(search_units(scored, query), table_columns(), key="scorecard_table",
               empty=L.SCORECARD_NO_MATCH.format(query=query or ""))
    compared = L.SCORECARD_PREVIOUS_MEETING.format(compare=shown.against.text)
    st.caption(compared + " · " + L.SCORECARD_WEIGHTS.format(weights=", ".join(
                   f"{L.KPI[s.key]} {fmt_int(s.weight)}" for s in specs if s.weight > 0)) + " · "
               + L.SCORECARD_INSUFFICIENT_NOTE.format(count=fmt_int(settings.min_dossiers)))
    st.markdown(f"**{L.SCORECARD_OTHER}**")
    lines = other_rows(shown.other)
    show_table(lines, other_columns(), key="scorecard_other")
    st.caption(L.SCORECARD_OTHER_NOTE.format(total=fmt_int(
        int((shown.current["received"] + shown.current["carried_over"]).sum() + lines["to_handle"].sum()))))


def map_pick(shown: ScorecardView, right: DeltaGenerator) -> int | None:
    """Draw the map (a click picks a unit) and the unit picker in `right`; return the unit picked."""
    scored = shown.scored
    st.subheader(L.SCORECARD_MAP)
    if shown.many:
        st.markdown(extremes_text(shown.best, shown.worst))
    event = st.pydeck_chart(shared_map(source, shown.level, map_rows(scored), shown.labelled), height=560,
                            on_select="rerun", selection_mode="single-object", key="district_map")
    show_chart(colour_legend(legend_rows(), L.MAP_LEGEND_TITLE))  # the cells' own colours, with their numbers
    st.caption(L.MAP_HINT + " " + L.MAP_ATTRIBUTION_TITLE + ": " + shown.attribution)
    clicked = None
    for objects in (event.selection.objects or {}).values() if event is not None else []:
        for obj in objects:
            clicked = str(obj.get("code") or obj.get("properties", {}).get("code") or "")
    ids = scored["unit_id"].astype(int).tolist()  # the picker is keyed by unit: a code may be missing
    names = dict(zip(ids, scored["name"], strict=True))
    by_code = unit_by_code(scored)
    if clicked in by_code and st.session_state.get("_map_clicked") != clicked:
        st.session_state["district_pick"] = by_code[clicked]
        st.session_state["_map_clicked"] = clicked
    if st.session_state.get("district_pick") not in names:  # own commune, else the lowest
        st.session_state["district_pick"] = default_pick(scored, None if source.scope is None else
                                                         source.scope.unit_ids)
    with right:
        st.subheader(L.SCORECARD_DETAIL)
        return st.selectbox(L.SCORECARD_PICK, ids, key="district_pick", format_func=names.get)


def detail(shown: ScorecardView, pick: int) -> None:
    """Draw a unit's detail: its trend across the change, composite and rank, predecessors, worst procedures."""
    chosen = shown.scored.loc[shown.scored["unit_id"] == pick].iloc[0]
    name = str(chosen["name"])
    unit_id = int(chosen["unit_id"])
    units, lineage = data.reference(source, "units"), data.reference(source, "unit_lineage")
    # The unit's history across the change: it and every unit counted for it (whole predecessors).
    unit_filter, trend = unit_detail(unit_id, units, lineage, filters.period.end, filters.dossiers.levels,
                                     settings.trend_months)
    # reaching back across 01/7/2025, so the unit's history shows the change
    months = dossier_rates(data.series(source, trend, unit_filter))
    months["month_date"] = months["period_start"].astype("datetime64[ns]")
    months["month_label"] = months["period_start"].map(fmt_month)
    months["rate_label"] = months["on_time_rate"].map(fmt_pct)
    st.markdown(f"**{L.SCORECARD_TREND.format(unit=md_escape(name))}**")
    show_chart(month_line(months, "on_time_rate", None,
                          [alt.Tooltip("month_label:N", title=L.MONTH_AXIS),
                           alt.Tooltip("rate_label:N", title=L.KPI["on_time_rate"])],
                          target=settings.indicator("on_time_rate").green, height=300,
                          mark=(REFORM_DAY, L.REFORM_MARK)))
    st.caption(f"{L.KPI['composite']}: {fmt_number(chosen['composite'], 1)} · {L.KPI['rank']}: "
               f"{rank_text(chosen['rank'])}")
    if shown.level == LEVEL_COMMUNE:
        st.markdown(f"**{L.SCORECARD_PREDECESSORS}**")
        show_table(predecessors(unit_id, units, lineage), predecessor_columns(), key="scorecard_predecessors",
                   empty=L.SCORECARD_NO_PREDECESSORS)
    st.markdown(f"**{L.SCORECARD_WORST.format(unit=md_escape(name))}**")
    worst_procedures = top_n(data.overdue(source, filters.period, unit_filter, "procedure"), "overdue_total", 5)
    show_table(worst_procedures, [Col("name", L.COLUMNS["name"]), Col("field", L.COLUMNS["field"]),
                                  Col("overdue_total", L.COLUMNS["overdue_total"], fmt_int),
                                  Col("in_progress_overdue", L.COLUMNS["in_progress_overdue"], fmt_int)])


def page(shown: ScorecardView) -> None:
    """Draw the page: the table, the map with its picker, and the picked unit's detail."""
    with section("scorecard"):
        table(shown)
    pick, right = None, None  # stays None when the map section cannot be drawn
    with section("scorecard-map"):
        left, right = st.columns([3, 2])
        with left:
            pick = map_pick(shown, right)
    if pick:
        with section("scorecard-detail"), right:
            detail(shown, pick)


present = page_header(L.PAGE_SCORECARD, filters,
                      L.PERIOD_LINE.format(start=fmt_date(filters.period.start), end=fmt_date(filters.period.end)))
shown = None
with section("scorecard"):
    shown = views.scorecard(source, filters.kind, filters.period, filters.dossiers, settings.min_dossiers)
if shown is not None and present:
    with section("scorecard-slide"):
        slide(shown)
elif shown is not None:
    page(shown)
