"""KPI cards: value, change, status by colour AND symbol/word, and the agency accountable."""

from dataclasses import dataclass

import streamlit as st

from ui import labels as L
from ui.safe import md_escape


@dataclass(frozen=True)
class KpiCard:
    """What one card shows (all texts already formatted)."""

    key: str
    label: str
    value: str
    status: str
    concerns: str
    delta: str | None = None
    delta_good_when_up: bool | None = True  # None: neutral (no colour)
    help: str | None = None
    note: str | None = None


def kpi_card(card: KpiCard) -> None:
    """Draw one card; its container carries a status class coloured by ui.style."""
    with st.container(border=True, key=f"kpi-{card.status}-{card.key}"):
        delta_color = "off" if card.delta_good_when_up is None else (
            "normal" if card.delta_good_when_up else "inverse")
        st.metric(card.label, card.value, card.delta, delta_color=delta_color, help=card.help)
        symbol, word = L.STATUS_SYMBOLS[card.status], L.STATUS_WORDS[card.status]
        with st.container(key=f"kpi-status-{card.key}"):
            st.markdown(f"**{symbol} {word}**" + (f" · {md_escape(card.note)}" if card.note else ""))
        st.caption(md_escape(card.concerns))


def kpi_row(cards: list[KpiCard], per_row: int = 4) -> None:
    """Draw cards in rows of `per_row`."""
    for offset in range(0, len(cards), per_row):
        columns = st.columns(per_row)
        for column, card in zip(columns, cards[offset:offset + per_row], strict=False):
            with column:
                kpi_card(card)
