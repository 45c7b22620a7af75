"""The server's application: Streamlit's documented ASGI `st.App` running app.py, with the project's own HTTP
middleware and routes (serve.py runs this file; `streamlit run` finds `app` in it and serves it with uvicorn).

- ui/host_guard.py: every HTTP answer follows `server.allowedHosts`;
- ui/session_cookie.py: the routes that set and clear the cookie keeping a local account signed in (issue #29 §3).
"""

import streamlit as st
from starlette.middleware import Middleware

from ui import session_cookie
from ui.host_guard import AllowedHostsMiddleware

app = st.App("app.py", routes=session_cookie.routes(), middleware=[Middleware(AllowedHostsMiddleware)])
