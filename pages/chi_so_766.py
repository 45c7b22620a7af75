"""Bộ chỉ số 766: cần gì để lên hạng — the 766 explainer of the province (ui/explainer.py), also a slide."""

import streamlit as st

from config.settings import load_settings
from metrics.indexes import published_by
from texts import labels as L
from texts.fmt import fmt_date
from ui import data
from ui.explainer import explainer, explainer_page, explainer_slide, no_explainer
from ui.guard import section
from ui.present import page_header
from ui.sidebar import current_filters

filters = current_filters()
settings = load_settings()
as_of = filters.period.end
present = page_header(L.PAGE_766, filters, L.DATA_AS_OF.format(date=fmt_date(as_of)))

with section("explainer-766"):
    shown = explainer(published_by(data.reference(filters.source, "index_results"), as_of), settings.province,
                      settings)
    if shown is None:
        no_explainer()
    elif present:
        explainer_slide(shown)
    else:
        explainer_page(filters.source, shown, filters.period)
if not present:
    st.caption(L.EXPLAIN_ON_RANKING)
