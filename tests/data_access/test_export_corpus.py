"""Every export layout the product has accepted imports for ever (issue #29).

tests/fixtures/exports holds one small file per layout and, beside it, `<file>.expected.json`, worked out by hand from
the file's rows: the import's counts and the unit names it read at the level of their column, then the whole output
of one command (`summary --by unit`, `summary` or `stages`) or the stored rows read back. Each file is imported
through the command line, after the files it builds on (`before`), into a fresh database on SQLite and on
PostgreSQL, and the output is compared whole. A layout that imported once must import for ever: a change that
breaks one says why in the same commit."""

import json
from pathlib import Path

import pytest
from sqlalchemy import desc, select

import cli
from data_access.store.context import app_context
from data_access.store.schema import import_log, index_results, units

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
EXPECTED = sorted(CORPUS.glob("*.expected.json"))
TABLES = {"index_results": index_results, "units": units}
LINES = ("provincial_level", "district_level_before_2025_07_01", "split_communes")
# The figures of a unit without dossiers: every count 0, every rate without a denominator null (shown "—").
NO_DOSSIERS = {"received": 0, "carried_over": 0, "resolved": 0, "resolved_early": 0, "resolved_on_day": 0,
               "resolved_late": 0, "ended_without_result": 0, "in_progress": 0, "in_progress_overdue": 0,
               "on_time_rate": None, "progress_rate_766": None, "overdue_total": 0, "land_env_share_of_overdue": None,
               "apology_compliance": None, "online_share": None, "sync_rate": None}


def files_of(folder: Path) -> list[Path]:
    """Return the export files of the corpus (not the expected figures nor the README)."""
    return [p for p in folder.iterdir() if not p.name.endswith(".json") and p.name != "README.md"]


def test_every_file_of_the_corpus_has_its_expected_figures():
    files = {p.name for p in CORPUS.iterdir() if not p.name.endswith(".expected.json") and p.name != "README.md"}
    assert files == {p.name.removesuffix(".expected.json") for p in EXPECTED}  # README.md: how they were worked out
    kinds = {json.loads(p.read_text(encoding="utf-8"))["kind"] for p in EXPECTED}
    assert kinds >= {"dossiers", "steps", "tasks", "indexes", "units", "unit-lineage"}
    assert {p.suffix for p in files_of(CORPUS)} == {".xlsx", ".xls", ".csv"}


def _expand(output: dict) -> dict:
    """Return the expected `summary --by unit` with the units listed as having no dossiers filled in."""
    if "units_with_no_dossiers" not in output:
        return output
    output = dict(output)
    empty = output.pop("units_with_no_dossiers")
    assert not set(empty) & set(output["units"])
    output["units"] = {**output["units"], **{code: NO_DOSSIERS for code in empty}}
    output["other"] = {line: output["other"][line] for line in LINES}
    return output


def _import(name: str, kind: str, capsys) -> str:
    assert cli.main(["import", kind, str(CORPUS / name)]) == 0, capsys.readouterr().err
    return capsys.readouterr().out


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_the_export_imports_with_its_expected_figures(expected_file, database_url, capsys):
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    name = expected_file.name.removesuffix(".expected.json")
    for earlier in expected["before"]:
        _import(earlier, json.loads((CORPUS / f"{earlier}.expected.json").read_text(encoding="utf-8"))["kind"], capsys)
    printed = _import(name, expected["kind"], capsys)
    engine = app_context(database_url).engine
    with engine.connect() as conn:
        logged = conn.execute(select(import_log).order_by(desc(import_log.c.id)).limit(1)).mappings().one()
    report = expected["report"]
    assert (logged["file_name"], logged["kind"]) == (name, expected["kind"])
    assert {k: logged[k] for k in ("rows_read", "inserted", "updated", "unchanged", "rejected")} == {
        k: report[k] for k in ("rows_read", "inserted", "updated", "unchanged", "rejected")}
    assert (logged["notes"] or "").splitlines() == report["decisions"]  # kept in the import log
    if report["decisions"]:  # and said by the command
        assert "\n".join(f"  {line}" for line in report["decisions"]) in printed
    else:
        assert "được hiểu là" not in printed
    if "table" in expected:
        spec = expected["table"]
        table = TABLES[spec["name"]]
        (column, values), = spec["where"].items()
        with engine.connect() as conn:
            rows = conn.execute(select(*[table.c[c] for c in spec["columns"]]).where(table.c[column].in_(values))
                                .order_by(*[table.c[c] for c in spec["columns"]])).all()
        assert [[v.isoformat() if hasattr(v, "isoformat") else v for v in row] for row in rows] == spec["rows"]
        return
    assert cli.main(expected["command"]) == 0
    assert json.loads(capsys.readouterr().out) == _expand(expected["output"])
