"""A small OpenID Connect provider on 127.0.0.1 for the single sign-on tests (authorization code flow with PKCE).

It plays the province's identity provider: discovery document, a sign-in page where the person types the
e-mail the provider vouches for, the token endpoint (an RS256 ID token signed with a key made at start, with
the `nonce` the app sent), the key set and userinfo. Keys and tokens are made with joserfc (Authlib's JOSE
library); nothing leaves the machine. Run alone for a manual try: `python -m tests.e2e.oidc_provider 9400`.
"""

import base64
import hashlib
import html
import json
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote_plus, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID, CLIENT_SECRET = "bang-dieu-hanh", "bi-mat-cua-ung-dung-thu"  # what secrets.toml names for the app


@dataclass
class Provider:
    """The provider's state: its address, signing key, pending codes and the sign-ins it has issued."""

    issuer: str = ""
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, parameters={"kid": "k1"}))
    codes: dict = field(default_factory=dict)
    issued: list = field(default_factory=list)  # e-mails signed in, in order (the tests read it)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def metadata(self) -> dict:
        """Return the discovery document (/.well-known/openid-configuration)."""
        return {"issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks",
                "userinfo_endpoint": f"{self.issuer}/userinfo", "response_types_supported": ["code"],
                "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "email", "profile"], "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"]}

    def claims(self, email: str, nonce: str | None) -> dict:
        """Return the ID token's claims for `email`."""
        now = int(time.time())
        claims = {"iss": self.issuer, "sub": hashlib.sha256(email.encode()).hexdigest()[:20], "aud": CLIENT_ID,
                  "iat": now, "exp": now + 300, "email": email, "email_verified": True, "name": email.split("@")[0]}
        return claims | ({"nonce": nonce} if nonce else {})


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet: the test output stays readable
            pass

        def _send(self, status: int, body: str | dict, content_type: str = "application/json",
                  headers: dict | None = None) -> None:
            data = (json.dumps(body) if isinstance(body, dict) else body).encode()
            self.send_response(status)
            self.send_header("Content-Type", f"{content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                self._send(200, provider.metadata())
            elif url.path == "/jwks":
                self._send(200, {"keys": [provider.key.as_dict(private=False)]})
            elif url.path == "/authorize":
                if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                    self._send(400, {"error": "unauthorized_client"})
                    return
                hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                                 for k, v in query.items())
                self._send(200, f'<!doctype html><title>IdP</title><form method="post" action="/authorize">'
                                f'{hidden}<label for="email">E-mail</label><input id="email" name="email">'
                                f'<button type="submit">Continue</button></form>', "text/html")
            elif url.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                with provider.lock:
                    email = provider.codes.get(f"access:{token}")
                self._send(200, provider.claims(email, None)) if email else self._send(401, {"error": "invalid"})
            else:
                self._send(404, {"error": "not_found"})

        def _form(self) -> dict:
            length = int(self.headers.get("Content-Length", 0))
            return {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}

        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            form = self._form()
            if self.path == "/authorize":
                code = secrets.token_urlsafe(16)
                with provider.lock:
                    provider.codes[code] = form
                target = f"{form['redirect_uri']}?{urlencode({'code': code, 'state': form.get('state', '')})}"
                self._send(302, "", "text/plain", {"Location": target})
            elif self.path == "/token":
                self._token(form)
            else:
                self._send(404, {"error": "not_found"})

        def _token(self, form: dict) -> None:
            basic = self.headers.get("Authorization", "")
            if basic.startswith("Basic "):
                client_id, _, secret = base64.b64decode(basic[6:]).decode().partition(":")
            else:
                client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
            if unquote_plus(client_id) != CLIENT_ID or unquote_plus(secret) != CLIENT_SECRET:
                self._send(401, {"error": "invalid_client"})
                return
            with provider.lock:
                asked = provider.codes.pop(form.get("code", ""), None)
            if asked is None or asked.get("redirect_uri") != form.get("redirect_uri"):
                self._send(400, {"error": "invalid_grant"})
                return
            challenge = asked.get("code_challenge")
            if challenge:  # PKCE S256: the verifier must hash to the challenge sent to /authorize
                digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
                if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != challenge:
                    self._send(400, {"error": "invalid_grant", "error_description": "PKCE"})
                    return
            email = asked["email"]
            access = secrets.token_urlsafe(16)
            id_token = jwt.encode({"alg": "RS256", "kid": "k1"}, provider.claims(email, asked.get("nonce")),
                                  provider.key)
            with provider.lock:
                provider.codes[f"access:{access}"] = email
                provider.issued.append(email)
            self._send(200, {"access_token": access, "token_type": "Bearer", "expires_in": 300,
                             "id_token": id_token, "scope": asked.get("scope", "openid")})

    return Handler


def start(port: int = 0) -> tuple[Provider, ThreadingHTTPServer]:
    """Start the provider on 127.0.0.1:`port` (0: a free one) in a daemon thread; return it and its server."""
    provider = Provider()
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(provider))
    provider.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return provider, server


if __name__ == "__main__":
    provider, server = start(int(sys.argv[1]) if len(sys.argv) > 1 else 9400)
    print(f"{provider.issuer}/.well-known/openid-configuration", f"client_id={CLIENT_ID}",
          f"client_secret={CLIENT_SECRET}")
    threading.Event().wait()
