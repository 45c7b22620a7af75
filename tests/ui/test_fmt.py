"""Vietnamese formatting through babel."""

from datetime import date, datetime

import pytest

from texts.fmt import (
    DASH,
    fmt_date,
    fmt_datetime,
    fmt_int,
    fmt_month,
    fmt_number,
    fmt_pct,
    fmt_points,
    fmt_signed,
    fmt_stored_time,
)


def test_numbers_and_percentages():
    assert fmt_int(1746) == "1.746" and fmt_int(200000) == "200.000"
    assert fmt_pct(0.985) == "98,5 %" and fmt_pct(0.9889, 2) == "98,89 %" and fmt_pct(1.0) == "100,0 %"
    assert fmt_number(71.69, 2) == "71,69"
    assert fmt_points(0.012) == "+1,2 điểm phần trăm" and fmt_points(-0.005) == "-0,5 điểm phần trăm"
    assert fmt_signed(12) == "+12" and fmt_signed(-3) == "-3" and fmt_signed(0) == "0"


def test_missing_values_show_a_dash_never_zero():
    for fmt in (fmt_int, fmt_pct, fmt_number, fmt_points, fmt_signed, fmt_date, fmt_datetime):
        assert fmt(None) == DASH
    assert fmt_pct(float("nan")) == DASH


def test_dates():
    assert fmt_date(date(2026, 11, 3)) == "03/11/2026"
    assert fmt_datetime(datetime(2026, 11, 3, 7, 5)) == "03/11/2026 07:05"
    assert fmt_month(date(2026, 2, 1)) == "02/2026"


def test_stored_times_are_shown_in_vietnams_time():
    assert fmt_stored_time("2026-12-03T17:05:00+00:00") == "04/12/2026 00:05"  # UTC+7: the next day
    assert fmt_stored_time("2026-12-03T17:05:00") == "04/12/2026 00:05"  # no zone: stored in UTC
    assert fmt_stored_time("2026-12-03T08:00:00+07:00") == "03/12/2026 08:00"
    assert fmt_stored_time(None) == DASH and fmt_stored_time("") == DASH


def test_zero_change_has_no_sign():
    assert fmt_points(0.0) == "0,0 điểm phần trăm" and fmt_points(0.00004) == "0,0 điểm phần trăm"


def test_tables_download_as_excel_with_vietnamese_headers_and_screen_formats():
    from io import BytesIO

    import pandas as pd
    from openpyxl import load_workbook

    from texts.fmt import fmt_int, fmt_pct
    from ui.tables import Col, to_excel

    frame = pd.DataFrame({"name": ["Sở Tài nguyên", "<b>UBND</b>"], "n": [1746, None], "r": [0.985, 0.5]})
    data = to_excel(frame, [Col("name", "Cơ quan"), Col("n", "Hồ sơ", fmt_int), Col("r", "Tỷ lệ", fmt_pct)])
    rows = list(load_workbook(BytesIO(data)).active.values)
    assert rows == [("Cơ quan", "Hồ sơ", "Tỷ lệ"), ("Sở Tài nguyên", "1.746", "98,5 %"), ("<b>UBND</b>", "—", "50,0 %")]


def test_agency_now():
    from texts.fmt import fmt_agency_now

    assert fmt_agency_now("Sở Giao thông vận tải", "Sở Xây dựng") == "Sở Giao thông vận tải (nay là Sở Xây dựng)"
    assert fmt_agency_now(None, "Sở Tư pháp") == fmt_agency_now(float("nan"), "Sở Tư pháp") == "Sở Tư pháp"


@pytest.mark.parametrize(("period", "shown"), [
    ("2025", "năm 2025"), ("2026-11", "tháng 11/2026"), ("2026-03", "tháng 3/2026"), ("2026-Q4", "quý IV/2026"),
    ("2024-Q1", "quý I/2024"), ("2026-W03", "tuần 3/2026"), ("kỳ lạ", "kỳ lạ")])
def test_index_periods_are_written_as_readers_write_them(period, shown):
    """Issue #28: "Kỳ 2026-11" is not how a leader writes a period."""
    from texts.fmt import fmt_index_period

    assert fmt_index_period(period) == shown


def test_a_window_names_its_year_once_within_a_year():
    from texts.fmt import fmt_window

    assert fmt_window(date(2026, 11, 1), date(2026, 11, 5)) == "01/11–05/11/2026"
    assert fmt_window(date(2025, 12, 15), date(2026, 1, 5)) == "15/12/2025–05/01/2026"


def test_a_documents_meeting_title_spells_out_abbreviations_and_drops_the_week():
    from texts.fmt import meeting_title

    assert meeting_title("Giao ban CCHC tuần 49/2026") == "Giao ban cải cách hành chính"
    assert meeting_title("Họp Ban Chỉ đạo CCHC - tuần 3, rà soát TTHC") == (
        "Họp Ban Chỉ đạo cải cách hành chính, rà soát thủ tục hành chính")
    assert meeting_title("Giao ban tuần") == "Giao ban tuần"  # no number: a word, kept
