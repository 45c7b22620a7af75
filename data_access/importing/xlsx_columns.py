"""Reading a large .xlsx sheet column by column (issue #14): the header is found in the sheet's first rows, read
straight from its XML; the data rows below it are read by fastexcel (calamine, Rust) into typed Arrow columns,
then turned into Python values block by block, only for the columns the import maps.

The cells come out as the row reader (xlsx_fast.calamine_rows, openpyxl) gives them: None for an empty cell, a
whole number as int, a date cell as datetime. fastexcel types a column from all its cells; a column holding text
and numbers (or dates) comes as text, where a date cell reads "2024-01-05 00:00:00" (turned back into a datetime
here) and a number as Excel shows it ("7", "7.5"). The one difference left: in a column mixing text and numbers, a
number that is an Excel day serial reads as its digits, so it is not taken for a date (the row reader gives the
number, which is).

readers.xlsx_head and readers.xlsx_data return None where this reader cannot go, and the row reader is used: a
sheet whose cells carry no references, a sheet whose first rows leave column A empty (its columns would start
further right), a sheet fastexcel refuses.
"""

import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from data_access.importing import xlsx_fast
from data_access.importing.headers import HeaderMatch
from data_access.importing.rows import Chunk, is_skippable

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"([A-Z]+)(\d+)$")
logging.getLogger("fastexcel").setLevel(logging.ERROR)  # "could not determine dtype" of an empty column: text
_ISO_CELL = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$"  # a date cell in a text column, as fastexcel writes it


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


def _text(element: ElementTree.Element) -> str:
    """Return the text of a shared or inline string (its runs joined, phonetic guides left out)."""
    parts = []
    for child in element:
        if child.tag == f"{_MAIN}t":
            parts.append(child.text or "")
        elif child.tag == f"{_MAIN}r":
            parts.extend(t.text or "" for t in child.iter(f"{_MAIN}t"))
    return "".join(parts)


def _shared_member(book: zipfile.ZipFile) -> str | None:
    try:
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return None
    for rel in rels.iter(f"{_REL}Relationship"):
        if rel.get("Type", "").endswith("/sharedStrings"):
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _shared_strings(book: zipfile.ZipFile, wanted: set[int]) -> dict[int, str]:
    """Return the shared strings of the indexes wanted, reading the table only as far as the last of them."""
    member = _shared_member(book)
    if not wanted or member is None:
        return {}
    found, last, index = {}, max(wanted), 0
    with book.open(member) as stream:
        for _event, element in ElementTree.iterparse(stream):
            if element.tag != f"{_MAIN}si":
                continue
            if index in wanted:
                found[index] = _text(element)
            element.clear()
            index += 1
            if index > last:
                break
    return found


def head_rows(path: Path, sheet: str | None, last_row: int) -> list[tuple[int, list]]:
    """Return (row number, cells) of the sheet's rows 1 to `last_row` that hold cells, read from the XML alone.

    Cells are text, numbers (int when whole) and booleans; a date cell reads as its day serial (the head is only
    searched for the header)."""
    rows: list[tuple[int, list]] = []
    shared: list[tuple[list, int, int]] = []  # (cells, position, shared string index)
    with zipfile.ZipFile(path) as book:
        with book.open(xlsx_fast._sheet_member(book, sheet)) as stream:
            number = 0
            for _event, element in ElementTree.iterparse(stream):
                if element.tag != f"{_MAIN}row":
                    continue
                number = int(element.get("r") or number + 1)
                if number > last_row:
                    break
                cells: list = []
                for cell in element.iter(f"{_MAIN}c"):
                    ref = _REF.match(cell.get("r") or "")
                    position = xlsx_fast.column_number(ref.group(1)) - 1 if ref else len(cells)
                    cells.extend([None] * (position + 1 - len(cells)))
                    kind, value = cell.get("t", "n"), cell.find(f"{_MAIN}v")
                    text = value.text if value is not None else None
                    if kind == "inlineStr":
                        inline = cell.find(f"{_MAIN}is")
                        cells[position] = _text(inline) if inline is not None else None
                    elif text is None:
                        continue
                    elif kind == "s":
                        shared.append((cells, position, int(text)))
                    elif kind == "b":
                        cells[position] = text == "1"
                    elif kind == "n":
                        cells[position] = _number(text)
                    else:  # str (a formula's text), e (an error such as #N/A), d (an ISO date)
                        cells[position] = text
                element.clear()
                rows.append((number, cells))
        strings = _shared_strings(book, {index for _, _, index in shared})
    for cells, position, index in shared:
        cells[position] = strings.get(index)
    for _, cells in rows:
        while cells and cells[-1] is None:
            cells.pop()
    return rows


@dataclass
class Block:
    """Consecutive sheet rows: their numbers and every column as Arrow (position = column index from A)."""

    numbers: range
    columns: list[pa.Array]

    def values(self, position: int, rows: list[int] | None = None) -> list:
        """Return a column's cells as Python values (of the rows at `rows`, or all), as the row reader gives them."""
        if position >= len(self.columns):
            return [None] * (len(self.numbers) if rows is None else len(rows))
        column = self.columns[position]
        if rows is not None:
            column = column.take(pa.array(rows, pa.int64()))
        return python_values(column)

    def row(self, index: int) -> list:
        """Return every cell of one row (for the few rows that may be blank or totals)."""
        cells = [python_values(column.slice(index, 1))[0] for column in self.columns]
        while cells and cells[-1] is None:
            cells.pop()
        return cells


def _is_text(kind: pa.DataType) -> bool:
    return pa.types.is_string(kind) or pa.types.is_large_string(kind)


def _text_cells(column: pa.Array) -> list:
    """Return text cells as Python values: "" → None, the text a date cell became → that datetime."""
    values = column.to_pylist()
    if "" in values:
        values = [None if v == "" else v for v in values]
    dated = pc.match_substring_regex(column, _ISO_CELL)
    if pc.any(dated).as_py():
        for index in pc.indices_nonzero(dated).to_pylist():
            values[index] = datetime.fromisoformat(values[index])
    return values


def python_values(column: pa.Array) -> list:
    """Return an Arrow column as Python cells: "" → None, whole floats → int, dates → datetime at midnight,
    text that a date cell became → that datetime."""
    kind = column.type
    if pa.types.is_null(kind):
        return [None] * len(column)
    if _is_text(kind):
        encoded = column.dictionary_encode()
        if len(encoded.dictionary) * 4 <= len(column):  # repeated text (names, dates): each distinct value once
            distinct = _text_cells(encoded.dictionary)
            lookup = np.array([*distinct, None], dtype=object)
            return lookup[encoded.indices.fill_null(len(distinct)).to_numpy()].tolist()
        return _text_cells(column)
    if pa.types.is_floating(kind):
        return [None if v is None else int(v) if v.is_integer() else v for v in column.to_pylist()]
    if pa.types.is_date(kind):
        midnight = datetime.min.time()
        return [None if v is None else datetime.combine(v, midnight) for v in column.to_pylist()]
    return column.to_pylist()  # int, bool, timestamp (datetime), duration


class ColumnSheet:
    """The data rows of a sheet below its header, read once by fastexcel and handed out in blocks."""

    def __init__(self, path: Path, sheet: str | None, header_row: int) -> None:
        import fastexcel

        reader = fastexcel.read_excel(str(path))
        name = sheet if sheet is not None else 0
        self.batch = reader.load_sheet(name, header_row=None, skip_rows=header_row, schema_sample_rows=None,
                                       dtype_coercion="coerce", eager=True)
        self.first = header_row + 1

    def __len__(self) -> int:
        return self.batch.num_rows

    def first_longer(self, limit: int) -> int | None:
        """Return the row number of the first row with a text cell longer than `limit`, or None."""
        first = None
        for column in self.batch.columns:
            if _is_text(column.type) and len(column):
                over = pc.greater(pc.utf8_length(column), limit)
                if pc.any(over).as_py():
                    row = self.first + pc.indices_nonzero(over)[0].as_py()
                    first = row if first is None else min(first, row)
        return first

    def blocks(self, size: int) -> Iterator[Block]:
        """Yield the rows in blocks of `size`."""
        for start in range(0, len(self), size):
            part = self.batch.slice(start, size)
            yield Block(range(self.first + start, self.first + start + part.num_rows), list(part.columns))


def chunks(sheet: ColumnSheet, header: HeaderMatch, key_column: str, size: int
           ) -> Iterator[tuple[Chunk, int, int]]:
    """Yield (chunk of the data rows of a block, blank rows skipped, totals rows skipped) block by block; only the
    rows whose key cell is not plain text are looked at whole (is_skippable, as for the row reader)."""
    key_position = header.index.get(key_column)
    for block in sheet.blocks(size):
        keys = block.values(key_position) if key_position is not None else [None] * len(block.numbers)
        skipped = {}
        for index, key in enumerate(keys):
            if not (type(key) is str and key and key[0] not in "TtCc \t"):
                kind = is_skippable(block.row(index), header, key_column)
                if kind:
                    skipped[index] = kind
        kept = [i for i in range(len(block.numbers)) if i not in skipped] if skipped else None
        numbers = list(block.numbers) if kept is None else [block.numbers[i] for i in kept]
        columns = {key: keys if position == key_position and kept is None else block.values(position, kept)
                   for key, position in header.index.items()}
        blank = sum(1 for kind in skipped.values() if kind == "blank")
        yield Chunk.of_columns(numbers, columns, header), blank, len(skipped) - blank
