"""Uploaded files: saved once per session in a private temporary folder, under their own (sanitised) name."""

import tempfile
from pathlib import Path

import streamlit as st

_FOLDER_KEY = "_upload_dir"


def save(upload) -> Path:
    """Return the path of the uploaded file saved to this session's folder (written once per upload)."""
    folder = st.session_state.get(_FOLDER_KEY)
    if folder is None or not Path(folder).exists():
        folder = tempfile.mkdtemp(prefix="cchc-upload-")
        st.session_state[_FOLDER_KEY] = folder
    name = Path(upload.name).name or "tep"
    target = Path(folder) / upload.file_id / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(upload.getvalue())
    return target
