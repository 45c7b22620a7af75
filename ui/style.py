"""Static page styling for a wall screen: large KPI values, status colours with a symbol and a word."""

import streamlit as st

STATUS_COLOURS = {"green": "#1b5e20", "amber": "#b45309", "red": "#b71c1c", "none": "#616161"}
STATUS_BACKGROUNDS = {"green": "#e8f5e9", "amber": "#fff4e0", "red": "#fdecea", "none": "#f5f5f5"}
CARD_COLOURS = {**STATUS_COLOURS, "info": "#0b4f9c"}
CARD_BACKGROUNDS = {**STATUS_BACKGROUNDS, "info": "#eef4fb"}

_CSS = "\n".join(
    [
        '[data-testid="stMetricValue"] { font-size: 2.6rem; font-weight: 700; line-height: 1.15; }',
        '[data-testid="stMetricLabel"] p { font-size: 1.05rem; font-weight: 600; }',
        ".block-container { padding-top: 1.5rem; }",
        # labels and changes wrap instead of being cut with an ellipsis on narrower screens
        '[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * '
        "{ white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }",
        '[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] * '
        "{ white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }",
    ]
    + [
        f'[class*="st-key-kpi-{s}-"] {{ border-left: 10px solid {c} !important; background: {CARD_BACKGROUNDS[s]}; }}'
        for s, c in CARD_COLOURS.items()
    ]
    + [
        f'[class*="st-key-kpi-{s}-"] [class*="st-key-kpi-status-"] p {{ color: {c}; font-weight: 700; }}'
        for s, c in STATUS_COLOURS.items()
    ]
)


def apply_style() -> None:
    """Inject the static stylesheet (our own constant CSS; no data ever reaches it)."""
    st.html(f"<style>{_CSS}</style>")
