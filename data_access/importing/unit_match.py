"""Matching the territorial unit of an export row to the unit valid on the dossier's received date (DOMAIN §8).

A row may name an old district, an old commune (with its district to tell apart communes of the same name), a new
commune, or give the GSO code (`Mã ĐVHC`). Names are matched without their prefix ("Huyện", "Xã" …), accent- and
case-insensitively; a prefix, when written, also selects the level.
"""

import difflib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, select

from data_access.importing.values import vn_date
from data_access.schema import units
from data_access.territory import level_of_kind
from metrics.territory import LEVEL_COMMUNE, LEVEL_DISTRICT
from metrics.text import fold_key, normalize_text, unit_key
from texts import messages as M

_PREFIX_LEVEL = tuple((prefix, LEVEL_DISTRICT) for prefix in (
    "thanh pho ", "thi xa ", "huyen ", "quan ", "tp. ", "tp ", "tx. ", "tx ", "h. ")) + tuple(
    (prefix, LEVEL_COMMUNE) for prefix in ("xa ", "phuong ", "thi tran ", "dac khu "))


def written_level(name: str) -> str | None:
    """Return the level a name's prefix states ('Huyện Cam Lâm' → 'Huyện'), or None without a prefix."""
    key = fold_key(name)
    for prefix, level in _PREFIX_LEVEL:
        if key.startswith(prefix):
            return level
    return None


@dataclass(frozen=True)
class KnownUnit:
    """A unit as the matcher sees it."""

    id: int
    code: str | None
    name: str
    key: str
    level: str | None
    parent_key: str | None
    valid_from: date | None
    valid_to: date | None

    def valid_on(self, day: date) -> bool:
        """Return True when the unit existed on `day`."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class UnitMatcher:
    """Finds the unit of (code, name, district) on a date; raises ValueError with a Vietnamese reason."""

    def __init__(self, known: list[KnownUnit]) -> None:
        self.by_key: dict[str, list[KnownUnit]] = defaultdict(list)
        self.by_code: dict[str, list[KnownUnit]] = defaultdict(list)
        for unit in known:
            self.by_key[unit.key].append(unit)
            if unit.code:
                self.by_code[unit.code].append(unit)
        self.known = known

    @classmethod
    def from_database(cls, conn: Connection) -> "UnitMatcher":
        """Return a matcher over every unit of the database."""
        parent = units.alias("parent")
        query = select(units.c.id, units.c.code, units.c.name, units.c.name_key, units.c.level, units.c.kind,
                       parent.c.name_key, units.c.valid_from, units.c.valid_to).select_from(
            units.outerjoin(parent, parent.c.id == units.c.parent_id))
        return cls([KnownUnit(r[0], r[1], r[2], r[3], r[4] or level_of_kind(r[5]), r[6], r[7], r[8])
                    for r in conn.execute(query).all()])

    def match(self, day: date, name: str | None, district: str | None = None, code: str | None = None) -> int | None:
        """Return the id of the unit valid on `day`, None when the row names no unit, or raise ValueError."""
        code = normalize_text(code)
        if code:
            found = [u for u in self.by_code.get(code, []) if u.valid_on(day)]
            if len(found) == 1:
                return found[0].id
            if not name and not district:
                raise ValueError(M.NO_UNIT_CODE_ON.format(code=code, date=vn_date(day)))
        if not name:
            return self._one(day, district, None) if district else None
        return self._one(day, name, district)

    def _one(self, day: date, name: str, district: str | None) -> int:
        candidates = self.by_key.get(unit_key(name), [])
        valid = [u for u in candidates if u.valid_on(day)]
        level = written_level(name)
        if level and any(u.level == level for u in valid):
            valid = [u for u in valid if u.level == level]
        if len(valid) > 1 and district:
            valid = [u for u in valid if u.parent_key == unit_key(district)] or valid
        if len(valid) == 1:
            return valid[0].id
        if len(valid) > 1:
            raise ValueError(M.UNIT_NAME_AMBIGUOUS.format(n=len(valid), name=name, date=vn_date(day)))
        raise ValueError(self._unknown(day, name, candidates))

    def _unknown(self, day: date, name: str, same_name: list[KnownUnit]) -> str:
        if same_name:
            spans = "; ".join(f"{u.name} ({_span(u)})" for u in same_name)
            return M.UNIT_NOT_IN_FORCE.format(name=name, date=vn_date(day), spans=spans)
        names = {u.key: u.name for u in self.known if u.valid_on(day)}
        close = difflib.get_close_matches(unit_key(name), list(names), n=3, cutoff=0.6)
        hint = M.UNIT_NEAREST.format(names=", ".join(names[k] for k in close)) if close else ""
        return M.UNIT_UNKNOWN.format(name=name, date=vn_date(day), hint=hint)


def _span(unit: KnownUnit) -> str:
    if unit.valid_to is not None:
        return M.UNIT_UNTIL.format(date=vn_date(unit.valid_to))
    return M.UNIT_FROM.format(date=vn_date(unit.valid_from)) if unit.valid_from else M.UNIT_NO_DATES
