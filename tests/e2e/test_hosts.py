"""The running app answers its connection only for the configured host names (issue #16, item 10): a request
whose Host is a foreign name, as a DNS-rebinding page would send, is refused before any script runs."""

import base64
import os
import socket
from urllib.parse import urlparse


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
