"""Every page in a meeting's view (AppTest): the figures are those at the meeting's cut-off, they stay put after a
later correction of the data, and changes are measured against the previous meeting."""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from metrics.meetings import task_changes
from metrics.periods import Period
from metrics.scorecard import rank_movers, with_rank_changes
from tests.pages.conftest import END, no_problem, signed_in_app
from tests.pages.reference import Reference
from tests.pages.test_pages import metrics_by_label
from texts import labels as L
from texts import messages as M
from texts.fmt import fmt_int, fmt_pct
from ui.safe import md_escape

MONTH = Period(date(2026, 6, 1), END)
SAME_DAYS = Period(date(2026, 5, 1), date(2026, 5, 30))  # the month to the cut-off (30/06) is compared with these
FIRST_HELD, SECOND_HELD = date(2026, 6, 24), date(2026, 7, 1)


def _open(page: str | None, meeting: int) -> AppTest:
    at = signed_in_app()
    at.query_params["hop"] = str(meeting)  # a bookmark straight into the meeting
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def test_overview_shows_the_meeting_figures_after_a_later_correction(meetings_db):
    url, second, before = meetings_db
    at = _open(None, second)
    no_problem(at)
    assert any("Giao ban tuần 27" in i.value and "30/06/2026 17:00" in i.value for i in at.info)
    shown = metrics_by_label(at)
    now, earlier = before.totals(MONTH), before.totals(SAME_DAYS)
    overdue = shown["Hồ sơ quá hạn đang xử lý"]
    assert now["in_progress_overdue"] > 0
    assert overdue[0] == fmt_int(now["in_progress_overdue"])  # frozen: the corrected export closed them all
    change = now["in_progress_overdue"] - earlier["in_progress_overdue"]  # like for like, on the frozen frames
    assert overdue[1] == f"{'+' if change > 0 else ''}{fmt_int(change)} so với cùng kỳ tháng trước (01/05–30/05/2026)"
    assert shown["Tỷ lệ giải quyết đúng hạn"][0] == fmt_pct(now["on_time_rate"])
    assert not any(L.MEETING_FILTERS_OFF in c.value for c in at.sidebar.caption)  # issue #31: filters served
    assert [m.key for m in at.sidebar.multiselect] == ["f_agency", "f_level", "f_unit"]
    # issue #33: the early warning frozen at 30/06 and the follow-up of the one frozen at 23/06 (about to go overdue
    # then: in progress on Tue 23/06, due 24/06–26/06; gone overdue by 30/06: still open past the due date, or late)
    rows = before.rows
    due_soon = lambda at_day, until: rows.loc[(rows["received_on"] <= at_day) & (rows["due_on"] > at_day)  # noqa: E731
                                              & (rows["due_on"] <= until)
                                              & (rows["result_on"].isna() | (rows["result_on"] > at_day))]
    assert shown[L.DUE_SOON_DOSSIERS][0] == fmt_int(len(due_soon(date(2026, 6, 30), date(2026, 7, 3))))
    then = due_soon(date(2026, 6, 23), date(2026, 6, 26))
    cutoff = date(2026, 6, 30)
    result = then["result_on"]
    went = then.loc[((then["due_on"] < cutoff) & (result.isna() | (result > cutoff)))
                    | (result.notna() & (result > then["due_on"]) & (result <= cutoff))]
    line = L.DUE_SOON_FOLLOWUP.format(date="24/06/2026", went=fmt_int(len(went)), about=fmt_int(len(then)))
    assert len(then) > 0 and any(line in m.value for m in at.markdown), line

    at.selectbox(key="meeting_view").set_value(None).run()  # back to the live data
    no_problem(at)
    live = Reference(url).totals(MONTH)
    assert live["in_progress_overdue"] == 0
    assert metrics_by_label(at)["Hồ sơ quá hạn đang xử lý"][0] == "0"


def test_tasks_bottlenecks_scorecard_and_ranking_in_the_meeting_view(meetings_db):
    _, second, before = meetings_db
    at = _open("pages/nhiem_vu.py", second)
    no_problem(at)
    newly, closed = task_changes(before.tasks, date(2026, 6, 23), END)
    assert [s.value for s in at.subheader][:2] == [L.MEETING_NEWLY_OVERDUE, L.MEETING_CLOSED]
    assert len(at.dataframe[0].value) == len(newly) and len(at.dataframe[1].value) == len(closed)

    at.switch_page("pages/diem_nghen.py").run()
    no_problem(at)
    shown = metrics_by_label(at)
    now, earlier = before.totals(MONTH), before.totals(SAME_DAYS)
    assert shown["Hồ sơ quá hạn trong kỳ"][0] == fmt_int(now["overdue_total"])
    change = now["overdue_total"] - earlier["overdue_total"]
    assert shown["Hồ sơ quá hạn trong kỳ"][1].startswith(f"{'+' if change > 0 else ''}{fmt_int(change)} so với")

    at.switch_page("pages/bang_diem.py").run()
    no_problem(at)
    # the scorecard counts three months back and its ranks move against the same window a week earlier
    expected = with_rank_changes(before.scorecard(Period(date(2026, 3, 31), END)),
                           before.scorecard(Period(date(2026, 3, 24), date(2026, 6, 23))), key="unit_id")
    table = at.dataframe[0].value
    assert table["Hạng"].fillna(-1).tolist() == expected["rank"].fillna(-1).tolist()
    rose, fell = rank_movers(expected)
    movers = next(m.value for m in at.markdown if m.value.startswith(("**▲", "**▼", L.RANK_NO_MOVES)))
    for name, places in rose[:5]:  # the five biggest moves each way are named, the others counted
        assert f"{name} (+{places})" in movers
    for name, places in fell[:5]:
        assert f"{name} (−{places})" in movers
    if len(fell) > 5:
        assert movers.endswith(f" và {len(fell) - 5} địa bàn khác")

    at.switch_page("pages/xep_hang.py").run()
    no_problem(at)
    assert metrics_by_label(at)


@pytest.mark.parametrize("asked", ["²", "9" * 5000, "[x](http://x)", "12abc"])
def test_a_malformed_meeting_id_falls_back_to_live_figures_with_a_notice(meetings_db, monkeypatch, asked):
    url, _, _ = meetings_db
    monkeypatch.setenv("DATABASE_URL", url)
    at = signed_in_app()
    at.query_params["hop"] = asked
    at.run()
    no_problem(at)
    assert at.selectbox(key="meeting_view").value is None  # live figures
    assert L.MEETING_UNKNOWN.format(asked=md_escape(asked[:12])) in [w.value for w in at.warning]
    at.run()
    assert not any(L.MEETING_UNKNOWN[:20] in w.value for w in at.warning)  # said once


def test_a_meeting_is_filtered_on_its_frozen_figures(meetings_db):
    """Issue #31: in a meeting's view the sidebar filters the frozen figures as it filters the live ones: the commune
    level's overdue dossiers in progress are those counted at the cut-off (the corrected export closed them since)."""
    url, second, before = meetings_db
    at = _open(None, second)
    at.multiselect(key="f_level").set_value(["Xã"]).run()
    no_problem(at)
    shown = metrics_by_label(at)
    now, earlier = before.totals(MONTH, level="Xã"), before.totals(SAME_DAYS, level="Xã")
    assert 0 < now["in_progress_overdue"] < before.totals(MONTH)["in_progress_overdue"]
    assert shown["Hồ sơ quá hạn đang xử lý"][0] == fmt_int(now["in_progress_overdue"])
    change = now["in_progress_overdue"] - earlier["in_progress_overdue"]  # like for like, on the frozen grains
    assert shown["Hồ sơ quá hạn đang xử lý"][1] == (
        f"{'+' if change > 0 else ''}{fmt_int(change)} so với cùng kỳ tháng trước (01/05–30/05/2026)")
    assert shown["Tỷ lệ giải quyết đúng hạn"][0] == fmt_pct(now["on_time_rate"])
    assert shown["Tỷ lệ hồ sơ nộp trực tuyến"][0] == fmt_pct(now["online_share"])
    assert any(c.value.endswith("Phạm vi số liệu: cấp Xã") for c in at.caption), [c.value for c in at.caption]
    rows = before.rows  # about to go overdue at 30/06 (Tuesday), within 3 working days: due 01/07–03/07
    cutoff, until = date(2026, 6, 30), date(2026, 7, 3)
    soon = rows.loc[(rows["level"] == "Xã") & (rows["received_on"] <= cutoff) & (rows["due_on"] > cutoff)
                    & (rows["due_on"] <= until) & (rows["result_on"].isna() | (rows["result_on"] > cutoff))]
    assert 0 < len(soon) and shown[L.DUE_SOON_DOSSIERS][0] == fmt_int(len(soon))


def test_a_filtered_meeting_says_what_it_did_not_keep(meetings_db):
    """Issue #31: the bottleneck page of a meeting under a level filter draws its figures, its early warning among
    them, and says, in Vietnamese and without an error, that the stage analysis was kept for the province only."""
    _, second, _ = meetings_db
    at = _open("pages/diem_nghen.py", second)
    at.multiselect(key="f_level").set_value(["Xã"]).run()
    no_problem(at)
    assert any(i.value == M.FROZEN_NO_STAGES_FILTER for i in at.info)
    assert not any(c.value in (L.DUE_SOON_IN_MEETING_FILTERED, L.DUE_SOON_IN_MEETING) for c in at.caption)
    assert any(s.value.startswith("Sắp quá hạn") for s in at.subheader), [s.value for s in at.subheader]
