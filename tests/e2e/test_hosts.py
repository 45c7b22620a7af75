"""The running app answers its connection only for the configured host names (issue #16, item 10): a request
whose Host is a foreign name, as a DNS-rebinding page would send, is refused before any script runs."""

import base64
import os
import socket
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]


def _upgrade(base: str, host: str) -> str:
    """Open Streamlit's websocket at `base` with the given Host header; return the response's status line."""
    url = urlparse(base)
    key = base64.b64encode(os.urandom(16)).decode()
    request = (f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n"
               f"Origin: http://{host}\r\n\r\n")
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(request.encode())
        answer = sock.recv(4096).decode(errors="replace")
    return answer.splitlines()[0] if answer else ""


def test_a_foreign_host_is_refused_and_the_configured_one_answered(server):
    port = urlparse(server).port
    assert " 101 " in _upgrade(server, f"127.0.0.1:{port}")
    assert " 101 " in _upgrade(server, f"localhost:{port}")
    refused = _upgrade(server, f"attacker.example:{port}")
    assert " 101 " not in refused and refused.startswith("HTTP/1.1 4"), refused


def _get(base: str, host: str, path: str) -> str:
    """Return the status line of a plain GET of `path` at `base` with the given Host header."""
    url = urlparse(base)
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        answer = sock.recv(4096).decode(errors="replace")
    return answer.splitlines()[0] if answer else ""


def test_every_http_answer_follows_the_allowed_hosts(server):
    """Issue #30, item 15: /media/*, the health check and the page itself answer only the configured names."""
    port = urlparse(server).port
    for path in ("/", "/_stcore/health", "/media/0123456789abcdef.png"):
        assert " 403 " in _get(server, f"attacker.example:{port}", path), path
    assert " 200 " in _get(server, f"127.0.0.1:{port}", "/_stcore/health")
    assert " 403 " not in _get(server, f"localhost:{port}", "/media/0123456789abcdef.png")  # 404: no such file


def test_a_host_is_allowed_by_its_name_whatever_its_port():
    from ui import host_guard

    assert host_guard.host_allowed("cchc.test:8080", ["cchc.test"]) and not host_guard.host_allowed("x:1", ["a"])
