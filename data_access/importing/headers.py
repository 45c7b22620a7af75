"""Finding the header row below title rows, and mapping its cells to the canonical columns of a contract."""

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from data_access.importing.columns import PERSONAL_DATA, Column
from metrics.text import fold_key, normalize_text

SCAN_ROWS = 40
_PARENTHESIS = re.compile(r"\s*\(.*\)\s*$")


@dataclass
class HeaderMatch:
    """Where the header is and which file column feeds each canonical column."""

    row: int
    index: dict[str, int]  # canonical key → 0-based column index
    headers: dict[str, str]  # canonical key → header text as in the file
    ignored: list[str] = field(default_factory=list)  # unknown columns (STT, Ghi chú, …)
    personal: list[str] = field(default_factory=list)  # applicant identity columns, never read
    found: list[str] = field(default_factory=list)  # every non-empty header cell


def _key(cell: object) -> str:
    text = normalize_text(cell)
    if text is None:
        return ""
    return fold_key(_PARENTHESIS.sub("", text)) or fold_key(text)


def match_row(cells: list, columns: tuple[Column, ...]) -> dict[str, int]:
    """Return canonical key → column index for the cells of one row (first match wins)."""
    names = {name: column.key for column in columns for name in column.names()}
    index: dict[str, int] = {}
    for position, cell in enumerate(cells):
        key = names.get(_key(cell))
        if key and key not in index:
            index[key] = position
    return index


def find_header(rows: Iterator[tuple[int, list]], columns: tuple[Column, ...]
                ) -> tuple[HeaderMatch | None, Iterator[tuple[int, list]], list[tuple[int, list]]]:
    """Return (header or None, the data rows after it, the rows scanned).

    The header is the row among the first SCAN_ROWS that matches the most canonical columns (at least two).
    """
    scanned = list(itertools.islice(rows, SCAN_ROWS))
    best_at, best = None, {}
    for position, (_number, cells) in enumerate(scanned):
        index = match_row(cells, columns)
        if len(index) > len(best):
            best_at, best = position, index
    if best_at is None or len(best) < 2:
        return None, itertools.chain(scanned, rows), scanned
    number, cells = scanned[best_at]
    found = [normalize_text(c) for c in cells if normalize_text(c)]
    mapped = set(best.values())
    ignored, personal = [], []
    for position, cell in enumerate(cells):
        text = normalize_text(cell)
        if not text or position in mapped:
            continue
        (personal if _key(cell) in PERSONAL_DATA else ignored).append(text)
    match = HeaderMatch(row=number, index=best, headers={k: normalize_text(cells[i]) for k, i in best.items()},
                        ignored=ignored, personal=personal, found=found)
    return match, itertools.chain(scanned[best_at + 1:], rows), scanned


def missing_required(match: HeaderMatch | None, columns: tuple[Column, ...]) -> list[Column]:
    """Return the required columns the header lacks."""
    present = set(match.index) if match else set()
    return [c for c in columns if c.required and c.key not in present]
