"""Rows of the reorganisation files the province keeps (DOMAIN §8): unit lineage, agencies, agency lineage."""

from datetime import timedelta

from data_access.importing.headers import HeaderMatch
from data_access.importing.other_kinds import KindRows
from data_access.importing.report import ImportReport
from data_access.importing.resolve import Resolver
from data_access.importing.rows import Cached, Chunk
from data_access.importing.staging import Target
from data_access.importing.values import vn_date
from data_access.reference.territory import UnitFinder, agency_record, parse_merge
from data_access.store.schema import agencies, agency_lineage, unit_lineage
from metrics.text import normalize_text
from texts import messages as M


class UnitLineageRows(KindRows):
    """Old unit → new unit, whole or part, from a date; an old commune not yet known is created (with its district)."""

    target = Target(unit_lineage, keys=("old_unit_id", "new_unit_id"), values=("effective", "merge"))
    key_column = "old_code"
    key_header = "old_code"

    def __init__(self, header: HeaderMatch, resolver: Resolver, report: ImportReport) -> None:
        super().__init__(header, resolver, report)
        self.finder = UnitFinder(resolver.conn)
        self.merge = Cached(parse_merge, required=True)

    def parse(self, chunk: Chunk) -> list[dict]:
        """Return lineage records of the chunk's valid rows."""
        col = {k: chunk.parse(k, self.required) for k in ("old_code", "old_name", "new_code")}
        col.update({k: chunk.parse(k, self.text) for k in ("old_district_code", "old_province")})
        col["effective"] = chunk.parse("effective", self.required_date)
        col["merge"] = chunk.parse("merge", self.merge)
        records = []
        for i in range(len(chunk)):
            effective = col["effective"][i]
            if i in chunk.problems or effective is None:
                continue
            new_id = self.finder.by_code(col["new_code"][i], effective)
            if new_id is None:
                chunk.fail(i, "new_code", M.NO_UNIT_WITH_CODE.format(
                    date=vn_date(effective)))
                continue
            before = effective - timedelta(days=1)
            if col["old_district_code"][i] and self.finder.by_code(col["old_district_code"][i], before) is None:
                chunk.fail(i, "old_district_code", M.NO_DISTRICT_WITH_CODE.format(date=vn_date(before)))
                continue
            old_id = self.finder.old_commune(col["old_code"][i], col["old_name"][i], col["old_district_code"][i],
                                             normalize_text(col["old_province"][i]), effective)
            records.append({"old_unit_id": old_id, "new_unit_id": new_id, "effective": effective,
                            "merge": col["merge"][i], "row_no": chunk.numbers[i]})
        return records


class AgencyRows(KindRows):
    """Agencies with their kind, level and validity, identified by name."""

    target = Target(agencies, keys=("name_key",), values=("name", "kind", "level", "valid_from", "valid_to"))
    key_column = "name"
    key_header = "name"

    def parse(self, chunk: Chunk) -> list[dict]:
        """Return agency records of the chunk's valid rows."""
        col = {"name": chunk.parse("name", self.required)}
        col.update({k: chunk.parse(k, self.text) for k in ("kind", "level")})
        col.update({k: chunk.parse(k, self.date) for k in ("valid_from", "valid_to")})
        for i, (start, end) in enumerate(zip(col["valid_from"], col["valid_to"], strict=True)):
            if start and end and end < start:
                chunk.fail(i, "valid_to", M.BEFORE_EFFECTIVE_ON.format(date=vn_date(start)))
        return [{**agency_record(col["name"][i], col["kind"][i], col["level"][i], col["valid_from"][i],
                                 col["valid_to"][i]), "row_no": chunk.numbers[i]} for i in chunk.good()]


class AgencyLineageRows(KindRows):
    """Old agency → its successor from a date (a merged department succeeds its predecessors)."""

    target = Target(agency_lineage, keys=("old_agency_id", "new_agency_id"), values=("effective",))
    key_column = "old_agency"
    key_header = "old_agency"

    def parse(self, chunk: Chunk) -> list[dict]:
        """Return agency lineage records of the chunk's valid rows (agencies not yet known are created)."""
        col = {k: chunk.parse(k, self.required) for k in ("old_agency", "new_agency")}
        col["effective"] = chunk.parse("effective", self.required_date)
        for i, (old, new) in enumerate(zip(col["old_agency"], col["new_agency"], strict=True)):
            if old and new and self.resolver.agency(old) == self.resolver.agency(new):
                chunk.fail(i, "new_agency", M.SUCCESSOR_IS_ITSELF)
        return [{"old_agency_id": self.resolver.agency(col["old_agency"][i]),
                 "new_agency_id": self.resolver.agency(col["new_agency"][i]), "effective": col["effective"][i],
                 "row_no": chunk.numbers[i]} for i in chunk.good()]
