"""Chart specifications that the browser draws: percent axes never repeat a label."""

from datetime import date

import altair as alt
import pandas as pd

from ui.charts import month_line


def _y_axis(spec: dict) -> dict:
    return (spec["encoding"] if "encoding" in spec else spec["layer"][0]["encoding"])["y"]["axis"]


def test_a_flat_percent_series_gets_distinct_axis_labels():
    frame = pd.DataFrame({"month_date": pd.to_datetime([date(2026, m, 1) for m in (9, 10, 11)]),
                          "rate": [0.881, 0.895, 0.889]})
    spec = month_line.build(frame, "rate", None, [alt.Tooltip("rate:Q")]).to_dict()
    axis = _y_axis(spec)
    # ticks 0,1 % apart at the closest, shown with one decimal where they have one (89 %, 89,5 %)
    assert axis["format"] == ".1~%" and axis["tickMinStep"] == 0.001
    counts = month_line.build(frame.assign(n=[3, 4, 5]), "n", None, [], percent=False).to_dict()
    assert _y_axis(counts)["format"] == ",d"
