"""Matching the territorial unit of an export row to the unit valid on the dossier's received date (DOMAIN §8).

A row may name an old district, an old commune (with its district to tell apart communes of the same name), a new
commune, or give the GSO code (`Mã ĐVHC`). Names are matched without their prefix ("Huyện", "Xã" …), accent- and
case-insensitively. When one bare name belongs to units of both levels ("Diên Khánh": the district and its town),
the level is chosen by, in order: a written prefix ("Thị trấn Diên Khánh"); the column the name was found in
(`Huyện` → districts, `Xã/phường` → communes, `Địa bàn` → districts before 1/7/2025 and communes from then on, or
communes when the row also names its district). Only a name that stays ambiguous within one level is a row error.
Each such choice is returned as a Decision, so that the import can report it.
"""

import difflib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, select

from data_access.importing.values import vn_date
from data_access.reference.territory import level_of_kind
from data_access.store.schema import units
from metrics.territory import LEVEL_COMMUNE, LEVEL_DISTRICT, REFORM_DAY
from metrics.text import fold_key, normalize_text, unit_key
from texts import messages as M

_PREFIXES = (  # (prefix as written, folded; the level it states; the kind's full prefix)
    *((p, LEVEL_DISTRICT, p) for p in ("thanh pho ", "thi xa ", "huyen ", "quan ")),
    ("tp. ", LEVEL_DISTRICT, "thanh pho "), ("tp ", LEVEL_DISTRICT, "thanh pho "), ("tx. ", LEVEL_DISTRICT, "thi xa "),
    ("tx ", LEVEL_DISTRICT, "thi xa "), ("h. ", LEVEL_DISTRICT, "huyen "),
    *((p, LEVEL_COMMUNE, p) for p in ("xa ", "phuong ", "thi tran ", "dac khu ")),
    ("tt. ", LEVEL_COMMUNE, "thi tran "), ("tt ", LEVEL_COMMUNE, "thi tran "))


def _prefix(name: str) -> tuple[str, str] | None:
    """Return (level, kind prefix) of a name's written prefix ('TT. Diên Khánh' → ('Xã', 'thi tran ')), or None."""
    key = fold_key(name)
    for prefix, level, kind in _PREFIXES:
        if key.startswith(prefix):
            return level, kind
    return None


COLUMN_UNIT, COLUMN_DISTRICT, COLUMN_COMMUNE = "unit", "district", "commune"  # canonical keys of the columns


def column_level(column: str, day: date, within: str | None = None) -> str | None:
    """Return the level a bare name under `column` is read at on `day` (None: no preference)."""
    if column == COLUMN_DISTRICT:
        return LEVEL_DISTRICT
    if column == COLUMN_COMMUNE or (column == COLUMN_UNIT and within):
        return LEVEL_COMMUNE
    if column == COLUMN_UNIT:
        return LEVEL_DISTRICT if day < REFORM_DAY else LEVEL_COMMUNE
    return None


@dataclass(frozen=True)
class Decision:
    """A bare name that several levels share, read at one level because of the column it was found in."""

    name: str  # as written in the file
    column: str  # canonical key of the column: unit, district or commune
    unit: str  # the full name of the unit it was read as


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

    def match(self, day: date, name: str | None, district: str | None = None, code: str | None = None,
              column: str = COLUMN_UNIT) -> tuple[int | None, Decision | None]:
        """Return (the id of the unit valid on `day`, the Decision when the column chose its level), (None, None)
        when the row names no unit, or raise ValueError. `name` was found in `column`; `district` under `Huyện`
        (or `Địa bàn` beside a `Xã/phường`)."""
        code = normalize_text(code)
        if code:
            found = [u for u in self.by_code.get(code, []) if u.valid_on(day)]
            if len(found) == 1:
                return found[0].id, None
            if not name and not district:
                raise ValueError(M.NO_UNIT_CODE_ON.format(code=code, date=vn_date(day)))
        if not name:
            return self._one(day, district, None, COLUMN_DISTRICT) if district else (None, None)
        return self._one(day, name, district, column)

    def _one(self, day: date, name: str, district: str | None, column: str) -> tuple[int, Decision | None]:
        candidates = self.by_key.get(unit_key(name), [])
        valid = [u for u in candidates if u.valid_on(day)]
        decided = False
        level, kind = _prefix(name) or (None, None)
        if level and any(u.level == level for u in valid):
            valid = [u for u in valid if u.level == level]
            if len(valid) > 1:  # "Phường Phước Hòa" and "Xã Phước Hòa": the kind written tells them apart too
                valid = [u for u in valid if fold_key(u.name).startswith(kind)] or valid
        elif len({u.level for u in valid}) > 1:
            level = column_level(column, day, district)
            if any(u.level == level for u in valid):
                valid, decided = [u for u in valid if u.level == level], True
        if len(valid) > 1 and district:
            valid = [u for u in valid if u.parent_key == unit_key(district)] or valid
        if len(valid) == 1:
            return valid[0].id, Decision(name, column, valid[0].name) if decided else None
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
