"""The KPI cards of the overview and the other pages, as texts built from computed figures (formatting and
accountability lines); drawn by ui/kpi.py on screen and by reports/pdf.py on the pack's summary page."""

from dataclasses import dataclass, replace

import pandas as pd

from config.settings import Settings
from metrics.indexes import latest_rank
from metrics.kpis import KpiValue, kpi, lowest, most, rank_change
from metrics.tasks import open_overdue_by, status_counts
from texts import labels as L
from texts.fmt import fmt_index_period, fmt_int, fmt_pct, fmt_points, fmt_signed

MIN_RECEIVED_FOR_LOWEST = 30


@dataclass(frozen=True)
class KpiCard:
    """What one card shows (all texts already formatted)."""

    key: str
    label: str
    value: str
    status: str  # green | amber | red | none (no value) | info (a plain count, no threshold)
    concerns: str
    delta: str | None = None
    delta_good_when_up: bool | None = True  # None: neutral (no colour)
    help: str | None = None
    note: str | None = None


def concern_most(table: pd.DataFrame, column: str, scope: str | None = None) -> str:
    """Return 'Nhiều nhất: <agency> (n)' for the row with the largest `column`, or what the card covers (the
    province unless `scope` names it)."""
    found = most(table, column)
    if found is None:
        return L.CONCERNS.format(who=scope or L.CONCERNS_PROVINCE)
    return L.CONCERNS_MOST.format(who=found[0], value=fmt_int(found[1]))


def concern_lowest(table: pd.DataFrame, column: str, base: str = "received",
                   min_base: int = MIN_RECEIVED_FOR_LOWEST, scope: str | None = None) -> str:
    """Return 'Thấp nhất: <agency> (x %)' among rows with enough `base`, or what the card covers."""
    found = lowest(table, column, base, min_base)
    if found is None:
        return L.CONCERNS.format(who=scope or L.CONCERNS_PROVINCE)
    return L.CONCERNS_LOWEST.format(who=found[0], value=fmt_pct(found[1]))


def dossier_cards(now: dict, before: dict, by_agency: pd.DataFrame, settings: Settings,
                  compare: str, scope: str | None = None, land_share_applies: bool = True) -> list[KpiCard]:
    """Return the dossier KPI cards: on-time, overdue in progress, land/env share, online share, sync rate;
    changes are labelled with `compare` ('so với cùng kỳ tháng trước (…)'). `scope` names what they cover when it is
    not the province; the land/environment share is not graded where it cannot rank the scope (it says why)."""
    specs = [
        ("on_time_rate", "on_time_rate", True, concern_most(by_agency, "resolved_late", scope)),
        ("in_progress_overdue", "overdue_in_progress", False, concern_most(by_agency, "in_progress_overdue", scope)),
        ("land_env_share", "land_env_share", False, concern_most(by_agency, "overdue_land_env", scope)),
        ("online_share", "online_share", True, concern_lowest(by_agency, "online_share", scope=scope)),
        ("sync_rate", "sync_rate", True, concern_lowest(by_agency, "sync_rate", scope=scope)),
    ]
    cards = []
    for key, indicator, good_up, concerns in specs:
        value = kpi(key, now[key], before[key], settings.indicator(indicator))
        card = _card(value, concerns, good_up, compare, count=key == "in_progress_overdue")
        if key == "land_env_share" and not land_share_applies:
            card = replace(card, status="info", delta=None, note=L.LAND_SHARE_NOT_FOR_SCOPE)
        cards.append(card)
    return cards


def change_text(change: float | None, compare: str, points: bool = False) -> str | None:
    """Return '+3 so với …' (or '+1,2 điểm % so với …' for rates), None when there is no change to show."""
    if change is None:
        return None
    return f"{fmt_points(change) if points else fmt_signed(change)} {compare}"


def _card(value: KpiValue, concerns: str, good_up: bool, compare: str, count: bool = False) -> KpiCard:
    text = fmt_int(value.value) if count else fmt_pct(value.value)
    return KpiCard(key=value.key, label=L.KPI[value.key], value=text, status=value.status, concerns=concerns,
                   delta=change_text(value.change, compare, points=not count), delta_good_when_up=good_up,
                   help=L.KPI_HELP.get(value.key))


def task_card(open_now: int, open_before: int, by_agency: pd.DataFrame, settings: Settings,
              compare: str, scope: str | None = None) -> KpiCard:
    """Return the open-overdue-tasks card; `by_agency` has lead_agency and overdue_tasks."""
    value = kpi("open_overdue_tasks", open_now, open_before, settings.indicator("open_overdue_tasks"))
    found = most(by_agency.rename(columns={"lead_agency": "name"}), "overdue_tasks")
    concerns = L.CONCERNS.format(who=scope or L.CONCERNS_PROVINCE) if found is None else L.CONCERNS_MOST.format(
        who=found[0], value=fmt_int(found[1]))
    return _card(value, concerns, False, compare, count=True)


def rank_card(key: str, latest: dict | None, settings: Settings, concerns: str,
              label: str | None = None) -> KpiCard:
    """Return a ranking card ('10/63', change in places, demo marked) from metrics.indexes.latest_rank."""
    label = label or L.KPI[key]
    if latest is None:
        return KpiCard(key=key, label=label, value=L.NO_RANK, status="none", concerns=concerns,
                       help=L.KPI_HELP.get(key))
    share = latest["rank"] / latest["n_ranked"]
    status = kpi(key, share, None, settings.indicator("rank_share")).status
    moved = rank_change(latest["rank"], latest["previous_rank"])
    delta, good_up = None, True
    if moved is not None:
        was = L.RANK_VALUE.format(rank=latest["previous_rank"], n=latest["previous_n_ranked"])
        if latest["previous_n_ranked"] == latest["n_ranked"]:
            delta = L.RANK_MOVED.format(steps=fmt_signed(moved), period=fmt_index_period(latest["previous_period"]),
                                        was=was)
        else:  # 10/63 and 9/34 are places in fields of different sizes: both shown, no move in places, no colour
            delta = L.RANK_OTHER_FIELD.format(period=fmt_index_period(latest["previous_period"]), was=was)
            good_up = None
    note = L.RANK_PERIOD.format(period=fmt_index_period(latest["period"])) + (L.DEMO_TAG if latest["is_demo"] else "")
    return KpiCard(key=key, label=label, value=L.RANK_VALUE.format(rank=latest["rank"], n=latest["n_ranked"]),
                   status=status, concerns=L.CONCERNS.format(who=concerns), delta=delta, delta_good_when_up=good_up,
                   help=L.KPI_HELP.get(key), note=note)


def headline_cards(now: dict, before: dict, by_agency: pd.DataFrame, tasks_now: pd.DataFrame,
                   tasks_before: pd.DataFrame, results: pd.DataFrame, settings: Settings,
                   compare: str, scope: str | None = None, land_share_applies: bool = True,
                   task_scope: str | None = None) -> list[KpiCard]:
    """Return the overview's eight headline cards in order (on the page, its slide and the pack's summary page):
    the dossier cards, open overdue tasks fourth, then the PAR INDEX and 766 ranks. `tasks_*` are classified tasks
    (metrics.tasks.classify_tasks), `results` the index results published by then; `scope` names what the dossier
    and task cards cover when it is not the province (the ranks are always the province's); `task_scope` the task
    card's when it differs (a commune account sees only its own units' tasks)."""
    cards = dossier_cards(now, before, by_agency, settings, compare, scope, land_share_applies)
    tasks = task_card(int(status_counts(tasks_now)["open_overdue"].iloc[0]),
                      int(status_counts(tasks_before)["open_overdue"].iloc[0]),
                      open_overdue_by(tasks_now, "lead_agency"), settings, compare, task_scope or scope)
    if task_scope and task_scope != scope:  # beside cards of a wider scope, it says whose tasks it counts
        tasks = replace(tasks, note=L.CARD_COVERS.format(scope=task_scope))
    cards.insert(3, tasks)
    ranks = [rank_card("par_rank", latest_rank(results, settings.province, "PAR INDEX"), settings, L.CONCERNS_PAR),
             rank_card("rank_766", latest_rank(results, settings.province, "766"), settings, L.CONCERNS_766)]
    if scope or task_scope:  # beside narrowed cards, the ranks say they are the province's
        ranks = [replace(card, note=L.SCOPE_PROVINCE + (f" · {card.note}" if card.note else "")) for card in ranks]
    return cards + ranks


def bottleneck_cards(everything: tuple[dict, dict], land: tuple[dict, dict], by_agency: tuple[pd.DataFrame,
                     pd.DataFrame], settings: Settings, compare: str) -> list[KpiCard]:
    """Return the bottleneck page's four cards from (now, before) totals of every dossier and of land/environment
    ones, and (land/environment, every) dossier rates per agency."""
    (now, before), (land_now, land_before), (land_by_agency, all_by_agency) = everything, land, by_agency
    share = kpi("land_env_share", now["land_env_share"], before["land_env_share"], settings.indicator("land_env_share"))
    apology = kpi("apology_compliance", land_now["apology_compliance"], land_before["apology_compliance"],
                  settings.indicator("apology_compliance"))
    return [
        KpiCard("land_env_share", L.KPI["land_env_share"], fmt_pct(share.value), share.status,
                concern_most(land_by_agency, "overdue_total"), help=L.KPI_HELP["land_env_share"],
                delta=change_text(share.change, compare, points=True), delta_good_when_up=False),
        KpiCard("overdue_total", L.KPI["overdue_total"], fmt_int(now["overdue_total"]), "info",
                concern_most(all_by_agency, "overdue_total"),
                delta=change_text(now["overdue_total"] - before["overdue_total"], compare), delta_good_when_up=False),
        KpiCard("overdue_land_env", L.KPI["overdue_land_env"], fmt_int(now["overdue_land_env"]), "info",
                concern_most(land_by_agency, "in_progress_overdue"),
                delta=change_text(now["overdue_land_env"] - before["overdue_land_env"], compare),
                delta_good_when_up=False),
        KpiCard("apology_compliance", L.BOTTLENECK_APOLOGY, fmt_pct(apology.value), apology.status,
                concern_lowest(land_by_agency, "apology_compliance", "overdue_total"),
                help=L.KPI_HELP["apology_compliance"], delta=change_text(apology.change, compare, points=True)),
    ]


def due_soon_cards(total: int, land_env: int, tasks: int, by_agency: pd.DataFrame, working_days: int,
                   scope: str | None = None, own: str | None = None) -> list[KpiCard]:
    """Return the early warning's two cards: dossiers about to go overdue (land/environment among them, the agency
    holding most) and tasks whose deadline falls in the same working days; with `own` (a commune account's units,
    which they alone cover) each says so instead."""
    share = fmt_pct(land_env / total) if total else fmt_pct(None)
    covers = None if own is None else L.CARD_COVERS.format(scope=own)
    dossiers = KpiCard("due_soon", L.DUE_SOON_DOSSIERS, fmt_int(total), "info",
                       covers or concern_most(by_agency.rename(columns={"agency": "name"}), "dossiers", scope),
                       delta_good_when_up=None, note=L.DUE_SOON_LAND_ENV.format(n=fmt_int(land_env), share=share))
    due_tasks = KpiCard("due_soon_tasks", L.DUE_SOON_TASKS, fmt_int(tasks), "info",
                        covers or L.CONCERNS.format(who=scope or L.CONCERNS_PROVINCE), delta_good_when_up=None,
                        note=L.DUE_SOON_TASKS_NOTE.format(n=fmt_int(working_days)))
    return [dossiers, due_tasks]
