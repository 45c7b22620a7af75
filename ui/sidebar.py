"""The shared sidebar: period and as-of date, filters where the page uses them, data freshness."""

from dataclasses import dataclass
from datetime import date

import streamlit as st

from config.settings import load_settings
from data_access.accounts.store import Account
from data_access.figures.assemble import Comparison, comparison
from data_access.figures.dossier_queries import DossierFilter
from data_access.figures.source import Meeting, Source
from data_access.store.engine import database_url, describe_url
from data_access.store.meta import DATA_AS_OF, DATA_KIND, LAST_LOAD_AT
from metrics.agencies import counted_for
from metrics.periods import (
    Period,
    period_to_date,
    previous_period,
)
from metrics.territory import units_attributed_to
from texts import labels as L
from texts.fmt import fmt_date, fmt_datetime, fmt_stored_time
from ui import data
from ui.auth import sign_out_box
from ui.data import data_as_of
from ui.meetings import meeting_label
from ui.mode import set_presenting
from ui.pages import PAGE_FILTERS
from ui.safe import md_escape
from ui.warm import count_defaults

MEETING_PARAM = "hop"  # ?hop=ID opens every page on a meeting's frozen figures (bookmarks, presentation mode)
NEW_MEETING_KEY = "_meeting_created"  # a meeting just created on the meetings page: shown next
UNKNOWN_MEETING_KEY = "_unknown_meeting"  # the ?hop= value that named no meeting (shown once, then forgotten)

FILTERS_KEY = "_filters"


@dataclass(frozen=True)
class Filters:
    """What the sidebar selected: where figures are read from, the period kind, the period, its comparisons and
    the dossier filter."""

    source: Source
    kind: str
    period: Period
    previous: Period
    dossiers: DossierFilter
    used: tuple[str, ...]
    compare: Comparison
    scope: str = L.SCOPE_PROVINCE  # what the filtered figures cover, named: "Toàn tỉnh", "Phường Tây Nha Trang" …

    @property
    def meeting(self) -> Meeting | None:
        """Return the meeting whose figures are shown, or None in the live view."""
        return self.source.meeting


def _remember(key: str, default) -> None:
    """Give a widget its remembered value (widgets not drawn on a page lose their state otherwise)."""
    shadow = f"_keep_{key}"
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get(shadow, default)


def _store(key: str) -> None:
    st.session_state[f"_keep_{key}"] = st.session_state[key]


SWITCH_POLL_S = 3  # a page showing the previous load asks this often whether the new one is counted


def _freshness(meta: dict[str, str]) -> None:
    st.subheader(L.SIDEBAR_DATA)
    if meta.get(DATA_KIND) == "demo":
        st.warning(L.DATA_DEMO, icon="⚠️")
    elif meta.get(DATA_KIND) == "real":
        st.caption(L.DATA_REAL)
    if meta.get(LAST_LOAD_AT):
        when = fmt_stored_time(meta[LAST_LOAD_AT])
        st.caption((L.DATA_UPDATING if data.newer_load() else L.DATA_LOADED_AT).format(when=when))
    if meta.get(DATA_AS_OF):
        st.caption(L.DATA_AS_OF.format(date=fmt_date(data_as_of(meta))))


def render_sidebar(page_title: str, account: Account) -> Filters | None:
    """Draw the sidebar for a page and the signed-in account, and store its Filters in session state; None when
    there is no database."""
    settings = load_settings()
    with st.sidebar:
        st.markdown(f"**{L.APP_TITLE}**  \n{L.APP_SUBTITLE.format(province=md_escape(settings.province))}")
        problem = data.connection_error(recent=True)  # signed_in() has just read the database
        if problem is not None:
            st.error(L.ERROR_DATABASE.format(url=md_escape(describe_url(database_url()))))  # as typed
            st.session_state[FILTERS_KEY] = None
            return None
        if data.read_only():
            st.caption(L.SIDEBAR_READ_ONLY)
        source = _source_choice(account)
        meta = data.meta_of(source) if source.meeting is None else data.meta()  # the load the pages show
        kinds = source.period_kinds
        _remember("period_kind", settings.default_period)
        if st.session_state["period_kind"] not in kinds:
            st.session_state["period_kind"] = settings.default_period if settings.default_period in kinds else "month"
        kind = st.selectbox(L.SIDEBAR_PERIOD, kinds, key="period_kind", format_func=lambda k: L.PERIOD_KINDS[k])
        _store("period_kind")
        custom_start = None
        if source.meeting is not None:
            as_of = source.fixed_as_of
            st.caption(L.MEETING_VIEW_AS_OF.format(cutoff=fmt_datetime(source.meeting.cutoff_at)))
        else:
            _remember("as_of", data_as_of(meta))
            as_of = st.date_input(L.SIDEBAR_AS_OF, key="as_of", format="DD/MM/YYYY", max_value=date.today())
            _store("as_of")
            if kind == "custom":
                _remember("custom_start", as_of.replace(day=1))
                custom_start = st.date_input(L.SIDEBAR_FROM, key="custom_start", format="DD/MM/YYYY",
                                             max_value=as_of)
                _store("custom_start")
        period = period_to_date(kind, as_of, custom_start, settings.week_starts_on)
        st.caption(L.PERIOD_LINE.format(start=fmt_date(period.start), end=fmt_date(period.end)))

        used = PAGE_FILTERS.get(page_title, ())
        flt, scope = DossierFilter(), L.SCOPE_PROVINCE
        if source.meeting is not None and source.scope is not None:  # what of a commune's detail is read live
            live = L.MEETING_SCOPE_LIVE if not source.filters_supported else L.MEETING_SCOPE_STAGES_LIVE
            st.caption(live.format(cutoff=fmt_datetime(source.meeting.cutoff_at)))
        if not source.filters_supported:
            used = ()
            st.caption(L.MEETING_FILTERS_OFF)
        elif used:
            st.subheader(L.SIDEBAR_FILTERS)
            flt, scope = _dossier_filters(source, used, period.end, account)
        else:
            st.caption(L.FILTERS_NOT_USED)
        _freshness(meta)
        st.divider()
        sign_out_box(account)
        if st.button(L.PRESENT_START, key="present_start", help=L.PRESENT_HELP, width="stretch"):
            set_presenting(True)
            st.rerun()

    filters = Filters(source, kind, period, previous_period(kind, period, settings.week_starts_on), flt, used,
                      comparison(source, kind, period, settings.week_starts_on), scope)
    st.session_state[FILTERS_KEY] = filters
    return filters


def _source_choice(account: Account) -> Source:
    """Draw the meeting selector (opened from ?hop=ID on a session's first run); return the Source it picks."""
    listed = data.meetings()
    labels = {int(row["id"]): meeting_label(row) for _, row in listed.iterrows()}
    if "meeting_view" not in st.session_state and "_keep_meeting_view" not in st.session_state:
        asked = st.query_params.get(MEETING_PARAM, "")
        wanted = meeting_id(asked)
        if wanted is not None and wanted not in labels:  # created a moment ago, maybe by another process: read again
            data.forget_meetings()
            listed = data.meetings()
            labels = {int(row["id"]): meeting_label(row) for _, row in listed.iterrows()}
        st.session_state["meeting_view"] = wanted if wanted in labels else None
        if asked and wanted not in labels:  # a mistyped or deleted meeting: live figures, and say so once
            st.session_state[UNKNOWN_MEETING_KEY] = asked[:12]
    _remember("meeting_view", None)
    created = st.session_state.get(NEW_MEETING_KEY)
    if created in labels and st.session_state["meeting_view"] is not None:  # viewing a meeting: the new one now
        st.session_state["meeting_view"] = created
    if st.session_state["meeting_view"] not in labels:
        st.session_state["meeting_view"] = None
    chosen = st.selectbox(L.MEETING_VIEW, [None, *labels], key="meeting_view", placeholder=L.MEETING_VIEW_LIVE,
                          format_func=lambda i: L.MEETING_VIEW_LIVE if i is None else labels[i])
    _store("meeting_view")
    if chosen is None:
        st.query_params.pop(MEETING_PARAM, None)
    else:
        st.query_params[MEETING_PARAM] = str(chosen)
    return data.source(chosen, account, count_defaults)


def meeting_id(asked: str) -> int | None:
    """Return the meeting id a ?hop= value names, or None when it is not a plain number of at most 9 digits."""
    return int(asked) if asked.isascii() and asked.isdigit() and len(asked) <= 9 else None


def render_load_notice() -> None:
    """Say at the top of the page (and of a slide) that it shows the previous load while a new one is counted, and
    run the page again as soon as the new one is counted."""
    filters = st.session_state.get(FILTERS_KEY)
    if filters is None or filters.meeting is not None or not data.newer_load():
        return
    loaded = data.meta_of(filters.source).get(LAST_LOAD_AT)
    when = fmt_stored_time(loaded) if loaded else L.STAGES_EARLIER_UNKNOWN
    st.info(L.DATA_UPDATING_NOTE.format(when=when), icon="⏳")
    st.fragment(_switch_when_counted, run_every=SWITCH_POLL_S)(filters.source, data.newer_load())


def _switch_when_counted(shown: Source, newer: str) -> None:
    """Run the whole page again once the new load is counted (runs as a timed fragment)."""
    if data.newer_counted(shown, newer):
        st.rerun()


def render_meeting_banner() -> None:
    """Say at the top of the page which meeting's frozen figures are shown (nothing in the live view)."""
    unknown = st.session_state.pop(UNKNOWN_MEETING_KEY, None)
    if unknown is not None:
        st.warning(L.MEETING_UNKNOWN.format(asked=md_escape(unknown)), icon="⚠️")
    filters = st.session_state.get(FILTERS_KEY)
    if filters is None or filters.meeting is None:
        return
    meeting = filters.meeting
    frozen = filters.source.frozen
    text = L.MEETING_VIEW_BANNER if frozen else L.MEETING_VIEW_NOT_FROZEN
    (st.info if frozen else st.warning)(text.format(title=md_escape(meeting.title),
                                                    cutoff=fmt_datetime(meeting.cutoff_at)),
                                        icon="📌" if frozen else "⚠️")


def _pick_ids(label: str, frame, key: str, default: tuple[int, ...] = (),
              named: list[str] | None = None) -> tuple[int, ...]:
    """Draw a multiselect over a frame's id/name rows (remembered across pages, `default` at first); return the
    chosen ids (their names appended to `named`)."""
    names = dict(zip(frame["id"], frame["name"], strict=True))
    _remember(key, [i for i in default if i in names])
    st.session_state[key] = [i for i in st.session_state[key] if i in names]  # the units/agencies of another date
    chosen = st.multiselect(label, list(names), key=key, format_func=names.get, placeholder=L.SIDEBAR_ALL,
                            select_all=False)  # no "Select all" / "Select N matches" (English)
    _store(key)
    if named is not None:
        named.extend(str(names[i]) for i in chosen if i in names)
    return tuple(int(i) for i in chosen if i in names)


def _dossier_filters(source: Source, used: tuple[str, ...], on: date,
                     account: Account) -> tuple[DossierFilter, str]:
    """Draw the pickers of the agencies and units in force on `on`; a choice includes its predecessors (a merged
    department's dossiers, a commune's whole predecessors), so history runs across the 2025 changes. A department
    account starts on its agency, a commune account on its commune (offered its own only); either may widen to the
    province. Return the filter and what it covers, named ("Toàn tỉnh" without a choice)."""
    agency_ids: tuple[int, ...] = ()
    levels: tuple[str, ...] = ()
    unit_ids: tuple[int, ...] = ()
    named: list[str] = []
    if "agency" in used:
        successors = data.successors(source, on)
        shown = data.agencies_offered(source, on)
        home = account.home_agency()
        chosen = _pick_ids(L.SIDEBAR_AGENCY, shown, "f_agency", () if home is None else (home,), named)
        agency_ids = tuple(sorted({a for c in chosen for a in counted_for(c, successors)}))
    if "level" in used:
        _remember("f_level", [])
        levels = tuple(st.multiselect(L.SIDEBAR_LEVEL, L.LEVELS, key="f_level", placeholder=L.SIDEBAR_ALL,
                                      select_all=False))
        _store("f_level")
        named.extend(L.SCOPE_LEVEL.format(level=level) for level in levels)
    if "unit" in used:
        home_unit = account.detail_unit()
        chosen = _pick_ids(L.SIDEBAR_UNIT, data.units_offered(source, on), "f_unit",
                           () if home_unit is None else (home_unit,), named)
        if chosen:
            units, lineage = data.reference(source, "units"), data.reference(source, "unit_lineage")
            unit_ids = tuple(sorted({u for c in chosen for u in units_attributed_to(c, units, lineage, on)}))
    return (DossierFilter(agency_ids=agency_ids, levels=levels, unit_ids=unit_ids),
            " · ".join(named) if named else L.SCOPE_PROVINCE)


def current_filters() -> Filters:
    """Return the Filters the sidebar stored for this run (pages call this)."""
    filters = st.session_state.get(FILTERS_KEY)
    if filters is None:
        st.info(L.DATA_EMPTY)
        st.stop()
    return filters
