"""Presentation mode through AppTest: a bookmark opens the first slide, next/previous walk the agenda in order, each
slide has its title, cut-off and exact figures, auto-advance moves on, and exit returns to the dashboard."""

from datetime import date, datetime

from sqlalchemy import create_engine
from streamlit.testing.v1 import AppTest

from data_access.meetings.records import create_meeting
from metrics.periods import Period
from metrics.tasks import overdue_list, status_counts
from tests.pages.conftest import END, no_problem, signed_in_app
from tests.pages.test_meetings_page import own_db  # noqa: F401 - fixture
from tests.pages.test_pages import metrics_by_label, ref  # noqa: F401 - fixture
from texts import labels as L
from texts.fmt import fmt_int, fmt_pct

MONTH = Period(date(2026, 6, 1), END)
AGENDA_TITLES = [L.PAGE_OVERVIEW, L.PAGE_TASKS, L.PAGE_BOTTLENECKS, L.PAGE_SCORECARD, L.PAGE_RANKING, L.PAGE_766]


def _present(params: dict[str, str]) -> AppTest:
    at = signed_in_app()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _slide(at: AppTest, number: int, cutoff: str) -> None:
    no_problem(at)
    assert at.title[0].value == AGENDA_TITLES[number - 1]
    texts = [m.value for m in at.markdown]
    assert f"**{L.SLIDE_POSITION.format(n=number, total=len(AGENDA_TITLES))}**" in texts
    assert any(cutoff in t for t in texts), texts[:4]
    assert not at.dataframe  # slides use static tables with large text, not the interactive grid


def test_every_agenda_page_as_a_slide_in_order(app, ref):  # noqa: F811
    at = _present({"trinh_chieu": "1"})
    cutoff = "Số liệu từ 01/06/2026 đến 30/06/2026"
    _slide(at, 1, cutoff)
    shown = metrics_by_label(at)
    now = ref.totals(MONTH)
    assert shown["Tỷ lệ giải quyết đúng hạn"][0] == fmt_pct(now["on_time_rate"])
    assert len(shown) == 8
    assert _button(at, L.SLIDE_PREVIOUS).disabled

    _button(at, L.SLIDE_NEXT).click().run()
    _slide(at, 2, cutoff)
    counts = status_counts(ref.classified_tasks(END)).iloc[0]
    assert metrics_by_label(at)["Quá hạn chưa hoàn thành"][0] == fmt_int(counts["open_overdue"])
    oldest = overdue_list(ref.classified_tasks(END)).head(5)
    table = at.table[0].value
    assert len(table) == len(oldest)
    assert table.iloc[:, 2].tolist() == oldest["days_overdue"].tolist()

    _button(at, L.SLIDE_NEXT).click().run()
    _slide(at, 3, cutoff)
    assert metrics_by_label(at)["Hồ sơ quá hạn trong kỳ"][0] == fmt_int(now["overdue_total"])
    assert at.subheader[0].value == L.SLIDE_LAND_ENV_BY_AGENCY

    _button(at, L.SLIDE_NEXT).click().run()
    _slide(at, 4, cutoff)
    expected = ref.scorecard(Period(date(2026, 3, 31), END))  # the scorecard counts three months back
    ranked = expected.loc[expected["rank"].notna()].sort_values("rank")
    table = at.table[0].value
    # 65 communes: the six best and the six worst ranked
    assert table.iloc[:, 1].tolist() == ranked["name"].head(6).tolist() + ranked["name"].tail(6).tolist()
    assert len(at.get("deck_gl_json_chart")) == 1

    _button(at, L.SLIDE_NEXT).click().run()
    _slide(at, 5, cutoff)
    assert metrics_by_label(at)[L.RANKING_LATEST.format(index=L.INDEX_NAMES["PAR INDEX"])][0] == "9/34"

    _button(at, L.SLIDE_NEXT).click().run()
    _slide(at, 6, cutoff)  # the 766 explainer: the headline, the gaps and the three smallest changes, one table
    lines = [m.value for m in at.markdown]
    assert any(line.startswith("Khánh Hòa xếp hạng ") for line in lines) and len(at.table) == 1
    assert _button(at, L.SLIDE_NEXT).disabled

    _button(at, L.SLIDE_PREVIOUS).click().run()
    _slide(at, 5, cutoff)
    _button(at, L.SLIDE_PREVIOUS).click().run()
    _slide(at, 4, cutoff)
    _button(at, L.SLIDE_EXIT).click().run()
    no_problem(at)
    assert "trinh_chieu" not in at.query_params
    assert at.title[0].value == L.PAGE_SCORECARD and any(b.label == L.PRESENT_START for b in at.button)


def test_auto_advance_moves_to_the_next_slide(app):
    at = _present({"trinh_chieu": "1"})
    at.toggle(key="present_auto").set_value(True).run()
    no_problem(at)
    assert at.title[0].value == L.PAGE_OVERVIEW  # not yet: the slide has just been shown
    at.session_state["_slide_started"] = -1e9  # as if shown long ago
    at.run()
    no_problem(at)
    assert at.title[0].value == L.PAGE_TASKS


def test_a_meeting_bookmark_opens_its_slides_with_its_cut_off(app, own_db):  # noqa: F811
    engine = create_engine(own_db)
    with engine.begin() as conn:
        meeting = create_meeting(conn, date(2026, 7, 1), "Giao ban tuần 27", datetime(2026, 6, 30, 17))
    at = _present({"trinh_chieu": "1", "hop": str(meeting)})
    _slide(at, 1, "Số liệu chốt đến 30/06/2026 17:00 · Giao ban")  # no week number in a document's title (#32)
    _button(at, L.SLIDE_NEXT).click().run()
    _slide(at, 2, "Số liệu chốt đến 30/06/2026 17:00")
    assert at.query_params["hop"] == str(meeting)


def test_the_sidebar_button_starts_presenting_from_any_page(app):
    at = app("pages/cuoc_hop.py")
    _button(at, L.PRESENT_START).click().run()
    _slide(at, 1, "Số liệu từ 01/06/2026")
