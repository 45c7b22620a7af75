"""The draft conclusion notice as text: its paragraphs, written from NoticeData with the sentences of texts/notice.py
and every number in the Vietnamese format the slides use (texts.fmt)."""

import pandas as pd

from config.settings import NoticeSettings
from metrics.notice import Suggestion, addressees, lowercase_start, rank_move, split_names
from reports.notice_data import NoticeData
from texts import notice as N
from texts.fmt import fmt_date, fmt_index_period, fmt_int, fmt_number, fmt_pct, meeting_title

HEADING, PARAGRAPH = "heading", "paragraph"


def _value(figures: dict | None, key: str) -> float | None:
    value = None if figures is None else figures.get(key)
    return None if value is None or pd.isna(value) else float(value)


def _period(start, end) -> str:
    return N.PERIOD.format(start=fmt_date(start), end=fmt_date(end))


def chair_role(data: NoticeData) -> str:
    """Return who concludes: the chair's first title ("Chủ tịch UBND tỉnh"), or the chairman by default."""
    first = data.record.chair_title.split(",")[0].strip()
    return first or N.CHAIR_ROLE_DEFAULT


def _on_time(data: NoticeData) -> str:
    rate, before = _value(data.now, "on_time_rate"), _value(data.before, "on_time_rate")
    change = ""
    if rate is not None and before is not None and data.compared is not None:
        other = _period(data.compared.start, data.compared.end).lower()
        points = round((rate - before) * 100, 1)
        change = N.ON_TIME_SAME.format(other=other) if points == 0 else N.ON_TIME_CHANGE.format(
            direction=N.UP if points > 0 else N.DOWN, points=fmt_number(abs(points), 1), other=other)
    return N.RESULTS_DOSSIERS.format(period=_period(data.period.start, data.period.end),
                                     received=fmt_int(_value(data.now, "received")),
                                     resolved=fmt_int(_value(data.now, "resolved")), rate=fmt_pct(rate), change=change)


def _ranks(data: NoticeData) -> str:
    items = []
    for row in data.ranks.to_dict("records"):
        moved, previous = rank_move(row), fmt_index_period(row.get("previous_period"))
        move = "" if moved is None else (N.RANK_SAME if moved == 0 else N.RANK_UP if moved > 0 else N.RANK_DOWN)
        items.append(N.RANK_ITEM.format(index=N.INDEX_LONG.get(row["index"], row["index"]),
                                        period=fmt_index_period(row["period"]), rank=fmt_int(row["rank"]),
                                        of=fmt_int(row["n_ranked"]),
                                        move=move.format(steps=fmt_int(abs(moved or 0)), period=previous)))
    return N.RANKS.format(ranks=N.RANK_JOIN.join(items)) if items else N.NO_RANKS


def results_paragraph(data: NoticeData) -> str:
    """Return the results paragraph written from the figures: dossiers and the on-time rate against the like-for-like
    window, online and synced shares, the index ranks of the last two years with their moves."""
    online = N.RESULTS_ONLINE.format(online=fmt_pct(_value(data.now, "online_share")),
                                     sync=fmt_pct(_value(data.now, "sync_rate")))
    return _on_time(data) + online + _ranks(data)


def _items(pairs: list[tuple[str, float]], pattern: str) -> str:
    return N.LAG_JOIN.join(pattern.format(name=name, n=fmt_int(n)) for name, n in pairs)


def shortcomings_paragraph(data: NoticeData) -> str:
    """Return the shortcomings paragraph written from the figures: how many dossiers are late and where (fields,
    agencies, then places not yet named), the missing apology letters, the overdue tasks."""
    overdue = _value(data.now, "overdue_total") or 0
    if overdue > 0:
        text = N.LAG_OVERDUE.format(overdue=fmt_int(overdue),
                                    in_progress_overdue=fmt_int(_value(data.now, "in_progress_overdue")),
                                    land_share=fmt_pct(_value(data.now, "land_env_share_of_overdue")))
        units = [(lowercase_start(name), n) for name, n in data.overdue_units]  # "xã Cam Lâm" inside a sentence
        fields = [(name.lower() if name.isupper() else lowercase_start(name), n)  # "lĩnh vực đất đai"
                  for name, n in data.overdue_fields]
        where = [pattern.format(items=_items(pairs, N.LAG_ITEM_DOSSIERS)) for pattern, pairs in (
            (N.LAG_FIELDS, fields), (N.LAG_AGENCIES, data.overdue_agencies), (N.LAG_UNITS, units)) if pairs]
        if where:
            text += N.LAG_WHERE.format(where=N.LAG_WHERE_JOIN.join(where))
        if data.without_apology > 0:
            text += N.LAG_APOLOGY.format(n=fmt_int(data.without_apology),
                                         rate=fmt_pct(_value(data.now, "apology_compliance")))
    else:
        text = N.NO_OVERDUE
    if data.overdue_tasks > 0:
        text += N.LAG_TASKS.format(n=fmt_int(data.overdue_tasks), items=_items(data.task_agencies, N.LAG_ITEM_TASKS))
    else:
        text += N.NO_LAGS_TASKS
    return text


def assessment(data: NoticeData) -> tuple[str, str]:
    """Return the (results, shortcomings) paragraphs the notice carries: the Office's edit where kept, else written
    from the figures."""
    edited_results, edited_shortcomings = data.edited
    return edited_results or results_paragraph(data), edited_shortcomings or shortcomings_paragraph(data)


def suggestion_text(suggestion: Suggestion) -> str:
    """Return a proposed directive as it is written in the notice when accepted."""
    if suggestion.kind == "apology":
        named, rest = suggestion.items[:N.SUGGEST_APOLOGY_NAMED], suggestion.items[N.SUGGEST_APOLOGY_NAMED:]
        items = _items(list(named), N.LAG_ITEM_DOSSIERS)
        if rest:
            items += N.LAG_JOIN + N.SUGGEST_APOLOGY_REST.format(n=fmt_int(sum(n for _, n in rest)))
        return N.SUGGEST_APOLOGY.format(items=items)
    numbers = N.LAG_JOIN.join(number if n == 1 else N.SUGGEST_NUMBER_MANY.format(number=number, n=fmt_int(n))
                              for number, n in suggestion.items)
    documents = (N.SUGGEST_DOCUMENT if len(suggestion.items) == 1 else N.SUGGEST_DOCUMENTS).format(numbers=numbers)
    return N.SUGGEST_TASKS.format(agency=suggestion.agency, n=fmt_int(suggestion.total), documents=documents)


def category_words(key: str, after_merger: bool) -> str:
    """Return how the notice addresses a category of bodies (districts before 1/7/2025, communes after)."""
    return (N.CATEGORY_WORDS if after_merger else {**N.CATEGORY_WORDS, **N.CATEGORY_BEFORE_MERGER})[key]


def _coordinating(text: object) -> str:
    names = split_names(text)
    return N.DECISION_COORDINATING.format(names=", ".join(names)) if names else ""


def _directive(n: int, row: dict, after_merger: bool) -> str:
    deadline = "" if row["deadline"] is None or pd.isna(row["deadline"]) else N.DEADLINE.format(
        deadline=fmt_date(row["deadline"]))
    content = str(row["content"]).rstrip(". ")
    if isinstance(row.get("suggestion"), str) and row["suggestion"]:
        return N.WRITTEN.format(n=n, content=str(row["content"]), deadline=deadline)
    if isinstance(row.get("category"), str) and row["category"]:
        return N.TO_CATEGORY.format(n=n, category=category_words(row["category"], after_merger),
                                    content=lowercase_start(content), deadline=deadline)
    return N.DECISION.format(n=n, lead=row["lead_agency"], coordinating=_coordinating(row["coordinating"]),
                             content=content, deadline=deadline)


def directives(data: NoticeData) -> list[str]:
    """Return the numbered directives in the order recorded (3.1., 3.2., …), each worded by its addressee."""
    lines = [_directive(i, row, data.after_merger) for i, row in enumerate(data.conclusions.to_dict("records"), 1)]
    return lines or [N.NO_DECISIONS]


def summary_line(data: NoticeData) -> str:
    """Return the title's summary line (trích yếu)."""
    return N.SUMMARY_BY.format(chair_role=chair_role(data), title=meeting_title(data.title),
                               held_on=fmt_date(data.held_on))


def opening(data: NoticeData) -> str:
    """Return the opening: the date, who chaired (name and titles), who attended, the reports heard and who presented
    them, then "… kết luận như sau:"."""
    record, title, held_on = data.record, meeting_title(data.title), fmt_date(data.held_on)
    opening_of = N.OPENING_CHAIR if record.chair_title else N.OPENING_CHAIR_NO_TITLE
    text = (opening_of.format(held_on=held_on, chair=record.chair, chair_title=record.chair_title, title=title)
            if record.chair else N.OPENING_NO_CHAIR.format(held_on=held_on, chair_role=chair_role(data), title=title))
    if record.attendees:
        text += N.ATTENDED.format(attendees=lowercase_start(record.attendees).rstrip(". "))
    if record.presenters:
        reports = N.HEARD_JOIN.join(N.HEARD_ONE.format(who=who, report=lowercase_start(report or N.STANDARD_REPORT))
                                    for who, report in record.presenters)
        text += N.HEARD.format(reports=reports, cutoff=fmt_date(data.cutoff))
    else:
        text += N.HEARD_DEFAULT.format(cutoff=fmt_date(data.cutoff))
    return text + N.CONCLUDES.format(chair_role=chair_role(data))


def body(data: NoticeData, settings: NoticeSettings) -> list[tuple[str, str]]:
    """Return the notice body as (HEADING or PARAGRAPH, text) in order: opening, results, shortcomings, directives,
    closing."""
    results, shortcomings = assessment(data)
    parts = [(PARAGRAPH, opening(data)), (HEADING, N.RESULTS), (PARAGRAPH, results), (HEADING, N.LAGS),
             (PARAGRAPH, shortcomings), (HEADING, N.TASKS), *[(PARAGRAPH, line) for line in directives(data)]]
    return [*parts, (PARAGRAPH, settings.closing)]


def recipients(data: NoticeData, settings: NoticeSettings) -> list[str]:
    """Return the "Nơi nhận" lines: '- name;' each, '- name.' for the last: upward and the province's leadership,
    the bodies named, the departments and the local People's Committees (communes from 1/7/2025), then the portal
    and the archive."""
    coordinating = [name for text in data.conclusions["coordinating"] for name in split_names(text)]
    leads = list(data.conclusions["lead_agency"].dropna())
    local = settings.recipients_local if data.after_merger else settings.recipients_local_before_merger
    names = addressees(list(settings.recipients_before), leads, coordinating,
                       [line for line in (settings.recipients_departments, local) if line]
                       + list(settings.recipients_after))
    return [(N.RECIPIENT_LAST if i == len(names) - 1 else N.RECIPIENT_LINE).format(name=name)
            for i, name in enumerate(names)]
