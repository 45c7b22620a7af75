"""Static page styling for a wall screen: large KPI values, status colours with a symbol and a word."""


import streamlit
import streamlit as st

from texts import labels as L
from ui.session_cookie import SCRIPT_KEY as COOKIE_SCRIPT_KEY
from ui.versions import STREAMLIT_VERSION
from ui.warmup import KEY as WARMUP_KEY
from views.palette import CARD_BACKGROUNDS, CARD_COLOURS, STATUS_COLOURS


def _css(upload_mb: int) -> str:
    """Return the page stylesheet, stating the upload limit of .streamlit/config.toml (server.maxUploadSize)."""
    return "\n".join(_BASE + _uploader(upload_mb) + _empty_choices())


# The pickers' own "No results" (a filter that matches no option) is written by Streamlit's frontend with no option
# to change it; its element carries a class of the build (the emotion "target" of Selectbox.js and Multiselect.js
# of Streamlit 1.67.0), so the rule applies to that version only (STREAMLIT_VERSION) and is checked by
# tests/e2e/test_words.py in Chromium.
_EMPTY_CHOICE_CLASSES = (".equpb2c9", ".eo2qvtu11")


def _empty_choices() -> list[str]:
    """Return the rules that replace the pickers' "No results" by our words, on the Streamlit they were read in."""
    if streamlit.__version__ != STREAMLIT_VERSION:
        return []
    found = ", ".join(_EMPTY_CHOICE_CLASSES)
    after = ", ".join(f"{c}::after" for c in _EMPTY_CHOICE_CLASSES)
    return [f"{found} {{ visibility: hidden; position: relative; }}",  # hidden text is neither seen nor read out
            f'{after} {{ content: "{L.PICKER_NO_MATCH}"; visibility: visible; position: absolute; left: 0; right: 0; '
            "text-align: center; }"]


_BASE = (
    [
        '[data-testid="stMetricValue"], [data-testid="stMetricValue"] p '
        "{ font-size: 2.6rem; font-weight: 700; line-height: 1.15; }",
        '[data-testid="stMetricLabel"] p { font-size: 1.05rem; font-weight: 600; }',
        ".block-container { padding-top: 1.5rem; }",
        f".st-key-{WARMUP_KEY} {{ display: none !important; }}",  # ui/warmup.py: placeholders never seen nor read out
        f".st-key-{COOKIE_SCRIPT_KEY} {{ display: none !important; }}",  # ui/session_cookie.py: a script only
        # Streamlit's keyboard "Skip to main content" link (shown on focus) says it in Vietnamese
        '[data-testid="stSkipToContent"] { font-size: 0 !important; }',
        f'[data-testid="stSkipToContent"]::after {{ content: "{L.SKIP_TO_CONTENT}"; font-size: 1rem; }}',
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


def _uploader(mb: int) -> list[str]:
    """Return the rules that replace the file uploader's own English by our labels: "Upload", "200MB per file • …",
    and a refused file's "File must be 200.0MB or smaller." / "… files are not allowed." (a tooltip and a
    screen-reader alert) by one visible Vietnamese line under the uploader."""
    refused = L.UPLOAD_REFUSED.format(mb=mb)
    return [
        '[data-testid="stFileUploaderDropzone"] button { font-size: 0 !important; }',
        '[data-testid="stFileUploaderDropzone"] button * { display: none !important; }',
        f'[data-testid="stFileUploaderDropzone"] button::after {{ content: "{L.UPLOAD_BUTTON}"; font-size: 1rem; }}',
        '[data-testid="stFileUploaderDropzoneInstructions"] * { display: none !important; }',
        '[data-testid="stFileUploaderDropzoneInstructions"]::after '
        f'{{ content: "{L.UPLOAD_LIMIT.format(mb=mb)}"; font-size: 0.875rem; opacity: 0.7; }}',
        '[data-testid="stFileChip"] [role="alert"], [data-testid="stTooltipErrorContent"] { font-size: 0 !important; }',
        f'[data-testid="stFileChip"] [role="alert"]::after, [data-testid="stTooltipErrorContent"]::after '
        f'{{ content: "{refused}"; font-size: 0.875rem; }}',
        '[data-testid="stFileUploader"]:has([data-testid="stFileChip"][aria-invalid="true"])::after '
        f'{{ content: "{refused}"; display: block; margin-top: 0.4rem; color: {STATUS_COLOURS["red"]}; '
        'font-weight: 600; }',
    ]


# Presentation mode: no Streamlit chrome or sidebar, black on white, KPI values 60 px, every text at least 20 px.
_SLIDE_CSS = "\n".join([
    '[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"], '
    '[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"], footer '
    "{ display: none !important; }",
    '.stApp, .stMain, [data-testid="stAppViewContainer"] '
    "{ background: #ffffff !important; color: #000000 !important; }",
    ".block-container { padding: 0.6rem 2rem 0 2rem !important; max-width: 100% !important; }",
    "h1 { font-size: 46px !important; padding: 0 !important; color: #000000 !important; }",
    "h2, h3 { font-size: 30px !important; color: #000000 !important; }",
    '[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li, [data-testid="stCaptionContainer"],'
    ' [data-testid="stCaptionContainer"] p, [data-testid="stWidgetLabel"] p, button p, '
    '[data-testid="stTable"] td, [data-testid="stTable"] th, [data-testid="stAlert"] p '
    "{ font-size: 22px !important; color: #000000 !important; line-height: 1.3 !important; }",
    '.stMain [data-testid="stMetricValue"], .stMain [data-testid="stMetricValue"] p '
    "{ font-size: 60px !important; color: #000000 !important; line-height: 1.1 !important; }",
    '.stMain [data-testid="stMetricLabel"] p { font-size: 24px !important; color: #000000 !important; }',
    '.stMain [data-testid="stMetricDelta"], .stMain [data-testid="stMetricDelta"] * { font-size: 22px !important; }',
    '[data-testid="stTable"] td, [data-testid="stTable"] th { padding: 6px 12px !important; }',
    '[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * '
    "{ color: #000000 !important; opacity: 1 !important; }",
    '[data-testid="stVerticalBlock"] { gap: 0.6rem !important; }',
])


def apply_style(present: bool = False) -> None:
    """Inject the static stylesheet, with the slide rules in presentation mode (our own constant CSS; no data ever
    reaches it)."""
    st.html(f"<style>{_css(int(st.get_option('server.maxUploadSize')))}\n{_SLIDE_CSS if present else ''}</style>")
