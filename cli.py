"""Command line for scheduled jobs and set-up.

    python cli.py init                       create the schema; fill demo data if the database is empty
    python cli.py demo [--dossiers N] [--end-date YYYY-MM-DD] [--seed S] [--replace-real]
    python cli.py import dossiers|steps|tasks|indexes|units|unit-lineage|agencies|agency-lineage FILE
                        [--sheet NAME] [--skip-invalid] [--dry-run]
    python cli.py import boundaries FILE.geojson   the province's official shapes, matched by GSO code
    python cli.py summary --as-of YYYY-MM-DD [--from YYYY-MM-DD] [--by unit]
"""

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

from data_access.boundaries import BoundaryRefused, import_boundaries
from data_access.context import app_context
from data_access.demo.build import DEFAULT_DOSSIERS, DEFAULT_SEED, RealDataPresent, build_demo
from data_access.engine import describe_url
from data_access.figures import summary_by_unit
from data_access.importing.columns import KINDS
from data_access.importing.report import ImportRefused, ImportReport
from data_access.importing.runner import run_import
from data_access.meta import dossier_count, read_meta
from data_access.source import open_source
from texts.fmt import fmt_int, fmt_number


def _progress(message: str, fraction: float) -> None:
    print(f"\r[{fraction * 100:5.1f} %] {message:<45}", end="" if fraction < 1 else "\n", flush=True)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {text!r} (dạng YYYY-MM-DD)") from exc


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("phải là số nguyên dương")
    return value


def cmd_demo(args: argparse.Namespace) -> int:
    """Generate demo data; return the exit code."""
    context = app_context()
    settings = context.settings
    print(f"Cơ sở dữ liệu: {describe_url(context.url)}")
    started = time.perf_counter()
    try:
        counts = build_demo(context.engine, args.end_date, args.dossiers, args.seed, settings.province,
                            settings.land_env_fields, replace_real=args.replace_real, progress=_progress)
    except RealDataPresent as exc:
        print(f"\nLỗi: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    print(f"Đã tạo {fmt_int(counts['dossiers'])} hồ sơ, {fmt_int(counts['tasks'])} nhiệm vụ, "
          f"{fmt_int(counts['index_results'])} kết quả chỉ số trong {fmt_number(elapsed, 1)} s "
          f"({fmt_int(counts['dossiers'] / elapsed)} hồ sơ/s).")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """Start the database (schema, reference data, settings) and fill demo data when it holds no dossiers."""
    context = app_context()
    with context.engine.connect() as conn:
        empty = dossier_count(conn) == 0 and not read_meta(conn)
    if empty:
        print("Cơ sở dữ liệu trống: tạo dữ liệu demo (chạy một lần).")
        args.dossiers, args.end_date, args.seed, args.replace_real = DEFAULT_DOSSIERS, date.today(), DEFAULT_SEED, False
        return cmd_demo(args)
    print(f"Cơ sở dữ liệu sẵn sàng: {describe_url(context.url)}")
    return 0


def _print_report(report: ImportReport, out=sys.stdout) -> None:
    print(f"Tệp: {report.file_name} ({report.kind}), sha256 {report.sha256[:12]}…", file=out)
    if report.header_row:
        print(f"Dòng tiêu đề: {report.header_row}; cột nhận ra: "
              + ", ".join(f"{k} ← «{v}»" for k, v in report.mapping.items()), file=out)
    if report.ignored:
        print("Bỏ qua các cột: " + ", ".join(report.ignored), file=out)
    if report.personal:
        print("Không đọc các cột dữ liệu cá nhân: " + ", ".join(report.personal), file=out)
    print(f"Dòng dữ liệu: {fmt_int(report.rows_read)} (bỏ {fmt_int(report.blank_rows)} dòng trống, "
          f"{fmt_int(report.totals_rows)} dòng tổng)",
          file=out)
    for warning in report.warnings:
        print(f"Cảnh báo: {warning}", file=out)
    for problem in report.problems:
        print(f"Lỗi: {problem.message()}", file=out)
    if report.problem_count > len(report.problems):
        print(f"… và {report.problem_count - len(report.problems)} lỗi khác", file=out)


def cmd_boundaries(args: argparse.Namespace) -> int:
    """Import the province's official boundary GeoJSON; return 0 when written, 1 when refused (nothing changed)."""
    try:
        report = import_boundaries(app_context().engine, args.file)
    except BoundaryRefused as exc:
        print(f"TỪ CHỐI: {exc}", file=sys.stderr)
        return 1
    what = "xã, phường, đặc khu" if report.level == "Xã" else "huyện (trước 01/7/2025)"
    print(f"Đã thay ranh giới {what}: {fmt_int(report.matched)}/{fmt_int(report.units)} đơn vị khớp mã, "
          f"từ tệp {report.file_name}.")
    if report.missing:
        print("Chưa có ranh giới trong tệp (vẫn vẽ không tô màu): " + ", ".join(report.missing))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import one file; return 0 when written (or validated with --dry-run), 1 when refused."""
    if args.kind == "boundaries":
        return cmd_boundaries(args)
    context = app_context()
    settings, engine = context.settings, context.engine
    started = time.perf_counter()

    def progress(message: str, fraction: float) -> None:
        if sys.stderr.isatty():
            print(f"\r[{fraction * 100:5.1f} %] {message:<40}", end="" if fraction < 1 else "\n", file=sys.stderr)

    try:
        report = run_import(engine, args.file, args.kind, sheet=args.sheet, skip_invalid=args.skip_invalid,
                            dry_run=args.dry_run, progress=progress, land_env_fields=settings.land_env_fields)
    except ImportRefused as refused:
        _print_report(refused.report, sys.stderr)
        print(f"TỪ CHỐI: {refused.reason}", file=sys.stderr)
        return 1
    _print_report(report)
    verb = "Kiểm tra xong (chưa ghi)" if args.dry_run else "Đã nhập"
    rate = report.rows_read / max(report.seconds, 1e-9)
    print(f"{verb}: thêm {fmt_int(report.inserted)}, cập nhật {fmt_int(report.updated)}, "
          f"không đổi {fmt_int(report.unchanged)}, loại {fmt_int(report.rejected)} — "
          f"{fmt_number(time.perf_counter() - started, 1)} s ({fmt_int(rate)} dòng/s)")
    if report.error_file:
        print(f"Các dòng bị loại và lý do: {report.error_file}")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    """Print the summary JSON; return the exit code."""
    source = open_source(app_context().engine)
    shown = summary_by_unit(source, args.as_of, args.start) if args.by == "unit" else source.headline(
        args.as_of, args.start)
    print(json.dumps(shown, ensure_ascii=False))
    return 0


def cmd_pack(args: argparse.Namespace) -> int:
    """Write the meeting pack PDF; return the exit code (1 with a message when the meeting does not exist)."""
    from metrics.errors import DomainError
    from reports.pack_data import gather
    from reports.pdf import render

    context = app_context()
    try:
        pack = gather(open_source(context.engine, args.meeting), context.settings, as_of=args.as_of)
    except DomainError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    args.out.write_bytes(render(pack))
    print(f"Đã tạo bộ tài liệu họp: {args.out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the command line."""
    parser = argparse.ArgumentParser(prog="cli.py", description="Bảng điều hành CCHC — dòng lệnh")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="tạo lược đồ; nạp dữ liệu demo nếu cơ sở dữ liệu trống").set_defaults(func=cmd_init)
    demo = sub.add_parser("demo", help="tạo dữ liệu demo (thay dữ liệu demo cũ)")
    demo.add_argument("--dossiers", type=_positive, default=DEFAULT_DOSSIERS, help="số hồ sơ (mặc định 200.000)")
    demo.add_argument("--end-date", type=_iso_date, default=date.today(),
                      help="ngày cuối, YYYY-MM-DD (mặc định hôm nay)")
    demo.add_argument("--seed", type=int, default=DEFAULT_SEED, help="hạt ngẫu nhiên (mặc định 2026)")
    demo.add_argument("--replace-real", action="store_true", help="cho phép thay dữ liệu thật đã nhập")
    demo.set_defaults(func=cmd_demo)
    imp = sub.add_parser("import", help="nhập tệp xuất từ hệ thống của tỉnh (xlsx, xls, csv)")
    imp.add_argument("kind", choices=[*KINDS, "boundaries"],
                     help="loại dữ liệu (boundaries: tệp ranh giới chính thức .geojson, khớp theo mã ĐVHC)")
    imp.add_argument("file", type=Path, help="đường dẫn tệp")
    imp.add_argument("--sheet", default=None, help="tên trang tính (Excel); mặc định trang đầu tiên")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="nhập các dòng hợp lệ, ghi các dòng lỗi và lý do ra tệp .loi.csv cạnh tệp nhập")
    imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
    imp.set_defaults(func=cmd_import)
    summ = sub.add_parser("summary", help="in số liệu tổng hợp (JSON) tại một ngày")
    summ.add_argument("--as-of", type=_iso_date, required=True, help="ngày chốt số liệu, YYYY-MM-DD")
    summ.add_argument("--from", dest="start", type=_iso_date, default=None,
                      help="từ ngày, YYYY-MM-DD (mặc định: ngày đầu tháng của --as-of)")
    summ.add_argument("--by", choices=["unit"], default=None,
                      help="unit: theo các đơn vị hành chính có hiệu lực ngày --as-of (65 xã sau 01/7/2025)")
    summ.set_defaults(func=cmd_summary)
    pack = sub.add_parser("pack", help="tạo bộ tài liệu họp giao ban (PDF, A4 ngang)")
    which = pack.add_mutually_exclusive_group(required=True)
    which.add_argument("--meeting", type=_positive, help="số (ID) cuộc họp: dùng số liệu đã chốt của cuộc họp")
    which.add_argument("--as-of", type=_iso_date, help="hoặc ngày chốt số liệu, YYYY-MM-DD")
    pack.add_argument("--out", type=Path, required=True, help="tệp PDF ghi ra")
    pack.set_defaults(func=cmd_pack)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
