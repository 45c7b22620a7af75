"""deploy/start.py (issue #14): nginx in front of two app processes. The load harness (bench/load.py), its sessions
coming from different loopback addresses, signs in and opens pages through nginx with no error, and both app
processes do work (each browser is kept on one process, and different browsers reach different ones)."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date

import pytest
from sqlalchemy import create_engine

from data_access.accounts import add_account
from data_access.demo.build import build_demo
from tests.e2e.conftest import ROOT, free_port

USER, PASSWORD = "tai_thu", "mật khẩu tải thử"


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_run(count: int, avoid: int) -> int:
    """Return the first of `count` consecutive free ports, none of them `avoid` (two free ports asked one after the
    other can be neighbours: the app processes take first-port and the ports after it)."""
    while True:
        first = free_port()
        ports = range(first, first + count)
        if avoid not in ports and all(_free(p) for p in ports[1:]):
            return first


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _listening(port: int) -> int:
    sys.path.insert(0, str(ROOT / "bench"))
    from load import _server_pid

    return _server_pid(port)


def test_two_processes_behind_nginx_serve_the_harness_without_error(tmp_path):
    if shutil.which("nginx") is None and not os.path.exists("/usr/sbin/nginx"):
        pytest.skip("nginx is not installed (Debian nginx-light; .ci/run installs it)")
    url = f"sqlite:///{tmp_path / 'trien_khai.sqlite3'}"
    engine = create_engine(url)
    build_demo(engine, date(2026, 6, 30), n_dossiers=3_000, seed=6)
    with engine.begin() as conn:
        add_account(conn, USER, "lanh_dao", PASSWORD)
    engine.dispose()
    port = free_port()
    first = _free_run(2, avoid=port)
    env = dict(os.environ, DATABASE_URL=url)
    start = subprocess.Popen([sys.executable, "deploy/start.py", "--processes", "2", "--port", str(port),
                              "--first-port", str(first)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                assert start.poll() is None and time.monotonic() < deadline, start.stdout.read()
                time.sleep(0.5)
        pids = [_listening(first), _listening(first + 1)]
        before = [_cpu_seconds(pid) for pid in pids]
        load = subprocess.run([sys.executable, "bench/load.py", "--url", f"http://127.0.0.1:{port}", "--sessions", "10",
                               "--iterations", "1", "--user", USER, "--pages", "tong-quan", "--spread"],
                              cwd=ROOT, env=dict(env, LOAD_PASSWORD=PASSWORD), capture_output=True, text=True,
                              timeout=600)
        result = json.loads(load.stdout.strip().splitlines()[-1])
        assert (result["sessions"], result["requests"], result["errors"]) == (10, 10 * 3, 0), load.stdout
        assert set(result) >= {"sessions", "requests", "errors", "p50_s", "p95_s", "max_s"}
        worked = [_cpu_seconds(pid) - was for pid, was in zip(pids, before, strict=True)]
        assert min(worked) > 0.5, worked  # both ran sessions' scripts (all ten on one: 1 chance in 512)
    finally:
        start.terminate()
        start.wait(timeout=30)
