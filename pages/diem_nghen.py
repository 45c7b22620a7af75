"""Điểm nghẽn đất đai – môi trường: where dossiers are stuck, how long, and whose they are."""

from dataclasses import replace

import altair as alt
import streamlit as st

from config.settings import load_settings
from data_access.figures.dossier_queries import DossierFilter
from metrics.dossiers import dossier_rates, overdue_split_long
from metrics.kpis import kpi, top_n
from metrics.periods import month_ends
from texts import labels as L
from texts.fmt import fmt_date, fmt_int, fmt_month, fmt_pct
from ui import data, views
from ui.charts import LAND_ENV_COLOUR, OTHER_COLOUR, column_chart, hbar, month_line, month_stack, show_chart
from ui.early_warning import early_warning_section
from ui.guard import section
from ui.kpi import kpi_row
from ui.present import page_header, slide_chart
from ui.safe import md_escape
from ui.sidebar import current_filters
from ui.stages import stage_section
from ui.tables import Col, show_table

filters = current_filters()
settings = load_settings()
source = filters.source
period, as_of = filters.period, filters.period.end
land_env = replace(filters.dossiers, land_env_only=True)

count_tooltip = [alt.Tooltip("name:N", title=L.COLUMNS["name"]),
                 alt.Tooltip("overdue_label:N", title=L.COLUMNS["overdue_total"])]


def _labelled(frame, column="overdue_total"):
    out = frame.copy()
    out["name"] = out["name"].fillna(L.NO_UNIT)
    out["overdue_label"] = out[column].map(fmt_int)
    return out


def kpis() -> None:
    """Draw the land/environment cards (the page's and the slide's first row)."""
    with section("bottleneck-kpis"):
        kpi_row(views.bottleneck(source, period, filters.dossiers, land_env, filters.compare))


def slide() -> None:
    """Draw the slide: the cards and land/environment's overdue dossiers per agency."""
    kpis()
    with section("bottleneck-slide"):
        st.subheader(L.SLIDE_LAND_ENV_BY_AGENCY)
        by_agency = _labelled(top_n(data.counts(source, period, land_env, "agency"), "overdue_total", 8))
        slide_chart(hbar(by_agency, "name", "overdue_total", L.COLUMNS["overdue_total"], count_tooltip), 420)


def page(scope: DossierFilter) -> None:
    """Draw the page for `scope` (land/environment or every field): the cards, the early warning, the trend, the
    breakdowns, where dossiers wait, the stages and the apologies."""
    kpis()
    with section("bottleneck-due-soon"):
        early_warning_section(source, as_of, scope, filters.scope, listed=True)
    with section("bottleneck-trend"):
        st.subheader(L.BOTTLENECK_TREND)
        months = dossier_rates(data.series(source, tuple(month_ends(as_of, settings.trend_months)), filters.dossiers))
        months["month_date"] = months["period_start"].astype("datetime64[ns]")
        months["month_label"] = months["period_start"].map(fmt_month)
        months["share_label"] = months["land_env_share"].map(fmt_pct)
        left, right = st.columns(2)
        with left:
            show_chart(month_line(months, "land_env_share", None,
                                  [alt.Tooltip("month_label:N", title=L.MONTH_AXIS),
                                   alt.Tooltip("share_label:N", title=L.KPI["land_env_share"])]))
        split = overdue_split_long(months).merge(months[["period_start", "month_date", "month_label"]],
                                                 on="period_start")
        split["group_order"] = (split["group"] == "other").astype(int)
        split["group"] = split["group"].map({"land_env": L.GROUP_LAND_ENV, "other": L.GROUP_OTHER})
        split["count_label"] = split["count"].map(fmt_int)
        with right:
            show_chart(month_stack(split, [alt.Tooltip("month_label:N", title=L.MONTH_AXIS),
                                           alt.Tooltip("group:N", title=L.COLUMNS["field"]),
                                           alt.Tooltip("count_label:N", title=L.COLUMNS["overdue_total"])]))
    with section("bottleneck-breakdowns"):
        left, right = st.columns(2)
        with left:
            st.subheader(L.BOTTLENECK_BY_FIELD)
            by_field = _labelled(top_n(data.counts(source, period, filters.dossiers, "field"), "overdue_total", 12))
            by_field["group"] = by_field["is_land_env"].map({True: L.GROUP_LAND_ENV, False: L.GROUP_OTHER})
            show_chart(hbar(by_field, "name", "overdue_total", L.COLUMNS["overdue_total"], count_tooltip,
                        colour="group", palette={L.GROUP_LAND_ENV: LAND_ENV_COLOUR, L.GROUP_OTHER: OTHER_COLOUR}))
        with right:
            st.subheader(L.BOTTLENECK_BY_UNIT)
            by_unit = data.unit_lines(source, period, scope)
            by_unit = _labelled(top_n(by_unit.assign(name=by_unit["name"].map(lambda n: L.OTHER_LINES.get(n, n))),
                                      "overdue_total", 20))
            show_chart(hbar(by_unit, "name", "overdue_total", L.COLUMNS["overdue_total"], count_tooltip))
        left, right = st.columns(2)
        with left:
            st.subheader(L.BOTTLENECK_BY_AGENCY)
            by_agency = _labelled(top_n(data.counts(source, period, scope, "agency"), "overdue_total", 15))
            show_chart(hbar(by_agency, "name", "overdue_total", L.COLUMNS["overdue_total"], count_tooltip))
        with right:
            st.subheader(L.BOTTLENECK_AGEING)
            ages = data.ageing(source, as_of, scope).copy()
            ages["bucket_label"] = ages["bucket"].map(L.AGE_BUCKETS)
            ages["count_label"] = ages["count"].map(fmt_int)
            show_chart(column_chart(ages, "bucket_label", "count", list(L.AGE_BUCKETS.values()), LAND_ENV_COLOUR,
                                         [alt.Tooltip("bucket_label:N", title=L.AGE_AXIS),
                                          alt.Tooltip("count_label:N", title=L.COUNT_AXIS)]))
    with section("bottleneck-where"):
        left, right = st.columns(2)
        with left:
            st.subheader(L.BOTTLENECK_WHERE)
            where = top_n(data.overdue(source, period, scope, "current_agency"), "in_progress_overdue", 10)
            where = _labelled(where.assign(name=where["name"].fillna(L.NO_AGENCY)), "in_progress_overdue")
            show_chart(hbar(where, "name", "in_progress_overdue", L.COLUMNS["in_progress_overdue"], count_tooltip))
        with right:
            st.subheader(L.BOTTLENECK_PROCEDURES)
            procedures = top_n(data.overdue(source, period, scope, "procedure"), "overdue_total", 10)
            show_table(procedures, [  # in half the page: the figures keep their place, the long names give way
                Col("name", L.COLUMNS["name"], width="medium"),
                Col("overdue_total", L.KPI_SHORT["overdue_total"], fmt_int, help=L.COLUMNS["overdue_total"],
                    width="small"),
                Col("in_progress_overdue", L.KPI_SHORT["in_progress_overdue"], fmt_int,
                    help=L.COLUMNS["in_progress_overdue"], width="small"),
                Col("resolved_late", L.KPI_SHORT["resolved_late"], fmt_int, help=L.COLUMNS["resolved_late"],
                    width="small"),
                Col("field", L.COLUMNS["field"], width="small"),
            ])
    with section("bottleneck-stages"):
        stage_section(source, period, scope)
    with section("bottleneck-apology"):
        st.subheader(L.BOTTLENECK_APOLOGY)
        spec = settings.indicator("apology_compliance")
        apology_table = dossier_rates(top_n(data.counts(source, period, land_env, "agency"), "overdue_total", 15))
        apology_table["apology_status"] = apology_table["apology_compliance"].map(
            lambda v: kpi("apology_compliance", v, None, spec).status)
        show_table(apology_table, [
            Col("name", L.COLUMNS["name"]),
            Col("overdue_total", L.COLUMNS["overdue_total"], fmt_int),
            Col("late_with_apology", L.COLUMNS["late_with_apology"], fmt_int),
            Col("apology_compliance", L.COLUMNS["apology_compliance"], fmt_pct, status="apology_status"),
        ])


present = page_header(L.PAGE_BOTTLENECKS, filters,
                      L.PERIOD_LINE.format(start=fmt_date(period.start), end=fmt_date(as_of)) + " · "
                      + L.SCOPE_LINE.format(scope=md_escape(filters.scope)) + " · "
                      + L.LAND_ENV_GROUP.format(fields=", ".join(settings.land_env_fields)))

if present:
    slide()
else:  # a slide shows land/environment; the page offers every field
    page(land_env if st.toggle(L.LAND_ENV_ONLY, value=True, key="b_land_env_only") else filters.dossiers)
