"""metrics.notice: the laggards a notice names and the agencies it is addressed to, on hand-made frames; inputs are
never changed."""

from datetime import date

import pandas as pd
import pytest

from metrics.errors import DomainError
from metrics.notice import (
    Suggestion,
    addressees,
    apology_suggestion,
    laggards,
    lowercase_start,
    named_once,
    rank_move,
    recent_ranks,
    split_names,
    task_suggestions,
    tasks_overdue_by_agency,
)

TABLE = pd.DataFrame({"name": ["Sở A", "Sở B", "Sở C", "Sở D"], "overdue_total": [2, 0, 5, 2]})


def test_laggards_are_the_largest_positive_values_in_order():
    assert laggards(TABLE, "overdue_total", 3) == [("Sở C", 5.0), ("Sở A", 2.0), ("Sở D", 2.0)]
    assert laggards(TABLE, "overdue_total", 10) == [("Sở C", 5.0), ("Sở A", 2.0), ("Sở D", 2.0)]  # Sở B has none


def test_laggards_need_the_name_column():
    with pytest.raises(DomainError):
        laggards(TABLE.rename(columns={"name": "agency"}), "overdue_total", 3)


def test_open_overdue_tasks_are_counted_per_lead_agency():
    tasks = pd.DataFrame({"lead_agency": ["Sở A", "Sở B", "Sở A", "Sở B", "Sở C"],
                          "status": ["open_overdue", "done_on_time", "open_overdue", "open_overdue", "done_late"]})
    assert tasks_overdue_by_agency(tasks, 5) == [("Sở A", 2.0), ("Sở B", 1.0)]


def test_addressees_keep_order_and_name_each_once():
    assert addressees(["Chủ tịch"], ["Sở A", "Sở B"], ["sở a", "Sở C"], ["Sở C", "Lưu: VT"]) == [
        "Chủ tịch", "Sở A", "Sở B", "Sở C", "Lưu: VT"]


def test_typed_coordinating_agencies_are_split_at_commas_and_semicolons():
    assert split_names(" Sở Tài chính; UBND xã A ,, Sở Nội vụ ") == ["Sở Tài chính", "UBND xã A", "Sở Nội vụ"]
    assert split_names(None) == [] and split_names(float("nan")) == []


def test_laggards_and_task_counts_should_not_side_effect():
    table, tasks = TABLE.copy(), pd.DataFrame({"lead_agency": ["Sở A"], "status": ["open_overdue"]})
    before_table, before_tasks = table.copy(), tasks.copy()
    laggards(table, "overdue_total", 2)
    tasks_overdue_by_agency(tasks, 2)
    pd.testing.assert_frame_equal(table, before_table)
    pd.testing.assert_frame_equal(tasks, before_tasks)


RANKS = pd.DataFrame({"index": ["PAR INDEX", "766", "PAPI", "PCI"], "period": ["2025", "2026-11", "2019", "2024"],
                      "rank": [9, 9, 49, 35], "n_ranked": [34, 34, 63, 63],
                      "previous_rank": [10, 8, None, 40], "previous_n_ranked": [63, 34, None, 63]})


def test_a_notice_gives_index_results_of_the_last_two_years_only():
    kept = recent_ranks(RANKS, date(2026, 12, 4))
    assert kept["index"].tolist() == ["PAR INDEX", "766", "PCI"]  # 2019 is older than 2024 = 2026 - 2
    assert recent_ranks(RANKS, date(2027, 1, 5))["index"].tolist() == ["PAR INDEX", "766"]


def test_a_rank_moves_only_against_a_result_out_of_the_same_number_of_provinces():
    rows = RANKS.to_dict("records")
    assert rank_move(rows[0]) is None  # 10/63 → 9/34: other fields, no move in places
    assert rank_move(rows[1]) == -1  # 8/34 → 9/34: down one
    assert rank_move(rows[2]) is None  # no previous result
    assert rank_move(rows[3]) == 5  # 40/63 → 35/63: up five


def test_a_place_is_named_once():
    agencies = [("UBND phường Nha Trang", 5.0), ("Văn phòng Đăng ký đất đai tỉnh", 9.0)]
    units = [("Phường Nha Trang", 5.0), ("Xã Cam Lâm", 4.0)]
    assert named_once(agencies, units) == [("Xã Cam Lâm", 4.0)]


def test_the_apology_directive_names_each_agency_with_its_dossiers_without_a_letter():
    by_agency = pd.DataFrame({"name": ["Sở A", "Sở B", "Sở C", "Sở D"], "overdue_total": [3, 2, 1, 4],
                              "late_with_apology": [1, 2, 0, 2]})
    assert apology_suggestion(by_agency) == Suggestion("xin_loi", "apology", "", (("Sở A", 2), ("Sở D", 2),
                                                                                    ("Sở C", 1)), 5)
    assert apology_suggestion(by_agency.assign(late_with_apology=by_agency["overdue_total"])) is None


def test_one_directive_per_agency_with_overdue_tasks_lists_their_documents():
    classified = pd.DataFrame({
        "lead_agency": ["Sở A", "Sở A", "Sở A", "Sở B", "Sở B", "Sở C"],
        "doc_number": ["12/CT-UBND", "455/TB-UBND", "12/CT-UBND", "7/KH-UBND", "8/KH-UBND", "9/TB-UBND"],
        "status": ["open_overdue", "open_overdue", "open_overdue", "done_late", "open_overdue",
                   "open_within_deadline"]})
    assert task_suggestions(classified) == [
        Suggestion("nhiem_vu:Sở A", "tasks", "Sở A", (("12/CT-UBND", 2), ("455/TB-UBND", 1)), 3),
        Suggestion("nhiem_vu:Sở B", "tasks", "Sở B", (("8/KH-UBND", 1),), 1)]


def test_a_directive_to_a_category_reads_on_from_it():
    assert lowercase_start("Phải trực tiếp chỉ đạo") == "phải trực tiếp chỉ đạo"
    assert lowercase_start("UBND tỉnh giao") == "UBND tỉnh giao" and lowercase_start("Sở Nội vụ") == "Sở Nội vụ"


def test_the_notice_helpers_should_not_side_effect():
    ranks, by_agency = RANKS.copy(), pd.DataFrame({"name": ["Sở A"], "overdue_total": [2], "late_with_apology": [0]})
    classified = pd.DataFrame({"lead_agency": ["Sở A"], "doc_number": ["1/TB"], "status": ["open_overdue"]})
    copies = [frame.copy() for frame in (ranks, by_agency, classified)]
    recent_ranks(ranks, date(2026, 12, 4))
    apology_suggestion(by_agency)
    task_suggestions(classified)
    for frame, copy in zip((ranks, by_agency, classified), copies, strict=True):
        pd.testing.assert_frame_equal(frame, copy)
