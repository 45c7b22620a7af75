"""Turning names from an export into ids, creating agencies, fields, procedures and units not seen before."""

from sqlalchemy import Connection, insert, select

from data_access.reference import get_or_create_agency, get_or_create_field, get_or_create_procedure
from data_access.schema import units
from metrics.text import normalize_text, unit_key, unit_short_name


class Resolver:
    """Caches name → id for one import; reports units it had to create."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.fields: dict[str, int] = {}
        self.agencies: dict[str, int] = {}
        self.procedures: dict[str, int] = {}
        self.units = dict(conn.execute(select(units.c.name_key, units.c.id)).all())
        self.new_units: list[str] = []
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

    def unit(self, name: str) -> int:
        """Return the id of a territorial unit matched by name without its prefix; create it when unknown."""
        raw = ("unit", name)
        if raw in self._raw:
            return self._raw[raw]
        key = unit_key(name)
        found = self.units.get(key)
        if found is None:
            text = normalize_text(name) or name
            found = self.conn.execute(insert(units).values(
                name=text, short_name=unit_short_name(text), name_key=key)).inserted_primary_key[0]
            self.units[key] = found
            self.new_units.append(text)
        self._raw[raw] = found
        return found

    def known_unit(self, name: str) -> bool:
        """Return True when a unit name matches a configured unit (or one created earlier in this import)."""
        return ("unit", name) in self._raw or unit_key(name) in self.units
