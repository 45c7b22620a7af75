"""The 766 explainer (issue #15): our rank and total, the gap to the provinces above and below, the points each
component loses, the rate that would pass the province above through one component alone, and the agencies whose
reaching the target would raise the province's own rate most. On the ranking page and as a slide."""

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Explainer:
    """What the explainer draws for a province: its standing, the components' points and the sentences."""

    found: Standing
    table: pd.DataFrame  # metrics.explainer.COMPONENT_COLUMNS
    lines: list[str]
    rules: list


def explainer(results: pd.DataFrame, province: str, settings: Settings) -> Explainer | None:
    """Return the explainer of `province` from index results, or None when they rank it nowhere."""
    found = standing(results, province)
    if found is None:
        return None
    rules = list(settings.index_766)
    table = components(results, found, rules)
    return Explainer(found, table, explanation_lines(found, table), rules)


def no_explainer() -> None:
    """Say there is nothing to explain yet, and what this role can do about it."""
    st.info(L.EXPLAIN_NO_DATA if account().may("import") else L.EXPLAIN_NO_DATA_ASK)


def explainer_slide(shown: Explainer) -> None:
    """Draw the slide: the standing, the three smallest changes and the components."""
    for line in shown.lines[:3 + SLIDE_LINES]:
        st.markdown(md_escape(line))  # province and component names come from an imported results file
    slide_table(shown.table, TABLE)


def explainer_page(source: Source, shown: Explainer, period: Period) -> None:
    """Draw the explainer with the agencies whose reaching the target would raise the province's rate most; their
    rates are those of the period (the sidebar's)."""
    st.caption(L.EXPLAIN_INTRO)
    for line in shown.lines:
        st.markdown(md_escape(line))
    st.markdown(f"**{L.EXPLAIN_COMPONENTS}**")
    show_table(shown.table, TABLE, key="explain_components")
    by_agency = data.counts(source, period, NO_FILTER, "agency")
    measured = [rule for rule in shown.rules if rule.measure]
    for offset in range(0, len(measured), 2):
        for column, rule in zip(st.columns(2), measured[offset:offset + 2], strict=False):
            with column:
                st.markdown(f"**{md_escape(L.EXPLAIN_AGENCIES.format(rate=rule.rate, target=fmt_pct(rule.target)))}**")
                show_table(agency_gains(by_agency, rule.measure, rule.target), GAINS, key=f"gains_{rule.measure}",
                           empty=L.EXPLAIN_NO_AGENCIES)


def explainer_section(source: Source, results: pd.DataFrame, province: str, settings: Settings,
                      period: Period) -> None:
    """Draw the explainer page for `province` from index results published by the period's end, or say why not."""
    shown = explainer(results, province, settings)
    if shown is None:
        no_explainer()
    else:
        explainer_page(source, shown, period)
