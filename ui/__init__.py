"""Shared Streamlit widgets, formatting, chart and map builders."""
