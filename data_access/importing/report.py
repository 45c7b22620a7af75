"""What an import found and did: problems with row, column, value and reason; counts; warnings."""

from dataclasses import dataclass, field

from metrics.text import normalize_text
from texts import messages as M
from texts.fmt import fmt_int

MAX_PROBLEMS_KEPT = 1000


@dataclass(frozen=True)
class Problem:
    """One rejected cell or row, named as a clerk sees it in the spreadsheet."""

    row: int | None
    column: str | None
    value: str | None
    reason: str

    def message(self) -> str:
        """Return 'Dòng 12, cột «Ngày hẹn trả», giá trị «31/02/2024»: ngày không tồn tại'."""
        parts = []
        if self.row is not None:
            parts.append(M.WHERE_ROW.format(row=self.row))
        if self.column:
            parts.append(M.WHERE_COLUMN.format(column=self.column))
        if self.value is not None:
            parts.append(M.WHERE_VALUE.format(value=self.value))
        where = ", ".join(parts)
        return f"{where}: {self.reason}" if where else self.reason


@dataclass
class ImportReport:
    """The outcome of reading, validating and (unless refused or a dry run) writing one file."""

    kind: str
    file_name: str
    sha256: str = ""
    sheet: str | None = None
    header_row: int | None = None
    mapping: dict[str, str] = field(default_factory=dict)  # canonical header → header in the file
    ignored: list[str] = field(default_factory=list)
    personal: list[str] = field(default_factory=list)
    rows_read: int = 0
    blank_rows: int = 0
    totals_rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    warnings: list[str] = field(default_factory=list)
    committed: bool = False
    dry_run: bool = False
    error_file: str | None = None
    seconds: float = 0.0
    imported_by: str | None = None  # the account that imported it (None from the command line)
    address: str | None = None  # where it was uploaded from
    older_allowed: int = 0  # stored dossiers rolled back on purpose (allow_older)
    decisions: list[list] = field(default_factory=list)  # [column, name, unit, rows]: plain data, sent as JSON

    def decide(self, column: str, name: str, unit: str, rows: int) -> None:
        """Count `rows` whose bare unit `name` under `column` was read as `unit` (a name both levels share)."""
        key = [normalize_text(column) or column, normalize_text(name) or name, unit]
        for decision in self.decisions:
            if decision[:3] == key:
                decision[3] += rows
                return
        self.decisions.append([*key, rows])

    def decision_lines(self) -> list[str]:
        """Return '1.204 dòng: «Diên Khánh» ở cột «Địa bàn» được hiểu là Huyện Diên Khánh', most rows first."""
        ordered = sorted(self.decisions, key=lambda d: (-d[3], d[0], d[1], d[2]))
        return [M.UNIT_LEVEL_DECIDED.format(n=fmt_int(rows), name=name, column=column, unit=unit)
                for column, name, unit, rows in ordered]

    def add(self, problem: Problem) -> None:
        """Record a problem (only the first MAX_PROBLEMS_KEPT are kept; all are counted)."""
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(problem)

    def warn(self, message: str) -> None:
        """Record a warning once."""
        if message not in self.warnings:
            self.warnings.append(message)


class ImportRefused(Exception):
    """The file was refused; nothing was written. Carries the report."""

    def __init__(self, report: ImportReport, reason: str) -> None:
        super().__init__(reason)
        self.report = report
        self.reason = reason
