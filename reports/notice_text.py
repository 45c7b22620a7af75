"""The draft conclusion notice as text: its paragraphs, written from NoticeData with the sentences of texts/notice.py
and every number in the Vietnamese format the slides use (texts.fmt)."""

import pandas as pd

from config.settings import NoticeSettings
from metrics.notice import addressees, split_names
from reports.notice_data import NoticeData
from texts import labels as L
from texts import notice as N
from texts.fmt import fmt_date, fmt_int, fmt_number, fmt_pct

HEADING, PARAGRAPH = "heading", "paragraph"


def _figure(data: NoticeData, key: str, column: str = "now") -> float | None:
    found = data.figures.loc[data.figures["key"] == key, column]
    value = None if found.empty else found.iloc[0]
    return None if value is None or pd.isna(value) else float(value)


def _on_time(data: NoticeData) -> str:
    change, previous = _figure(data, "on_time_rate", "change"), data.previous_held_on
    said = ""
    if change is not None and previous is not None:
        points = round(change * 100, 1)
        if points == 0:
            said = N.SAME_CHANGE.format(previous=fmt_date(previous))
        else:
            said = N.ON_TIME_CHANGE.format(direction=N.UP if points > 0 else N.DOWN, previous=fmt_date(previous),
                                           points=fmt_number(abs(points), 1) + L.POINTS_SUFFIX)
    return N.ON_TIME.format(rate=fmt_pct(_figure(data, "on_time_rate")), change=said)


def _results(data: NoticeData) -> list[str]:
    overdue = _figure(data, "overdue_total") or 0
    lines = [_on_time(data)]
    if overdue > 0:
        lines.append(N.OVERDUE.format(overdue=fmt_int(overdue),
                                      land_share=fmt_pct(_figure(data, "land_env_share_of_overdue")),
                                      in_progress_overdue=fmt_int(_figure(data, "in_progress_overdue"))))
        if _figure(data, "apology_compliance") is not None:
            lines.append(N.APOLOGY.format(rate=fmt_pct(_figure(data, "apology_compliance"))))
    else:
        lines.append(N.NO_OVERDUE)
    lines.append(N.ONLINE_SYNC.format(online=fmt_pct(_figure(data, "online_share")),
                                      sync=fmt_pct(_figure(data, "sync_rate"))))
    ranks = [N.RANK_ITEM.format(index=L.INDEX_NAMES.get(r["index"], r["index"]), period=r["period"],
                                rank=fmt_int(r["rank"]), of=fmt_int(r["n_ranked"]),
                                demo=N.RANK_DEMO if r.get("is_demo") else "")
             for r in data.ranks.to_dict("records")]
    lines.append(N.RANKS.format(ranks=N.RANK_JOIN.join(ranks)) if ranks else N.NO_RANKS)
    return lines


def _items(pairs: list[tuple[str, float]], pattern: str) -> str:
    return N.LAG_JOIN.join(pattern.format(name=name, n=fmt_int(n)) for name, n in pairs)


def _lags(data: NoticeData) -> list[str]:
    lines = []
    if data.lagging_agencies:
        lines.append(N.LAG_AGENCIES.format(items=_items(data.lagging_agencies, N.LAG_ITEM_DOSSIERS)))
    if data.lagging_units:
        lines.append(N.LAG_COMMUNES.format(items=_items(data.lagging_units, N.LAG_ITEM_DOSSIERS)))
    if data.lagging_tasks:
        lines.append(N.LAG_TASKS.format(items=_items(data.lagging_tasks, N.LAG_ITEM_TASKS)))
    return lines or [N.NO_LAGS]


def _coordinating(text: object) -> str:
    names = split_names(text)
    return N.DECISION_COORDINATING.format(names=", ".join(names)) if names else ""


def _assignments(data: NoticeData) -> list[str]:
    lines = [N.DECISION.format(n=i, lead=row["lead_agency"], coordinating=_coordinating(row["coordinating"]),
                               content=str(row["content"]).rstrip(". "), deadline=fmt_date(row["deadline"]))
             for i, row in enumerate(data.decisions.to_dict("records"), start=1)]
    if data.urged and data.previous_held_on is not None:
        lines.append(N.URGE.format(n=len(lines) + 1, items=_items(data.urged, N.URGE_ITEM),
                                   previous=fmt_date(data.previous_held_on)))
    return lines or [N.NO_DECISIONS]


def summary_line(data: NoticeData) -> str:
    """Return the title's summary line (trích yếu)."""
    return N.SUMMARY.format(title=data.title, held_on=fmt_date(data.held_on))


def body(data: NoticeData) -> list[tuple[str, str]]:
    """Return the notice body as (HEADING or PARAGRAPH, text) in order: opening, results, what lags, assignments,
    closing."""
    parts = [(PARAGRAPH, N.OPENING.format(held_on=fmt_date(data.held_on), title=data.title,
                                          cutoff=fmt_date(data.cutoff)))]
    for heading, lines in ((N.RESULTS, _results(data)), (N.LAGS, _lags(data)), (N.TASKS, _assignments(data))):
        parts += [(HEADING, heading), *[(PARAGRAPH, line) for line in lines]]
    return [*parts, (PARAGRAPH, N.CLOSING)]


def recipients(data: NoticeData, settings: NoticeSettings) -> list[str]:
    """Return the "Nơi nhận" lines: '- name;' each, '- name.' for the last."""
    coordinating = [name for text in data.decisions["coordinating"] for name in split_names(text)]
    names = addressees(list(settings.recipients_before), list(data.decisions["lead_agency"].dropna()), coordinating,
                       [name for name, _ in data.urged], list(settings.recipients_after))
    return [(N.RECIPIENT_LAST if i == len(names) - 1 else N.RECIPIENT_LINE).format(name=name)
            for i, name in enumerate(names)]

