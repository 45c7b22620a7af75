"""Issue #31: for a meeting, `cli.py summary` at the cut-off, the frozen Source (its headline and its counts through
the pages' query), the pack's figures and cards and the notice's figures agree to the last digit, on SQLite and
PostgreSQL. The 13 hand-made dossiers (tests/metrics/fixtures.py) were counted by hand for March 2024."""

import json
from datetime import date

import cli
from config.settings import load_settings
from data_access.figures import queries
from data_access.figures.dossier_queries import NO_FILTER
from data_access.figures.source import open_source
from data_access.figures.summary import dossier_figures
from data_access.meetings.records import notice_inputs
from data_access.store.context import app_context
from metrics.periods import Period
from reports.notice_data import gather_notice
from reports.pack_data import gather
from tests.data_access.import_files import write_csv
from texts.fmt import fmt_int, fmt_pct

MARCH = Period(date(2024, 3, 1), date(2024, 3, 31))


def _cli(capsys, *args: str) -> str:
    assert cli.main(list(args)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def test_a_meetings_figures_agree_in_the_summary_the_source_the_pack_the_notice_and_the_cards(database_url, tmp_path,
                                                                                              capsys):
    _cli(capsys, "import", "dossiers", str(write_csv(tmp_path / "ho_so.csv", "utf-8", ";")))
    meeting = int(_cli(capsys, "meeting", "create", "--date", "2024-04-01", "--title", "Giao ban",
                       "--cutoff", "2024-03-31 17:00", "--chair", "ông A", "--chair-title", "Chủ tịch").split()[-1])
    summary = json.loads(_cli(capsys, "summary", "--as-of", "2024-03-31"))["dossiers"]
    # by hand: resolved D1 (early), D2 (on the day), D3 (late), D5 (early); in progress overdue D8, D10, D13
    assert (summary["resolved"], summary["on_time_rate"], summary["in_progress_overdue"]) == (4, 0.75, 3)

    settings, engine = load_settings(), app_context(database_url).engine
    frozen = open_source(engine, meeting)
    assert frozen.frozen and frozen.headline()["dossiers"] == summary
    assert dossier_figures(frozen.read(queries.Counts(MARCH, NO_FILTER))) == summary  # what the pages read

    pack = gather(frozen, settings)
    table = pack.figures.loc[pack.figures["section"] == "dossiers"].set_index("key")["now"]
    assert {key: table[key] for key in table.index} == {key: summary[key] for key in table.index}
    cards = {card.key: card.value for card in pack.cards}  # views.cards.headline_cards, as the overview draws them
    assert cards["on_time_rate"] == fmt_pct(summary["on_time_rate"]) == "75,0 %"
    assert cards["in_progress_overdue"] == fmt_int(summary["in_progress_overdue"]) == "3"
    assert cards["online_share"] == fmt_pct(summary["online_share"])

    with engine.connect() as conn:
        inputs = notice_inputs(conn, meeting)
    notice = gather_notice(frozen, inputs, settings)
    assert (notice.period, notice.now) == (MARCH, summary)
