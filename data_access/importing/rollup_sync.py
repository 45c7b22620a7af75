"""Keeps the dossier rollups in step with a dossier import, inside the import's transaction.

Into an empty dossiers table every staged row is inserted, so the rollup is summed in memory from the parsed
chunks (no second pass over the data). Into existing data, only the dossiers that the merge inserts or
changes are touched: their old contributions are taken out before the merge and their new ones added after.
"""

from sqlalchemy import Column, Connection, MetaData, String, Table, insert, or_, select

from data_access.importing.staging import Target, differs, same_key
from data_access.rollup import RollupAccumulator, add_contributions, write_rollup
from data_access.schema import dossiers


class RollupSync:
    """Collects parsed chunks, then updates the rollups around the merge."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.accumulator = RollupAccumulator()
        self.touched: Table | None = None
        self.in_memory = False

    def add(self, records: dict[str, list]) -> None:
        """Count the events of a parsed chunk (used when the table was empty)."""
        self.accumulator.add(records)

    def before_merge(self, staging: Table, target: Target, rows_dropped: bool) -> None:
        """Decide the path and, for existing data, take out the contributions of the dossiers about to change."""
        empty = self.conn.execute(select(dossiers.c.id).limit(1)).first() is None
        self.in_memory = empty and not rows_dropped
        if self.in_memory:
            return
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
            write_rollup(self.conn, self.accumulator.total())
            return
        add_contributions(self.conn, self._only(), 1)
        self.touched.drop(self.conn)

    def _only(self):
        return dossiers.c.code.in_(select(self.touched.c.code))
