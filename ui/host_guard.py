"""Every HTTP answer follows `server.allowedHosts` (issue #30, item 15).

Streamlit checks the Host of its websocket against `server.allowedHosts`, but its other routes (`/media/…`, the
health check, static files) answer any Host, so a DNS-rebinding page could still read what they serve. asgi.py
gives Streamlit's documented `st.App` one ASGI middleware, run ahead of Streamlit's own, that answers 403 to a
request whose Host is not allowed.
"""

from urllib.parse import urlparse


def host_allowed(host: str | None, allowed: list[str]) -> bool:
    """Return True when the Host header names an allowed host (any port), or when no list is configured."""
    if not allowed:
        return True
    try:
        hostname = urlparse(f"//{host or ''}").hostname
    except ValueError:
        return False
    if not hostname:
        return False
    hostname = hostname.lower().rstrip(".")
    for pattern in (a.strip().lower().rstrip(".") for a in allowed):
        if pattern == "*" or hostname == pattern or (pattern.startswith("*.") and hostname.endswith(pattern[1:])):
            return True
    return False


class AllowedHostsMiddleware:
    """ASGI middleware: a plain HTTP request for a host outside `server.allowedHosts` gets 403."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            from streamlit import config

            headers = dict(scope.get("headers") or [])
            host = headers.get(b"host", b"").decode("latin-1")
            if not host_allowed(host, config.get_option("server.allowedHosts")):
                await send({"type": "http.response.start", "status": 403,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": b""})
                return
        await self.app(scope, receive, send)

