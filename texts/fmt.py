"""Vietnamese number and date formatting with babel (vi_VN): 1.746 · 98,5 % · 23/11/2026. Missing → '—'."""

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pandas as pd
from babel import Locale
from babel.dates import format_date, format_datetime
from babel.dates import parse_pattern as date_pattern
from babel.numbers import format_decimal, format_percent, parse_pattern

from texts import labels as L
from texts.labels import POINTS_SUFFIX

LOCALE = "vi_VN"
VIETNAM = "Asia/Ho_Chi_Minh"  # times are stored in UTC and shown in the province's time
DASH = "—"
# Parsed once at import: babel parses a pattern string and looks the locale up at every call otherwise (11 µs a
# value instead of 4 µs, docs/performance.md), and tables format thousands of values.
_VI = Locale.parse(LOCALE)
_INT = parse_pattern("#,##0")
_SIGNED = parse_pattern("+#,##0;-#,##0")
_DAY, _DAY_MONTH, _MONTH = date_pattern("dd/MM/yyyy"), date_pattern("dd/MM"), date_pattern("MM/yyyy")
_MINUTE = date_pattern("dd/MM/yyyy HH:mm")


def _digits(decimals: int) -> str:
    return "." + "0" * decimals if decimals else ""


_DECIMALS = {d: parse_pattern("#,##0" + _digits(d)) for d in range(4)}
_PERCENTS = {d: parse_pattern("#,##0" + _digits(d) + " %") for d in range(4)}
_POINTS = {d: parse_pattern(f"+#,##0{_digits(d)};-#,##0{_digits(d)}") for d in range(4)}


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def fmt_int(value: float | int | None) -> str:
    """Return an integer with Vietnamese grouping (1.746), or '—'."""
    if _missing(value):
        return DASH
    return format_decimal(round(float(value)), format=_INT, locale=_VI)


def fmt_number(value: float | None, decimals: int = 1) -> str:
    """Return a decimal number with Vietnamese separators (71,69), or '—'."""
    if _missing(value):
        return DASH
    pattern = _DECIMALS.get(decimals) or "#,##0" + _digits(decimals)
    return format_decimal(float(value), format=pattern, locale=_VI)


def fmt_pct(value: float | None, decimals: int = 1) -> str:
    """Return a fraction as a Vietnamese percentage (0.985 → '98,5 %'), or '—'."""
    if _missing(value):
        return DASH
    pattern = _PERCENTS.get(decimals) or "#,##0" + _digits(decimals) + " %"
    return format_percent(float(value), format=pattern, locale=_VI)


def fmt_points(value: float | None, decimals: int = 1) -> str:
    """Return a signed change in percentage points ('+1,2 điểm %'), or '—'."""
    if _missing(value):
        return DASH
    points = round(float(value) * 100, decimals)
    if not points:  # no sign on a zero change ("0,0 điểm %", not "+0,0" or "-0,0")
        return format_decimal(abs(points), format=_DECIMALS.get(decimals) or "#,##0" + _digits(decimals),
                              locale=_VI) + POINTS_SUFFIX
    pattern = _POINTS.get(decimals) or f"+#,##0{_digits(decimals)};-#,##0{_digits(decimals)}"
    return format_decimal(points, format=pattern, locale=_VI) + POINTS_SUFFIX


def fmt_signed(value: float | None) -> str:
    """Return a signed integer change ('+12', '-3', '0'), or '—'."""
    if _missing(value):
        return DASH
    return format_decimal(round(float(value)), format=_SIGNED, locale=_VI) if value else "0"


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def fmt_index_period(period: object) -> str:
    """Return an index period as a reader writes it: '2025' → 'năm 2025', '2026-11' → 'tháng 11/2026', '2026-Q4' →
    'quý IV/2026', '2026-W03' → 'tuần 3/2026'; anything else as it is."""
    text = str(period).strip()
    year, _, part = text.partition("-")
    if not year.isdigit() or len(year) != 4:
        return text
    if not part:
        return L.PERIOD_YEAR.format(year=year)
    if part.isdigit() and 1 <= int(part) <= 12:
        return L.PERIOD_MONTH.format(month=int(part), year=year)
    if part[:1] in "Qq" and part[1:].isdigit() and int(part[1:]) in _ROMAN:
        return L.PERIOD_QUARTER.format(quarter=_ROMAN[int(part[1:])], year=year)
    if part[:1] in "Ww" and part[1:].isdigit():
        return L.PERIOD_WEEK.format(week=int(part[1:]), year=year)
    return text


def fmt_window(start: date, end: date) -> str:
    """Return a date window: '01/11–05/11/2026' within a year, '15/12/2025–05/01/2026' across one."""
    if start.year == end.year:
        return f"{format_date(start, _DAY_MONTH, locale=_VI)}–{fmt_date(end)}"
    return f"{fmt_date(start)}–{fmt_date(end)}"


def fmt_date(value: date | datetime | pd.Timestamp | None) -> str:
    """Return dd/mm/yyyy, or '—'."""
    if _missing(value):
        return DASH
    if isinstance(value, pd.Timestamp):
        value = value.date()
    return format_date(value, _DAY, locale=_VI)


def fmt_datetime(value: datetime | None) -> str:
    """Return dd/mm/yyyy HH:mm, or '—'."""
    if _missing(value):
        return DASH
    return format_datetime(value, _MINUTE, locale=_VI)


def fmt_stored_time(value: str | None) -> str:
    """Return dd/mm/yyyy HH:mm in Vietnam's time of a stored ISO time (UTC when it names no zone), or '—'."""
    if not value:
        return DASH
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_datetime(moment, _MINUTE, tzinfo=ZoneInfo(VIETNAM), locale=_VI)


def fmt_month(value: date | pd.Timestamp) -> str:
    """Return mm/yyyy for a month."""
    if isinstance(value, pd.Timestamp):
        value = value.date()
    return format_date(value, _MONTH, locale=_VI)


def fmt_agency_now(was: object, now: str) -> str:
    """Return 'old (nay là new)' for a task assigned to an agency that has since merged, else the agency's name."""
    return L.AGENCY_NOW.format(old=was, new=now) if isinstance(was, str) and was else now


_ABBREVIATIONS = tuple((re.compile(rf"\b{re.escape(short)}\b"), words)
                       for short, words in L.TITLE_ABBREVIATIONS.items())
_WEEK_IN_TITLE = re.compile(rf"\s*[-\u2013,]?\s*\b{L.TITLE_WEEK_WORD}\s+\d{{1,2}}(\s*/\s*\d{{4}})?\b", re.IGNORECASE)


def meeting_title(title: str) -> str:
    """Return a meeting's title as a document names it: abbreviations spelt out ("CCHC" → "cải cách hành chính") and
    no week number ("tuần 49/2026"), which the meeting's date already says."""
    text = str(title)
    for pattern, words in _ABBREVIATIONS:
        text = pattern.sub(words, text)
    return " ".join(_WEEK_IN_TITLE.sub("", text).split()) or str(title)
