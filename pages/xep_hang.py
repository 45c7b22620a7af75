"""Xếp hạng chỉ số: each index's rank over time (1 at the top), number of provinces ranked, score, components."""

import pandas as pd
import streamlit as st

from config.settings import load_settings
from metrics.text import fold_key
from texts import labels as L
from texts.fmt import fmt_date, fmt_index_period, fmt_number
from ui import views
from ui.charts import show_chart
from ui.explainer import explainer_section
from ui.guard import section
from ui.kpi import kpi_row
from ui.present import SLIDE_FONT, page_header, slide_chart
from ui.ranking_charts import components_chart, rank_chart, score_chart
from ui.sidebar import current_filters
from ui.tables import Col, show_table
from views.cards import KpiCard, rank_card

filters = current_filters()
settings = load_settings()
as_of = filters.period.end


def cards(province: str, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Draw one index's cards (its latest rank and score); return its series and latest components."""
    series, latest, components = views.ranking(filters.source, as_of, province, name)
    label = L.INDEX_NAMES[name]
    shown = [rank_card(f"rank-{fold_key(name)}", latest, settings, L.INDEX_OWNERS.get(name, L.CONCERNS_PAR),
                       label=L.RANKING_LATEST.format(index=label))]
    if latest and latest["score"] is not None:
        shown.append(KpiCard(key=f"score-{fold_key(name)}", label=L.RANKING_LATEST_SCORE.format(index=label),
                             value=fmt_number(latest["score"], 2), status="info",
                             concerns=L.RANK_PERIOD.format(period=fmt_index_period(latest["period"]))
                             + (L.DEMO_TAG if latest["is_demo"] else "")))
    kpi_row(shown, per_row=4)
    return series, components


def slide(province: str, name: str) -> None:
    """Draw the slide of one index: its cards and its rank chart."""
    series, _ = cards(province, name)
    st.subheader(L.RANKING_RANK_TITLE.format(index=L.INDEX_NAMES[name]))
    if series["rank"].notna().any():
        slide_chart(rank_chart(series, text_size=SLIDE_FONT), 470)


def page(province: str, name: str, results: pd.DataFrame) -> None:
    """Draw one index: its cards, rank and score charts, latest components, every point's source and, for 766,
    what it would take to move up."""
    series, components = cards(province, name)
    label = L.INDEX_NAMES[name]
    left, right = st.columns([3, 2])
    with left:
        st.subheader(L.RANKING_RANK_TITLE.format(index=label))
        if series["rank"].notna().any():
            show_chart(rank_chart(series))
        else:
            st.info(L.RANKING_NO_DATA.format(index=label, province=province))
        if series["is_demo"].any():
            st.caption(L.RANKING_DEMO_NOTE)
    with right:
        st.subheader(L.RANKING_SCORE_TITLE.format(index=label))
        if series["score"].notna().any():
            show_chart(score_chart(series))
    if not components.empty:  # the whole width: long component names beside their bars
        st.markdown(f"**{L.RANKING_COMPONENTS.format(period=fmt_index_period(components['period'].iloc[0]))}**")
        show_chart(components_chart(components))
    with st.expander(L.RANKING_SOURCES):
        show_table(series.iloc[::-1], [Col("series_label", L.RANKING_PROVINCE),
                                       Col("period", L.TOOLTIP_PERIOD, fmt_index_period),
                                       Col("rank_label", L.TOOLTIP_RANK),
                                       Col("score_label", L.TOOLTIP_SCORE), Col("kind_label", L.TOOLTIP_KIND),
                                       Col("source", L.TOOLTIP_SOURCE)])
    if name == "766":
        st.subheader(L.PAGE_766)
        explainer_section(filters.source, results, province, settings, filters.period)


present = page_header(L.PAGE_RANKING, filters, L.DATA_AS_OF.format(date=fmt_date(as_of)))

with section("ranking"):
    results, provinces = views.ranking_results(filters.source, as_of)
    default = next((p for p in provinces if fold_key(p) == fold_key(settings.province)), None)
    province = (default or provinces[0]) if present else st.selectbox(
        L.RANKING_PROVINCE, provinces, index=provinces.index(default) if default else 0, key="r_province")
    available = views.ranked_indexes(filters.source, as_of, province)
    if not available:
        st.info(L.RANKING_NO_DATA.format(index="", province=province))
    elif present:  # the slide: the first index, large enough to read on a wall screen
        slide(province, available[0])
    else:  # one index at a time: only its charts are built
        chosen = st.segmented_control(L.RANKING_INDEX, available, default=available[0],
                                      format_func=L.INDEX_NAMES.get, key="r_index")
        page(province, chosen if chosen in available else available[0], results)
