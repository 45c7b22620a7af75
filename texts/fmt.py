"""Vietnamese number and date formatting with babel (vi_VN): 1.746 · 98,5 % · 23/11/2026. Missing → '—'."""

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import lru_cache, wraps
from zoneinfo import ZoneInfo

import pandas as pd
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

from texts import labels as L
from texts.labels import POINTS_SUFFIX

LOCALE = "vi_VN"
VIETNAM = "Asia/Ho_Chi_Minh"  # times are stored in UTC and shown in the province's time
DASH = "—"
REMEMBERED = 1 << 16  # formatted values kept per formatter, shared by every viewer (tables repeat the same values)


def remembered(formatter: Callable[..., str]) -> Callable[..., str]:
    """Return the formatter with its results kept (babel takes tens of microseconds a value, and every viewer's
    tables format the same counts and dates again); an unhashable value is formatted without being kept."""
    kept = lru_cache(maxsize=REMEMBERED)(formatter)

    @wraps(formatter)
    def format_value(value, *args):
        if _missing(value):  # NaN is never equal to itself: it would only fill the cache
            return formatter(value, *args)
        try:
            return kept(value, *args)
        except TypeError:
            return formatter(value, *args)

    return format_value


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


@remembered
def fmt_int(value: float | int | None) -> str:
    """Return an integer with Vietnamese grouping (1.746), or '—'."""
    if _missing(value):
        return DASH
    return format_decimal(round(float(value)), format="#,##0", locale=LOCALE)


@remembered
def fmt_number(value: float | None, decimals: int = 1) -> str:
    """Return a decimal number with Vietnamese separators (71,69), or '—'."""
    if _missing(value):
        return DASH
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(float(value), format=pattern, locale=LOCALE)


@remembered
def fmt_pct(value: float | None, decimals: int = 1) -> str:
    """Return a fraction as a Vietnamese percentage (0.985 → '98,5 %'), or '—'."""
    if _missing(value):
        return DASH
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + " %"
    return format_percent(float(value), format=pattern, locale=LOCALE)


@remembered
def fmt_points(value: float | None, decimals: int = 1) -> str:
    """Return a signed change in percentage points ('+1,2 điểm %'), or '—'."""
    if _missing(value):
        return DASH
    digits = "." + "0" * decimals if decimals else ""
    points = round(float(value) * 100, decimals)
    pattern = f"+#,##0{digits};-#,##0{digits}" if points else f"#,##0{digits}"
    return format_decimal(abs(points) if not points else points, format=pattern, locale=LOCALE) + POINTS_SUFFIX


@remembered
def fmt_signed(value: float | None) -> str:
    """Return a signed integer change ('+12', '-3', '0'), or '—'."""
    if _missing(value):
        return DASH
    return format_decimal(round(float(value)), format="+#,##0;-#,##0", locale=LOCALE) if value else "0"


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
        return f"{format_date(start, 'dd/MM', locale=LOCALE)}–{fmt_date(end)}"
    return f"{fmt_date(start)}–{fmt_date(end)}"


@remembered
def fmt_date(value: date | datetime | pd.Timestamp | None) -> str:
    """Return dd/mm/yyyy, or '—'."""
    if _missing(value):
        return DASH
    if isinstance(value, pd.Timestamp):
        value = value.date()
    return format_date(value, "dd/MM/yyyy", locale=LOCALE)


@remembered
def fmt_datetime(value: datetime | None) -> str:
    """Return dd/mm/yyyy HH:mm, or '—'."""
    if _missing(value):
        return DASH
    return format_datetime(value, "dd/MM/yyyy HH:mm", locale=LOCALE)


def fmt_stored_time(value: str | None) -> str:
    """Return dd/mm/yyyy HH:mm in Vietnam's time of a stored ISO time (UTC when it names no zone), or '—'."""
    if not value:
        return DASH
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_datetime(moment, "dd/MM/yyyy HH:mm", tzinfo=ZoneInfo(VIETNAM), locale=LOCALE)


def fmt_month(value: date | pd.Timestamp) -> str:
    """Return mm/yyyy for a month."""
    if isinstance(value, pd.Timestamp):
        value = value.date()
    return format_date(value, "MM/yyyy", locale=LOCALE)


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
