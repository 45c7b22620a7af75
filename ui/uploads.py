"""Uploaded files: written to a private temporary folder only while one script run checks or imports them, and
deleted as soon as it ends, whatever happens (applicants' names never stay on disk; the import log keeps the
sha256 and the counts)."""

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = "cchc-upload-"
NAME_BYTES = 200  # a file system takes 255 bytes a name; the rejected-rows file adds ".loi.csv"


def disk_name(name: str) -> str:
    """Return the uploaded file's own name (no folder), cut to NAME_BYTES of UTF-8 with its extension kept."""
    name = Path(name).name or "tep"
    if len(name.encode("utf-8")) <= NAME_BYTES:
        return name
    suffix = Path(name).suffix if len(Path(name).suffix.encode("utf-8")) <= 10 else ""
    stem = name[:len(name) - len(suffix)].encode("utf-8")[:NAME_BYTES - len(suffix.encode("utf-8"))]
    return stem.decode("utf-8", errors="ignore").rstrip() + suffix


@contextmanager
def saved(upload) -> Iterator[Path]:
    """Yield the path of the uploaded file written under its own (sanitised) name; remove it, and anything
    written beside it (the rejected-rows file), when the block ends."""
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    try:
        target = folder / disk_name(upload.name)
        target.write_bytes(upload.getvalue())
        yield target
    finally:
        shutil.rmtree(folder, ignore_errors=True)
