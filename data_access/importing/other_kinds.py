"""Rows of the smaller exports: tasks, index results, territorial units and dossier steps."""

from data_access.figures.task_queries import task_key
from data_access.importing.headers import HeaderMatch
from data_access.importing.report import ImportReport
from data_access.importing.resolve import Resolver
from data_access.importing.rows import Cached, Chunk
from data_access.importing.staging import Target
from data_access.importing.values import cell_text, parse_date, parse_number, vn_date
from data_access.importing.window import DateWindow
from data_access.reference.territory import unit_record
from data_access.store.schema import dossier_steps, index_results, tasks, units
from metrics.errors import DomainError
from metrics.indexes import period_start
from metrics.text import fold_key
from texts import messages as M

INDEX_NAMES = {"par index": "PAR INDEX", "par": "PAR INDEX", "chi so cai cach hanh chinh": "PAR INDEX",
               "sipas": "SIPAS", "papi": "PAPI", "pci": "PCI", "766": "766", "bo chi so 766": "766"}


def _check_period(text: object) -> str:
    value = cell_text(text)
    if value is None:
        raise ValueError(M.REQUIRED)
    try:
        period_start(value)
    except DomainError as exc:
        raise ValueError(M.PERIOD_FORMAT) from exc
    return value.upper()


def _positive_int(value: object) -> int | None:
    number = parse_number(value)
    if number is None:
        return None
    if number < 1 or number != int(number):
        raise ValueError(M.POSITIVE_INTEGER)
    return int(number)


class KindRows:
    """Common set-up: the header, the resolver, the report and cached parsers."""

    window: DateWindow | None = None  # the dates the import accepts (set by the runner)

    def __init__(self, header: HeaderMatch, resolver: Resolver, report: ImportReport) -> None:
        self.header = header
        self.resolver = resolver
        self.report = report
        self.text = Cached(cell_text)
        self.required = Cached(cell_text, required=True)
        self.date = Cached(parse_date)
        self.required_date = Cached(parse_date, required=True)
        self.number = Cached(parse_number)
        self.positive = Cached(_positive_int)

    def before(self, chunk: Chunk, earlier_key: str, earlier: list, later_key: str, later: list, reason: str) -> None:
        """Flag rows whose `later` date is before their `earlier` date."""
        for i, (first, second) in enumerate(zip(earlier, later, strict=True)):
            if first and second and second < first:
                chunk.fail(i, later_key, f"{reason} ({vn_date(first)})")


class TaskRows(KindRows):
    """Task register rows, identified by document, date, content and lead agency."""

    target = Target(tasks, keys=("task_key",), values=(
        "doc_number", "doc_date", "issuer", "content", "lead_agency_id", "coordinating", "leader", "deadline",
        "completed_on", "progress_note"))
    key_column = "doc_number"

    def parse(self, chunk: Chunk) -> list[dict]:
        """Return task records of the chunk's valid rows."""
        col = {k: chunk.parse(k, self.required) for k in ("doc_number", "content", "lead_agency")}
        col["doc_date"] = chunk.parse("doc_date", self.required_date)
        col.update({k: chunk.parse(k, self.date) for k in ("deadline", "completed_on")})
        col.update({k: chunk.parse(k, self.text) for k in ("issuer", "coordinating", "leader", "progress_note")})
        self.before(chunk, "doc_date", col["doc_date"], "deadline", col["deadline"], M.DEADLINE_BEFORE_DOCUMENT)
        self.before(chunk, "doc_date", col["doc_date"], "completed_on", col["completed_on"],
                    M.COMPLETED_BEFORE_DOCUMENT)
        if self.window is not None:
            self.window.check(chunk, {"doc_date": col["doc_date"], "completed_on": col["completed_on"]},
                              {"deadline": col["deadline"]})
        records = []
        for i in chunk.good():
            row = {k: values[i] for k, values in col.items() if k != "lead_agency"}
            row["task_key"] = task_key(row["doc_number"], row["doc_date"], row["content"], col["lead_agency"][i])
            row["lead_agency_id"] = self.resolver.agency(col["lead_agency"][i])
            row["row_no"] = chunk.numbers[i]
            records.append(row)
        return records


class IndexRows(KindRows):
    """Index results (PAR INDEX, SIPAS, PAPI, PCI, 766), identified by index, period, province, component."""

    target = Target(index_results, keys=("index_name", "period", "province", "component"),
                    values=("score", "rank", "n_ranked", "max_points", "source", "note", "is_demo"))
    key_column = "index_name"

    def parse(self, chunk: Chunk) -> list[dict]:
        """Return index result records of the chunk's valid rows."""
        col = {k: chunk.parse(k, self.required) for k in ("index_name", "province")}
        col["period"] = chunk.parse("period", Cached(_check_period))
        col.update({k: chunk.parse(k, self.number) for k in ("score", "max_points")})
        col.update({k: chunk.parse(k, self.positive) for k in ("rank", "n_ranked")})
        col.update({k: chunk.parse(k, self.text) for k in ("component", "source", "note")})
        for i, (rank, n_ranked) in enumerate(zip(col["rank"], col["n_ranked"], strict=True)):
            if rank and n_ranked and rank > n_ranked:
                chunk.fail(i, "rank", M.RANK_ABOVE_RANKED.format(n=n_ranked))
        records = []
        for i in chunk.good():
            row = {k: values[i] for k, values in col.items()}
            row["index_name"] = INDEX_NAMES.get(fold_key(row["index_name"]), row["index_name"])
            row["component"] = row["component"] or ""
            row.update(is_demo=False, row_no=chunk.numbers[i])
            records.append(row)
        return records


class UnitRows(KindRows):
    """Territorial units, identified by code (or name) and the day they began (codes are reused)."""

    target = Target(units, keys=("ident",), values=("code", "name", "short_name", "name_key", "kind", "level",
                                                    "province", "latitude", "longitude", "valid_from", "valid_to"))
    key_column = "name"
    key_header = "code"
    key_shown = ("code", "name")  # the ident (code or name key | start) is internal

    def parse(self, chunk: Chunk) -> list[dict]:
        """Return unit records of the chunk's valid rows."""
        col = {"name": chunk.parse("name", self.required)}
        col.update({k: chunk.parse(k, self.text) for k in ("code", "kind", "province")})
        col.update({k: chunk.parse(k, self.number) for k in ("latitude", "longitude")})
        col.update({k: chunk.parse(k, self.date) for k in ("valid_from", "valid_to")})
        for i, (lat, lon) in enumerate(zip(col["latitude"], col["longitude"], strict=True)):
            if lat is not None and not -90 <= lat <= 90:
                chunk.fail(i, "latitude", M.LATITUDE_RANGE)
            if lon is not None and not -180 <= lon <= 180:
                chunk.fail(i, "longitude", M.LONGITUDE_RANGE)
        self.before(chunk, "valid_from", col["valid_from"], "valid_to", col["valid_to"], M.BEFORE_EFFECTIVE)
        records = []
        for i in chunk.good():
            row = {k: values[i] for k, values in col.items()}
            record = unit_record(row["name"], row["code"], row["kind"], row["latitude"], row["longitude"],
                                 row["valid_from"], row["valid_to"], row["province"])
            del record["parent_id"]
            records.append({**record, "row_no": chunk.numbers[i]})
        return records


class StepRows(KindRows):
    """Dossier processing steps, identified by dossier code, step and start date."""

    target = Target(dossier_steps, keys=("dossier_code", "step", "started_on"),
                    values=("agency_id", "ended_on", "due_on"))
    key_column = "code"

    def parse(self, chunk: Chunk) -> list[dict]:
        """Return step records of the chunk's valid rows."""
        col = {k: chunk.parse(k, self.required) for k in ("code", "step", "agency")}
        col["started_on"] = chunk.parse("started_on", self.required_date)
        col.update({k: chunk.parse(k, self.date) for k in ("ended_on", "due_on")})
        self.before(chunk, "started_on", col["started_on"], "ended_on", col["ended_on"],
                    M.END_BEFORE_START)
        if self.window is not None:
            self.window.check(chunk, {"started_on": col["started_on"], "ended_on": col["ended_on"]},
                              {"due_on": col["due_on"]})
        return [{"dossier_code": col["code"][i], "step": col["step"][i], "started_on": col["started_on"][i],
                 "agency_id": self.resolver.agency(col["agency"][i]), "ended_on": col["ended_on"][i],
                 "due_on": col["due_on"][i], "row_no": chunk.numbers[i]} for i in chunk.good()]
