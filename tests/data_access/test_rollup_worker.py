"""The rollup of a large first import summed in a process of its own (issue #14): the same rows as summing in the
import's thread, dates without a value kept apart, a failed or refused import leaves no worker behind, and an
import that uses the worker stores a rollup equal to its dossiers."""

import os
from pathlib import Path

import pandas as pd
import pytest

from data_access.importing import rollup_sync
from data_access.importing.report import ImportRefused
from data_access.importing.rollup_worker import InlineSums, ProcessSums, frame, payload
from data_access.importing.runner import run_import
from metrics.rollup import EVENT_COLUMNS
from tests.data_access.helpers import assert_rollup_matches_dossiers, random_dossiers, read_units_csv, upsert_units
from tests.data_access.import_files import records, write_xlsx_as_excel


def _chunks(n_chunks: int = 3) -> list[dict[str, list]]:
    """Return parsed-record chunks as the dossier parser gives them (ids, dates or None, booleans)."""
    rows = random_dossiers(5, n=90)
    rows["agency_id"], rows["field_id"] = rows.index % 4 + 1, rows.index % 3 + 1
    rows["unit_id"] = [None if i % 7 == 0 else i % 5 + 1 for i in rows.index]
    rows["level"] = [None if i % 6 == 0 else ("Xã", "Huyện")[i % 2] for i in rows.index]
    rows["waiting_supplement"] = rows["status"].eq("Chờ bổ sung")
    rows["ended"] = rows["status"].eq("Từ chối")
    chunks = []
    for part in range(n_chunks):
        block = rows.iloc[part * 30:(part + 1) * 30]
        chunk = {name: [None if v is None or v != v else v for v in block[name].tolist()] for name in EVENT_COLUMNS}
        chunk["unit_id"] = [None if v is None else int(v) for v in chunk["unit_id"]]
        chunks.append(chunk)
    return chunks


def _workers() -> set[int]:
    """Return the ids of this process's rollup workers still running."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            status = (entry / "status").read_text()
            command = (entry / "cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        parent = next((line.split()[1] for line in status.splitlines() if line.startswith("PPid:")), "")
        if parent == str(os.getpid()) and b"rollup_worker" in command and "State:\tZ" not in status:
            found.add(int(entry.name))
    return found


def test_a_payload_keeps_dates_and_their_absence():
    chunk = _chunks(1)[0]
    back = frame(payload(chunk))
    for name in ("received_on", "due_on", "result_on"):
        expected = [pd.NaT if d is None else pd.Timestamp(d) for d in chunk[name]]
        assert back[name].tolist() == expected
    assert [None if pd.isna(v) else int(v) for v in back["unit_id"]] == chunk["unit_id"]


def test_the_worker_sums_what_the_import_thread_sums():
    chunks = _chunks()
    inline, worker = InlineSums(), ProcessSums()
    for chunk in chunks:
        inline.add(chunk)
        worker.add(chunk)
    worker.finish()
    by_worker, by_thread = worker.result(), inline.result()
    assert len(by_thread) > 60 and by_thread["n_received"].sum() == 90
    pd.testing.assert_frame_equal(by_worker.astype({"level": object}), by_thread.astype({"level": object}),
                                  check_column_type=False)  # text kept by pyarrow or by Python alike
    assert _workers() == set()


def test_a_worker_asked_to_stop_is_gone():
    worker = ProcessSums()
    worker.add(_chunks(1)[0])
    worker.close()
    assert _workers() == set()


@pytest.fixture
def db(engine):
    with engine.begin() as conn:
        upsert_units(conn, read_units_csv())
    return engine


def test_an_import_summed_by_the_worker_stores_the_rollup_of_its_dossiers(db, tmp_path, monkeypatch):
    monkeypatch.setattr(rollup_sync, "WORKER_ROWS", 1)  # the 13 hand-made dossiers count as a large import
    report = run_import(db, write_xlsx_as_excel(tmp_path / "ho_so.xlsx"), "dossiers")
    assert report.inserted == 13
    with db.connect() as conn:
        assert_rollup_matches_dossiers(conn)
    assert _workers() == set()


def test_a_refused_import_leaves_no_worker(db, tmp_path, monkeypatch):
    monkeypatch.setattr(rollup_sync, "WORKER_ROWS", 1)
    rows = records(excel=True)
    rows[3][10] = "31/02/2024"  # no such day: the file is refused after its rows were summed
    with pytest.raises(ImportRefused):
        run_import(db, write_xlsx_as_excel(tmp_path / "sai.xlsx", rows=rows), "dossiers")
    assert _workers() == set()
