"""The 766 explainer page (issue #15) through AppTest on the demo: the headline, the gap to the province above and
the first component line equal the rule applied by hand to the raw index rows of the database (the demo's 34
provinces of each month since 1/7/2025, labelled demo); the ranking page shows it when Bộ chỉ số 766 is chosen."""

import pandas as pd
from sqlalchemy import create_engine

from config.settings import load_settings
from data_access.figures.index_queries import load_index_results
from metrics.indexes import period_start
from tests.pages.conftest import END, no_problem
from texts import labels as L
from texts.fmt import fmt_index_period, fmt_number, fmt_pct, fmt_points


def _raw(demo_db) -> pd.DataFrame:
    engine = create_engine(demo_db)
    with engine.connect() as conn:
        rows = load_index_results(conn)
    engine.dispose()
    return rows.loc[rows["index_name"] == "766"]


def test_the_explainer_states_rank_gap_and_the_cheapest_change(app, demo_db):
    rows = _raw(demo_db)
    totals = rows.loc[(rows["component"] == "") & rows["period"].map(lambda p: period_start(p) <= END)]
    ranked = totals.groupby("period").filter(lambda g: len(g) > 1)
    period = max(ranked["period"], key=period_start)
    field = ranked.loc[ranked["period"] == period].sort_values("rank")
    assert len(field) == 34 and field["is_demo"].all()
    mine = field.loc[field["province"] == "Khánh Hòa"].iloc[0]
    above = field.loc[field["rank"] == mine["rank"] - 1].iloc[0]
    gap = round(above["score"] - mine["score"], 2)
    rules = {rule.name: rule for rule in load_settings().index_766}
    parts = rows.loc[(rows["period"] == period) & (rows["province"] == "Khánh Hòa") & (rows["component"] != "")]
    options = []
    for part in parts.itertuples():
        rule = rules[part.component]
        if part.score + gap + 0.01 <= rule.max_points:
            now, needed = part.score / rule.max_points * rule.target, (part.score + gap + 0.01) / rule.max_points \
                * rule.target
            options.append((needed - now, -(rule.max_points - part.score), rule.rate, now, needed))
    cheapest = min(options)

    at = app("pages/chi_so_766.py")
    no_problem(at)
    lines = [m.value.replace("\\", "") for m in at.markdown]  # shown escaped as Markdown
    assert lines[0] == L.EXPLAIN_HEADLINE.format(province="Khánh Hòa", rank=int(mine["rank"]), n=34,
                                                 period=fmt_index_period(period),
                                                 score=fmt_number(mine["score"], 2), demo=L.DEMO_TAG)
    assert lines[1] == L.EXPLAIN_ABOVE.format(province=above["province"], rank=int(above["rank"]),
                                              gap=fmt_number(gap, 2))
    assert L.EXPLAIN_LINE.format(rate=cheapest[2], now=fmt_pct(cheapest[3]), needed=fmt_pct(cheapest[4]),
                                 change=fmt_points(cheapest[0]), province=above["province"],
                                 rank=int(above["rank"])) == lines[3]
    assert len(at.dataframe) == 5  # the components and the four measured rates' agencies


def test_the_ranking_page_shows_the_explainer_for_the_766_index(app):
    at = app("pages/xep_hang.py")
    at.get("button_group")[0].set_value("766").run()
    no_problem(at)
    assert L.PAGE_766 in [s.value for s in at.subheader]
