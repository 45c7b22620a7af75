"""Previewing a file before import: the detected header row, the column mapping and the first data rows
(mapped columns only: applicant identity columns are never read)."""

import zipfile
import zlib
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, desc, select

from data_access.importing.columns import contract
from data_access.importing.headers import HeaderMatch, find_header
from data_access.importing.readers import ReadError, iter_rows, open_source
from data_access.importing.rows import is_skippable
from data_access.importing.values import show
from data_access.store.schema import import_log
from texts import messages as M

HISTORY_COLUMNS = ["imported_at", "imported_by", "file_name", "kind", "sheet", "rows_read", "inserted", "updated",
                   "unchanged", "rejected", "warnings", "older_allowed", "notes", "sha256"]


def preview(path: str | Path, kind: str, sheet: str | None = None, rows: int = 5
            ) -> tuple[HeaderMatch | None, pd.DataFrame, list[str]]:
    """Return (header match or None, the first data rows of the mapped columns, the file's sheet names); raise
    ReadError for a file that cannot be read (a damaged .xlsx included)."""
    try:
        return _preview(Path(path), kind, sheet, rows)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ReadError(M.XLSX_DAMAGED.format(file=Path(path).name)) from exc


def _preview(path: Path, kind: str, sheet: str | None, rows: int
             ) -> tuple[HeaderMatch | None, pd.DataFrame, list[str]]:
    columns = contract(kind)
    source = open_source(path, sheet)
    header, data, _ = find_header(iter_rows(source), columns)
    if header is None:
        return None, pd.DataFrame(), source.sheet_names
    key_column = next(c.key for c in columns if c.required)
    sample = []
    for number, cells in data:
        if is_skippable(cells, header, key_column):
            continue
        sample.append({M.PREVIEW_ROW: number, **{header.headers[c.key]: show(cells[header.index[c.key]])
                                           if header.index[c.key] < len(cells) else M.PREVIEW_EMPTY
                                           for c in columns if c.key in header.index}})
        if len(sample) >= rows:
            break
    return header, pd.DataFrame(sample), source.sheet_names


def import_history(conn: Connection, limit: int = 50) -> pd.DataFrame:
    """Return the latest imports (HISTORY_COLUMNS), newest first."""
    query = select(*[import_log.c[c] for c in HISTORY_COLUMNS]).order_by(desc(import_log.c.id)).limit(limit)
    return pd.DataFrame(conn.execute(query).mappings().all(), columns=HISTORY_COLUMNS)
