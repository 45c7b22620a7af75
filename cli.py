"""Command line for scheduled jobs and set-up.

    python cli.py init                       create the schema; fill demo data if the database is empty
    python cli.py demo [--dossiers N] [--end-date YYYY-MM-DD] [--seed S] [--replace-real]
    python cli.py import dossiers|steps|tasks|indexes|units|unit-lineage|agencies|agency-lineage FILE
                        [--sheet NAME] [--skip-invalid] [--dry-run] [--allow-older]
    python cli.py import boundaries FILE.geojson   the province's official shapes, matched by GSO code
    python cli.py summary --as-of YYYY-MM-DD [--from YYYY-MM-DD] [--by unit]
    python cli.py stages --from YYYY-MM-DD --as-of YYYY-MM-DD [--fields land_env|all]   where dossiers lose days
    python cli.py pack --meeting ID | --as-of YYYY-MM-DD --out FILE.pdf
    python cli.py notice --meeting ID --out FILE.docx   the draft conclusion notice of a meeting
    python cli.py meeting create --date YYYY-MM-DD --title TEXT --cutoff "YYYY-MM-DD HH:MM" --chair NAME
        --chair-title TITLE [--presenter "WHO: REPORT"]… [--attendees TEXT]   (prints the id last)
    python cli.py conclusion add --meeting ID --text TEXT (--lead AGENCY [--with AGENCY]… | --category KEY)
        [--deadline YYYY-MM-DD]   (prints the conclusion's id last)
    python cli.py user add NAME --role ROLE [--agency NAME | --commune GSO_CODE] [--email E]  (password: stdin)
    python cli.py user set-password|disable|enable NAME · user role NAME --role ROLE · user list
"""

import argparse
import functools
import getpass
import json
import os
import sys
import time
import traceback
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from data_access.accounts.audit import command_line_operator
from data_access.accounts.store import (
    FIRST_ADMIN,
    ROLES,
    account_count,
    add_account,
    demo_accounts,
    list_accounts,
    new_password,
    set_disabled,
    set_password,
    set_role,
)
from data_access.demo.build import DEFAULT_DOSSIERS, DEFAULT_SEED, RealDataPresent, build_demo
from data_access.figures.assemble import summary_by_unit
from data_access.figures.source import open_source
from data_access.importing.columns import KINDS
from data_access.importing.report import ImportRefused, ImportReport
from data_access.importing.runner import run_import
from data_access.reference.boundaries import BoundaryRefused, import_boundaries
from data_access.store.context import app_context
from data_access.store.engine import database_refusal, database_url, describe_url, writing
from data_access.store.meta import dossier_count, read_meta
from metrics.errors import DomainError
from metrics.periods import PERIOD_KINDS, comparable_period, period_to_date
from metrics.territory import LEVEL_COMMUNE
from texts import command_line as T
from texts.fmt import fmt_date, fmt_datetime, fmt_int, fmt_number


def _progress(message: str, fraction: float) -> None:
    print(f"\r[{fraction * 100:5.1f} %] {message:<45}", end="" if fraction < 1 else "\n", flush=True)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(T.BAD_DATE.format(text=text)) from exc


def _cutoff(text: str) -> datetime:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except ValueError as exc:
        raise argparse.ArgumentTypeError(T.BAD_CUTOFF.format(text=text)) from exc


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(T.NOT_POSITIVE)
    return value


def cmd_demo(args: argparse.Namespace) -> int:
    """Generate demo data; return the exit code."""
    context = app_context()
    settings = context.settings
    print(T.DATABASE.format(url=describe_url(context.url)))
    started = time.perf_counter()
    try:
        counts = build_demo(context.engine, args.end_date, args.dossiers, args.seed, settings.province,
                            settings.land_env_fields, replace_real=args.replace_real, progress=_progress)
    except RealDataPresent as exc:
        print("\n" + T.ERROR.format(error=exc), file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    print(T.DEMO_DONE.format(dossiers=fmt_int(counts["dossiers"]), tasks=fmt_int(counts["tasks"]),
                             indexes=fmt_int(counts["index_results"]), seconds=fmt_number(elapsed, 1),
                             rate=fmt_int(counts["dossiers"] / elapsed)))
    with writing(context.engine) as conn:
        demo = demo_accounts(conn)
    print(T.DEMO_ACCOUNTS)
    for name, role, password in demo:
        print(T.ACCOUNT_LINE.format(name=name, role=role, password=password))
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """Start the database (schema, reference data, settings) and fill demo data when it holds no dossiers."""
    context = app_context()
    if context.read_only:  # checked only: nothing is written, the app serves it for viewing
        print(T.DATABASE_READ_ONLY_READY.format(url=describe_url(context.url)))
        return 0
    with writing(context.engine) as conn:
        empty = dossier_count(conn) == 0 and not read_meta(conn)
        first = account_count(conn) == 0
        if first:
            password = new_password()
            add_account(conn, FIRST_ADMIN, "quan_tri", password)
    if first:
        print(T.FIRST_ADMIN.format(name=FIRST_ADMIN, password=password))
    if empty:
        print(T.DATABASE_EMPTY)
        args.dossiers, args.end_date, args.seed, args.replace_real = DEFAULT_DOSSIERS, date.today(), DEFAULT_SEED, False
        return cmd_demo(args)
    print(T.DATABASE_READY.format(url=describe_url(context.url)))
    return 0


def _print_report(report: ImportReport, out=None) -> None:
    out = out or sys.stdout  # looked up at each call: a default bound at import would keep a stream that closed
    print(T.REPORT_FILE.format(file=report.file_name, kind=report.kind, sha=report.sha256[:12]), file=out)
    if report.header_row:
        print(T.REPORT_HEADER.format(row=report.header_row, mapping=", ".join(
            f"{k} ← «{v}»" for k, v in report.mapping.items())), file=out)
    if report.ignored:
        print(T.REPORT_IGNORED.format(columns=", ".join(report.ignored)), file=out)
    if report.personal:
        print(T.REPORT_PERSONAL.format(columns=", ".join(report.personal)), file=out)
    print(T.REPORT_ROWS.format(rows=fmt_int(report.rows_read), blank=fmt_int(report.blank_rows),
                               totals=fmt_int(report.totals_rows)), file=out)
    for warning in report.warnings:
        print(T.REPORT_WARNING.format(warning=warning), file=out)
    if report.decisions:
        print(T.REPORT_DECIDED, file=out)
        for line in report.decision_lines():
            print(f"  {line}", file=out)
    for problem in report.problems:
        print(T.ERROR.format(error=problem.message()), file=out)
    if report.problem_count > len(report.problems):
        print(T.REPORT_MORE.format(n=fmt_int(report.problem_count - len(report.problems))), file=out)


def cmd_boundaries(args: argparse.Namespace) -> int:
    """Import the province's official boundary GeoJSON; return 0 when written, 1 when refused (nothing changed)."""
    try:
        report = import_boundaries(app_context().engine, args.file)
    except BoundaryRefused as exc:
        print(T.REFUSED.format(reason=exc), file=sys.stderr)
        return 1
    what = T.BOUNDARIES_COMMUNES if report.level == LEVEL_COMMUNE else T.BOUNDARIES_DISTRICTS
    print(T.BOUNDARIES_DONE.format(what=what, matched=fmt_int(report.matched), units=fmt_int(report.units),
                                   file=report.file_name))
    if report.missing:
        print(T.BOUNDARIES_MISSING.format(names=", ".join(report.missing)))
    return 0


def cmd_holidays(args: argparse.Namespace) -> int:
    """Add a holiday file's days to the working-day calendar; return 0 (a refused file raises, writing nothing)."""
    from data_access.reference.holidays import import_holidays

    added = import_holidays(app_context().engine, args.file)
    print(T.HOLIDAYS_DONE.format(n=fmt_int(added), file=args.file.name))
    return 0


def cmd_due_soon(args: argparse.Namespace) -> int:
    """Print the dossiers and tasks about to go overdue, as JSON in the shape agreed in issue #33."""
    from data_access.figures.early_warning import due_soon
    from data_access.reference.holidays import holiday_calendar

    context = app_context()
    days = args.working_days if args.working_days is not None else context.settings.early_warning_days
    with context.engine.connect() as conn:
        found = due_soon(conn, args.as_of, days, holiday_calendar(conn))
    print(json.dumps(found, ensure_ascii=False))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import one file; return 0 when written (or validated with --dry-run), 1 when refused."""
    if args.kind == "boundaries":
        return cmd_boundaries(args)
    if args.kind == "holidays":
        return cmd_holidays(args)
    context = app_context()
    settings, engine = context.settings, context.engine
    started = time.perf_counter()

    def progress(message: str, fraction: float) -> None:
        if sys.stderr.isatty():
            print(f"\r[{fraction * 100:5.1f} %] {message:<40}", end="" if fraction < 1 else "\n", file=sys.stderr)

    try:
        report = run_import(engine, args.file, args.kind, sheet=args.sheet, skip_invalid=args.skip_invalid,
                            dry_run=args.dry_run, progress=progress, land_env_fields=settings.land_env_fields,
                            allow_older=args.allow_older)
    except ImportRefused as refused:
        _print_report(refused.report, sys.stderr)
        print(T.REFUSED.format(reason=refused.reason), file=sys.stderr)
        return 1
    _print_report(report)
    verb = T.IMPORT_CHECKED if args.dry_run else T.IMPORT_DONE
    rate = report.rows_read / max(report.seconds, 1e-9)
    print(T.IMPORT_COUNTS.format(verb=verb, inserted=fmt_int(report.inserted), updated=fmt_int(report.updated),
                                 unchanged=fmt_int(report.unchanged), rejected=fmt_int(report.rejected),
                                 seconds=fmt_number(time.perf_counter() - started, 1), rate=fmt_int(rate)))
    if report.error_file:
        print(T.IMPORT_ERROR_FILE.format(file=report.error_file))
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    """Print the summary JSON; return the exit code. With --period the window is that kind's to --as-of, and with
    --compare the like-for-like window too, in the shape agreed in issue #28."""
    context = app_context()
    source = open_source(context.engine)
    if args.start is not None and args.start > args.as_of:
        raise DomainError(T.FROM_AFTER_AS_OF)
    start = args.start
    if args.period is not None:
        if args.start is not None:
            raise DomainError(T.PERIOD_OR_FROM)
        period = period_to_date(args.period, args.as_of, None, context.settings.week_starts_on)
        start = period.start
    elif args.compare:
        raise DomainError(T.COMPARE_NEEDS_PERIOD)
    if args.by == "unit":
        shown = summary_by_unit(source, args.as_of, start)
    elif args.compare:
        compare = comparable_period(args.period, period, context.settings.week_starts_on)
        shown = {"period": {"kind": args.period, "from": period.start.isoformat(), "as_of": args.as_of.isoformat()},
                 "compared_with": {"from": compare.start.isoformat(), "as_of": compare.end.isoformat()},
                 "dossiers": source.headline(args.as_of, period.start)["dossiers"],
                 "previous": source.headline(compare.end, compare.start)["dossiers"]}
    else:
        shown = source.headline(args.as_of, start)
    print(json.dumps(shown, ensure_ascii=False))
    return 0


def cmd_stages(args: argparse.Namespace) -> int:
    """Print where the dossiers of [from, as-of] lost their days, as JSON in the shape agreed in issue #15."""
    from data_access.figures import assemble as figures
    from data_access.figures.dossier_queries import DossierFilter
    from data_access.figures.stage_queries import StageQuery
    from metrics.periods import Period
    from metrics.stages import stages_report

    if args.start > args.as_of:
        raise DomainError(T.FROM_AFTER_AS_OF)
    context = app_context()
    query = StageQuery(Period(args.start, args.as_of), DossierFilter(land_env_only=args.fields == "land_env"))
    found = figures.stages(open_source(context.engine), query)
    print(json.dumps(stages_report(args.start.isoformat(), args.as_of.isoformat(), args.fields, found.steps,
                                   found.agencies, found.supplement, found.no_steps), ensure_ascii=False))
    return 0


def cmd_pack(args: argparse.Namespace) -> int:
    """Write the meeting pack PDF; return the exit code (1 with a message when the meeting does not exist)."""
    from reports.pack_data import gather
    from reports.pdf import render

    context = app_context()
    try:
        pack = gather(open_source(context.engine, args.meeting), context.settings, as_of=args.as_of)
    except DomainError as exc:
        print(T.ERROR.format(error=exc), file=sys.stderr)
        return 1
    args.out.write_bytes(render(pack))
    print(T.PACK_DONE.format(file=args.out))
    return 0


def cmd_notice(args: argparse.Namespace) -> int:
    """Write the draft conclusion notice (.docx) of a meeting from its frozen figures; 1 with a message when the
    meeting does not exist."""
    from data_access.meetings.records import notice_inputs
    from reports.notice import render_notice
    from reports.notice_data import gather_notice

    context = app_context()
    source = open_source(context.engine, args.meeting)  # refuses an unknown meeting (DomainError: exit 1)
    with context.engine.connect() as conn:
        inputs = notice_inputs(conn, args.meeting)
    document = render_notice(gather_notice(source, inputs, context.settings), context.settings.notice)
    args.out.write_bytes(document)
    print(T.NOTICE_DONE.format(file=args.out))
    return 0


def cmd_meeting(args: argparse.Namespace) -> int:
    """Create and freeze a meeting with its record as the meetings page does; print its id alone on the last line."""
    from data_access.meetings.records import MeetingRecord, create_meeting, presenter

    context = app_context()
    record = MeetingRecord(args.chair, args.chair_title, tuple(presenter(p) for p in args.presenter),
                           args.attendees or "", args.signer or "", tuple(args.signer_title))
    with writing(context.engine) as conn:
        meeting_id = create_meeting(conn, args.date, args.title, args.cutoff, context.settings, record=record)
    print(T.MEETING_CREATED.format(id=meeting_id, date=fmt_date(args.date), cutoff=fmt_datetime(args.cutoff)))
    print(meeting_id)
    return 0


def cmd_conclusion(args: argparse.Namespace) -> int:
    """Record a conclusion of a meeting, to one body or to a category; print its id alone on the last line."""
    from data_access.meetings.conclusions import Conclusion, add_conclusion, agency_id

    context = app_context()
    with writing(context.engine) as conn:
        lead = None if args.lead is None else agency_id(conn, args.lead)
        for name in args.coordinating:
            agency_id(conn, name)  # a coordinating body must be known too
        conclusion_id = add_conclusion(conn, args.meeting, Conclusion(
            args.text, lead, args.category, args.deadline, "; ".join(args.coordinating)))
    print(T.CONCLUSION_ADDED.format(id=conclusion_id, meeting=args.meeting))
    print(conclusion_id)
    return 0


def _password(args: argparse.Namespace) -> str:
    """Return the password from standard input when it is not a terminal (scripts), else asked twice."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first, second = getpass.getpass(T.ASK_PASSWORD), getpass.getpass(T.ASK_PASSWORD_AGAIN)
    if first != second:
        raise DomainError(T.PASSWORDS_DIFFER)
    return first


def cmd_user(args: argparse.Namespace) -> int:
    """Manage accounts (add, set-password, disable, enable, role, list); return 0, or 1 with a message."""
    engine = app_context().engine
    try:
        with writing(engine) as conn:
            if args.action == "list":
                shown = list_accounts(conn)
                for row in shown.itertuples():
                    scope = next((v for v in (row.agency, row.commune) if isinstance(v, str) and v), "")
                    state = T.ACCOUNT_DISABLED if row.disabled else ""
                    print(f"{row.username:<24}{row.role:<12}{scope:<40}{state}")
                return 0
            if not args.name:
                raise DomainError(T.NEEDS_NAME)
            if args.action == "add":
                add_account(conn, args.name, args.role or "lanh_dao", _password(args), agency=args.agency,
                            commune=args.commune, email=args.email)
            elif args.action == "set-password":
                set_password(conn, args.name, _password(args))
            elif args.action in ("disable", "enable"):
                set_disabled(conn, args.name, args.action == "disable")
            else:
                set_role(conn, args.name, args.role or "", agency=args.agency, commune=args.commune)
    except DomainError as exc:
        print(T.ERROR.format(error=exc), file=sys.stderr)
        return 1
    print(T.ACCOUNT_DONE.format(name=args.name, action=args.action))
    return 0


REFERENCE_WIDTH = 110  # the help's line width in docs/cli.md, whatever the terminal


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the command line."""
    return _build()[0]


def reference() -> str:
    """Return the command reference in Markdown (docs/cli.md): each command's help as argparse writes it."""
    parser, commands = _build()
    wide = functools.partial(argparse.HelpFormatter, width=REFERENCE_WIDTH)
    parser.formatter_class = wide
    parts = [T.REFERENCE_TITLE, "", T.REFERENCE_INTRO, "", "```text", parser.format_help().rstrip(), "```", ""]
    for name, command in commands.items():
        command.formatter_class = wide
        parts += [f"## `{name}`", "", "```text", command.format_help().rstrip(), "```", ""]
    return "\n".join(parts)


def cmd_reference(args: argparse.Namespace) -> int:
    """Print the command reference in Markdown (the text of docs/cli.md)."""
    print(reference(), end="")
    return 0


def _build() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """Return the argument parser and its commands by name."""
    parser = argparse.ArgumentParser(prog="cli.py", description=T.HELP_PROGRAM)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help=T.HELP_INIT).set_defaults(func=cmd_init)
    demo = sub.add_parser("demo", help=T.HELP_DEMO)
    demo.add_argument("--dossiers", type=_positive, default=DEFAULT_DOSSIERS, help=T.HELP_DEMO_DOSSIERS)
    demo.add_argument("--end-date", type=_iso_date, default=date.today(),
                      help=T.HELP_DEMO_END)
    demo.add_argument("--seed", type=int, default=DEFAULT_SEED, help=T.HELP_DEMO_SEED)
    demo.add_argument("--replace-real", action="store_true", help=T.HELP_DEMO_REPLACE)
    demo.set_defaults(func=cmd_demo)
    imp = sub.add_parser("import", help=T.HELP_IMPORT)
    imp.add_argument("kind", choices=[*KINDS, "boundaries", "holidays"],
                     help=T.HELP_IMPORT_KIND)
    imp.add_argument("file", type=Path, help=T.HELP_IMPORT_FILE)
    imp.add_argument("--sheet", default=None, help=T.HELP_IMPORT_SHEET)
    imp.add_argument("--skip-invalid", action="store_true",
                     help=T.HELP_IMPORT_SKIP)
    imp.add_argument("--dry-run", action="store_true", help=T.HELP_IMPORT_DRY)
    imp.add_argument("--allow-older", action="store_true", help=T.HELP_IMPORT_OLDER)
    imp.set_defaults(func=cmd_import)
    summ = sub.add_parser("summary", help=T.HELP_SUMMARY)
    summ.add_argument("--as-of", type=_iso_date, required=True, help=T.HELP_SUMMARY_AS_OF)
    summ.add_argument("--from", dest="start", type=_iso_date, default=None,
                      help=T.HELP_SUMMARY_FROM)
    summ.add_argument("--by", choices=["unit"], default=None,
                      help=T.HELP_SUMMARY_BY)
    summ.add_argument("--period", choices=[k for k in PERIOD_KINDS if k != "custom"], default=None,
                      help=T.HELP_SUMMARY_PERIOD)
    summ.add_argument("--compare", action="store_true", help=T.HELP_SUMMARY_COMPARE)
    summ.set_defaults(func=cmd_summary)
    stages = sub.add_parser("stages", help=T.HELP_STAGES)
    stages.add_argument("--from", dest="start", type=_iso_date, required=True, help=T.HELP_STAGES_FROM)
    stages.add_argument("--as-of", type=_iso_date, required=True, help=T.HELP_STAGES_AS_OF)
    stages.add_argument("--fields", choices=["land_env", "all"], default="land_env", help=T.HELP_STAGES_FIELDS)
    stages.set_defaults(func=cmd_stages)
    soon = sub.add_parser("due-soon", help=T.HELP_DUE_SOON)
    soon.add_argument("--as-of", type=_iso_date, required=True, help=T.HELP_DUE_SOON_AS_OF)
    soon.add_argument("--working-days", type=_positive, default=None, help=T.HELP_DUE_SOON_DAYS)
    soon.set_defaults(func=cmd_due_soon)
    pack = sub.add_parser("pack", help=T.HELP_PACK)
    which = pack.add_mutually_exclusive_group(required=True)
    which.add_argument("--meeting", type=_positive, help=T.HELP_PACK_MEETING)
    which.add_argument("--as-of", type=_iso_date, help=T.HELP_PACK_AS_OF)
    pack.add_argument("--out", type=Path, required=True, help=T.HELP_PACK_OUT)
    pack.set_defaults(func=cmd_pack)
    notice = sub.add_parser("notice", help=T.HELP_NOTICE)
    notice.add_argument("--meeting", type=_positive, required=True, help=T.HELP_NOTICE_MEETING)
    notice.add_argument("--out", type=Path, required=True, help=T.HELP_NOTICE_OUT)
    notice.set_defaults(func=cmd_notice)
    meeting = sub.add_parser("meeting", help=T.HELP_MEETING)
    meeting.add_argument("action", choices=["create"])
    meeting.add_argument("--date", type=_iso_date, required=True, help=T.HELP_MEETING_DATE)
    meeting.add_argument("--title", required=True, help=T.HELP_MEETING_TITLE)
    meeting.add_argument("--cutoff", type=_cutoff, required=True, help=T.HELP_MEETING_CUTOFF)
    meeting.add_argument("--chair", required=True, help=T.HELP_MEETING_CHAIR)
    meeting.add_argument("--chair-title", required=True, help=T.HELP_MEETING_CHAIR_TITLE)
    meeting.add_argument("--presenter", action="append", default=[], help=T.HELP_MEETING_PRESENTER)
    meeting.add_argument("--attendees", help=T.HELP_MEETING_ATTENDEES)
    meeting.add_argument("--signer", help=T.HELP_MEETING_SIGNER)
    meeting.add_argument("--signer-title", action="append", default=[], help=T.HELP_MEETING_SIGNER_TITLE)
    meeting.set_defaults(func=cmd_meeting)
    conclusion = sub.add_parser("conclusion", help=T.HELP_CONCLUSION)
    conclusion.add_argument("action", choices=["add"])
    conclusion.add_argument("--meeting", type=_positive, required=True, help=T.HELP_CONCLUSION_MEETING)
    conclusion.add_argument("--text", required=True, help=T.HELP_CONCLUSION_TEXT)
    addressee = conclusion.add_mutually_exclusive_group(required=True)
    addressee.add_argument("--lead", help=T.HELP_CONCLUSION_LEAD)
    addressee.add_argument("--category", help=T.HELP_CONCLUSION_CATEGORY)
    conclusion.add_argument("--with", dest="coordinating", action="append", default=[], help=T.HELP_CONCLUSION_WITH)
    conclusion.add_argument("--deadline", type=_iso_date, help=T.HELP_CONCLUSION_DEADLINE)
    conclusion.set_defaults(func=cmd_conclusion)
    user = sub.add_parser("user", help=T.HELP_USER)
    user.add_argument("action", choices=["add", "set-password", "disable", "enable", "role", "list"])
    user.add_argument("name", nargs="?", help=T.HELP_USER_NAME)
    user.add_argument("--role", choices=list(ROLES), help=T.HELP_USER_ROLE)
    user.add_argument("--agency", help=T.HELP_USER_AGENCY)
    user.add_argument("--commune", help=T.HELP_USER_COMMUNE)
    user.add_argument("--email", help=T.HELP_USER_EMAIL)
    user.set_defaults(func=cmd_user)
    sub.add_parser("reference", help=T.HELP_REFERENCE).set_defaults(func=cmd_reference)
    return parser, dict(sub.choices)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (a failure is one Vietnamese line, never a traceback, unless
    CCHC_DEBUG=1 asks for it)."""
    args = build_parser().parse_args(argv)
    try:
        with command_line_operator():  # audit lines name the operating-system user and host
            return args.func(args)
    except DomainError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except (OperationalError, InterfaceError) as exc:  # the database cannot be reached (or refused the login)
        _debug()
        print(T.DATABASE_UNREACHABLE.format(where=_database_named(), error=_first_line(exc.orig)), file=sys.stderr)
        return 2
    except DBAPIError as exc:  # a refusal: the account lacks rights, a constraint was violated
        _debug()
        said = database_refusal(exc)
        print(said or T.UNEXPECTED.format(kind=type(exc).__name__, error=_first_line(exc.orig)), file=sys.stderr)
        return 1 if said else 3
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a message, not a traceback
        _debug()
        print(T.UNEXPECTED.format(kind=type(exc).__name__, error=_first_line(exc)), file=sys.stderr)
        return 3


def _debug() -> None:
    if os.environ.get("CCHC_DEBUG") == "1":
        traceback.print_exc()


def _first_line(exc: object) -> str:
    return (str(exc).strip().splitlines() or [""])[0][:200]


def _database_named() -> str:
    """Return the configured database URL without its password."""
    try:
        return describe_url(database_url())
    except Exception:  # noqa: BLE001 - a broken secrets file: say nothing of it
        return "?"


if __name__ == "__main__":
    sys.exit(main())
