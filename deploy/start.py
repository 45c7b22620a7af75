"""One command for several app processes behind nginx (issue #14): one Streamlit process uses about one core, so a
meeting room of thirty viewers needs more than one.

    python deploy/start.py [--processes N] [--port 8080] [--address 127.0.0.1] [--first-port 8601]

It prepares the database once (`cli.py init`), starts N `serve.py` processes on 127.0.0.1:first-port…, writes
nginx's configuration from deploy/nginx.conf.template into a temporary folder and runs Debian's nginx in the
foreground on address:port. Ctrl+C (or SIGTERM) stops nginx and every app process. Each browser stays on one
process (hash of its address), as a Streamlit session must.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"


def _wait(port: int, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the app process on port {port} did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--address", default="127.0.0.1", help="where nginx listens (the intranet interface)")
    parser.add_argument("--first-port", type=int, default=8601)
    args = parser.parse_args()
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise SystemExit("nginx is not installed (Debian: apt-get install nginx-light)")
    subprocess.run([sys.executable, "cli.py", "init"], cwd=ROOT, check=True)
    ports = [args.first_port + i for i in range(args.processes)]
    apps = [subprocess.Popen([sys.executable, "serve.py", "--server.port", str(port), "--server.address", "127.0.0.1",
                              "--server.headless", "true"], cwd=ROOT) for port in ports]
    run = Path(tempfile.mkdtemp(prefix="cchc-nginx-"))
    run.chmod(0o755)  # nginx's workers (not root) keep their temporary files there
    try:
        for port in ports:
            _wait(port)
        servers = "\n".join(f"        server 127.0.0.1:{port};" for port in ports)
        conf = (TEMPLATE.read_text().replace("@RUN@", str(run)).replace("@SERVERS@", servers)
                .replace("@LISTEN@", f"{args.address}:{args.port}"))
        (run / "nginx.conf").write_text(conf)
        proxy = subprocess.Popen([nginx, "-c", str(run / "nginx.conf"), "-p", str(run)])
        print(f"http://{args.address}:{args.port}  ({args.processes} app processes: {', '.join(map(str, ports))})",
              flush=True)
        signal.signal(signal.SIGTERM, lambda *_: proxy.terminate())
        try:
            proxy.wait()
        except KeyboardInterrupt:
            proxy.terminate()
            proxy.wait()
    finally:
        for app in apps:
            app.terminate()
        for app in apps:
            try:
                app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()
        shutil.rmtree(run, ignore_errors=True)


if __name__ == "__main__":
    main()
