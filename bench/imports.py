"""Import benchmark (prints figures, not a test): a generated 1,000,000-row CSV and a 200,000-row xlsx.

    python bench/imports.py [--csv-rows N] [--xlsx-rows N] [--url DATABASE_URL]

Each import runs in a fresh process on an empty database; the script prints rows/s and the peak RSS of
that process (and of the rollup worker it starts for a large file), for the file sizes given and, to show that
memory does not grow with the file, for a file ten times smaller. The .xlsx is written as Excel writes it (text in
shared strings, by xlsxwriter) and imported by the product's column reader (fastexcel), by the row reader it falls
back to (python-calamine) and by openpyxl (the last fallback); the same rows as an .xlsx with inline text (as
openpyxl writes it) and as CSV stand beside them. Targets: ≥ 50,000 rows/s for CSV on SQLite (issue #3); .xlsx
≥ 40,000 rows/s and within 2.5× of the same rows as CSV (issue #14).
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADERS = ["STT", "Mã hồ sơ", "Chủ hồ sơ", "Tên thủ tục", "Mã thủ tục", "Lĩnh vực", "Cơ quan giải quyết", "Cấp",
           "Địa bàn", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái", "Hình thức nộp",
           "Đồng bộ DVCQG", "Phiếu xin lỗi", "Số hóa", "Đơn vị đang xử lý"]
FIELDS = ["Đất đai", "Môi trường", "Hộ tịch", "Chứng thực", "Xây dựng", "Đường bộ", "Lao động - Việc làm"]
DISTRICTS = ["Thành phố Nha Trang", "TP Cam Ranh", "Huyện Cam Lâm", "Huyện Vạn Ninh", "TX Ninh Hòa",
             "Huyện Khánh Vĩnh", "Huyện Diên Khánh", "Huyện Khánh Sơn"]  # old districts; communes share some names
CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from data_access.store.engine import get_engine
from data_access.importing.runner import run_import
engine = get_engine({url!r})
if {reader!r} == "openpyxl":  # the last fallback, for comparison: the extent check says "cannot go", openpyxl reads
    import data_access.importing.xlsx_fast as fast
    fast.sheet_extent = lambda *args: None
if {reader!r} == "calamine":  # the row reader, for comparison: the column reader gives way to it
    import data_access.importing.runner as runner
    runner.xlsx_head = lambda *args: None
start = time.perf_counter()
report = run_import(engine, {path!r}, "dossiers")
elapsed = time.perf_counter() - start
print(json.dumps({{"rows": report.rows_read, "inserted": report.inserted, "seconds": elapsed,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}))
"""


def rows(n: int, seed: int = 7):
    """Yield n realistic dossier rows (text dates, Vietnamese names, an applicant column)."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)  # the old districts named below ended on 30/6/2025
    for i in range(n):
        received = start + timedelta(days=rng.randrange(546))
        due = received + timedelta(days=rng.choice([1, 3, 5, 10, 15, 30]))
        late = rng.random() < 0.03
        result = due + timedelta(days=rng.randrange(1, 40)) if late else received + timedelta(
            days=rng.randrange(0, (due - received).days + 1))
        if result > date(2026, 11, 20):
            result = None
        field = rng.choice(FIELDS)
        district, level = rng.choice(DISTRICTS), rng.choice(["Tỉnh", "Huyện", "Xã"])
        agency = {"Tỉnh": f"Sở phụ trách {field}", "Huyện": f"UBND {district}", "Xã": f"UBND cấp xã {district}"}[level]
        yield [i + 1, f"H34.{i:09d}", "Nguyễn Văn A", f"Thủ tục {field} {i % 7}", f"1.00{i % 97:04d}", field,
               agency, level, district,
               received.strftime("%d/%m/%Y"), due.strftime("%d/%m/%Y"), result.strftime("%d/%m/%Y") if result else "",
               "Đã trả kết quả" if result else "Đang xử lý", rng.choice(["Trực tuyến", "Trực tiếp", "BCCI"]),
               rng.choice(["Có", "Không"]), "x" if late else "", rng.choice(["1", "0"]), ""]


def write_csv(path: Path, n: int, seed: int = 7) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["BÁO CÁO HỒ SƠ"])
        writer.writerow(HEADERS)
        writer.writerows(rows(n, seed))


def write_xlsx(path: Path, n: int) -> None:
    """Write the rows as Excel does: text in the workbook's shared strings (xlsxwriter)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Hồ sơ")
    sheet.write_row(0, 0, ["BÁO CÁO HỒ SƠ"])
    sheet.write_row(1, 0, HEADERS)
    for number, row in enumerate(rows(n), start=2):
        sheet.write_row(number, 0, row)
    book.close()


def write_xlsx_inline(path: Path, n: int) -> None:
    """Write the rows as openpyxl does: every text inline in its cell (a sheet about twice as large)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Hồ sơ")
    sheet.append(["BÁO CÁO HỒ SƠ"])
    sheet.append(HEADERS)
    for row in rows(n):
        sheet.append(row)
    book.save(path)


WRITERS = {"csv": write_csv, "xlsx": write_xlsx, "xlsx_inline": write_xlsx_inline}


def measure(path: Path, url: str, reader: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT), url=url, path=str(path), reader=reader)],
                         capture_output=True, text=True, check=False, env=dict(os.environ))
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=200_000)
    parser.add_argument("--url", default=None, help="database URL (default: a fresh SQLite file per run)")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        cases = [("csv", args.csv_rows // 10, "csv"), ("csv", args.csv_rows, "csv"),
                 ("csv", args.xlsx_rows, "csv"), ("xlsx", args.xlsx_rows // 10, "fastexcel"),
                 ("xlsx", args.xlsx_rows, "fastexcel"), ("xlsx_inline", args.xlsx_rows, "fastexcel"),
                 ("xlsx", args.xlsx_rows, "calamine"), ("xlsx", args.xlsx_rows, "openpyxl")]
        cases = list(dict.fromkeys(cases))  # the CSV of the .xlsx's rows may be one of the first two
        print(f"{'file':<34}{'reader':<10}{'rows':>11}{'seconds':>9}{'rows/s':>10}{'peak MB':>9}{'worker MB':>10}")
        for kind, n, reader in cases:
            path = work / f"ho_so_{n}{'_inline' if kind == 'xlsx_inline' else ''}.{kind.split('_')[0]}"
            started = time.perf_counter()
            if not path.exists():
                WRITERS[kind](path, n)
            generated = time.perf_counter() - started
            url = args.url or f"sqlite:///{work / f'db_{kind}_{n}_{reader}.sqlite3'}"
            figures = measure(path, url, reader)
            figures["generated_s"] = generated
            figures["file_mb"] = path.stat().st_size / 1e6
            results[f"{kind}_{n}_{reader}"] = figures
            print(f"{path.name:<34}{reader:<10}{figures['rows']:>11,}{figures['seconds']:>9.1f}"
                  f"{figures['rows'] / figures['seconds']:>10,.0f}{figures['rss_mb']:>9.0f}"
                  f"{figures['worker_rss_mb']:>10.0f}")
        same = results[f"csv_{args.xlsx_rows}_csv"]["seconds"]
        for key, reader in (("xlsx", "fastexcel"), ("xlsx_inline", "fastexcel"), ("xlsx", "calamine"),
                            ("xlsx", "openpyxl")):
            print(f"{key} ({reader}) ÷ CSV, same {args.xlsx_rows:,} rows: "
                  f"{results[f'{key}_{args.xlsx_rows}_{reader}']['seconds'] / same:.2f}×")
    print("targets: CSV on SQLite >= 50,000 rows/s; .xlsx >= 40,000 rows/s and <= 2.5x CSV; flat memory")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
