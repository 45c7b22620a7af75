"""Index results (PAR INDEX, SIPAS, PAPI, PCI, 766): loading the shipped public CSV and reading them back."""

import csv
from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, delete, insert, select

from data_access.store.schema import index_results
from metrics.text import normalize_text

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_CSV = ROOT / "assets" / "reference" / "index_results_public.csv"
INDEX_COLUMNS = ["index_name", "period", "province", "score", "rank", "n_ranked", "component", "max_points",
                 "source", "note", "is_demo"]


def _number(value: str | None, kind: type) -> float | int | None:
    value = (value or "").strip().replace(",", ".")
    return kind(float(value)) if value else None


def read_index_csv(path: Path = PUBLIC_CSV) -> list[dict]:
    """Return index result rows of a CSV with DOMAIN §6 headers (Chỉ số, Kỳ, Tỉnh, Điểm, …, Nguồn)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [
            {
                "index_name": normalize_text(raw["Chỉ số"]),
                "period": normalize_text(raw["Kỳ"]),
                "province": normalize_text(raw["Tỉnh"]),
                "score": _number(raw.get("Điểm"), float),
                "rank": _number(raw.get("Xếp hạng"), int),
                "n_ranked": _number(raw.get("Số tỉnh xếp hạng"), int),
                "component": normalize_text(raw.get("Thành phần")) or "",
                "max_points": _number(raw.get("Điểm tối đa"), float),
                "source": normalize_text(raw.get("Nguồn")),
                "note": normalize_text(raw.get("Ghi chú")),
                "is_demo": False,
            }
            for raw in csv.DictReader(handle)
        ]


def replace_index_results(conn: Connection, rows: list[dict]) -> int:
    """Insert rows, replacing any earlier row with the same index, period, province and component."""
    for row in rows:
        conn.execute(delete(index_results).where(
            index_results.c.index_name == row["index_name"], index_results.c.period == row["period"],
            index_results.c.province == row["province"], index_results.c.component == row["component"]))
    if rows:
        conn.execute(insert(index_results), rows)
    return len(rows)


def load_index_results(conn: Connection) -> pd.DataFrame:
    """Return every index result (INDEX_COLUMNS); component '' is the total."""
    query = select(*[index_results.c[c] for c in INDEX_COLUMNS]).order_by(
        index_results.c.index_name, index_results.c.period, index_results.c.component)
    frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=INDEX_COLUMNS)
    frame["rank"] = frame["rank"].astype("Int64")
    frame["n_ranked"] = frame["n_ranked"].astype("Int64")
    return frame
