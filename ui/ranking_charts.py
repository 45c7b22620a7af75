"""Charts of index rankings: rank over time on an inverted axis, with the number of provinces ranked shown."""

import altair as alt
import pandas as pd

from ui import labels as L
from ui.charts import finish

PRIMARY = "#0b4f9c"
FIELD_LINE = "#9e9e9e"


def _x(series: pd.DataFrame) -> alt.X:
    annual = series["period"].astype(str).str.fullmatch(r"\d{4}").all()
    return alt.X("period_date:T", title=L.AXIS_PERIOD,
                 axis=alt.Axis(format="%Y" if annual else "%m/%Y", labelAngle=0 if annual else -40,
                               tickCount="year" if annual else "month"))


def _tooltip() -> list[alt.Tooltip]:
    return [alt.Tooltip("period:N", title=L.TOOLTIP_PERIOD), alt.Tooltip("rank_label:N", title=L.TOOLTIP_RANK),
            alt.Tooltip("score_label:N", title=L.TOOLTIP_SCORE), alt.Tooltip("kind_label:N", title=L.TOOLTIP_KIND),
            alt.Tooltip("source:N", title=L.TOOLTIP_SOURCE)]


def rank_chart(series: pd.DataFrame, height: int = 340, text_size: int = 15) -> alt.TopLevelMixin:
    """Return rank over time (1 at the top); a grey step line marks how many provinces were ranked; point labels
    at `text_size` px (larger on a slide)."""
    ranked = series.loc[series["rank"].notna()].copy()
    bottom = int(ranked["n_ranked"].max())
    y_scale = alt.Scale(reverse=True, domain=[1, bottom], nice=False)
    base = alt.Chart(ranked).encode(x=_x(ranked))
    field = base.mark_line(interpolate="step-after", strokeDash=[6, 4], color=FIELD_LINE, strokeWidth=2).encode(
        y=alt.Y("n_ranked:Q", scale=y_scale, title=L.AXIS_RANK))
    field_label = base.transform_filter(alt.datum.first_of_field).mark_text(
        align="left", dx=6, dy=12, color="#424242", fontSize=text_size - 2).encode(y="n_ranked:Q", text="field_label:N")
    line = base.mark_line(color=PRIMARY, strokeWidth=3).encode(y=alt.Y("rank:Q", scale=y_scale))
    points = base.mark_point(size=160, strokeWidth=3, color=PRIMARY).encode(
        y=alt.Y("rank:Q", scale=y_scale),
        fill=alt.condition(alt.datum.is_demo, alt.value("white"), alt.value(PRIMARY)),
        tooltip=_tooltip())
    labels = base.mark_text(dy=-text_size, fontSize=text_size, fontWeight="bold", color="#111").encode(
        y=alt.Y("rank:Q", scale=y_scale), text="rank_label:N")
    return finish(alt.layer(field, field_label, line, points, labels).properties(height=height))


def score_chart(series: pd.DataFrame, height: int = 260) -> alt.TopLevelMixin:
    """Return the score over time with the same hover details."""
    scored = series.loc[series["score"].notna()]
    base = alt.Chart(scored).encode(x=_x(scored))
    y = alt.Y("score:Q", title=L.AXIS_SCORE, scale=alt.Scale(zero=False), axis=alt.Axis(format=",.1f"))
    line = base.mark_line(color=PRIMARY, strokeWidth=3).encode(y=y)
    points = base.mark_point(size=120, strokeWidth=3, color=PRIMARY).encode(
        y=y, fill=alt.condition(alt.datum.is_demo, alt.value("white"), alt.value(PRIMARY)), tooltip=_tooltip())
    return finish(alt.layer(line, points).properties(height=height))


def components_chart(components: pd.DataFrame, height: int | None = None) -> alt.TopLevelMixin:
    """Return components as bars of score ÷ max points (weakest first), labelled 'score/max'."""
    base = alt.Chart(components).encode(y=alt.Y("component:N", title=None, sort=alt.SortField("share")))
    bars = base.mark_bar(color=PRIMARY).encode(
        x=alt.X("share:Q", title=None, scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format=".0%")),
        tooltip=[alt.Tooltip("component:N", title=L.COMPONENT), alt.Tooltip("points_label:N", title=L.AXIS_SCORE),
                 alt.Tooltip("source:N", title=L.TOOLTIP_SOURCE)])
    text = base.mark_text(align="left", dx=6, fontSize=14).encode(x="share:Q", text="points_label:N")
    return finish((bars + text).properties(height=height or max(120, 34 * len(components))))


def decorate(series: pd.DataFrame) -> pd.DataFrame:
    """Return the series with the labels its charts show (rank 'x/N', score, kind, field size)."""
    from ui.fmt import fmt_number

    out = series.copy()
    out["rank_label"] = [
        L.RANK_VALUE.format(rank=int(r), n=int(n)) if pd.notna(r) and pd.notna(n) else L.NO_RANK
        for r, n in zip(out["rank"], out["n_ranked"], strict=True)
    ]
    out["score_label"] = out["score"].map(lambda v: fmt_number(v, 2))
    out["kind_label"] = out["is_demo"].map({True: L.KIND_DEMO, False: L.KIND_PUBLIC})
    out["source"] = out["source"].fillna("")
    sizes = out["n_ranked"].astype("Float64")
    out["first_of_field"] = (sizes != sizes.shift()).fillna(True).astype(bool) & sizes.notna()
    out["field_label"] = sizes.map(lambda n: L.RANKING_FIELD_LABEL.format(n=int(n)) if pd.notna(n) else "")
    out["is_demo"] = out["is_demo"].astype(bool)
    out["rank"] = out["rank"].astype("float64")
    out["n_ranked"] = out["n_ranked"].astype("float64")
    return out
