"""Accounts across a replacement of the reference data (DOMAIN §8, issue #30): when the demo goes (first real import)
or the demo replaces real data, agencies and units are deleted and seeded again with new ids. The demo's own accounts
go with the demo; every other account keeps its scope, pointed again at the agency of the same name or the unit of
the same code and start, in the same transaction. An account whose scope no longer exists is disabled (a department
or commune account without its scope would otherwise see the whole province)."""

from dataclasses import dataclass

from sqlalchemy import Connection, delete, select, update

from data_access.accounts.audit import record
from data_access.store.schema import accounts, agencies, units, web_sessions


@dataclass(frozen=True)
class KeptScope:
    """An account's scope by name, while the rows it pointed at are replaced."""

    account_id: int
    username: str
    agency_key: str | None  # agencies.name_key
    unit_ident: str | None  # units.ident (code or name key | start)


def remove_demo_accounts(conn: Connection) -> int:
    """Delete the demo's accounts (their passwords were printed for the demo only) and the sign-ins their browsers
    kept; return how many accounts."""
    demo = select(accounts.c.id).where(accounts.c.is_demo.is_(True))
    conn.execute(delete(web_sessions).where(web_sessions.c.account_id.in_(demo)))
    return conn.execute(delete(accounts).where(accounts.c.is_demo.is_(True))).rowcount


def detach_scopes(conn: Connection) -> list[KeptScope]:
    """Return the scope of every account that has one, by name, and clear it (before agencies or units go)."""
    query = (select(accounts.c.id, accounts.c.username, agencies.c.name_key, units.c.ident)
             .select_from(accounts.outerjoin(agencies, agencies.c.id == accounts.c.agency_id)
                          .outerjoin(units, units.c.id == accounts.c.unit_id))
             .where((accounts.c.agency_id.is_not(None)) | (accounts.c.unit_id.is_not(None))))
    kept = [KeptScope(int(r[0]), r[1], r[2], r[3]) for r in conn.execute(query).all()]
    if kept:
        conn.execute(update(accounts).where(accounts.c.id.in_([k.account_id for k in kept]))
                     .values(agency_id=None, unit_id=None))
    return kept


def reattach_scopes(conn: Connection, kept: list[KeptScope]) -> list[str]:
    """Point each kept account at the agency and unit of the same name key and ident; disable (and audit) those
    whose scope is gone; return their usernames."""
    agency_ids = dict(conn.execute(select(agencies.c.name_key, agencies.c.id)).all())
    unit_ids = dict(conn.execute(select(units.c.ident, units.c.id)).all())
    lost = []
    for scope in kept:
        agency_id = agency_ids.get(scope.agency_key) if scope.agency_key else None
        unit_id = unit_ids.get(scope.unit_ident) if scope.unit_ident else None
        gone = (scope.agency_key and agency_id is None) or (scope.unit_ident and unit_id is None)
        values = {"agency_id": agency_id, "unit_id": unit_id}
        if gone:
            values["disabled"] = True
            lost.append(scope.username)
            record(conn, None, "account_disable", scope.username)
        conn.execute(update(accounts).where(accounts.c.id == scope.account_id).values(**values))
    return lost
