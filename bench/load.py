"""Load harness (prints figures, not a test): N sessions of the running app at once, each speaking Streamlit's own
websocket protocol (`/_stcore/stream`, the BackMsg/ForwardMsg protobufs Streamlit ships) as a browser does.

    LOAD_PASSWORD=… python bench/load.py --url http://127.0.0.1:8501 --sessions 30 --iterations 2 [--user NAME]

Each session opens the app, signs in as --user (the form, with the password from LOAD_PASSWORD), then, K times, opens
each meeting page and changes the period twice on it, timing every run from the request to "script finished". With
--import-file F, `cli.py import dossiers F` runs 8 s in (--import-after), and the JSON's "after_import" gives the runs
started in the 180 s after it committed: their count, p95, max and how many took over 4 s (issue #29 §2). A run that
ends without success, or draws an exception or an error box, counts as an error. It runs only against 127.0.0.1 or
localhost and stops after its iterations. It prints per page p50, p95 and max, the server's CPU time and peak RSS when
--pid names the server process (default: found by the port), the database connections in use at their peak (SQLite:
the server's handles on its file; PostgreSQL: pg_stat_activity of --database-url), and on its last line one JSON
object with at least sessions, requests, errors, p50_s, p95_s and max_s. With --spread each session comes from its own
loopback address, so that nginx in deploy/ (sticky by client address) spreads them over its processes. With --browsers
K, K real Chromium sessions open the same pages alongside, and the JSON's "browsers" compares what they waited with
the harness's page opens."""

import argparse
import asyncio
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from texts import labels as L  # noqa: E402

PREVIOUS_LOAD = L.DATA_UPDATING_NOTE.split("{")[0]  # the line of a page showing the previous load (issue #29 §2)
PAGES = ("tong-quan", "nhiem-vu", "diem-nghen", "bang-diem", "xep-hang")
PERIODS = ("quarter", "month")  # the period is changed twice on each page: to a quarter and back to the month
LOCAL = {"127.0.0.1", "localhost"}
TIMEOUT = 120.0


@dataclass
class Run:
    """What one script run drew: its widgets by label, whether it failed, and the pages of the navigation."""

    widgets: dict[str, tuple[str, str, list[str]]] = field(default_factory=dict)  # label → (id, kind, options)
    error: str | None = None
    pages: dict[str, str] = field(default_factory=dict)  # url path → page script hash
    previous_load: bool = False  # it showed the previous load while a new one was counted (issue #29 §2)


@dataclass
class Session:
    """One simulated browser."""

    socket: object
    timings: list[tuple[str, float]] = field(default_factory=list)
    opens: list[float] = field(default_factory=list)  # the page opens alone (no period switch)
    # (started at, page, what, seconds, whether it showed the previous load)
    moments: list[tuple[float, str, str, float, bool]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)


def _read_element(element, run: Run) -> None:
    kind = element.WhichOneof("type")
    if kind == "exception":
        run.error = f"exception: {element.exception.type}: {element.exception.message[:200]}"
    elif kind == "alert" and element.alert.format == 1:  # ERROR
        run.error = f"error box: {element.alert.body[:200]}"
    elif kind == "alert" and element.alert.body.startswith(PREVIOUS_LOAD):
        run.previous_load = True
    elif kind in ("text_input", "selectbox", "button", "date_input"):
        widget = getattr(element, kind)
        options = list(getattr(widget, "options", []))
        run.widgets[widget.label] = (widget.id, kind, options)


async def _run(session: Session, state: dict, page: str | None = None) -> Run:
    """Ask for a rerun with `state` (widget states) on `page`; return what it drew once the script finished."""
    message = BackMsg()
    message.rerun_script.query_string = ""
    if page is not None:
        message.rerun_script.page_script_hash = session.pages.get(page, "")
        message.rerun_script.page_name = page
    for widget_id, (kind, value) in state.items():
        widget = WidgetState(id=widget_id)
        if kind == "trigger":
            widget.trigger_value = True
        elif kind == "string":
            widget.string_value = value
        elif kind == "int":
            widget.int_value = value
        elif kind == "string_array":
            widget.string_array_value.data.extend(value)
        message.rerun_script.widget_states.widgets.append(widget)
    await session.socket.send(message.SerializeToString())
    run = Run()
    while True:
        raw = await asyncio.wait_for(session.socket.recv(), TIMEOUT)
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            _read_element(forward.delta.new_element, run)
        elif kind == "navigation":
            run.pages = {p.url_pathname: p.page_script_hash for p in forward.navigation.app_pages}
        elif kind == "script_finished":
            status = forward.script_finished
            if status == 2:  # FINISHED_EARLY_FOR_RERUN: the script asked for a rerun (sign-in, a bookmark): what
                run = Run(pages=run.pages)  # counts is what the rerun draws
                continue
            if status != 0:
                run.error = run.error or f"script finished with status {status}"
            return run


async def _session(url: str, user: str, password: str, iterations: int, pages: tuple[str, ...],
                   source: str | None = None, headers: tuple[tuple[str, str], ...] = ()) -> Session:
    import websockets

    address = urlparse(url)
    stream = f"ws://{address.netloc}/_stcore/stream"
    extra = {"local_addr": (source, 0)} if source else {}  # a browser of its own address (deploy/: sticky by address)
    if headers:
        extra["additional_headers"] = list(headers)
    async with websockets.connect(stream, subprotocols=["streamlit"], max_size=None,
                                  origin=f"http://{address.netloc}", **extra) as socket:
        session = Session(socket)
        first = await _run(session, {})
        fields = first.widgets
        if L.SIGN_IN_USER in fields:  # the form: fill it and press the button, as a person would
            state = {fields[L.SIGN_IN_USER][0]: ("string", user), fields[L.SIGN_IN_PASSWORD][0]: ("string", password),
                     fields[L.SIGN_IN_BUTTON][0]: ("trigger", True)}
            signed = await _run(session, state)
            if L.SIGN_IN_USER in signed.widgets or signed.error:
                session.errors.append(f"sign-in refused for {user}: {signed.error or 'the form came back'}")
                return session
            session.pages = signed.pages or first.pages
        session.pages = session.pages or first.pages
        for _ in range(iterations):
            for page in pages:
                started = time.perf_counter()
                shown = await _run(session, {}, page)
                session.timings.append((page, time.perf_counter() - started))
                session.opens.append(session.timings[-1][1])
                session.moments.append((started, page, "open", session.timings[-1][1], shown.previous_load))
                if shown.error:
                    session.errors.append(f"{page}: {shown.error}")
                period = shown.widgets.get(L.SIDEBAR_PERIOD)
                for kind in PERIODS:
                    if period is None:
                        break
                    started = time.perf_counter()  # a selectbox's state is the label of the option chosen
                    again = await _run(session, {period[0]: ("string", L.PERIOD_KINDS[kind])}, page)
                    session.timings.append((page, time.perf_counter() - started))
                    session.moments.append((started, page, kind, session.timings[-1][1], again.previous_load))
                    if again.error:
                        session.errors.append(f"{page} ({kind}): {again.error}")
        return session


def _server_pid(port: int) -> int | None:
    """Return the pid of the process listening on the port (from /proc), or None."""
    inode = None
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table) as handle:
            for line in handle.readlines()[1:]:
                parts = line.split()
                if parts[3] == "0A" and int(parts[1].rsplit(":", 1)[1], 16) == port:
                    inode = parts[9]
    if inode is None:
        return None
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                if os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]":
                    return int(pid)
        except OSError:
            continue
    return None


def _usage(pid: int | None) -> tuple[float, float] | None:
    """Return (CPU seconds so far, peak RSS in MB) of a process, or None."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        cpu = (int(fields[11]) + int(fields[12])) / ticks
        with open(f"/proc/{pid}/status") as handle:
            peak = next(int(line.split()[1]) for line in handle if line.startswith("VmHWM:")) / 1024
        return cpu, peak
    except OSError:
        return None


class ConnectionSampler:
    """Samples, twice a second while the load runs, the database connections in use: the server process's open
    handles on its SQLite file (one per connection), or for PostgreSQL the sessions pg_stat_activity shows on the
    database of --database-url."""

    def __init__(self, pid: int | None, database_url: str | None) -> None:
        import threading

        self.pid, self.url, self.peak, self.samples = pid, database_url, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _count(self, engine) -> int:
        if engine is not None:
            from sqlalchemy import text

            with engine.connect() as conn:  # our own sampling connection is not counted
                return int(conn.execute(text("SELECT count(*) - 1 FROM pg_stat_activity "
                                             "WHERE datname = current_database()")).scalar())
        if self.pid is None:
            return 0
        handles = 0
        for fd in os.listdir(f"/proc/{self.pid}/fd"):
            try:
                handles += os.readlink(f"/proc/{self.pid}/fd/{fd}").endswith((".sqlite3", ".db"))
            except OSError:
                continue
        return handles

    def _loop(self) -> None:
        engine = None
        if self.url and self.url.startswith(("postgres", "postgresql")):
            from data_access.store.engine import get_engine

            engine = get_engine(self.url)
        while not self._stop.wait(0.5):
            try:
                self.peak = max(self.peak, self._count(engine))
                self.samples += 1
            except Exception:  # noqa: BLE001 - a sample that could not be taken is skipped
                continue

    def __enter__(self) -> "ConnectionSampler":
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def _figures(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50_s": 0.0, "p95_s": 0.0, "max_s": 0.0}
    array = np.array(values)
    return {"p50_s": round(float(np.percentile(array, 50)), 3), "p95_s": round(float(np.percentile(array, 95)), 3),
            "max_s": round(float(array.max()), 3)}


async def _browser(url: str, user: str, password: str, iterations: int, pages: tuple[str, ...]) -> list[float]:
    """Return the seconds a real Chromium session waits from clicking each page in the navigation to the script
    finished (the running indicator gone), to check the harness against what a browser sees."""
    from playwright.async_api import async_playwright

    from ui.pages import PAGES as SPECS

    titles = {spec.url_path: spec.title for spec in SPECS}
    seconds: list[float] = []
    finished = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = await (await browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")).new_page()
        await page.goto(f"{url}/{pages[0]}")
        await page.get_by_label(L.SIGN_IN_USER, exact=True).fill(user)
        await page.get_by_label(L.SIGN_IN_PASSWORD, exact=True).fill(password)
        await page.get_by_role("button", name=L.SIGN_IN_BUTTON, exact=True).click()
        await page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=TIMEOUT * 1000)
        await page.wait_for_function(finished, timeout=TIMEOUT * 1000)
        for _ in range(iterations):
            for path in pages:
                started = time.perf_counter()
                await page.get_by_role("link", name=titles[path], exact=True).click()
                await page.locator('[data-testid="stMain"] h1').filter(has_text=titles[path]).first.wait_for(
                    timeout=TIMEOUT * 1000)
                await page.wait_for_function(finished, timeout=TIMEOUT * 1000)
                seconds.append(time.perf_counter() - started)
        await browser.close()
    return seconds


async def _main(args: argparse.Namespace) -> dict:
    password = os.environ.get("LOAD_PASSWORD", "")
    pid = args.pid or _server_pid(urlparse(args.url).port or 80)
    before = _usage(pid)
    started = time.perf_counter()
    sources = [f"127.0.0.{2 + i % 250}" if args.spread else None for i in range(args.sessions)]
    browsers = [_browser(args.url, args.user, password, args.iterations, tuple(args.pages))
                for _ in range(args.browsers)]
    loading = [_import(args.import_file, args.import_after, started)] if args.import_file else []
    with ConnectionSampler(pid, args.database_url) as connections:
        headers = tuple(tuple(part.strip() for part in h.split(":", 1)) for h in args.header)
        everything = await asyncio.gather(*(_session(args.url, args.user, password, args.iterations,
                                                     tuple(args.pages), source, headers) for source in sources),
                                          *browsers, *loading, return_exceptions=True)
    imported = everything[len(everything) - len(loading):] if loading else []
    everything = everything[:len(everything) - len(loading)]
    sessions, seen = everything[:len(sources)], everything[len(sources):]
    wall = time.perf_counter() - started
    after = _usage(pid)
    if args.timeline:  # every run, in order of its start: when the slow ones happened
        moments = sorted(m for s in sessions if isinstance(s, Session) for m in s.moments)
        Path(args.timeline).write_text("started_s,page,run,seconds,previous_load\n" + "".join(
            f"{at - started:.2f},{page},{what},{seconds:.3f},{int(old)}\n" for at, page, what, seconds, old in moments))
    after_import = None
    if imported:
        done = imported[0]
        moments = [(at - started, seconds, old) for s in sessions if isinstance(s, Session)
                   for at, _, _, seconds, old in s.moments]
        inside = [(at, seconds, old) for at, seconds, old in moments
                  if isinstance(done, dict) and done["committed_s"] <= at <= done["committed_s"] + AFTER_S]
        window = [seconds for _, seconds, _ in inside]
        shown_before = [at for at, _, old in inside if old]
        after_import = {"import": done if isinstance(done, dict) else str(done), "window_s": AFTER_S,
                        "previous_load_runs": len(shown_before),
                        "previous_load_last_s": round(max(shown_before), 2) if shown_before else None,
                        "runs": len(window), "max_s": round(max(window), 3) if window else None,
                        "p95_s": round(float(np.percentile(window, 95)), 3) if window else None,
                        "over_4_s": sum(1 for w in window if w > 4)}
        print(f"after the import committed ({AFTER_S} s): {after_import}")
    timings = [t for s in sessions if isinstance(s, Session) for t in s.timings]
    errors = [e for s in sessions if isinstance(s, Session) for e in s.errors]
    errors += [f"session failed: {type(s).__name__}: {s}" for s in sessions if not isinstance(s, Session)]
    print(f"{'page':<14}{'runs':>6}{'p50 s':>8}{'p95 s':>8}{'max s':>8}")
    for page in args.pages:
        values = [t for p, t in timings if p == page]
        shown = _figures(values)
        print(f"{page:<14}{len(values):>6}{shown['p50_s']:>8.2f}{shown['p95_s']:>8.2f}{shown['max_s']:>8.2f}")
    for error in errors[:10]:
        print("error:", error)
    result = {"sessions": args.sessions, "iterations": args.iterations, "requests": len(timings),
              "errors": len(errors), **_figures([t for _, t in timings]), "wall_s": round(wall, 2),
              "runs_per_s": round(len(timings) / wall, 2) if wall else 0.0}
    if before and after:
        result.update(server_cpu_s=round(after[0] - before[0], 2), server_peak_rss_mb=round(after[1], 1))
    if connections.samples:
        result["db_connections_peak"] = connections.peak
    result["per_page"] = {page: _figures([t for p, t in timings if p == page]) for page in args.pages}
    if args.browsers:  # what real browsers waited for a page opened from the navigation (no period switch)
        clicks = [t for found in seen if isinstance(found, list) for t in found]
        failed = [f"{type(found).__name__}: {found}" for found in seen if not isinstance(found, list)]
        page_opens = [t for found in sessions if isinstance(found, Session) for t in found.opens]
        result["browsers"] = {"sessions": args.browsers, "clicks": len(clicks), "errors": len(failed),
                              **_figures(clicks), "harness_page_opens": _figures(page_opens)}
        for error in failed[:3]:
            print("browser error:", error[:300])
    if after_import is not None:
        result["after_import"] = after_import
    return result


AFTER_S = 180  # the window after an import's commit that --import-file reports on (issue #29 §2)


async def _import(path: str, after_s: float, started: float) -> dict:
    """Run `cli.py import dossiers path` `after_s` seconds after the load started; return when it ran and ended."""
    await asyncio.sleep(after_s)
    began = time.perf_counter() - started
    child = await asyncio.create_subprocess_exec(sys.executable, str(ROOT / "cli.py"), "import", "dossiers", path,
                                                 stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    _, err = await child.communicate()
    ended = time.perf_counter() - started
    return {"started_s": round(began, 2), "committed_s": round(ended, 2), "seconds": round(ended - began, 2),
            "returncode": child.returncode, "error": err.decode(errors="replace")[-300:] if child.returncode else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the running app, on 127.0.0.1 or localhost")
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--iterations", type=int, default=2)
    parser.add_argument("--user", default="quantri", help="account to sign in as (password: LOAD_PASSWORD)")
    parser.add_argument("--pages", nargs="+", default=list(PAGES))
    parser.add_argument("--pid", type=int, default=None, help="the server's process id (default: by its port)")
    parser.add_argument("--database-url", default=None,
                        help="PostgreSQL URL of the app's database, to count its connections (SQLite: counted from "
                             "the server process's open files)")
    parser.add_argument("--browsers", type=int, default=0,
                        help="real Chromium sessions alongside (Debian chromium), opening the same pages")
    parser.add_argument("--header", action="append", default=[], metavar="NAME: VALUE",
                        help="an extra header on every session's connection (e.g. a forged X-Forwarded-For)")
    parser.add_argument("--spread", action="store_true",
                        help="connect each session from its own loopback address (127.0.0.2, .3, …), as browsers of "
                             "different machines reach deploy/start.py's nginx")
    parser.add_argument("--timeline", default=None,
                        help="CSV file to write every run to (started_s, page, run, seconds), to see when the "
                             "slow ones happened (e.g. the minute after an import)")
    parser.add_argument("--import-file", default=None,
                        help="a dossiers export to import (cli.py import dossiers, DATABASE_URL of this shell) while "
                             "the sessions run; the JSON then reports the runs started in the 180 s after it committed")
    parser.add_argument("--import-after", type=float, default=8.0, help="seconds after the start (default 8)")
    args = parser.parse_args()
    if urlparse(args.url).hostname not in LOCAL:
        raise SystemExit("bench/load.py runs only against 127.0.0.1 or localhost")
    if args.sessions < 1 or not 1 <= args.iterations <= 100:
        raise SystemExit("--sessions must be ≥ 1 and --iterations between 1 and 100")
    print(json.dumps(asyncio.run(_main(args)), ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
