"""Dossier rows (DOMAIN §6) → records of the dossiers table, with the strict validation of issue #3."""

from collections import Counter

from data_access.importing.headers import HeaderMatch
from data_access.importing.report import ImportReport
from data_access.importing.resolve import Resolver
from data_access.importing.rows import Cached, Chunk
from data_access.importing.staging import Target
from data_access.importing.unit_match import COLUMN_COMMUNE, COLUMN_UNIT, Decision
from data_access.importing.values import (
    cell_text,
    parse_bool,
    parse_channel,
    parse_date,
    parse_level,
    vn_date,
)
from data_access.importing.window import DateWindow
from data_access.store.schema import dossiers
from metrics.dossiers import is_ended_status, is_supplement_status
from texts import messages as M

TARGET = Target(dossiers, keys=("code",), values=(
    "procedure_id", "field_id", "agency_id", "level", "unit_id", "received_on", "due_on", "result_on", "status",
    "ended", "waiting_supplement", "channel", "synced", "apology", "digitised", "current_agency_id"),
    sources={"procedure_id": ("procedure", "procedure_code"), "unit_id": ("unit", "district", "commune", "unit_code"),
             "ended": ("status",), "waiting_supplement": ("status",)})


class DossierRows:
    """Parses chunks of dossier rows; names become ids (new agencies, fields, procedures, units created)."""

    target = TARGET
    key_column = "code"
    window: DateWindow | None = None  # the dates the import accepts (set by the runner)

    def __init__(self, header: HeaderMatch, resolver: Resolver, report: ImportReport) -> None:
        self.header = header
        self.resolver = resolver
        self.report = report
        self.code = Cached(cell_text, required=True, cache=False)
        self.required_text = {k: Cached(cell_text, required=True) for k in ("field", "agency")}
        self.text = {k: Cached(cell_text) for k in ("status", "procedure", "procedure_code", "unit", "district",
                                                    "commune", "unit_code", "current_agency")}
        self.required_date = {k: Cached(parse_date, required=True) for k in ("received_on", "due_on")}
        self.result_date = Cached(parse_date)
        self.bools = {k: Cached(parse_bool) for k in ("synced", "apology", "digitised")}
        self.channel = Cached(parse_channel)
        self.level = Cached(parse_level)
        self.ended = Cached(is_ended_status)
        self.supplement = Cached(is_supplement_status)
        self.unit_cache: dict[tuple, tuple[int | None, Decision | None] | ValueError] = {}

    def parse(self, chunk: Chunk) -> dict[str, list]:
        """Return the chunk's valid rows as column lists (problems of the others are in chunk.problems)."""
        col = {"code": chunk.parse("code", self.code)}
        for key, parser in {**self.required_text, **self.text, **self.required_date, **self.bools}.items():
            col[key] = chunk.parse(key, parser)
        col["result_on"] = chunk.parse("result_on", self.result_date)
        col["channel"] = chunk.parse("channel", self.channel)
        col["level"] = chunk.parse("level", self.level)
        ended = [bool(value) for value in self.ended.many(col["status"])[0]]
        supplement = [bool(value) for value in self.supplement.many(col["status"])[0]]
        received, due, result = col["received_on"], col["due_on"], col["result_on"]
        for i in range(len(chunk)):
            if ended[i] and result[i] is None and not chunk.failed(i, "result_on"):
                chunk.fail(i, "result_on", M.ENDED_WITHOUT_RESULT_NEEDS_DATE.format(
                    status=col['status'][i]))
            if received[i] and due[i] and due[i] < received[i]:
                chunk.fail(i, "due_on", M.DUE_BEFORE_RECEIVED.format(received=vn_date(received[i])))
            if received[i] and result[i] and result[i] < received[i]:
                chunk.fail(i, "result_on", M.RESULT_BEFORE_RECEIVED.format(received=vn_date(received[i])))
        if self.window is not None:
            self.window.check(chunk, {"received_on": received, "result_on": result}, {"due_on": due})
        col["unit_id"] = self._units(chunk, col)
        good = chunk.good()
        if not good:
            return {}
        return self._records(chunk, col, ended, supplement, good)

    def _units(self, chunk: Chunk, col: dict[str, list]) -> list[int | None]:
        """Return the unit valid on each row's received date; unknown or ambiguous units are row problems."""
        blame = next((k for k in ("unit", "commune", "district", "unit_code") if k in self.header.index), "unit")
        present = [k for k in ("unit", "district", "commune", "unit_code") if k in self.header.index]
        rows = list(zip(col["received_on"], *(col[k] for k in present), strict=True))  # the file's columns only
        failing, decided = set(), {}
        for row, times in Counter(rows).items():  # each distinct (day, names, code) once
            if row not in self.unit_cache:
                names = dict(zip(present, row[1:], strict=True))
                self.unit_cache[row] = self._unit(row[0], *(names.get(k) for k in ("unit", "district", "commune",
                                                                                    "unit_code")))
            answer = self.unit_cache[row]
            if isinstance(answer, ValueError):  # the unit is unknown or ambiguous
                failing.add(row)
            elif answer[1] is not None:  # a bare name read at the level of its column
                decided[answer[1]] = decided.get(answer[1], 0) + times
        for decision, times in decided.items():
            self.report.decide(self.header.headers.get(decision.column, decision.column), decision.name,
                               decision.unit, times)
        found = [None if row in failing else self.unit_cache[row][0] for row in rows]
        for i, row in enumerate(rows) if failing else ():
            if row in failing:
                chunk.fail(i, blame, str(self.unit_cache[row]))
        return found

    def _unit(self, day, unit, district, commune, code) -> tuple[int | None, Decision | None] | ValueError:
        """Return the unit of one row's names on its day and the level Decision if any ((None, None) when it names
        none), or the ValueError saying why."""
        if day is None or not (unit or district or commune or code):
            return None, None
        if commune:
            name, within, column = commune, district or unit, COLUMN_COMMUNE
        else:
            name, within, column = unit, district, COLUMN_UNIT
        try:
            return self.resolver.unit_on(day, name, within, code, column)
        except ValueError as exc:
            return exc

    def _ids(self, names: list, resolve) -> dict:
        return {name: resolve(name) for name in dict.fromkeys(names) if name}

    def _records(self, chunk: Chunk, col: dict[str, list], ended: list[bool], supplement: list[bool],
                 good: list[int]) -> dict[str, list]:
        resolver = self.resolver
        pick = (lambda values: [values[i] for i in good]) if len(good) < len(chunk) else list
        field = pick(col["field"])
        field_ids = self._ids(field, resolver.field)
        levels = pick(col["level"])
        agency = pick(col["agency"])
        agency_level = dict(zip(agency, levels, strict=True))
        agency_ids = {name: resolver.agency(name, agency_level[name]) for name in dict.fromkeys(agency)}
        current = pick(col["current_agency"])
        current_ids = self._ids(current, resolver.agency)
        names = [p or c for p, c in zip(pick(col["procedure"]), pick(col["procedure_code"]), strict=True)]
        codes = pick(col["procedure_code"])
        procedure_ids = {}
        for name, code, field_name in zip(names, codes, field, strict=True):
            if name and name not in procedure_ids:
                procedure_ids[name] = resolver.procedure(name, field_ids[field_name], code)
        results = pick(col["result_on"])
        columns = {
            "code": pick(col["code"]),
            "procedure_id": [procedure_ids.get(n) for n in names],
            "field_id": [field_ids[f] for f in field],
            "agency_id": [agency_ids[a] for a in agency],
            "level": levels,
            "unit_id": pick(col["unit_id"]),
            "received_on": pick(col["received_on"]),
            "due_on": pick(col["due_on"]),
            "result_on": results,
            "status": pick(col["status"]),
            "ended": pick(ended),
            "waiting_supplement": [r is None and s for r, s in zip(results, pick(supplement), strict=True)],
            "channel": pick(col["channel"]),
            "synced": pick(col["synced"]),
            "apology": pick(col["apology"]),
            "digitised": pick(col["digitised"]),
            "current_agency_id": [current_ids.get(c) for c in current],
            "row_no": pick(chunk.numbers),
        }
        return columns
