"""Uploaded files: written to a private temporary folder only while one script run checks or imports them, and
deleted as soon as it ends, whatever happens (applicants' names never stay on disk; the import log keeps the
sha256 and the counts)."""

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = "cchc-upload-"


@contextmanager
def saved(upload) -> Iterator[Path]:
    """Yield the path of the uploaded file written under its own (sanitised) name; remove it, and anything
    written beside it (the rejected-rows file), when the block ends."""
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    try:
        target = folder / (Path(upload.name).name or "tep")
        target.write_bytes(upload.getvalue())
        yield target
    finally:
        shutil.rmtree(folder, ignore_errors=True)
