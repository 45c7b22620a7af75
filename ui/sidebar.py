"""The shared sidebar: period and as-of date, filters where the page uses them, data freshness."""

from dataclasses import dataclass
from datetime import date, datetime

import streamlit as st

from config.settings import load_settings
from data_access.dossier_queries import DossierFilter
from data_access.engine import database_url, describe_url
from data_access.meta import DATA_AS_OF, DATA_KIND, LAST_LOAD_AT
from metrics.periods import (
    PERIOD_KINDS,
    Period,
    period_to_date,
    previous_period,
    same_period_week_before,
)
from ui import data
from ui import labels as L
from ui.fmt import fmt_date, fmt_datetime

FILTERS_KEY = "_filters"
# Which sidebar filters each page uses (by page title).
PAGE_FILTERS: dict[str, tuple[str, ...]] = {
    L.PAGE_OVERVIEW: ("agency", "level", "unit"),
    L.PAGE_TASKS: (),
    L.PAGE_BOTTLENECKS: ("agency", "level", "unit"),
    L.PAGE_SCORECARD: ("level",),
    L.PAGE_RANKING: (),
    L.PAGE_MEETINGS: (),
    L.PAGE_IMPORT: (),
}


@dataclass(frozen=True)
class Filters:
    """What the sidebar selected: the period kind, the period, its comparisons and the dossier filter."""

    kind: str
    period: Period
    week_before: Period
    previous: Period
    dossiers: DossierFilter
    used: tuple[str, ...]


def _remember(key: str, default) -> None:
    """Give a widget its remembered value (widgets not drawn on a page lose their state otherwise)."""
    shadow = f"_keep_{key}"
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get(shadow, default)


def _store(key: str) -> None:
    st.session_state[f"_keep_{key}"] = st.session_state[key]


def data_as_of(meta: dict[str, str]) -> date:
    """Return the as-of date of the loaded data (not after today)."""
    try:
        loaded = date.fromisoformat(meta.get(DATA_AS_OF, ""))
    except ValueError:
        return date.today()
    return min(loaded, date.today())


def _freshness(meta: dict[str, str]) -> None:
    st.subheader(L.SIDEBAR_DATA)
    if meta.get(DATA_KIND) == "demo":
        st.warning(L.DATA_DEMO, icon="⚠️")
    elif meta.get(DATA_KIND) == "real":
        st.caption(L.DATA_REAL)
    if meta.get(LAST_LOAD_AT):
        loaded = datetime.fromisoformat(meta[LAST_LOAD_AT])
        st.caption(L.DATA_LOADED_AT.format(when=fmt_datetime(loaded.astimezone())))
    if meta.get(DATA_AS_OF):
        st.caption(L.DATA_AS_OF.format(date=fmt_date(data_as_of(meta))))


def render_sidebar(page_title: str) -> Filters | None:
    """Draw the sidebar for a page and store its Filters in session state; None when there is no database."""
    settings = load_settings()
    with st.sidebar:
        st.markdown(f"**{L.APP_TITLE}**  \n{L.APP_SUBTITLE.format(province=settings.province)}")
        problem = data.connection_error()
        if problem is not None:
            st.error(L.ERROR_DATABASE.format(url=describe_url(database_url())))
            st.session_state[FILTERS_KEY] = None
            return None
        meta = data.meta()
        as_of_default = data_as_of(meta)
        _remember("period_kind", settings.default_period)
        kind = st.selectbox(L.SIDEBAR_PERIOD, PERIOD_KINDS, key="period_kind",
                            format_func=lambda k: L.PERIOD_KINDS[k])
        _store("period_kind")
        _remember("as_of", as_of_default)
        as_of = st.date_input(L.SIDEBAR_AS_OF, key="as_of", format="DD/MM/YYYY", max_value=date.today())
        _store("as_of")
        custom_start = None
        if kind == "custom":
            _remember("custom_start", as_of.replace(day=1))
            custom_start = st.date_input(L.SIDEBAR_FROM, key="custom_start", format="DD/MM/YYYY", max_value=as_of)
            _store("custom_start")
        period = period_to_date(kind, as_of, custom_start, settings.week_starts_on)
        st.caption(L.PERIOD_LINE.format(start=fmt_date(period.start), end=fmt_date(period.end)))

        used = PAGE_FILTERS.get(page_title, ())
        flt = DossierFilter()
        if used:
            st.subheader(L.SIDEBAR_FILTERS)
            flt = _dossier_filters(used)
        else:
            st.caption(L.FILTERS_NOT_USED)
        _freshness(meta)

    filters = Filters(kind, period, same_period_week_before(kind, period, settings.week_starts_on),
                      previous_period(kind, period, settings.week_starts_on), flt, used)
    st.session_state[FILTERS_KEY] = filters
    return filters


def _pick_ids(label: str, frame, key: str) -> tuple[int, ...]:
    """Draw a multiselect over a frame's id/name rows (remembered across pages); return the chosen ids."""
    names = dict(zip(frame["id"], frame["name"], strict=True))
    _remember(key, [])
    chosen = st.multiselect(label, list(names), key=key, format_func=names.get, placeholder=L.SIDEBAR_ALL)
    _store(key)
    return tuple(int(i) for i in chosen if i in names)


def _dossier_filters(used: tuple[str, ...]) -> DossierFilter:
    version = data.version()
    agency_ids: tuple[int, ...] = ()
    levels: tuple[str, ...] = ()
    unit_ids: tuple[int, ...] = ()
    if "agency" in used:
        agency_ids = _pick_ids(L.SIDEBAR_AGENCY, data.agencies(version), "f_agency")
    if "level" in used:
        _remember("f_level", [])
        levels = tuple(st.multiselect(L.SIDEBAR_LEVEL, L.LEVELS, key="f_level", placeholder=L.SIDEBAR_ALL))
        _store("f_level")
    if "unit" in used:
        unit_ids = _pick_ids(L.SIDEBAR_UNIT, data.units(version), "f_unit")
    return DossierFilter(agency_ids=agency_ids, levels=levels, unit_ids=unit_ids)


def current_filters() -> Filters:
    """Return the Filters the sidebar stored for this run (pages call this)."""
    filters = st.session_state.get(FILTERS_KEY)
    if filters is None:
        st.info(L.DATA_EMPTY)
        st.stop()
    return filters
