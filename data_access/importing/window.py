"""The dates an import accepts (settings.toml `[import]`): none before `earliest_date`; an event (received,
result, step start or end, document, completion) not after the day of the import; a due date or deadline at
most `due_years_ahead` years after it. Others are row errors naming the cell, so that a typo such as 01/01/0001
or a result in 2030 never reaches the figures or moves the data's as-of date."""

from dataclasses import dataclass
from datetime import date

from data_access.importing.rows import Chunk
from data_access.importing.values import vn_date
from texts import messages as M


@dataclass(frozen=True)
class DateWindow:
    """The earliest accepted date, the import day (latest event) and the latest due date."""

    earliest: date
    today: date
    latest_due: date

    @classmethod
    def of(cls, earliest: date, due_years_ahead: int, today: date | None = None) -> "DateWindow":
        """Return the window of an import made on `today` (default: now)."""
        today = today or date.today()
        try:
            latest = today.replace(year=today.year + due_years_ahead)
        except ValueError:  # 29 February
            latest = today.replace(year=today.year + due_years_ahead, day=28)
        return cls(earliest, today, latest)

    def reason(self, value: date, due: bool = False) -> str | None:
        """Return why `value` is refused (None: accepted); `due` for due dates and deadlines."""
        if value < self.earliest:
            return M.DATE_TOO_EARLY.format(earliest=vn_date(self.earliest))
        if due and value > self.latest_due:
            return M.DUE_TOO_LATE.format(latest=vn_date(self.latest_due))
        if not due and value > self.today:
            return M.DATE_AFTER_IMPORT.format(today=vn_date(self.today))
        return None

    def check(self, chunk: Chunk, events: dict[str, list], dues: dict[str, list] | None = None) -> None:
        """Fail the chunk's cells whose event dates (`events`) or due dates (`dues`) are outside the window."""
        for due, columns in ((False, events), (True, dues or {})):
            latest = self.latest_due if due else self.today
            for key, values in columns.items():
                present = [v for v in values if v is not None]
                if not present or (min(present) >= self.earliest and max(present) <= latest):
                    continue  # the usual chunk: every date inside the window, no row to look at
                for i, value in enumerate(values):
                    if value is not None and not chunk.failed(i, key):
                        why = self.reason(value, due)
                        if why:
                            chunk.fail(i, key, why)
