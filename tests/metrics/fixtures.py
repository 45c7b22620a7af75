"""Small hand-made dossiers and tasks whose counts were worked out by hand (see each test)."""

import unicodedata
from datetime import date

import pandas as pd

from tests.oracle import dossier_outcome, in_group

LAND_ENV = ("Đất đai", "Môi trường")
MARCH_2024 = (date(2024, 3, 1), date(2024, 3, 31))


def d(month: int, day: int, year: int = 2024) -> date:
    return date(year, month, day)


# code, received, due, result, status, channel, synced, apology, digitised, field, district
_ROWS = [
    ("D1", d(3, 5), d(3, 15), d(3, 10), "Đã trả kết quả", "online", True, False, True, "Hộ tịch", "A"),
    ("D2", d(3, 5), d(3, 15), d(3, 15), "Hoàn thành", "in_person", True, False, False, "Hộ tịch", "A"),
    ("D3", d(3, 1), d(3, 10), d(3, 20), "Chờ trả kết quả", "in_person", True, True, False, "ĐẤT ĐAI", "B"),
    ("D4", d(3, 2), d(3, 12), d(3, 8), "TỪ CHỐI", "online", False, False, False, "Hộ tịch", "A"),
    ("D5", d(2, 20), d(3, 5), d(3, 4), "Đã trả kết quả", "in_person", False, False, True,
     unicodedata.normalize("NFD", "Đất đai"), "B"),
    ("D6", d(2, 10), d(2, 20), d(2, 25), "Đã trả kết quả", "in_person", False, True, False, "Đất đai", "B"),
    ("D7", d(3, 25), d(4, 5), None, "Đang xử lý", "postal", True, False, False, "Hộ tịch", "A"),
    ("D8", d(3, 10), d(3, 20), None, "Đang xử lý", "in_person", False, False, False, "Môi trường", "B"),
    ("D9", d(4, 2), d(4, 12), None, "Mới tiếp nhận", "online", True, False, False, "Hộ tịch", "A"),
    ("D10", d(3, 15), d(3, 25), d(4, 5), "Đã trả kết quả", "in_person", True, True, False, "Xây dựng", "A"),
    ("D11", d(3, 20), d(3, 31), None, "Chờ bổ sung hồ sơ", "in_person", False, False, False, "Hộ tịch", "A"),
    ("D12", d(2, 25), d(3, 31), None, "Đang xử lý", "in_person", False, False, False, "Hộ tịch", "B"),
    ("D13", d(1, 10), d(1, 20), None, "Đang xử lý", "in_person", False, False, False, "  đất   đai ", "B"),
]


def dossier_frame() -> pd.DataFrame:
    """Return the 13 hand-made dossiers with the columns metrics.dossiers expects."""
    frame = pd.DataFrame(
        _ROWS,
        columns=["code", "received_on", "due_on", "result_on", "status", "channel", "synced",
                 "apology", "digitised", "field", "district"],
    )
    pairs = zip(frame["status"], frame["result_on"], strict=True)
    frame["ended"] = [dossier_outcome(s, r) == "ended" for s, r in pairs]
    frame["waiting_supplement"] = frame["status"].str.contains("bổ sung")
    frame["land_env"] = in_group(frame["field"], LAND_ENV)
    return frame


# code, doc_number, doc_date, deadline, completed_on, lead_agency, leader
_TASKS = [
    ("T1", "455/TB-UBND", d(3, 1), d(3, 10), d(3, 9), "Sở Tư pháp", "Chủ tịch"),
    ("T2", "455/TB-UBND", d(3, 1), d(3, 10), d(3, 10), "Sở Tư pháp", "Chủ tịch"),
    ("T3", "455/TB-UBND", d(3, 1), d(3, 10), d(3, 15), "Sở Xây dựng", "Chủ tịch"),
    ("T4", "12/CT-UBND", d(3, 2), d(3, 20), None, "Sở Nông nghiệp và Môi trường", "Phó Chủ tịch"),
    ("T5", "12/CT-UBND", d(3, 2), d(3, 31), None, "Sở Xây dựng", "Phó Chủ tịch"),
    ("T6", "12/CT-UBND", d(1, 5), d(2, 1), d(4, 10), "Sở Nông nghiệp và Môi trường", "Phó Chủ tịch"),
    ("T7", "455/TB-UBND", d(3, 1), None, None, "Sở Tư pháp", "Chủ tịch"),
    ("T8", "99/TB-UBND", d(4, 5), d(4, 20), None, "Sở Tư pháp", "Chủ tịch"),
    ("T9", "12/CT-UBND", d(3, 2), d(4, 3), None, "Sở Xây dựng", "Phó Chủ tịch"),
    ("T10", "12/CT-UBND", d(3, 2), d(4, 10), None, "Sở Tư pháp", "Phó Chủ tịch"),
]


def task_frame() -> pd.DataFrame:
    """Return the 10 hand-made tasks."""
    return pd.DataFrame(
        _TASKS, columns=["code", "doc_number", "doc_date", "deadline", "completed_on", "lead_agency", "leader"]
    )
