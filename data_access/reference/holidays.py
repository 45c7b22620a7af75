"""The calendar of working days (issue #33): the shipped config/holidays/YYYY.csv and the days the Office added with
`cli.py import holidays FILE` (table `holidays`), read as one metrics.workdays.Calendar.

An added file is strict: every row is checked (date, kind «nghỉ» or «làm bù», name), a date already in the calendar
or repeated in the file is refused with its row, and a refused file writes nothing.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select

from data_access.accounts.audit import record
from data_access.importing.readers import iter_rows, open_source
from data_access.importing.values import is_blank, parse_date
from data_access.store.engine import writing
from data_access.store.schema import holidays
from metrics.errors import DomainError
from metrics.text import fold_key
from metrics.workdays import DAY_OFF, HOLIDAY_COLUMNS, WORKING_DAY, Calendar, calendar_of
from texts import messages as M
from texts.fmt import fmt_date

SHIPPED = Path(__file__).resolve().parents[2] / "config" / "holidays"
HEADERS = M.HOLIDAY_HEADERS
KIND_WORDS = {"nghi": DAY_OFF, "nghi le": DAY_OFF, "lam bu": WORKING_DAY, "ngay lam bu": WORKING_DAY}
MAX_ERRORS_SHOWN = 20


class HolidaysRefused(DomainError):
    """A holiday file refused whole: its errors, one line each (file, row, column, why)."""

    def __init__(self, file: str, errors: list[str]) -> None:
        shown = errors[:MAX_ERRORS_SHOWN]
        more = [M.HOLIDAYS_MORE_ERRORS.format(n=len(errors) - len(shown))] if len(errors) > len(shown) else []
        super().__init__("\n".join([*shown, *more, M.HOLIDAY_REFUSED.format(file=file, n=len(errors))]))
        self.errors = errors


@dataclass(frozen=True)
class HolidayRow:
    """One checked row of a holiday file."""

    row: int
    day: date
    kind: str
    name: str


def _rows(path: Path) -> list[tuple[int, list]]:
    """Return the non-blank rows of a holiday file after its header row (row number, cells)."""
    rows = [(n, cells) for n, cells in iter_rows(open_source(path)) if any(not is_blank(c) for c in cells)]
    if not rows:
        raise HolidaysRefused(path.name, [M.HOLIDAY_COLUMNS_MISSING.format(file=path.name,
                                                                          columns=", ".join(HEADERS.values()))])
    header = {fold_key(cell): i for i, cell in enumerate(rows[0][1]) if not is_blank(cell)}
    missing = [name for name in HEADERS.values() if fold_key(name) not in header]
    if missing:
        raise HolidaysRefused(path.name, [M.HOLIDAY_COLUMNS_MISSING.format(file=path.name, columns=", ".join(missing))])
    at = {key: header[fold_key(name)] for key, name in HEADERS.items()}
    return [(n, [cells[at[k]] if at[k] < len(cells) else None for k in HEADERS]) for n, cells in rows[1:]]


def read_holiday_file(path: Path, present: dict[date, str]) -> list[HolidayRow]:
    """Return the checked rows of a holiday file; raise HolidaysRefused naming every bad row (`present`: the days
    already in the calendar, with their names)."""
    errors, rows, first_row = [], [], {}
    for n, (day_cell, kind_cell, name_cell) in _rows(path):
        try:
            day = parse_date(day_cell)
        except ValueError:
            day = None
        kind = KIND_WORDS.get(fold_key(kind_cell)) if not is_blank(kind_cell) else None
        name = "" if is_blank(name_cell) else str(name_cell).strip()
        problems = []
        if day is None:
            problems.append(M.HOLIDAY_BAD_DATE.format(row=n, column=HEADERS["day"], value=day_cell or ""))
        if kind is None:
            problems.append(M.HOLIDAY_BAD_KIND.format(row=n, column=HEADERS["kind"], value=kind_cell or ""))
        if not name:
            problems.append(M.HOLIDAY_NO_NAME.format(row=n, column=HEADERS["name"]))
        if day is not None and kind is not None:
            shown = fmt_date(day)
            if day in present:
                problems.append(M.HOLIDAY_PRESENT.format(row=n, column=HEADERS["day"], day=shown, name=present[day]))
            elif day in first_row:
                problems.append(M.HOLIDAY_REPEATED.format(row=n, column=HEADERS["day"], day=shown,
                                                          first=first_row[day]))
            elif kind == DAY_OFF and day.weekday() >= 5:
                problems.append(M.HOLIDAY_WEEKEND_OFF.format(row=n, column=HEADERS["day"], day=shown))
            elif kind == WORKING_DAY and day.weekday() < 5:
                problems.append(M.HOLIDAY_WEEKDAY_WORKED.format(row=n, column=HEADERS["day"], day=shown))
            first_row.setdefault(day, n)
        if problems:
            errors.extend(f"{path.name}: {p}" for p in problems)
        else:
            rows.append(HolidayRow(n, day, kind, name[:200]))
    if errors:
        raise HolidaysRefused(path.name, errors)
    return rows


def shipped_holidays(folder: Path = SHIPPED) -> pd.DataFrame:
    """Return HOLIDAY_COLUMNS of every shipped config/holidays/YYYY.csv, in date order."""
    found = []
    for path in sorted(folder.glob("*.csv")):
        found.extend((r.day, r.kind, r.name) for r in read_holiday_file(path, {}))
    return pd.DataFrame(found, columns=list(HOLIDAY_COLUMNS)).sort_values("day", ignore_index=True)


def stored_holidays(conn: Connection) -> pd.DataFrame:
    """Return HOLIDAY_COLUMNS of the days the Office added, in date order."""
    result = conn.execute(select(holidays.c.day, holidays.c.kind, holidays.c.name).order_by(holidays.c.day))
    return pd.DataFrame(result.fetchall(), columns=list(HOLIDAY_COLUMNS))


def all_holidays(conn: Connection, folder: Path = SHIPPED) -> pd.DataFrame:
    """Return HOLIDAY_COLUMNS of the shipped and the added days together, in date order."""
    frames = [f for f in (shipped_holidays(folder), stored_holidays(conn)) if not f.empty]
    if not frames:
        return pd.DataFrame(columns=list(HOLIDAY_COLUMNS))
    return pd.concat(frames, ignore_index=True).sort_values("day", ignore_index=True)


def holiday_calendar(conn: Connection, folder: Path = SHIPPED) -> Calendar:
    """Return the calendar of working days: the shipped days and the added ones."""
    return calendar_of(all_holidays(conn, folder))


def import_holidays(engine: Engine, path: Path, folder: Path = SHIPPED) -> int:
    """Add a holiday file's days to the calendar in one transaction; return how many; raise HolidaysRefused (and
    write nothing) when any row is wrong."""
    path = Path(path)
    with writing(engine) as conn:
        present = all_holidays(conn, folder)
        rows = read_holiday_file(path, dict(zip(present["day"], present["name"], strict=True)))
        now = datetime.now(UTC).replace(tzinfo=None)
        if rows:
            conn.execute(insert(holidays), [{"day": r.day, "kind": r.kind, "name": r.name,
                                             "file_name": path.name[:300], "imported_at": now} for r in rows])
        record(conn, None, "import", M.AUDIT_HOLIDAYS.format(file=path.name, n=len(rows)))
    return len(rows)
