"""KPI cards drawn on screen (views.cards.KpiCard): value, change, status by colour AND symbol/word, and the agency
accountable."""

import streamlit as st

from texts import labels as L
from ui.safe import md_escape
from views.cards import KpiCard


def kpi_card(card: KpiCard) -> None:
    """Draw one card; its container carries a status class coloured by ui.style."""
    with st.container(border=True, key=f"kpi-{card.status}-{card.key}"):
        neutral = card.delta_good_when_up is None or not _signed(card.delta)
        delta_color = "off" if neutral else ("normal" if card.delta_good_when_up else "inverse")
        st.metric(card.label, card.value, card.delta, delta_color=delta_color, help=card.help,
                  delta_arrow="off" if neutral else "auto")
        with st.container(key=f"kpi-status-{card.key}"):
            if card.status in L.STATUS_WORDS:
                symbol, word = L.STATUS_SYMBOLS[card.status], L.STATUS_WORDS[card.status]
                st.markdown(f"**{symbol} {word}**" + (f" · {md_escape(card.note)}" if card.note else ""))
            elif card.note:
                st.markdown(md_escape(card.note))
        st.caption(md_escape(card.concerns))


def _signed(delta: str | None) -> bool:
    """Return True when a delta text starts with a sign (a zero change is written without one)."""
    return bool(delta) and delta[0] in "+-"


def kpi_row(cards: list[KpiCard], per_row: int = 4) -> None:
    """Draw cards in rows of `per_row`."""
    for offset in range(0, len(cards), per_row):
        columns = st.columns(per_row)
        for column, card in zip(columns, cards[offset:offset + per_row], strict=False):
            with column:
                kpi_card(card)
