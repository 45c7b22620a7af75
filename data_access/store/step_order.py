"""Each step's place among its dossier's steps, stored with the step (issue #14): the stage analysis needs, for every
passage, its place in the dossier (for the process order) and whether it is the dossier's first passage at that step
and at that step with that agency (for distinct dossiers). Counting them with window functions at every read took
2,8 s of the month's 4,3 s at 3 M dossiers on SQLite; they are numbered once when steps are written instead.

Steps are ordered by start date, then as recorded (`id`). The steps started by any as-of date are a prefix of that
order, so the numbers hold for every period. Whenever a dossier gains or changes a step, all its steps are numbered
again (`number_steps` with the codes written).
"""

from sqlalchemy import Connection, Select, case, func, select, update

from data_access.store.schema import dossier_steps

s = dossier_steps.c


def _numbered(codes: Select | None):
    """Return the subquery (id, place, at_step, at_agency) of the steps of `codes` (every step when None)."""
    order = (s.started_on, s.id)
    found = select(s.id.label("id"),
                   func.row_number().over(partition_by=s.dossier_code, order_by=order).label("place"),
                   func.row_number().over(partition_by=(s.dossier_code, s.step), order_by=order).label("at_step"),
                   func.row_number().over(partition_by=(s.dossier_code, s.step, s.agency_id),
                                          order_by=order).label("at_agency"))
    if codes is not None:
        found = found.where(s.dossier_code.in_(codes))
    return found.subquery("numbered")


def build_number_steps(codes: Select | None = None):
    """Return the UPDATE that numbers the steps of the dossiers `codes` selects (every dossier when None)."""
    numbered = _numbered(codes)
    return (update(dossier_steps).where(s.id == numbered.c.id)
            .values(place=numbered.c.place, first_at_step=case((numbered.c.at_step == 1, True), else_=False),
                    first_at_agency=case((numbered.c.at_agency == 1, True), else_=False)))


def number_steps(conn: Connection, codes: Select | None = None) -> int:
    """Number the steps of the dossiers `codes` selects (every dossier when None: a schema upgrade or a demo build);
    return the steps numbered. Millions of steps take minutes (≈ 30,000 a second on PostgreSQL), so PostgreSQL's
    statement timeout, meant for viewers' reads and for waiting on another import, is lifted for the rest of this
    writing transaction."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
    return conn.execute(build_number_steps(codes)).rowcount


def steps_unnumbered(conn: Connection) -> bool:
    """Return True when a stored step has no place yet (after the migration that added the columns)."""
    return conn.execute(select(s.id).where(s.place.is_(None)).limit(1)).first() is not None
