"""The 766 explainer (issue #15): our rank and total, the gap to the provinces above and below, the points each
component loses, the rate that would pass the province above through one component alone, and the agencies whose
reaching the target would raise the province's own rate most. On the ranking page and as a slide."""

import pandas as pd
import streamlit as st

from config.settings import Settings
from data_access.figures.dossier_queries import NO_FILTER
from data_access.figures.source import Source
from metrics.explainer import Standing, agency_gains, components, standing
from metrics.periods import Period
from texts import labels as L
from texts.fmt import fmt_index_period, fmt_int, fmt_number, fmt_pct, fmt_points
from ui import data
from ui.auth import account
from ui.present import slide_table
from ui.safe import md_escape
from ui.tables import Col, show_table

X = L.EXPLAIN_COLUMNS
TABLE = [Col("component", X["component"]), Col("score", X["score"], lambda v: fmt_number(v, 2)),
         Col("max_points", X["max_points"], lambda v: fmt_number(v, 0)),
         Col("lost", X["lost"], lambda v: fmt_number(v, 2)), Col("rate_now", X["rate_now"], fmt_pct),
         Col("rate_needed", X["rate_needed"], lambda v: L.EXPLAIN_CANNOT if pd.isna(v) else fmt_pct(v)),
         Col("change", X["change"], fmt_points)]
GAINS = [Col("name", X["name"]), Col("rate", X["rate"], fmt_pct), Col("gain", X["gain"], fmt_points)]
SLIDE_LINES = 3  # a slide states the three smallest changes


def explanation_lines(found: Standing, table: pd.DataFrame) -> list[str]:
    """Return the headline, the gaps and one line per component that can pass the province above alone."""
    lines = [L.EXPLAIN_HEADLINE.format(province=found.province, rank=fmt_int(found.rank), n=fmt_int(found.n_ranked),
                                       period=fmt_index_period(found.period), score=fmt_number(found.score, 2),
                                       demo=L.DEMO_TAG if found.is_demo else "")]
    if found.above is None:
        lines.append(L.EXPLAIN_TOP.format(n=fmt_int(found.n_ranked)))
    else:
        lines.append(L.EXPLAIN_ABOVE.format(province=found.above, rank=fmt_int(found.above_rank),
                                            gap=fmt_number(found.gap_above, 2)))
    if found.below is not None:
        lines.append(L.EXPLAIN_BELOW.format(province=found.below, rank=fmt_int(found.below_rank),
                                            gap=fmt_number(found.gap_below, 2)))
    if found.above is not None:
        reachable = table.loc[table["reachable"]]
        lines += [L.EXPLAIN_LINE.format(rate=row["rate"], now=fmt_pct(row["rate_now"]),
                                        needed=fmt_pct(row["rate_needed"]), change=fmt_points(row["change"]),
                                        province=found.above, rank=fmt_int(found.above_rank))
                  for row in reachable.to_dict("records")]
        if reachable.empty:
            lines.append(L.EXPLAIN_NONE_ALONE.format(gap=fmt_number(found.gap_above, 2), province=found.above))
    return lines


def explainer_section(source: Source, results: pd.DataFrame, province: str, settings: Settings, period: Period,
                      present: bool = False) -> None:
    """Draw the explainer for `province` from index results published by the period's end; the agencies' rates
    are those of the period (the sidebar's)."""
    found = standing(results, province)
    if found is None:
        st.info(L.EXPLAIN_NO_DATA if account().may("import") else L.EXPLAIN_NO_DATA_ASK)  # what this role can do
        return
    rules = list(settings.index_766)
    table = components(results, found, rules)
    lines = explanation_lines(found, table)
    if present:
        for line in lines[:3 + SLIDE_LINES]:
            st.markdown(md_escape(line))  # province and component names come from an imported results file
        slide_table(table, TABLE)
        return
    st.caption(L.EXPLAIN_INTRO)
    for line in lines:
        st.markdown(md_escape(line))
    st.markdown(f"**{L.EXPLAIN_COMPONENTS}**")
    show_table(table, TABLE, key="explain_components")
    by_agency = data.counts(source, period, NO_FILTER, "agency")
    measured = [rule for rule in rules if rule.measure]
    for offset in range(0, len(measured), 2):
        for column, rule in zip(st.columns(2), measured[offset:offset + 2], strict=False):
            with column:
                st.markdown(f"**{md_escape(L.EXPLAIN_AGENCIES.format(rate=rule.rate, target=fmt_pct(rule.target)))}**")
                show_table(agency_gains(by_agency, rule.measure, rule.target), GAINS, key=f"gains_{rule.measure}",
                           empty=L.EXPLAIN_NO_AGENCIES)
