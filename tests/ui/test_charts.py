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


def test_map_colours_come_in_bands_that_the_legend_names():
    """Issue #28: the lowest score (38) was drawn orange while the caption said red is low; no numeric legend."""
    from ui.maps import NO_SCORE, legend_rows, score_colour

    rows = legend_rows()
    assert rows["label"].tolist() == ["dưới 50", "50 – dưới 60", "60 – dưới 70", "70 – dưới 80", "từ 80",
                                      "không đủ dữ liệu"]
    for score, band in ((38, 0), (49.9, 0), (50, 1), (65, 2), (79.99, 3), (80, 4), (96, 4)):
        assert "#" + "".join(f"{v:02x}" for v in score_colour(score)[:3]) == rows["colour"][band], score
    assert score_colour(None) == NO_SCORE and score_colour(float("nan")) == NO_SCORE
    assert rows["colour"].iloc[-1] == "#" + "".join(f"{v:02x}" for v in NO_SCORE[:3])


def test_map_labels_never_overprint():
    """Issue #28: "Phan Rang" over "Đông Hải", "Nam Nha Trang" over "Nha Trang"."""
    import pandas as pd

    from ui.maps import place_labels

    labels = pd.DataFrame({"short_name": ["Nam Nha Trang", "Nha Trang", "Cam Lâm", "Phan Rang", "Đông Hải"],
                           "latitude": [12.197, 12.208, 12.084, 11.567, 11.560],
                           "longitude": [109.167, 109.188, 109.153, 108.987, 109.010]})
    kept = place_labels(labels, zoom=8.4)
    assert kept["short_name"].tolist() == ["Nam Nha Trang", "Cam Lâm", "Phan Rang"]  # first come, first placed
    assert place_labels(labels, zoom=12)["short_name"].tolist() == labels["short_name"].tolist()  # room enough
