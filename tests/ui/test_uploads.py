"""An uploaded file exists on disk only while one script run checks or imports it (issue #16, item 6)."""

import tempfile
from pathlib import Path

import pytest
from streamlit.proto.Common_pb2 import FileURLs
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

from ui.uploads import PREFIX, saved


def _upload(name: str, data: bytes) -> UploadedFile:
    return UploadedFile(UploadedFileRec("id-1", name, "text/csv", data), FileURLs())


@pytest.fixture(autouse=True)
def private_tmp(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_the_file_is_there_during_the_block_and_gone_after_it(private_tmp):
    with saved(_upload("../../ho_so_tuan.csv", b"a;b\n1;2\n")) as path:
        assert path.read_bytes() == b"a;b\n1;2\n"
        assert path.name == "ho_so_tuan.csv" and path.parent.parent == private_tmp  # no way out of its folder
        (path.parent / "ho_so_tuan.loi.csv").write_text("rejected rows")  # written beside it by an import
    assert list(private_tmp.iterdir()) == []


def test_the_file_is_removed_when_the_check_fails(private_tmp):
    with pytest.raises(ValueError), saved(_upload("ho_so.xlsx", b"PK broken")) as path:
        assert path.parent.name.startswith(PREFIX)
        raise ValueError("the check failed")
    assert list(private_tmp.iterdir()) == []
