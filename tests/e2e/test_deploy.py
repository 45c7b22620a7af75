"""deploy/start.py (issues #14, #30): nginx in front of the app processes.

- The load harness (bench/load.py), its sessions coming from different loopback addresses and sending a forged
  X-Forwarded-For, signs in and opens pages through nginx with no error; both app processes do work (each browser is
  kept on one process, and different browsers reach different ones); the audit trail records each session's real
  address, never the forged one; a run without --host warns that only localhost will work.
- With --host cchc.test, Chromium at http://cchc.test:PORT (resolved to 127.0.0.1 by --host-resolver-rules) signs in
  and draws the overview; the answers carry the security headers and no nginx version; /_stcore/metrics is not
  served; another host name is closed unanswered; the access log keeps no query string.
- With the province's certificate, HTTPS with HSTS, and plain HTTP redirected to it.
"""

import http.client
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from data_access.accounts.store import add_account
from data_access.demo.build import build_demo
from data_access.store.schema import audit_log
from tests.e2e.conftest import CARDS, CHROMIUM, FLAGS, ROOT, free_port, open_signed_in

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


def _nginx_missing() -> bool:
    return shutil.which("nginx") is None and not os.path.exists("/usr/sbin/nginx")


def _database(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'trien_khai.sqlite3'}"
    engine = create_engine(url)
    build_demo(engine, date(2026, 6, 30), n_dossiers=3_000, seed=6)
    with engine.begin() as conn:
        add_account(conn, USER, "lanh_dao", PASSWORD)
    engine.dispose()
    return url


def _answers(port: int, deadline: float) -> None:
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                return
        except OSError:
            assert time.monotonic() < deadline
            time.sleep(0.3)


@contextmanager
def _deployment(url: str, processes: int, *args: str):
    """Start deploy/start.py on a free port with `args`; yield (port, first app port, the process)."""
    if _nginx_missing():
        pytest.skip("nginx is not installed (Debian nginx-light; .ci/run installs it)")
    port = free_port()
    first = _free_run(processes, avoid=port)
    start = subprocess.Popen([sys.executable, "deploy/start.py", "--processes", str(processes), "--port", str(port),
                              "--first-port", str(first), *args], cwd=ROOT, env=dict(os.environ, DATABASE_URL=url),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        for app_port in range(first, first + processes):
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{app_port}/_stcore/health", timeout=2):
                        break
                except OSError:
                    assert start.poll() is None and time.monotonic() < deadline, start.stdout.read()
                    time.sleep(0.5)
        _answers(port, deadline)
        yield port, first, start
    finally:
        start.terminate()
        start.wait(timeout=30)


def _nginx_run_folder(start: subprocess.Popen) -> Path:
    """Return the folder deploy/start.py gave its nginx (-p), found among its child processes."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").split()  # nginx retitles itself
        except OSError:
            continue
        if int(fields[1]) == start.pid and b"-p" in cmdline:
            return Path(cmdline[cmdline.index(b"-p") + 1].decode())
    raise AssertionError("nginx of deploy/start.py not found")


def _get(port: int, host: str, path: str = "/", tls: bool = False) -> http.client.HTTPResponse:
    if tls:
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # a self-signed test certificate
        connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=context)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": host})
    response = connection.getresponse()
    response.read()
    return response


def test_two_processes_behind_nginx_serve_the_harness_without_error(tmp_path):
    url = _database(tmp_path)
    with _deployment(url, 2) as (port, first, start):
        pids = [_listening(first), _listening(first + 1)]
        before = [_cpu_seconds(pid) for pid in pids]
        load = subprocess.run([sys.executable, "bench/load.py", "--url", f"http://127.0.0.1:{port}", "--sessions", "10",
                               "--iterations", "1", "--user", USER, "--pages", "tong-quan", "--spread",
                               "--header", "X-Forwarded-For: 6.6.6.6"],
                              cwd=ROOT, env=dict(os.environ, DATABASE_URL=url, LOAD_PASSWORD=PASSWORD),
                              capture_output=True, text=True, timeout=600)
        result = json.loads(load.stdout.strip().splitlines()[-1])
        assert (result["sessions"], result["requests"], result["errors"]) == (10, 10 * 3, 0), load.stdout
        assert set(result) >= {"sessions", "requests", "errors", "p50_s", "p95_s", "max_s"}
        worked = [_cpu_seconds(pid) - was for pid, was in zip(pids, before, strict=True)]
        assert min(worked) > 0.5, worked  # both ran sessions' scripts (all ten on one: 1 chance in 512)
    assert "CẢNH BÁO: không có --host" in start.stdout.read()
    with create_engine(url).connect() as conn:
        addresses = conn.execute(select(audit_log.c.address).where(audit_log.c.action == "sign_in")).scalars().all()
    assert sorted(addresses) == sorted(f"127.0.0.{2 + i}" for i in range(10))  # the real ones, not 6.6.6.6


def test_the_province_host_name_signs_in_in_chromium_with_the_security_headers(tmp_path, browser):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (Debian package 'chromium'); .ci/run installs it")
    url = _database(tmp_path)
    with _deployment(url, 1, "--host", "cchc.test") as (port, _, start):
        answer = _get(port, f"cchc.test:{port}", "/?hop=7&ma=bi-mat")
        assert answer.status == 200
        assert answer.getheader("Server") == "nginx"  # no version
        assert (answer.getheader("X-Content-Type-Options"), answer.getheader("X-Frame-Options"),
                answer.getheader("Content-Security-Policy"), answer.getheader("Referrer-Policy")) == (
            "nosniff", "SAMEORIGIN", "frame-ancestors 'self'", "same-origin")
        assert answer.getheader("Strict-Transport-Security") is None  # not without TLS
        assert _get(port, f"cchc.test:{port}", "/_stcore/metrics").status == 404
        with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
            _get(port, f"attacker.example:{port}")
        # a Chromium of its own (the session's Playwright), resolving cchc.test to this machine
        chromium = browser.browser_type.launch(executable_path=CHROMIUM,
                                               args=[*FLAGS, "--host-resolver-rules=MAP cchc.test 127.0.0.1"])
        try:
            page = chromium.new_page()
            open_signed_in(page, f"http://cchc.test:{port}/", USER, PASSWORD)
            page.wait_for_selector(CARDS, timeout=60_000)
            assert page.url.startswith(f"http://cchc.test:{port}/")
        finally:
            chromium.close()
        log = (_nginx_run_folder(start) / "access.log").read_text()
    assert "CẢNH BÁO: không có --host" not in start.stdout.read()
    assert '"GET / HTTP/1.1" 200' in log and "bi-mat" not in log and "hop=" not in log


def test_with_the_province_certificate_it_serves_https_and_redirects_http(tmp_path):
    key, cert = tmp_path / "khoa.pem", tmp_path / "chung_thu.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=cchc.test", "-days", "2",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    url = _database(tmp_path)
    http_port = free_port()
    with _deployment(url, 1, "--host", "cchc.test", "--tls-cert", str(cert), "--tls-key", str(key),
                     "--http-port", str(http_port)) as (port, _, start):
        _answers(http_port, time.monotonic() + 30)
        secure = _get(port, "cchc.test", "/_stcore/health", tls=True)
        assert secure.status == 200 and secure.getheader("Strict-Transport-Security") == "max-age=31536000"
        plain = _get(http_port, "cchc.test", "/tong-quan?hop=1")
        assert plain.status == 301 and plain.getheader("Location") == f"https://cchc.test:{port}/tong-quan?hop=1"
    assert "CẢNH BÁO: không có --tls-cert" not in start.stdout.read()
