"""District map with pydeck: no basemap tiles, mainland framed, far-off islands shown as an inset marker."""

import math

import pandas as pd
import pydeck as pdk

from data_access.figures.source import Source
from texts import labels as L
from texts.fmt import fmt_int
from ui import data
from ui.shared import kept

# A MapLibre style with only a background colour, served by this app (static/); nothing is fetched elsewhere.
OFFLINE_STYLE = "/app/static/map-style.json"
OFFSHORE_LONGITUDE = 110.5  # features east of this are far-off islands (Trường Sa)
NO_SCORE = [189, 189, 189, 200]
# pydeck sends plain strings to deck.gl as expressions; quoted strings pass as literal values. 'auto' builds
# the glyph atlas from the labels themselves, so Vietnamese letters are drawn (the default set is ASCII only).
FONT = "'sans-serif'"
CHARACTERS = "'auto'"


# The composite score in five bands, red (low) to green (high): the same colours on the map and in its legend, so that
# the lowest unit is red, as the caption says (a continuous scale drew a 38 orange).
SCORE_BANDS = ((50.0, (183, 28, 28)), (60.0, (230, 81, 0)), (70.0, (245, 166, 35)), (80.0, (124, 179, 66)),
               (float("inf"), (46, 125, 50)))


def score_band(score: float | None) -> int | None:
    """Return the index of the band of a composite score (SCORE_BANDS), None without a score."""
    if score is None or pd.isna(score):
        return None
    return next(i for i, (upper, _) in enumerate(SCORE_BANDS) if float(score) < upper)


def score_colour(score: float | None) -> list[int]:
    """Return the RGBA colour of a composite score's band; grey without a score."""
    band = score_band(score)
    return NO_SCORE if band is None else [*SCORE_BANDS[band][1], 220]


def legend_rows() -> pd.DataFrame:
    """Return the map legend's rows: label ('< 50', '50–60' …, and 'không đủ dữ liệu') and its colour as hex."""
    rows, lower = [], None
    for upper, rgb in SCORE_BANDS:
        if lower is None:
            label = L.MAP_LEGEND_BELOW.format(value=fmt_int(upper))
        elif upper == float("inf"):
            label = L.MAP_LEGEND_FROM.format(value=fmt_int(lower))
        else:
            label = L.MAP_LEGEND_BETWEEN.format(low=fmt_int(lower), high=fmt_int(upper))
        rows.append({"label": label, "colour": _hex(rgb)})
        lower = upper
    rows.append({"label": L.SCORECARD_INSUFFICIENT, "colour": _hex(NO_SCORE[:3])})
    return pd.DataFrame(rows)


def _hex(rgb) -> str:
    return "#" + "".join(f"{int(v):02x}" for v in rgb)


def place_labels(labels: pd.DataFrame, zoom: float, text: str = "short_name", size_px: int = 13) -> pd.DataFrame:
    """Return the labels that can be drawn without overprinting one another at `zoom`: each is a box of its text
    around its point (Web Mercator pixels), kept in the given order (most important first) unless it overlaps one
    already kept. A dropped name stays in the tooltip and the table."""
    scale = 512 * 2 ** zoom / 360  # pixels per degree of longitude
    kept_boxes, keep = [], []
    for position, row in enumerate(labels.itertuples(index=False)):
        x = float(row.longitude) * scale
        y = math.degrees(math.log(math.tan(math.pi / 4 + math.radians(float(row.latitude)) / 2))) * scale
        half_width, half_height = 0.62 * size_px * len(str(getattr(row, text))) / 2 + 4, size_px / 2 + 4
        box = (x - half_width, x + half_width, y - half_height, y + half_height)
        if any(box[0] < b[1] and b[0] < box[1] and box[2] < b[3] and b[2] < box[3] for b in kept_boxes):
            continue
        kept_boxes.append(box)
        keep.append(position)
    return labels.iloc[keep]


def _coords(geometry: dict):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        for ring in polygon:
            yield from ring


def is_offshore(feature: dict) -> bool:
    """Return True for a feature lying wholly east of OFFSHORE_LONGITUDE."""
    return all(lon > OFFSHORE_LONGITUDE for lon, _ in _coords(feature["geometry"]))


def mainland_view(features: list[dict], width_px: int = 760, height_px: int = 560) -> pdk.ViewState:
    """Return a view that frames the mainland features (offshore ones are left out of the frame)."""
    points = [pt for f in features if not is_offshore(f) for pt in _coords(f["geometry"])]
    if not points:
        return pdk.ViewState(latitude=12.25, longitude=109.05, zoom=8)
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    span_lon = max(lons) - min(lons)
    span_lat = max(lats) - min(lats)
    zoom_lon = math.log2(width_px * 360 / (512 * max(span_lon, 1e-3)))
    zoom_lat = math.log2(height_px * 360 / (512 * max(span_lat, 1e-3) / math.cos(math.radians(sum(lats) / len(lats)))))
    return pdk.ViewState(latitude=(min(lats) + max(lats)) / 2, longitude=(min(lons) + max(lons)) / 2 + 0.08,
                         zoom=min(zoom_lon, zoom_lat) - 0.15, pitch=0, bearing=0)


def district_map(geojson: dict, scores: pd.DataFrame, labelled: set[str] | None = None) -> pdk.Deck:
    """Return the map: units coloured by composite score, labels, and an inset marker for offshore units.

    `scores` has code, name, short_name, latitude, longitude, composite and tooltip (text); `labelled` limits the
    permanent labels to those codes (65 communes stay readable with hover labels and a few named ones).
    """
    by_code = scores.set_index("code").to_dict("index") if not scores.empty else {}
    features = []
    offshore = []
    for feature in geojson.get("features", []):
        props = dict(feature.get("properties") or {})  # the shapes are shared: copy only what changes
        feature = {"type": "Feature", "geometry": feature["geometry"], "properties": props}
        row = by_code.get(str(props.get("gso_code")), {})
        props["fill"] = score_colour(row.get("composite"))
        props["tooltip"] = row.get("tooltip", props.get("name", ""))
        props["code"] = str(props.get("gso_code"))
        features.append(feature)
        if is_offshore(feature):
            offshore.append((feature, row))
    view = mainland_view(features)
    layers = [
        pdk.Layer("GeoJsonLayer", id="districts", data={"type": "FeatureCollection", "features": features},
                  get_fill_color="properties.fill", get_line_color=[255, 255, 255], line_width_min_pixels=2,
                  stroked=True, filled=True, pickable=True, auto_highlight=True),
    ]
    labels = scores.loc[scores["latitude"].notna() & (scores["longitude"] < OFFSHORE_LONGITUDE)] if not scores.empty \
        else scores
    if labelled is not None and not labels.empty:
        labels = labels.loc[labels["code"].astype(str).isin(labelled)]
    if not labels.empty:  # never overprinted: the lowest scores first, then the highest, others dropped
        order = labels["composite"].rank(method="first", na_option="bottom")
        labels = place_labels(labels.assign(_order=order).sort_values("_order").drop(columns="_order"), view.zoom)
        layers.append(pdk.Layer("TextLayer", id="labels", data=labels[["short_name", "latitude", "longitude"]],
                                get_position="[longitude, latitude]", get_text="short_name", get_size=13,
                                get_color=[17, 17, 17], font_family=FONT, font_weight=700,
                                character_set=CHARACTERS, outline_width=3, outline_color=[255, 255, 255],
                                font_settings={"sdf": True}, pickable=False))
    if offshore:
        inset = pd.DataFrame([{
            "longitude": view.longitude + 0.55, "latitude": view.latitude - 0.45,
            "fill": score_colour(row.get("composite")), "label": L.MAP_INSET,
            "tooltip": row.get("tooltip", feature["properties"].get("name", "")),
            "code": feature["properties"]["code"],
        } for feature, row in offshore[:1]])
        layers.append(pdk.Layer("ScatterplotLayer", id="inset", data=inset, get_position="[longitude, latitude]",
                                get_fill_color="fill", get_line_color=[17, 17, 17], stroked=True,
                                line_width_min_pixels=2, radius_min_pixels=14, radius_max_pixels=14, pickable=True))
        layers.append(pdk.Layer("TextLayer", id="inset-label", data=inset, get_position="[longitude, latitude]",
                                get_text="label", get_size=14, get_pixel_offset=[0, 26], get_color=[17, 17, 17],
                                font_family=FONT, character_set=CHARACTERS, outline_width=3,
                                outline_color=[255, 255, 255], font_settings={"sdf": True}))
    return pdk.Deck(layers=layers, initial_view_state=view, map_style=OFFLINE_STYLE, map_provider=None,
                    tooltip={"text": "{tooltip}"})


def shared_map(source: Source, level: str, scores: pd.DataFrame, labelled: set[str] | None = None) -> pdk.Deck:
    """Return district_map of the level's shapes read through the Source, built once per content and shared by
    every viewer, its JSON written once (st.pydeck_chart asks for it on every run): read only."""
    return kept(_built_map, source, level, scores, None if labelled is None else sorted(labelled))


def _built_map(source: Source, level: str, scores: pd.DataFrame, labelled: list[str] | None) -> pdk.Deck:
    deck = district_map(data.boundaries(source, level)[0], scores, None if labelled is None else set(labelled))
    for layer in deck.layers:  # what Streamlit does before serialising under pandas 3 (frames → rows), done once
        if isinstance(getattr(layer, "data", None), pd.DataFrame):
            layer.data = layer.data.to_dict("records")
    text = deck.to_json()
    deck.to_json = lambda: text  # on the instance: the same JSON for every viewer of this content
    return deck
