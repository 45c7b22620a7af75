"""Chunks of rows for importers: cells by canonical key (column-wise), cached parsing, problems per row,
and the blank and totals rows to skip."""

from collections.abc import Callable
from operator import itemgetter

from data_access.importing.headers import HeaderMatch
from data_access.importing.report import Problem
from data_access.importing.values import cell_text, is_blank, show
from metrics.text import fold_key
from texts import messages as M

_TOTALS = ("tong cong", "tong so", "tong:", "tong (", "cong:")
_TOTALS_WORDS = {"tong", "cong", "tong cong"}
REQUIRED = M.REQUIRED


class Cached:
    """Wraps a parser so that each distinct cell value is parsed once. Calls return (value, reason or None).

    Use cache=False for columns whose values are all different (dossier codes).
    """

    def __init__(self, parser: Callable[[object], object], required: bool = False, cache: bool = True) -> None:
        self.parser = parser
        self.required = required
        self.cache: dict | None = {} if cache else None  # cell → parsed value
        self.reasons: dict = {}  # cell → why it cannot be read (cached cells only)

    def compute(self, value: object) -> tuple[object, str | None]:
        """Parse one value (no cache)."""
        if self.required and is_blank(value):
            return None, REQUIRED
        try:
            return self.parser(value), None
        except ValueError as exc:
            return None, str(exc)

    def many(self, values: list) -> tuple[list, list[tuple[int, str]]]:
        """Parse a column; return (parsed values, [(position, reason)] of unreadable cells)."""
        if self.cache is None and self.parser is cell_text and plain_text(values):  # codes as exported: as they are
            return list(values), []
        if self.cache is None:
            results = [self.compute(v) for v in values]
            return list(map(_first, results)), [(i, r[1]) for i, r in enumerate(results) if r[1] is not None]
        cache, reasons, bad = self.cache, self.reasons, False
        for value in dict.fromkeys(values):  # each distinct value once
            if value not in cache:
                cache[value], reason = self.compute(value)
                if reason is not None:
                    reasons[value] = reason
            bad = bad or value in reasons
        parsed = list(map(cache.__getitem__, values))
        errors = [(i, reasons[v]) for i, v in enumerate(values) if v in reasons] if bad else []
        if len(cache) > 100_000:
            cache.clear()
            reasons.clear()
        return parsed, errors


_first = itemgetter(0)


def plain_text(values: list | tuple) -> bool:
    """Return True when every cell is non-empty ASCII text without leading, trailing, doubled or other spaces: text
    that cell_text returns unchanged (checked on the joined column with string methods, not cell by cell)."""
    if not values or not all(type(value) is str for value in values):
        return False
    joined = "\n".join(values)
    return (joined.isascii() and joined.count("\n") == len(values) - 1 and joined.replace("\n", "").isprintable()
            and not any(part in joined for part in ("  ", " \n", "\n ", "\n\n"))
            and joined[:1] not in ("", " ", "\n") and joined[-1:] not in (" ", "\n"))


def is_skippable(cells: list, header: HeaderMatch, key_column: str) -> str | None:
    """Return 'blank' or 'totals' for a row to skip, or None for a data row."""
    key_position = header.index.get(key_column)
    key = cells[key_position] if key_position is not None and key_position < len(cells) else None
    if type(key) is str and key and key[0] not in "TtCc \t":
        return None  # the usual case (checked first, it runs for every row): a real key, not a totals label
    for cell in cells:
        if isinstance(cell, str) and cell.lstrip()[:1] in "TtCc":
            folded = fold_key(cell)
            if (folded in _TOTALS_WORDS or folded.startswith(_TOTALS)) and (is_blank(key) or cell is key):
                return "totals"
    if all(is_blank(cells[p]) if p < len(cells) else True for p in header.index.values()):
        return "blank"
    return None


class Chunk:
    """Up to a few thousand data rows, read column by column."""

    def __init__(self, rows: list[tuple[int, list]], header: HeaderMatch) -> None:
        self.rows = rows
        self.header = header
        self.numbers = [number for number, _ in rows]
        self.problems: dict[int, list[Problem]] = {}
        self._columns: dict[str, list] = {}

    @classmethod
    def of_columns(cls, numbers: list[int], columns: dict[str, list], header: HeaderMatch) -> "Chunk":
        """Return a chunk of rows given column by column (canonical key → cells, one per row number)."""
        chunk = cls([], header)
        chunk.numbers = numbers
        chunk._columns = columns
        return chunk

    def __len__(self) -> int:
        return len(self.numbers)

    def raw(self, key: str) -> list | tuple:
        """Return the raw cells of a canonical column (None where absent or the row is short)."""
        if not self._columns:
            self._transpose()
        return self._columns.get(key) or [None] * len(self.numbers)

    def _transpose(self) -> None:
        width = max(self.header.index.values()) + 1
        padded = [cells if len(cells) >= width else list(cells) + [None] * (width - len(cells))
                  for _, cells in self.rows]
        columns = list(zip(*padded, strict=False)) if padded else [()] * width
        self._columns = {key: columns[position] for key, position in self.header.index.items()}

    def parse(self, key: str, parser: Cached) -> list:
        """Return the parsed column; unreadable cells become problems of their rows."""
        values, errors = parser.many(self.raw(key))
        for position, reason in errors:
            self.fail(position, key, reason)
        return values

    def fail(self, position: int, key: str, reason: str) -> None:
        """Record a problem of the row at `position`, in column `key`."""
        problem = Problem(self.numbers[position], self.header.headers.get(key, key),
                          show(self.raw(key)[position]), reason)
        self.problems.setdefault(position, []).append(problem)

    def failed(self, position: int, key: str) -> bool:
        """Return True when the row already has a problem in column `key`."""
        column = self.header.headers.get(key, key)
        return any(p.column == column for p in self.problems.get(position, ()))

    def good(self) -> list[int]:
        """Return the positions of rows without problems."""
        return [position for position in range(len(self.numbers)) if position not in self.problems]

    def mapped_cells(self, position: int) -> dict[str, str]:
        """Return header text → cell text of one row's mapped columns (for the rejected-rows file)."""
        return {self.header.headers[k]: show(self.raw(k)[position]) for k in self.header.index}
