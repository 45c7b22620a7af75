"""Keeps the dossier rollups in step with a dossier import, inside the import's transaction.

Into an empty dossiers table every staged row is inserted, so the rollup is summed in memory from the parsed
chunks (no second pass over the data). Into existing data, only the dossiers that the merge inserts or
changes are touched: their old contributions are taken out before the merge and their new ones added after.
"""

from sqlalchemy import Column, Connection, MetaData, String, Table, insert, or_, select

from data_access.importing.rollup_worker import InlineSums, ProcessSums
from data_access.importing.staging import Target, differs, same_key
from data_access.store.rollup import add_contributions, write_rollup
from data_access.store.schema import dossiers

WORKER_ROWS = 50_000  # from this many rows (expected), a first import sums its rollup in a process of its own


class RollupSync:
    """Collects parsed chunks, then updates the rollups around the merge.

    Into an empty table, a large import's chunks are summed by a worker process (rollup_worker) while the import
    goes on, and the total is taken while the merge runs. The import holds the database's write lock, so the table
    stays as empty as it was at the start."""

    def __init__(self, conn: Connection, expected_rows: int | None = None) -> None:
        self.conn = conn
        self.touched: Table | None = None
        self.collecting = conn.execute(select(dossiers.c.id).limit(1)).first() is None
        self.in_memory = False
        self.sums: ProcessSums | InlineSums | None = None
        if self.collecting:
            self.sums = ProcessSums() if (expected_rows or 0) >= WORKER_ROWS else InlineSums()

    def add(self, records: dict[str, list]) -> None:
        """Count the events of a parsed chunk (only into an empty table: otherwise the merge says what changed)."""
        if self.sums is not None:
            self.sums.add(records)

    def before_merge(self, staging: Table, target: Target, rows_dropped: bool) -> None:
        """Decide the path and, for existing data, take out the contributions of the dossiers about to change."""
        self.in_memory = self.collecting and not rows_dropped
        if self.in_memory:
            self.sums.finish()
            return
        self.close()
        self.touched = Table("rollup_touched", MetaData(), Column("code", String(80), primary_key=True),
                             prefixes=["TEMPORARY"])
        self.touched.drop(self.conn, checkfirst=True)
        self.touched.create(self.conn)
        new_or_changed = select(staging.c.code).outerjoin(dossiers, same_key(staging, target)).where(
            or_(dossiers.c.id.is_(None), differs(staging, target)))
        self.conn.execute(insert(self.touched).from_select(["code"], new_or_changed))
        add_contributions(self.conn, self._only(), -1)

    def after_merge(self) -> None:
        """Write the in-memory rollup, or add the new contributions of the touched dossiers."""
        if self.in_memory:
            rows = self.sums.result()  # an error while summing is raised here, in the import's transaction
            self.sums = None
            write_rollup(self.conn, rows)
            return
        add_contributions(self.conn, self._only(), 1)
        self.touched.drop(self.conn)

    def _only(self):
        return dossiers.c.code.in_(select(self.touched.c.code))

    def close(self) -> None:
        """Stop summing (a refused import, or one into existing data)."""
        if self.sums is not None:
            self.sums.close()
            self.sums = None
