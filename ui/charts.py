"""Altair chart builders with Vietnamese number and date formats (locale taken from babel's CLDR data).

A builder decorated with `shared_chart` returns a ChartSpec: the chart already converted to the Vega-Lite spec
Streamlit sends, built once per process for the same data (ui.shared) and shared by every viewer; `.build` is the
plain Altair builder.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import wraps

import altair as alt
import pandas as pd
from babel.dates import get_day_names, get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol

from texts import labels as L
from texts.fmt import LOCALE
from ui.shared import kept
from ui.versions import streamlit_is_pinned
from views.palette import STATUS_COLOURS

LABEL_SIZE = 14
TITLE_SIZE = 15
TASK_COLOURS = {
    "done_on_time": "#2e7d32",
    "done_late": "#f9a825",
    "open_within_deadline": "#1565c0",
    "open_overdue": STATUS_COLOURS["red"],
    "no_deadline": "#9e9e9e",
}
LAND_ENV_COLOUR = "#b71c1c"
OTHER_COLOUR = "#90a4ae"


@dataclass(frozen=True, eq=False)
class ChartSpec:
    """A chart as the Vega-Lite spec Streamlit sends (its data as Arrow bytes), shared by every viewer: read only."""

    spec: dict
    height: int | None
    content_digest: str  # identifies the spec's content (ui.shared.content_key uses it)


def to_spec(chart: alt.TopLevelMixin) -> ChartSpec:
    """Return the chart converted as st.altair_chart converts it on every run (Streamlit's own conversion: the
    same spec, the same Arrow datasets), once; on another Streamlit than the pinned one, Altair's documented
    `to_dict` (data inline)."""
    if streamlit_is_pinned("ui/charts.py (Streamlit's Altair conversion, done once per shared chart)"):
        from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

        spec = _convert_altair_to_vega_lite_spec(chart)
    else:
        spec = chart.to_dict()
    height = getattr(chart, "height", None)
    described = json.dumps({k: v for k, v in spec.items() if k != "datasets"}, sort_keys=True, default=str)
    digest = hashlib.blake2b((described + repr(sorted(spec.get("datasets", {})))).encode(), digest_size=16)
    return ChartSpec(spec, int(height) if isinstance(height, int | float) else None, digest.hexdigest())


def _build_spec(builder: Callable[..., alt.TopLevelMixin], *args: object, **kwargs: object) -> ChartSpec:
    return to_spec(builder(*args, **kwargs))


def shared_chart(builder: Callable[..., alt.TopLevelMixin]) -> Callable[..., ChartSpec]:
    """Decorate an Altair chart builder so that it returns the ChartSpec, built once per content of its arguments
    (the Altair builder stays available as `.build`)."""

    @wraps(builder)
    def wrapper(*args: object, **kwargs: object) -> ChartSpec:
        return kept(_build_spec, builder, *args, **kwargs)

    wrapper.build = builder  # type: ignore[attr-defined]
    return wrapper


def with_config(chart: ChartSpec, height: int, **config: dict) -> ChartSpec:
    """Return a copy of the spec with `config` sections (axis, legend, text…) merged in and a fixed height."""
    spec = dict(chart.spec)
    merged = dict(spec.get("config", {}))
    for section, values in config.items():
        merged[section] = {**merged.get(section, {}), **values}
    spec["config"] = merged
    spec["height"] = height
    digest = hashlib.blake2b(f"{chart.content_digest}|{height}|{sorted(config.items())}".encode(), digest_size=16)
    return ChartSpec(spec, height, digest.hexdigest())


def vega_locale() -> dict:
    """Return a Vega-Lite locale built from babel's vi_VN data (decimal comma, dot grouping, month names)."""
    days = get_day_names("wide", locale=LOCALE)
    short_days = get_day_names("abbreviated", locale=LOCALE)
    order = [6, 0, 1, 2, 3, 4, 5]  # d3 starts weeks on Sunday; babel numbers Monday 0
    return {
        "number": {"decimal": get_decimal_symbol(LOCALE), "thousands": get_group_symbol(LOCALE),
                   "grouping": [3], "currency": ["", " ₫"], "percent": " %"},
        "time": {
            "dateTime": "%d/%m/%Y %H:%M", "date": "%d/%m/%Y", "time": "%H:%M:%S", "periods": ["SA", "CH"],
            "days": [days[i] for i in order], "shortDays": [short_days[i] for i in order],
            "months": [get_month_names("wide", locale=LOCALE)[m] for m in range(1, 13)],
            "shortMonths": [get_month_names("abbreviated", locale=LOCALE)[m] for m in range(1, 13)],
        },
    }


def finish(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Return the chart with the Vietnamese locale and projector-sized axis text."""
    return (chart.configure(locale=vega_locale())
            .configure_axis(labelFontSize=LABEL_SIZE, titleFontSize=TITLE_SIZE, labelLimit=360)
            .configure_legend(labelFontSize=LABEL_SIZE, titleFontSize=TITLE_SIZE, labelLimit=360)
            .configure_text(fontSize=13))


def only_encoded(frame: pd.DataFrame, *columns: str | None, tooltip: list[alt.Tooltip] = ()) -> pd.DataFrame:
    """Return the frame reduced to the columns a chart encodes (the spec every viewer receives carries no unused
    counts, and no column of mixed types that Arrow cannot serialise)."""
    wanted = [*columns, *(t.to_dict().get("field") for t in tooltip)]
    return frame[[c for c in dict.fromkeys(wanted) if c and c in frame.columns]]


@shared_chart
def hbar(frame: pd.DataFrame, category: str, value: str, value_title: str, tooltip: list[alt.Tooltip],
         colour: str | None = None, colour_title: str = "", palette: dict[str, str] | None = None,
         height: int | None = None) -> alt.TopLevelMixin:
    """Return a horizontal bar chart, largest value on top; `colour` splits bars by a column."""
    encoding = {
        "x": alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format=",d", tickMinStep=1)),
        "y": alt.Y(f"{category}:N", title=None, sort="-x"),
        "tooltip": tooltip,
    }
    if colour and palette:
        encoding["color"] = alt.Color(f"{colour}:N", title=colour_title,
                                      scale=alt.Scale(domain=list(palette), range=list(palette.values())),
                                      legend=alt.Legend(orient="bottom"))
    chart = alt.Chart(only_encoded(frame, category, value, colour, tooltip=tooltip)).mark_bar().encode(**encoding)
    overhead = 110 if colour else 70  # axis and legend take this much of the total height
    chart = chart.properties(height=height or overhead + 32 * max(1, frame[category].nunique()))
    return finish(chart)


@shared_chart
def stacked_bar(frame: pd.DataFrame, category: str, value: str, stack: str, palette: dict[str, str],
                order: list[str], tooltip: list[alt.Tooltip], category_order: list[str]) -> alt.TopLevelMixin:
    """Return horizontal stacked bars (`stack` values in `order`), categories in `category_order`."""
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X(f"{value}:Q", title=L.COUNT_AXIS, axis=alt.Axis(format=",d", tickMinStep=1)),
        y=alt.Y(f"{category}:N", title=None, sort=category_order),
        color=alt.Color(f"{stack}:N", title=None, scale=alt.Scale(domain=order, range=[palette[o] for o in order]),
                        legend=alt.Legend(orient="top", columns=3)),  # read before the bars, not after a long list
        order=alt.Order("stack_order:Q"),
        tooltip=tooltip,
    ).properties(height=130 + 32 * max(1, len(category_order)))
    return finish(chart)


@shared_chart
def column_chart(frame: pd.DataFrame, category: str, value: str, order: list[str], colour: str,
                 tooltip: list[alt.Tooltip], height: int = 300) -> alt.TopLevelMixin:
    """Return vertical columns in a fixed category order (e.g. age buckets) with value labels."""
    base = alt.Chart(frame).encode(x=alt.X(f"{category}:N", title=L.AGE_AXIS, sort=order,
                                           axis=alt.Axis(labelAngle=0)))
    bars = base.mark_bar(color=colour).encode(y=alt.Y(f"{value}:Q", title=L.COUNT_AXIS,
                                                      axis=alt.Axis(format=",d", tickMinStep=1)), tooltip=tooltip)
    text = base.mark_text(dy=-10, fontSize=16, fontWeight="bold").encode(y=f"{value}:Q", text=f"{value}_label:N")
    return finish((bars + text).properties(height=height))


@shared_chart
def month_line(frame: pd.DataFrame, value: str, value_title: str | None, tooltip: list[alt.Tooltip],
               percent: bool = True, target: float | None = None, height: int = 380,
               mark: tuple[date, str] | None = None) -> alt.TopLevelMixin:
    """Return a monthly line with points (x = month_date); an optional dashed target line and a labelled vertical
    marker (date, text) when that date lies within the months shown."""
    # percent ticks at least 0,1 % apart, with one decimal when needed: a flat series (88–90 %) must not read
    # "89 %, 89 %, 89 %" on its axis
    axis = alt.Axis(format=".1~%", tickMinStep=0.001) if percent else alt.Axis(format=",d")
    base = alt.Chart(frame).encode(x=alt.X("month_date:T", title=L.MONTH_AXIS,
                                           axis=alt.Axis(format="%m/%Y", labelAngle=-40, tickCount="month")))
    line = base.mark_line(point=alt.OverlayMarkDef(size=70), strokeWidth=3).encode(
        y=alt.Y(f"{value}:Q", title=value_title, axis=axis, scale=alt.Scale(zero=False)), tooltip=tooltip)
    layers = [line]
    if target is not None:
        layers.append(alt.Chart(pd.DataFrame({"target": [target]})).mark_rule(strokeDash=[6, 4], color="#555")
                      .encode(y="target:Q"))
    months = pd.to_datetime(frame["month_date"]) if len(frame) else pd.Series(dtype="datetime64[ns]")
    if mark is not None and len(months) and months.min() <= pd.Timestamp(mark[0]) <= months.max():
        event = alt.Chart(pd.DataFrame({"day": [pd.Timestamp(mark[0])], "text": [mark[1]]}))
        layers.append(event.mark_rule(color="#7B1FA2", strokeWidth=2).encode(x="day:T"))
        layers.append(event.mark_text(align="left", dx=4, dy=-6, color="#7B1FA2", fontSize=13, baseline="top")
                      .encode(x="day:T", y=alt.value(0), text="text:N"))
    return finish(alt.layer(*layers).properties(height=height))


@shared_chart
def month_stack(frame: pd.DataFrame, tooltip: list[alt.Tooltip], height: int = 380) -> alt.TopLevelMixin:
    """Return monthly stacked columns of overdue dossiers, land/environment vs other fields."""
    palette = {L.GROUP_LAND_ENV: LAND_ENV_COLOUR, L.GROUP_OTHER: OTHER_COLOUR}
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X("month_label:N", title=L.MONTH_AXIS, sort=alt.SortField("month_date"), axis=alt.Axis(labelAngle=-40)),
        y=alt.Y("count:Q", title=L.COUNT_AXIS, axis=alt.Axis(format=",d")),
        color=alt.Color("group:N", title=None, scale=alt.Scale(domain=list(palette), range=list(palette.values())),
                        legend=alt.Legend(orient="bottom")),
        order=alt.Order("group_order:Q"),
        tooltip=tooltip,
    ).properties(height=height)
    return finish(chart)


def show_chart(chart: ChartSpec, key: str | None = None) -> None:
    """Draw a shared chart at full width and at the height it was built with (Streamlit would shrink it
    otherwise)."""
    import streamlit as st

    st.vega_lite_chart(spec=chart.spec, width="stretch", height=chart.height or "content", key=key)


@shared_chart
def colour_legend(rows: pd.DataFrame, title: str) -> alt.TopLevelMixin:
    """Return a legend strip: one swatch per row in its own `colour` (hex, used as it is) with its `label` under it
    (the map's score bands: the same colours as its cells)."""
    order = rows["label"].tolist()
    base = alt.Chart(rows).encode(x=alt.X("label:N", sort=order, axis=None, title=None))
    swatches = base.mark_rect(height=22).encode(color=alt.Color("colour:N", scale=None, legend=None))
    labels = base.mark_text(dy=24, fontSize=14).encode(text="label:N")
    return finish((swatches + labels).properties(title=title, height=60))
