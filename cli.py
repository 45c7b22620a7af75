"""Command line for scheduled jobs and set-up.

    python cli.py init                       create the schema; fill demo data if the database is empty
    python cli.py demo [--dossiers N] [--end-date YYYY-MM-DD] [--seed S] [--replace-real]
"""

import argparse
import sys
import time
from datetime import date

from config.settings import load_settings
from data_access.demo.build import DEFAULT_DOSSIERS, DEFAULT_SEED, RealDataPresent, build_demo
from data_access.engine import database_url, describe_url, get_engine
from data_access.meta import dossier_count, read_meta
from data_access.reference import apply_land_env_group
from data_access.schema import create_schema


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
    settings = load_settings()
    url = database_url()
    print(f"Cơ sở dữ liệu: {describe_url(url)}")
    started = time.perf_counter()
    try:
        counts = build_demo(get_engine(url), args.end_date, args.dossiers, args.seed, settings.province,
                            settings.land_env_fields, replace_real=args.replace_real, progress=_progress)
    except RealDataPresent as exc:
        print(f"\nLỗi: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    print(f"Đã tạo {counts['dossiers']:,} hồ sơ, {counts['tasks']} nhiệm vụ, {counts['index_results']} kết quả chỉ số "
          f"trong {elapsed:.1f} s ({counts['dossiers'] / elapsed:,.0f} hồ sơ/s).")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """Create the schema, apply settings, and fill demo data when the database holds no dossiers."""
    settings = load_settings()
    url = database_url()
    engine = get_engine(url)
    create_schema(engine)
    with engine.begin() as conn:
        empty = dossier_count(conn) == 0 and not read_meta(conn)
        if not empty:
            apply_land_env_group(conn, settings.land_env_fields)
    if empty:
        print("Cơ sở dữ liệu trống: tạo dữ liệu demo (chạy một lần).")
        args.dossiers, args.end_date, args.seed, args.replace_real = DEFAULT_DOSSIERS, date.today(), DEFAULT_SEED, False
        return cmd_demo(args)
    print(f"Cơ sở dữ liệu sẵn sàng: {describe_url(url)}")
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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
