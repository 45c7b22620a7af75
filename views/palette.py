"""The status colours shared by the screen (ui/style.py, ui/tables.py, ui/charts.py) and the meeting pack
(reports/pdf.py): dark text on a light background, always beside a symbol and a word (texts.labels.STATUS_*)."""

STATUS_COLOURS = {"green": "#1b5e20", "amber": "#b45309", "red": "#b71c1c", "none": "#616161"}
STATUS_BACKGROUNDS = {"green": "#e8f5e9", "amber": "#fff4e0", "red": "#fdecea", "none": "#f5f5f5"}
CARD_COLOURS = {**STATUS_COLOURS, "info": "#0b4f9c"}
CARD_BACKGROUNDS = {**STATUS_BACKGROUNDS, "info": "#eef4fb"}
