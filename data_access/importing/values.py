"""Parsing cell values from exports: dates (Excel cells, serials, dd/mm/yyyy, d/m/yyyy, with time), booleans,
channels, levels and text. Each parser returns the value, or raises ValueError with a Vietnamese reason."""

import re
from datetime import date, datetime, timedelta

import pandas as pd

from metrics.text import fold_key, normalize_text

_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_EXCEL_EPOCH = date(1899, 12, 30)
TRUE_WORDS = {"co", "x", "1", "true", "yes", "dung", "da", "da dong bo", "da so hoa", "v", "✓", "1.0"}
FALSE_WORDS = {"khong", "0", "false", "no", "chua", "sai", "0.0", "-"}
LEVELS = {"tinh": "Tỉnh", "cap tinh": "Tỉnh", "huyen": "Huyện", "cap huyen": "Huyện", "xa": "Xã",
          "cap xa": "Xã"}


def is_blank(value: object) -> bool:
    """Return True for None, NaN and text that is empty after trimming."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


def parse_date(value: object) -> date | None:
    """Return the date part of a cell, None when blank; raise ValueError when unreadable or impossible."""
    if is_blank(value):
        return None
    if isinstance(value, datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # an Excel serial day number
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError("không phải ngày hợp lệ")
    text = normalize_text(value) or ""
    match = _DMY.match(text)
    if match:
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    else:
        match = _ISO.match(text)
        if not match:
            raise ValueError("không đọc được ngày (dạng dd/mm/yyyy)")
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError("ngày không tồn tại") from exc


def parse_bool(value: object) -> bool:
    """Return True for Có / x / 1, False for Không / 0 / blank; raise ValueError otherwise."""
    if is_blank(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise ValueError("chỉ nhận Có/Không, x, 1/0")
    key = fold_key(value)
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    raise ValueError("chỉ nhận Có/Không, x, 1/0")


def parse_channel(value: object) -> str:
    """Return 'online', 'postal' or 'in_person' (blank = in person); raise ValueError otherwise."""
    if is_blank(value):
        return "in_person"
    key = fold_key(value)
    if "truc tuyen" in key or "online" in key or "dvc" in key:
        return "online"
    if "buu chinh" in key or "bcci" in key or "buu dien" in key:
        return "postal"
    if "truc tiep" in key or "mot cua" in key:
        return "in_person"
    raise ValueError("chỉ nhận Trực tiếp, Trực tuyến hoặc Bưu chính công ích")


def parse_level(value: object) -> str | None:
    """Return 'Tỉnh', 'Huyện' or 'Xã' (None when blank); raise ValueError otherwise."""
    if is_blank(value):
        return None
    key = fold_key(value)
    if key in LEVELS:
        return LEVELS[key]
    raise ValueError("chỉ nhận Tỉnh, Huyện hoặc Xã")


def parse_number(value: object) -> float | None:
    """Return a number (Vietnamese '71,69' or '71.69'), None when blank; raise ValueError otherwise."""
    if is_blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = (normalize_text(value) or "").replace(" ", "").replace("%", "")
    if text.count(",") == 1 and text.count(".") == 0:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError as exc:
        raise ValueError("không phải số") from exc


def cell_text(value: object) -> str | None:
    """Return a cell as normalised text (NFC, trimmed, single spaces); numbers lose a trailing '.0'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.strftime("%d/%m/%Y")
    return normalize_text(value)


def show(value: object) -> str:
    """Return a cell value as it should appear in an error message."""
    if is_blank(value):
        return "(trống)"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() != datetime.min.time() else value.strftime("%d/%m/%Y")
    return str(cell_text(value))


def vn_date(value: date) -> str:
    """Return dd/mm/yyyy for messages (babel, vi_VN)."""
    from babel.dates import format_date

    return format_date(value, "dd/MM/yyyy", locale="vi_VN")
