"""Summing the rollup of a large first import in a process of its own (issue #14), on the machine's other core.

The import itself runs Python (reading, checking, loading) under one interpreter lock; summing the same rows for
the rollup in a thread of that process only takes turns with it (measured: 1,1 s of 7,9 s for 300,000 rows). The
worker, `python -m data_access.importing.rollup_worker`, starts while the sheet is parsed, reads each parsed chunk's
event columns as pickles on its standard input (dates as day numbers: cheaper to send than date objects), sums them,
and at a None writes the total as one pickle on its standard output. It never touches the database: the import
writes the total in its own transaction. It ends at the end of its input: when asked, or when the import is gone.
"""

import os
import pickle
import queue
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from metrics.rollup import EVENT_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
DATES = ("received_on", "due_on", "result_on")
_EPOCH = date(1970, 1, 1).toordinal()


def payload(records: dict[str, list]) -> dict[str, list]:
    """Return the event columns of parsed records, dates as day numbers (0 for none)."""
    return {name: [0 if d is None else d.toordinal() for d in records[name]] if name in DATES else records[name]
            for name in EVENT_COLUMNS}


def frame(sent: dict[str, list]) -> pd.DataFrame:
    """Return the event columns of a payload as a frame, dates as numpy days (NaT for none)."""
    columns = dict(sent)
    for name in DATES:
        days = np.asarray(sent[name], "int64")
        columns[name] = np.where(days == 0, np.datetime64("NaT"), (days - _EPOCH).astype("datetime64[D]"))
    return pd.DataFrame(columns)


def main() -> None:
    """Sum the payloads read from standard input; at None, write the total to standard output."""
    from data_access.store.rollup import RollupAccumulator

    sums, stdin, stdout = RollupAccumulator(parts_kept=4), sys.stdin.buffer, sys.stdout.buffer  # it has time
    while True:
        try:
            sent = pickle.load(stdin)
        except EOFError:  # the import was refused or ended: nothing to give back
            return
        if sent is None:
            pickle.dump(sums.total(), stdout, protocol=pickle.HIGHEST_PROTOCOL)
            stdout.flush()
            return
        sums.add(frame(sent))


class ProcessSums:
    """The rollup of chunks summed by a worker process: add(records) …, finish(), then result()."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "data_access.importing.rollup_worker"], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        env=dict(os.environ, PYTHONPATH=str(ROOT)))
        self.sent: queue.SimpleQueue[bytes] = queue.SimpleQueue()  # pickles to send, b"" to close the input
        self.writer = threading.Thread(target=self._write, name="rollup-send", daemon=True)
        self.writer.start()

    def _write(self) -> None:
        """Send the pickled chunks in order, on a thread (a write waits for the worker without holding the GIL)."""
        try:
            while data := self.sent.get():
                self.process.stdin.write(data)
            self.process.stdin.close()
        except (BrokenPipeError, OSError, ValueError):  # the worker ended early: result() says so
            pass

    def add(self, records: dict[str, list]) -> None:
        """Send a parsed chunk's events to the worker (returns at once)."""
        if records:
            self.sent.put(pickle.dumps(payload(records), protocol=pickle.HIGHEST_PROTOCOL))

    def finish(self) -> None:
        """Ask for the total (summed while the merge runs)."""
        self.sent.put(pickle.dumps(None))
        self.sent.put(b"")

    def result(self) -> pd.DataFrame:
        """Return the total rollup rows, or raise RuntimeError when the worker failed or ended without them."""
        try:
            total = pickle.load(self.process.stdout)
        except (EOFError, pickle.UnpicklingError) as exc:
            error = self.process.stderr.read().decode(errors="replace").strip().splitlines()[-1:] or [""]
            self.close()
            raise RuntimeError(f"rollup worker ended without its total: {error[0]}") from exc
        self.close()
        return total

    def close(self) -> None:
        """Stop the worker (after a refusal, what it summed is not needed)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.sent.put(b"")
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            try:
                stream.close()
            except OSError:
                pass


class InlineSums:
    """The same, summed in the import's own thread (small imports: a process costs more than it saves)."""

    def __init__(self) -> None:
        from data_access.store.rollup import RollupAccumulator

        self.sums = RollupAccumulator()

    def add(self, records: dict[str, list]) -> None:
        """Sum a parsed chunk's events."""
        self.sums.add(records)

    def finish(self) -> None:
        """Nothing to ask for."""

    def result(self) -> pd.DataFrame:
        """Return the total rollup rows."""
        return self.sums.total()

    def close(self) -> None:
        """Nothing to stop."""


if __name__ == "__main__":
    main()
