"""Charts of index rankings: rank over time on an inverted axis, with the number of provinces ranked shown."""

import altair as alt
import pandas as pd

from texts import labels as L
from ui.charts import finish, shared_chart

PRIMARY = "#0b4f9c"
FORMER = "#6f9fd8"  # the province before the merger
OTHER = "#e65100"  # the provinces merged into it, before the merger
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


@shared_chart
def rank_chart(series: pd.DataFrame, height: int = 340, text_size: int = 15) -> alt.TopLevelMixin:
    """Return rank over time (1 at the top); a grey step line marks how many provinces were ranked; point labels
    at `text_size` px (larger on a slide)."""
    ranked = series.loc[series["rank"].notna()].copy()
    bottom = int(ranked["n_ranked"].max())
    y_scale = alt.Scale(reverse=True, domain=[1, bottom], nice=False)
    colour = _colour(ranked, text_size)
    base = alt.Chart(ranked).encode(x=_x(ranked))
    own = base.transform_filter(alt.datum.own)
    field = own.mark_line(interpolate="step-after", strokeDash=[6, 4], color=FIELD_LINE, strokeWidth=2).encode(
        y=alt.Y("n_ranked:Q", scale=y_scale, title=L.AXIS_RANK))
    field_label = own.transform_filter(alt.datum.first_of_field).mark_text(
        align="left", dx=6, dy=12, color="#424242", fontSize=text_size - 2).encode(y="n_ranked:Q", text="field_label:N")
    line = base.mark_line(strokeWidth=3).encode(y=alt.Y("rank:Q", scale=y_scale), color=colour)
    points = base.mark_point(size=160, strokeWidth=3).encode(
        y=alt.Y("rank:Q", scale=y_scale), color=colour,
        fill=alt.condition(alt.datum.is_demo, alt.value("white"), colour),
        tooltip=_tooltip())
    labels = base.mark_text(dy=-text_size, fontSize=text_size, fontWeight="bold", color="#111").encode(
        y=alt.Y("rank:Q", scale=y_scale), text="rank_label:N")
    return finish(alt.layer(field, field_label, line, points, labels).properties(height=height))


def _colour(series: pd.DataFrame, text_size: int = 15) -> alt.Color:
    """Return the colour of each line: the province today, the province before the merger, the merged ones."""
    labels = list(dict.fromkeys(series.sort_values("colour_order", kind="stable")["series_label"]))
    palette = {0: PRIMARY, 1: FORMER, 2: OTHER}
    order = dict(zip(series["series_label"], series["colour_order"], strict=False))
    return alt.Color("series_label:N", title=None, scale=alt.Scale(domain=labels, range=[
        palette[min(2, int(order[label]))] for label in labels]),
                     legend=alt.Legend(orient="bottom", labelFontSize=text_size - 1, symbolStrokeWidth=3))


@shared_chart
def score_chart(series: pd.DataFrame, height: int = 260) -> alt.TopLevelMixin:
    """Return the score over time with the same hover details."""
    scored = series.loc[series["score"].notna()]
    base = alt.Chart(scored).encode(x=_x(scored))
    y = alt.Y("score:Q", title=L.AXIS_SCORE, scale=alt.Scale(zero=False), axis=alt.Axis(format=",.1f"))
    colour = _colour(scored)
    line = base.mark_line(strokeWidth=3).encode(y=y, color=colour)
    points = base.mark_point(size=120, strokeWidth=3).encode(
        y=y, color=colour, fill=alt.condition(alt.datum.is_demo, alt.value("white"), colour), tooltip=_tooltip())
    return finish(alt.layer(line, points).properties(height=height))


@shared_chart
def components_chart(components: pd.DataFrame, height: int | None = None) -> alt.TopLevelMixin:
    """Return components as bars of score ÷ max points (weakest first), labelled 'score/max'."""
    # the names get at most 320 px, so that the bars keep their room at 1366 px; the scale reaches past 100 % so
    # that a full component's "10,98/12,00" is not cut at the edge
    base = alt.Chart(components).encode(y=alt.Y("component:N", title=None, sort=alt.SortField("share"),
                                                axis=alt.Axis(labelLimit=320)))
    bars = base.mark_bar(color=PRIMARY).encode(
        x=alt.X("share:Q", title=None, scale=alt.Scale(domain=[0, 1.25]),
                axis=alt.Axis(format=".0%", values=[0, 0.25, 0.5, 0.75, 1])),
        tooltip=[alt.Tooltip("component:N", title=L.COMPONENT), alt.Tooltip("points_label:N", title=L.AXIS_SCORE),
                 alt.Tooltip("source:N", title=L.TOOLTIP_SOURCE)])
    text = base.mark_text(align="left", dx=6, fontSize=14).encode(x="share:Q", text="points_label:N")
    return finish((bars + text).properties(height=height or max(120, 34 * len(components))))


def decorate(series: pd.DataFrame, province: str | None = None) -> pd.DataFrame:
    """Return the series with the labels its charts show (rank 'x/N', score, kind, field size, which province:
    "(cũ)" before the merger); `province` is the province of today (metrics.indexes.history_series)."""
    from texts.fmt import fmt_number

    out = series.copy()
    if "series" not in out.columns:
        out = out.assign(series=province or "", former=False)
    out["own"] = out["series"] == (province if province is not None else out["series"])
    out["series_label"] = [L.RANKING_FORMER.format(province=s) if f else s
                           for s, f in zip(out["series"], out["former"], strict=True)]
    out["colour_order"] = [0 if o and not f else 1 if o else 2 for o, f in zip(out["own"], out["former"],
                                                                                strict=True)]
    out["rank_label"] = [
        L.RANK_VALUE.format(rank=int(r), n=int(n)) if pd.notna(r) and pd.notna(n) else L.NO_RANK
        for r, n in zip(out["rank"], out["n_ranked"], strict=True)
    ]
    out["score_label"] = out["score"].map(lambda v: fmt_number(v, 2))
    out["kind_label"] = out["is_demo"].map({True: L.KIND_DEMO, False: L.KIND_PUBLIC})
    out["source"] = out["source"].fillna("")
    sizes = out["n_ranked"].astype("Float64").where(out["own"])
    own_sizes = sizes.dropna()
    changed = (own_sizes != own_sizes.shift()).fillna(True).astype(bool)
    out["first_of_field"] = changed.reindex(out.index, fill_value=False).astype(bool)
    out["field_label"] = sizes.map(lambda n: L.RANKING_FIELD_LABEL.format(n=int(n)) if pd.notna(n) else "")
    out["is_demo"] = out["is_demo"].astype(bool)
    out["rank"] = out["rank"].astype("float64")
    out["n_ranked"] = out["n_ranked"].astype("float64")
    return out
