"""The minutes after the morning's import (issue #29 §2; prints figures, not a test).

    python bench/new_load.py --url sqlite:////tmp/b3m.sqlite3 [--sessions 30] [--iterations 6] [--rows 100000]

On an existing database (a 3 M-dossier demo: `cli.py demo --dossiers 3000000`), marked real so that the import does
not remove the demo, it starts two app processes behind nginx (`deploy/start.py --processes 2`), signs in a
`lanh_dao` account, warms the caches with 6 sessions, then runs `bench/load.py --spread` with an import of --rows new
dossiers 8 s in, and prints the runs started in the 180 s after the import committed (count, p95, max, over 4 s) and
the whole run's p50 / p95 / max, beside the baseline measured before the change (docs/history/scaling.md §0f).
"""

import argparse
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.imports import write_csv  # noqa: E402

BASELINE = {  # docs/history/scaling.md §0f: 30 sessions × 4 iterations at 3 M, an import of 100,000 rows 8 s in
    "sqlite": {"p95_s": 2.42, "max_s": 9.43, "bottleneck_max_s": 9.43},
    "postgresql": {"p95_s": 2.75, "max_s": 10.87, "bottleneck_max_s": 10.29},
}
USER = "bench_lanh_dao"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(port: int, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise SystemExit(f"nothing answers on port {port}")


def _prepare(env: dict, password: str) -> None:
    code = ("from data_access.store.context import app_context\n"
            "from data_access.store.meta import DATA_KIND, write_meta\n"
            "import os\nengine = app_context(os.environ['DATABASE_URL']).engine\n"
            "with engine.begin() as conn: write_meta(conn, **{DATA_KIND: 'real'})\n")
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT)
    subprocess.run([sys.executable, "cli.py", "user", "add", USER, "--role", "lanh_dao"], input=password + "\n",
                   text=True, env=env, cwd=ROOT, capture_output=True)  # already there: refused, kept
    subprocess.run([sys.executable, "cli.py", "user", "set-password", USER], input=password + "\n", text=True,
                   env=env, cwd=ROOT, check=True, capture_output=True)


def _load(url: str, args: argparse.Namespace, env: dict, extra: list[str]) -> dict:
    found = subprocess.run([sys.executable, "bench/load.py", "--url", url, "--user", USER, "--spread", *extra],
                           env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(found.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the database (SQLite file or PostgreSQL)")
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--iterations", type=int, default=6)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--app-root", type=Path, default=ROOT,
                        help="the checkout whose app is served (another commit, to measure it on the same machine)")
    args = parser.parse_args()
    password = secrets.token_urlsafe(12)
    env = {**os.environ, "DATABASE_URL": args.url, "LOAD_PASSWORD": password}
    _prepare(env, password)
    port, first = _free_port(), _free_port()
    server = subprocess.Popen([sys.executable, "deploy/start.py", "--processes", "2", "--port", str(port),
                               "--first-port", str(first)], env=env, cwd=args.app_root, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(port)
        url = f"http://127.0.0.1:{port}"
        _load(url, args, env, ["--sessions", "6", "--iterations", "1"])  # the caches, warm
        with tempfile.TemporaryDirectory() as folder:
            export = Path(folder) / "ho_so_moi.csv"
            write_csv(export, args.rows, seed=random.randrange(1 << 30))
            timeline = Path(folder) / "runs.csv"
            found = _load(url, args, env, ["--sessions", str(args.sessions), "--iterations", str(args.iterations),
                                           "--import-file", str(export), "--timeline", str(timeline)])
            rows = [line.split(",") for line in timeline.read_text().splitlines()[1:]]
        committed = found["after_import"]["import"]["committed_s"]
        bottleneck = [float(r[3]) for r in rows if r[1] == "diem-nghen" and committed <= float(r[0]) <= committed + 180]
        kind = "postgresql" if args.url.startswith("postgresql") else "sqlite"
        print(f"{'':34}{'measured':>14}{'baseline §0f':>14}   (app: {args.app_root})")
        after = found["after_import"]
        for label, now, before in (
                ("runs in the 180 s after the import", after["runs"], None),
                ("their max", after["max_s"], BASELINE[kind]["max_s"]),
                ("their p95", after["p95_s"], None),
                ("runs over 4 s", after["over_4_s"], None),
                ("runs showing the previous load", after["previous_load_runs"], None),
                ("… the last, s after the start", after["previous_load_last_s"], None),
                ("bottleneck page max", max(bottleneck, default=None), BASELINE[kind]["bottleneck_max_s"]),
                ("whole run p95", found["p95_s"], BASELINE[kind]["p95_s"]),
                ("whole run p50", found["p50_s"], None),
                ("errors", found["errors"], 0),
                ("import seconds", after["import"]["seconds"], None)):
            print(f"{label:34}{'' if now is None else now:>14}{'' if before is None else before:>14}")
        print(json.dumps({"database": kind, "after_import": after, "p50_s": found["p50_s"], "p95_s": found["p95_s"],
                          "max_s": found["max_s"], "errors": found["errors"], "requests": found["requests"],
                          "bottleneck_max_after_s": max(bottleneck, default=None), "baseline": BASELINE[kind]}))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(60)


if __name__ == "__main__":
    main()
