"""`cli.py summary --period KIND --as-of D --compare` (issue #28): the window and its like-for-like comparison, in the
agreed shape, on SQLite and PostgreSQL. `previous` equals `summary --from <compared_with.from> --as-of
<compared_with.as_of>`; the figures of the 13 hand-made dossiers (tests/metrics/fixtures.py) were worked out by hand."""

import json

import pytest

import cli
from tests.data_access.import_files import write_csv

DOSSIER_KEYS = ["received", "carried_over", "resolved", "resolved_early", "resolved_on_day", "resolved_late",
                "ended_without_result", "in_progress", "in_progress_overdue", "on_time_rate", "progress_rate_766",
                "overdue_total", "land_env_share_of_overdue", "apology_compliance", "online_share", "sync_rate"]


def _run(capsys, *args: str) -> dict:
    assert cli.main(["summary", *args]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("kind", "window", "compared"), [
    ("month", ("2024-03-01", "2024-03-31"), ("2024-02-01", "2024-02-29")),  # clamped to a leap February
    ("week", ("2024-03-25", "2024-03-31"), ("2024-03-18", "2024-03-24")),  # 31/03/2024 is a Sunday
    ("quarter", ("2024-01-01", "2024-03-31"), ("2023-10-01", "2023-12-30")),  # 91 days elapsed
    ("year", ("2024-01-01", "2024-03-31"), ("2023-01-01", "2023-03-31")),
    ("28d", ("2024-03-04", "2024-03-31"), ("2024-02-26", "2024-03-24")),
])
def test_the_comparison_is_like_for_like_and_equals_summary_over_its_window(database_url, tmp_path, capsys, kind,
                                                                             window, compared):
    assert cli.main(["import", "dossiers", str(write_csv(tmp_path / "ho_so.csv", "utf-8", ";"))]) == 0
    capsys.readouterr()
    out = _run(capsys, "--period", kind, "--as-of", "2024-03-31", "--compare")
    assert list(out) == ["period", "compared_with", "dossiers", "previous"]
    assert out["period"] == {"kind": kind, "from": window[0], "as_of": window[1]}
    assert out["compared_with"] == {"from": compared[0], "as_of": compared[1]}
    assert list(out["dossiers"]) == DOSSIER_KEYS == list(out["previous"])
    assert out["dossiers"] == _run(capsys, "--from", window[0], "--as-of", window[1])["dossiers"]
    assert out["previous"] == _run(capsys, "--from", compared[0], "--as-of", compared[1])["dossiers"]
    if kind == "month":
        # March: resolved D1 (early), D2 (on the day), D3 (late), D5 (early) → 3/4; in progress overdue on 31/03
        # D8, D10, D13. February: resolved only D6 (late) → 0/1; in progress on 29/02 D5, D12, D13, overdue D13.
        assert (out["dossiers"]["on_time_rate"], out["dossiers"]["in_progress_overdue"]) == (0.75, 3)
        assert {k: out["previous"][k] for k in ("resolved", "resolved_late", "on_time_rate", "in_progress",
                                                "in_progress_overdue", "received")} == {
            "resolved": 1, "resolved_late": 1, "on_time_rate": 0.0, "in_progress": 3, "in_progress_overdue": 1,
            "received": 3}  # received in February: D5, D6, D12


def test_compare_needs_a_period_and_a_period_replaces_from(database_url, capsys):
    assert cli.main(["summary", "--as-of", "2024-03-31", "--compare"]) == 1
    assert "--compare cần --period" in capsys.readouterr().err
    assert cli.main(["summary", "--as-of", "2024-03-31", "--period", "month", "--from", "2024-03-02"]) == 1
    assert "--period hoặc --from" in capsys.readouterr().err
