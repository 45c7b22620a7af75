"""Bảng điểm địa bàn: districts × indicators with red/amber/green, composite score, rank and a map."""

import altair as alt
import streamlit as st

from config.settings import load_settings
from data_access.dossier_queries import DossierFilter
from data_access.geo import attribution, district_geojson
from metrics.dossiers import dossier_rates
from metrics.kpis import top_n
from metrics.periods import month_ends
from metrics.scorecard import rank_change, rank_movers, score_units
from metrics.tasks import classify_tasks
from ui import data
from ui import labels as L
from ui.charts import month_line, show_chart
from ui.fmt import fmt_date, fmt_int, fmt_month, fmt_number, fmt_pct
from ui.guard import section
from ui.maps import district_map
from ui.present import page_header, slide_table
from ui.scorecard import map_rows, movers_text, slide_columns, table_columns
from ui.sidebar import current_filters
from ui.tables import Col, show_table

filters = current_filters()
settings = load_settings()
version = data.version()
specs = settings.scorecard_specs


def scorecard(period, source=version):
    """Return the scored table of every unit for a period (composite, rank, statuses)."""
    return score_units(data.counts(source, period, filters.dossiers, "unit"),
                       classify_tasks(data.tasks(source, period.end), period.end), data.units(source), specs)


# In a meeting's view ranks move against the previous meeting; otherwise against the previous period.
against_meeting = filters.meeting is not None and filters.compare.version != version


present = page_header(L.PAGE_SCORECARD, filters,
                      L.PERIOD_LINE.format(start=fmt_date(filters.period.start), end=fmt_date(filters.period.end)))

with section("scorecard"):
    current = scorecard(filters.period)
    previous = (scorecard(filters.compare.period, filters.compare.version) if against_meeting
                else scorecard(filters.previous))
    scored = rank_change(current, previous, key="unit_id")
    rose, fell = rank_movers(scored)
    if present:
        st.markdown(movers_text(rose, fell))
        table, shape = st.columns([3, 2])
        with table:
            slide_table(scored, slide_columns())
        with shape:
            st.pydeck_chart(district_map(district_geojson(), map_rows(scored)), height=560, key="slide_map")
        st.stop()
    st.subheader(L.SCORECARD_TABLE)
    st.markdown(movers_text(rose, fell))
    show_table(scored, table_columns(), key="scorecard_table")
    compared = (L.SCORECARD_PREVIOUS_MEETING.format(compare=filters.compare.text) if against_meeting else
                L.SCORECARD_PREVIOUS.format(start=fmt_date(filters.previous.start), end=fmt_date(filters.previous.end)))
    st.caption(compared + " · " + L.SCORECARD_WEIGHTS.format(weights=", ".join(
                   f"{L.KPI[s.key]} {fmt_int(s.weight)}" for s in specs if s.weight > 0)))

with section("scorecard-map"):
    left, right = st.columns([3, 2])
    with left:
        st.subheader(L.SCORECARD_MAP)
        event = st.pydeck_chart(district_map(district_geojson(), map_rows(scored)), height=560,
                                on_select="rerun", selection_mode="single-object", key="district_map")
        st.caption(L.MAP_HINT + " " + L.MAP_ATTRIBUTION_TITLE + ": " + attribution())
    clicked = None
    for objects in (event.selection.objects or {}).values() if event is not None else []:
        for obj in objects:
            clicked = str(obj.get("code") or obj.get("properties", {}).get("code") or "")
    codes = scored["code"].astype(str).tolist()
    names = dict(zip(codes, scored["name"], strict=True))
    if clicked in names and st.session_state.get("_map_clicked") != clicked:
        st.session_state["district_pick"] = clicked
        st.session_state["_map_clicked"] = clicked
    if st.session_state.get("district_pick") not in names:
        st.session_state["district_pick"] = codes[-1] if codes else None  # the lowest-ranked district first
    with right:
        st.subheader(L.SCORECARD_DETAIL)
        pick = st.selectbox(L.SCORECARD_PICK, codes, key="district_pick", format_func=names.get)

if pick:
    unit_id = int(scored.loc[scored["code"].astype(str) == pick, "unit_id"].iloc[0])
    unit_filter = DossierFilter(levels=filters.dossiers.levels, unit_ids=(unit_id,))
    with section("scorecard-detail"), right:
        months = dossier_rates(data.series(version, tuple(month_ends(filters.period.end, settings.trend_months)),
                                           unit_filter))
        months["month_date"] = months["period_start"].astype("datetime64[ns]")
        months["month_label"] = months["period_start"].map(fmt_month)
        months["rate_label"] = months["on_time_rate"].map(fmt_pct)
        st.markdown(f"**{L.SCORECARD_TREND.format(unit=names[pick])}**")
        show_chart(month_line(months, "on_time_rate", None,
                                   [alt.Tooltip("month_label:N", title=L.MONTH_AXIS),
                                    alt.Tooltip("rate_label:N", title=L.KPI["on_time_rate"])],
                                   target=settings.indicator("on_time_rate").green, height=300))
        st.markdown(f"**{L.SCORECARD_WORST.format(unit=names[pick])}**")
        worst = top_n(data.overdue(version, filters.period, unit_filter, "procedure"), "overdue_total", 5)
        show_table(worst, [Col("name", L.COLUMNS["name"]), Col("field", L.COLUMNS["field"]),
                           Col("overdue_total", L.COLUMNS["overdue_total"], fmt_int),
                           Col("in_progress_overdue", L.COLUMNS["in_progress_overdue"], fmt_int)])
        chosen = scored.loc[scored["code"].astype(str) == pick].iloc[0]
        st.caption(f"{L.KPI['composite']}: {fmt_number(chosen['composite'], 1)} · {L.KPI['rank']}: "
                   f"{fmt_int(chosen['rank'])}")
