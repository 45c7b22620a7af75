"""One command for several app processes behind nginx (issue #14): one Streamlit process uses about one core, so a
meeting room of thirty viewers needs more than one.

    python deploy/start.py [--processes N] [--port 8080] [--address 127.0.0.1] [--first-port 8601]
                           [--host NAME …] [--tls-cert FILE --tls-key FILE [--http-port 80]]

It prepares the database once (`cli.py init`), starts N `serve.py` processes on 127.0.0.1:first-port…, writes
nginx's configuration from deploy/nginx.conf.template into a temporary folder and runs Debian's nginx in the
foreground on address:port. Ctrl+C (or SIGTERM) stops nginx and every app process. Each browser stays on one
process (hash of its address), as a Streamlit session must.

Hosts (issue #30): the app answers only the host names people type. Every `--host` (and the listening address) is
given to each process as `server.allowedHosts` and to nginx as its `server_name`; any other name is closed
unanswered. Without `--host` only localhost works, and the command says so. With the province's certificate
(`--tls-cert`, `--tls-key`) nginx serves HTTPS with HSTS and redirects HTTP (`--http-port`) to it; without, it warns
that passwords cross the network in clear. The processes trust `X-Forwarded-For` from nginx only, and nginx sends the
address it saw, so the audit trail records the real client.
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
LOCAL_NAMES = ("localhost", "127.0.0.1")
HSTS = '        add_header Strict-Transport-Security "max-age=31536000" always;'
sys.path.insert(0, str(ROOT))
from texts import command_line as T  # noqa: E402  (the project's texts, from the project root)


def _wait(port: int, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(T.DEPLOY_APP_DID_NOT_START.format(port=port))


def host_names(hosts: list[str], address: str) -> list[str]:
    """Return the host names the app answers: localhost, the listening address (unless a wildcard) and `hosts`."""
    names = [*LOCAL_NAMES, *([] if address in ("0.0.0.0", "::", "*") else [address]), *hosts]
    return list(dict.fromkeys(name.strip().lower() for name in names if name.strip()))


def nginx_conf(run: Path, ports: list[int], address: str, port: int, names: list[str], tls: tuple[str, str] | None,
               http_port: int | None) -> str:
    """Return nginx's configuration: the app processes, the host names, TLS when given, the headers."""
    listen = f"{address}:{port}"
    certificate = ""
    if tls:
        certificate = (f"        ssl_certificate {Path(tls[0]).resolve()};\n"
                       f"        ssl_certificate_key {Path(tls[1]).resolve()};\n"
                       "        ssl_protocols TLSv1.2 TLSv1.3;")
    redirect = ""
    if tls and http_port:
        target = "https://$host" + ("" if port == 443 else f":{port}") + "$request_uri"
        redirect = (f"\n    server {{  # plain HTTP: sent to HTTPS\n        listen {address}:{http_port};\n"
                    f"        server_name {' '.join(names)};\n        return 301 {target};\n    }}\n")
    return (TEMPLATE.read_text().replace("@RUN@", str(run))
            .replace("@SERVERS@", "\n".join(f"        server 127.0.0.1:{p};" for p in ports))
            .replace("@DEFAULT_LISTEN@", f"        listen {listen} default_server{' ssl' if tls else ''};"
                     + (f"\n{certificate}" if tls else ""))
            .replace("@LISTEN@", f"        listen {listen}{' ssl' if tls else ''};")
            .replace("@SERVER_NAMES@", " ".join(names))
            .replace("@TLS@", certificate)
            .replace("@REDIRECT@", redirect)
            .replace("@HSTS@", HSTS if tls else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--address", default="127.0.0.1", help="where nginx listens (the intranet interface)")
    parser.add_argument("--first-port", type=int, default=8601)
    parser.add_argument("--host", action="append", default=[], metavar="NAME",
                        help="a host name people type (repeatable), e.g. cchc.khanhhoa.gov.vn")
    parser.add_argument("--tls-cert", default=None, help="the province's certificate (PEM, full chain)")
    parser.add_argument("--tls-key", default=None, help="its private key (PEM)")
    parser.add_argument("--http-port", type=int, default=None,
                        help="with TLS: the plain-HTTP port redirected to HTTPS (default 80 when --port is 443)")
    args = parser.parse_args()
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise SystemExit(T.DEPLOY_NO_NGINX)
    if bool(args.tls_cert) != bool(args.tls_key):
        raise SystemExit(T.DEPLOY_TLS_PAIR)
    tls = (args.tls_cert, args.tls_key) if args.tls_cert else None
    for path in tls or ():
        if not Path(path).is_file():
            raise SystemExit(T.DEPLOY_TLS_MISSING.format(path=path))
    names = host_names(args.host, args.address)
    if not args.host:
        print(T.DEPLOY_NO_HOST.format(names=", ".join(names)), file=sys.stderr, flush=True)
    if not tls:
        print(T.DEPLOY_NO_TLS, file=sys.stderr, flush=True)
    http_port = args.http_port or (80 if tls and args.port == 443 else None)
    subprocess.run([sys.executable, "cli.py", "init"], cwd=ROOT, check=True)
    ports = [args.first_port + i for i in range(args.processes)]
    allowed = [option for name in names for option in ("--server.allowedHosts", name)]
    env = dict(os.environ, FORWARDED_ALLOW_IPS="127.0.0.1")  # X-Forwarded-For is trusted from nginx only
    apps = [subprocess.Popen([sys.executable, "serve.py", "--server.port", str(port), "--server.address", "127.0.0.1",
                              "--server.headless", "true", *allowed], cwd=ROOT, env=env) for port in ports]
    run = Path(tempfile.mkdtemp(prefix="cchc-nginx-"))
    run.chmod(0o755)  # nginx's workers (not root) keep their temporary files there
    try:
        for port in ports:
            _wait(port)
        conf = nginx_conf(run, ports, args.address, args.port, names, tls, http_port)
        (run / "nginx.conf").write_text(conf)
        proxy = subprocess.Popen([nginx, "-c", str(run / "nginx.conf"), "-p", str(run)])
        scheme = "https" if tls else "http"
        print(T.DEPLOY_READY.format(urls=", ".join(f"{scheme}://{n}:{args.port}" for n in names[1:] or names),
                                    n=args.processes, ports=", ".join(map(str, ports))), flush=True)
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
