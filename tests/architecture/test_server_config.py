"""The server settings the product relies on stay as .streamlit/config.toml states them (issue #12, hardening)."""

import tomllib
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def test_xsrf_protection_stays_on_and_uploads_are_capped_at_200_mb():
    server = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["server"]
    assert server["enableXsrfProtection"] is True
    assert server["maxUploadSize"] == 200


def test_errors_never_show_a_traceback_to_a_user():
    assert tomllib.loads(CONFIG.read_text(encoding="utf-8"))["client"]["showErrorDetails"] == "none"
