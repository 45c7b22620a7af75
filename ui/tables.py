"""Tables: Vietnamese headers, babel-formatted cells, and status cells coloured with a symbol."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

import pandas as pd
import streamlit as st

from metrics.text import FORMULA_STARTS, strip_controls
from texts import labels as L
from ui.shared import kept
from ui.streamlit_speed import MARSHALLED
from ui.versions import pandas_is_pinned
from views.palette import STATUS_BACKGROUNDS, STATUS_COLOURS


@dataclass(frozen=True)
class Col:
    """A displayed column: source column, header, formatter, and optional column holding its status."""

    source: str
    header: str
    fmt: Callable[[object], str] | None = None
    status: str | None = None
    help: str | None = None  # the full name, shown on hover, of a column whose header is shortened
    width: str | None = None  # "small", "medium" or "large": a wide table keeps its figure columns on screen


def table_view(frame: pd.DataFrame, columns: list[Col]) -> pd.DataFrame:
    """Return the frame reduced to `columns`, renamed to their headers (values unformatted)."""
    view = frame[[c.source for c in columns]].copy()
    view.columns = [c.header for c in columns]
    return view.reset_index(drop=True)


def _plain(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else strip_controls(str(value))


def styled(frame: pd.DataFrame, columns: list[Col]) -> "pd.io.formats.style.Styler":
    """Return a Styler with formatted cells; status cells get a colour and a symbol (never colour alone)."""
    view = table_view(frame, columns)
    statuses = frame.reset_index(drop=True)
    styler = view.style.format({c.header: c.fmt or _plain for c in columns}, na_rep="—")
    for c in columns:
        if not c.status:
            continue
        base = c.fmt or _plain
        for status, symbol in L.STATUS_SYMBOLS.items():
            rows = statuses.index[statuses[c.status] == status]
            if len(rows):
                styler = styler.format(lambda v, b=base, s=symbol: f"{s} {b(v)}", subset=(rows, [c.header]),
                                       na_rep=f"{symbol} —")
        css = [f"background-color: {STATUS_BACKGROUNDS[s]}; color: {STATUS_COLOURS[s]}; font-weight: 600"
               for s in statuses[c.status]]
        styler = styler.apply(lambda _col, css=css: css, subset=[c.header])
    return styler


def rendered(frame: pd.DataFrame, columns: list[Col]) -> "pd.io.formats.style.Styler":
    """Return the table's Styler with its cells formatted and coloured once: Streamlit, which computes and
    translates a Styler on every run, reads what was translated here (kept and shared through ui.shared); with
    ui.streamlit_speed applied it also marshals it once."""
    styler = styled(frame, columns)
    if not pandas_is_pinned("ui/tables.py (a shared table's Styler computed once)"):
        return styler  # Streamlit computes it on every run, as it would without this
    styler._compute()
    translated = styler._translate(False, False)  # what streamlit's marshall_styler asks for, as it asks for it
    styler._compute = lambda: styler  # on the instance: Streamlit checks the Styler's exact type
    styler._translate = lambda *_args, **_kwargs: translated
    setattr(styler, MARSHALLED, {})  # marshalled once per element (ui/streamlit_speed.py, applied by serve.py)
    return styler


def show_table(frame: pd.DataFrame, columns: list[Col], height: int | str = "auto", key: str | None = None,
               empty: str = L.NO_ROWS) -> None:
    """Draw a read-only table (hidden index) with formatted, status-coloured cells; `empty` when no rows."""
    if frame.empty:
        st.caption(empty)
        return
    config = {c.header: st.column_config.Column(help=c.help, width=c.width) for c in columns if c.help or c.width}
    st.dataframe(kept(rendered, frame, columns), hide_index=True, height=height, key=key, placeholder="—",
                 column_config=config or None)
    identity = hashlib.sha1("|".join([key or "", empty, *(c.header for c in columns)]).encode()).hexdigest()[:12]
    st.download_button(L.TABLE_EXCEL, data=lambda: to_excel(frame, columns), file_name=f"bang_{identity}.xlsx",
                       mime=XLSX, key=f"xlsx_{identity}", on_click="ignore", type="tertiary")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def to_excel(frame: pd.DataFrame, columns: list[Col]) -> bytes:
    """Return the table as an .xlsx file: Vietnamese headers, the cells as shown on screen (no HTML, no styling)."""
    view = table_view(frame, columns)
    for c in columns:  # the formatters show a missing value as "—"; plain text columns do the same here
        view[c.header] = [strip_controls(c.fmt(v)) if c.fmt else (_plain(v) or "—") for v in view[c.header]]
    buffer = BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        view.to_excel(writer, index=False, sheet_name=L.EXCEL_SHEET)
        for row in writer.sheets[L.EXCEL_SHEET].iter_rows():
            for cell in row:  # imported text such as "=HYPERLINK(…)" or "@…" stays text, never a live formula
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"
    return buffer.getvalue()
