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


def test_no_full_garbage_collection_after_each_run_and_no_file_watching():
    """Both cost every viewer CPU under one interpreter lock (issue #14, docs/history/scaling.md §0e)."""
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False
    assert config["server"]["fileWatcherType"] == "none"


def test_every_process_keeps_text_in_python_storage():
    """cli.py and the app read frames after importing config; their text columns are str in Python storage."""
    import subprocess
    import sys

    probe = ("import pandas as pd; from data_access.store.context import app_context; "
             "print(pd.get_option('mode.string_storage'), pd.Series(['a']).dtype.storage)")
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                           cwd=CONFIG.parents[1])
    assert shown.stdout.split() == ["python", "python"]
