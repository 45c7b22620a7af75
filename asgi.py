"""The server's application: Streamlit's documented ASGI `st.App` running app.py, with the project's own HTTP
middleware and routes (serve.py runs this file; `streamlit run` finds `app` in it and serves it with uvicorn).

- ui/host_guard.py: every HTTP answer follows `server.allowedHosts`.
"""

import streamlit as st
from starlette.middleware import Middleware

from ui.host_guard import AllowedHostsMiddleware

app = st.App("app.py", middleware=[Middleware(AllowedHostsMiddleware)])
