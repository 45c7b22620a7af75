"""Staging and merging: rows go to a temporary table in the import's transaction, are checked there, then
merged into the target by key (insert new, update changed, leave identical). Memory stays flat."""

from dataclasses import dataclass, field, replace
from operator import itemgetter

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Index,
    Integer,
    MetaData,
    Table,
    and_,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)


@dataclass(frozen=True)
class Target:
    """Where rows go: the table, the columns that identify a row, and the columns it carries."""

    table: Table
    keys: tuple[str, ...]
    values: tuple[str, ...]
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)  # value column → the file columns feeding it
    fed: tuple[str, ...] | None = None  # the value columns an update may change (None: all)

    @property
    def columns(self) -> tuple[str, ...]:
        """Return keys then values."""
        return self.keys + self.values

    @property
    def updatable(self) -> tuple[str, ...]:
        """Return the value columns an update of a stored row may change."""
        return self.values if self.fed is None else self.fed

    def fed_by(self, file_columns: set[str], contract_keys: set[str]) -> "Target":
        """Return the target whose updates change only the value columns this file feeds, leaving the others as
        stored (a partial export must not blank what it lacks; new rows get every column). A value column is fed
        by its `sources`, else by the contract column of its name (with or without `_id`); one that no contract
        column names is always fed."""
        def fed(value: str) -> bool:
            feeding = self.sources.get(value) or tuple(k for k in (value, value.removesuffix("_id"))
                                                        if k in contract_keys)
            return not feeding or any(k in file_columns for k in feeding)

        return replace(self, fed=tuple(v for v in self.values if fed(v)))


def create_staging(conn: Connection, target: Target) -> Table:
    """Create and return a temporary staging table shaped like the target, plus row_no."""
    meta = MetaData()
    columns = [Column(name, target.table.c[name].type) for name in target.columns]
    staging = Table(f"staging_{target.table.name}", meta, *columns, Column("row_no", Integer, nullable=False),
                    prefixes=["TEMPORARY"])
    staging.drop(conn, checkfirst=True)
    staging.create(conn)
    return staging


def index_staging(conn: Connection, staging: Table, target: Target) -> None:
    """Index the staging keys (after loading, so that loading stays fast)."""
    Index(f"ix_{staging.name}_key", *[staging.c[k] for k in target.keys]).create(conn)


def load(conn: Connection, staging: Table, records: list[dict] | dict[str, list]) -> None:
    """Insert records into a table (the staging table, or a target for bulk loads such as the demo): a list
    of dicts, or a dict of equal-length column lists.

    On SQLite the statement compiled by SQLAlchemy is run through the driver's executemany with every value
    bound, which is several times faster than per-row parameter processing; dates go through the ISO adapter
    registered in data_access.store.engine, the form SQLAlchemy itself stores.
    """
    columnar = isinstance(records, dict)
    if not records or (columnar and not next(iter(records.values()))):
        return
    if conn.dialect.name != "sqlite":
        if columnar:
            keys = list(records)
            records = [dict(zip(keys, values, strict=True)) for values in zip(*records.values(), strict=True)]
        conn.execute(insert(staging), records)
        return
    keys = list(records) if columnar else list(records[0])
    compiled = insert(staging).compile(dialect=conn.dialect, column_keys=keys)
    if columnar:
        columns = []
        for name in compiled.positiontup:
            values = records[name]
            if isinstance(staging.c[name].type, Date):  # each distinct date converted once
                iso = {d: d.isoformat() for d in set(values) if d is not None}
                iso[None] = None
                values = list(map(iso.__getitem__, values))
            columns.append(values)
        rows = list(zip(*columns, strict=True))
    else:
        rows = list(map(itemgetter(*compiled.positiontup), records))
    conn.exec_driver_sql(str(compiled), rows)


def duplicate_rows(conn: Connection, staging: Table, target: Target) -> list[tuple[tuple, list[int]]]:
    """Return (key, row numbers in file order) for every key that appears more than once."""
    keys = [staging.c[k] for k in target.keys]
    repeated = select(*keys).group_by(*keys).having(func.count() > 1).subquery()
    query = (select(*keys, staging.c.row_no)
             .join(repeated, and_(*(staging.c[k] == repeated.c[k] for k in target.keys)))
             .order_by(*keys, staging.c.row_no))
    groups: dict[tuple, list[int]] = {}
    for row in conn.execute(query):
        groups.setdefault(tuple(row[:-1]), []).append(row[-1])
    return list(groups.items())


def drop_rows(conn: Connection, staging: Table, row_numbers: list[int]) -> None:
    """Delete staged rows by row number."""
    for offset in range(0, len(row_numbers), 500):
        conn.execute(delete(staging).where(staging.c.row_no.in_(row_numbers[offset:offset + 500])))


BULK_ROWS = 100_000


def _insert(conn: Connection, table: Table, columns: list[str], rows, count: int) -> None:
    """INSERT … SELECT; for a large load on SQLite, rebuild the secondary indexes afterwards instead of
    updating them row by row (same transaction, so a failure still rolls back everything)."""
    existing = conn.execute(select(func.count()).select_from(table)).scalar_one() if count >= BULK_ROWS else 0
    rebuild = conn.dialect.name == "sqlite" and count >= BULK_ROWS and count >= existing // 4
    indexes = list(table.indexes) if rebuild else []
    for index in indexes:
        index.drop(conn)
    conn.execute(insert(table).from_select(columns, rows))
    for index in indexes:
        index.create(conn)


def same_key(staging: Table, target: Target):
    """Return the join condition of staged rows with the target rows of the same key."""
    return and_(*(target.table.c[k] == staging.c[k] for k in target.keys))


def differs(staging: Table, target: Target):
    """Return the condition: a matched target row has a value different from its staged row."""
    return or_(*(target.table.c[v].is_distinct_from(staging.c[v]) for v in target.updatable))


def merge(conn: Connection, staging: Table, target: Target) -> tuple[int, int, int]:
    """Insert new keys and update changed rows; return (inserted, updated, unchanged)."""
    table = target.table
    columns = list(target.columns)
    rows = select(*[staging.c[c] for c in columns])
    total = conn.execute(select(func.count()).select_from(staging)).scalar_one()
    if conn.execute(select(table.c[target.keys[0]]).limit(1)).first() is None:
        _insert(conn, table, columns, rows, total)  # first load: nothing to compare with
        return total, 0, 0
    key = same_key(staging, target)
    matched = conn.execute(select(func.count()).select_from(staging).join(table, key)).scalar_one()
    updated = 0
    if target.updatable and matched:
        changed = differs(staging, target)
        updated = conn.execute(select(func.count()).select_from(staging).join(table, key)
                               .where(changed)).scalar_one()
        if updated:
            conn.execute(update(table).where(key, changed).values({v: staging.c[v] for v in target.updatable}))
    inserted = total - matched
    if inserted:
        _insert(conn, table, columns, rows.where(~exists().where(key)), inserted)
    return inserted, updated, matched - updated
