"""Turning names from an export into ids: agencies, fields and procedures are created when new; units are matched."""

from sqlalchemy import Connection

from data_access.importing.unit_match import COLUMN_UNIT, Decision, UnitMatcher
from data_access.reference.lookup import get_or_create_agency, get_or_create_field, get_or_create_procedure


class Resolver:
    """Caches name → id for one import; territorial units are matched, never created."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.fields: dict[str, int] = {}
        self.agencies: dict[str, int] = {}
        self.procedures: dict[str, int] = {}
        self.matcher: UnitMatcher | None = None
        self._raw: dict[tuple, int] = {}  # (kind, name as written, …) → id: skips folding for repeated names

    def field(self, name: str) -> int:
        """Return the id of a field, creating it when new."""
        raw = ("field", name)
        if raw not in self._raw:
            self._raw[raw] = get_or_create_field(self.conn, name, cache=self.fields)
        return self._raw[raw]

    def agency(self, name: str, level: str | None = None) -> int:
        """Return the id of an agency, creating it (with the row's level) when new."""
        raw = ("agency", name)
        if raw not in self._raw:
            self._raw[raw] = get_or_create_agency(self.conn, name, level=level, cache=self.agencies)
        return self._raw[raw]

    def procedure(self, name: str, field_id: int | None, code: str | None) -> int:
        """Return the id of a procedure, creating it when new."""
        raw = ("procedure", name)
        if raw not in self._raw:
            self._raw[raw] = get_or_create_procedure(self.conn, name, field_id, code, cache=self.procedures)
        return self._raw[raw]

    def unit_on(self, day, name: str | None, district: str | None = None, code: str | None = None,
                column: str = COLUMN_UNIT) -> tuple[int | None, Decision | None]:
        """Return (the id of the unit valid on `day` named by a row, the level Decision if any) (see unit_match), or
        raise ValueError."""
        if self.matcher is None:
            self.matcher = UnitMatcher.from_database(self.conn)
        return self.matcher.match(day, name, district, code, column)
