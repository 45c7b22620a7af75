"""Loads settings.toml (thresholds, weights, land/environment group) into typed, validated settings."""

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from metrics.errors import DomainError, check_option
from metrics.explainer import MEASURES, ComponentRule
from metrics.periods import PERIOD_KINDS
from metrics.scorecard import IndicatorSpec
from texts import messages as M

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_PATH = ROOT / "settings.toml"

SCORECARD_INDICATORS = (
    "on_time_rate",
    "overdue_per_1000",
    "online_share",
    "sync_rate",
    "apology_compliance",
    "digitisation_rate",
    "overdue_tasks",
)


@dataclass(frozen=True)
class NoticeSettings:
    """Who issues and signs the draft conclusion notice, its fixed recipients and how many laggards it names."""

    issuer: tuple[str, ...] = ()  # settings.toml [notice] names them
    place: str = ""
    signer: tuple[str, ...] = ()
    signer_name: str = ""
    recipients_before: tuple[str, ...] = ()
    recipients_departments: str = ""
    recipients_local: str = ""  # the local People's Committees addressed from 1/7/2025 (communes)
    recipients_local_before_merger: str = ""  # before it (districts)
    recipients_after: tuple[str, ...] = ()
    closing: str = ""
    chair_title: str = ""  # what the meetings page proposes for a new meeting
    attendees: str = ""
    top: int = 5


_NOTICE_TEXTS = ("place", "signer_name", "recipients_departments", "recipients_local",
                 "recipients_local_before_merger", "closing", "chair_title", "attendees")


def _notice(raw: dict) -> NoticeSettings:
    lines = {key: tuple(str(v) for v in raw[key]) for key in ("issuer", "signer", "recipients_before",
                                                               "recipients_after") if key in raw}
    texts = {key: str(raw[key]) for key in _NOTICE_TEXTS if key in raw}
    return NoticeSettings(**lines, **texts, top=max(1, int(raw.get("top", 5))))


def _components(raw: list[dict]) -> tuple[ComponentRule, ...]:
    rules = []
    for item in raw:
        measure = str(item.get("measure", ""))
        if measure:
            check_option("index_766.components.measure", measure, MEASURES)
        rule = ComponentRule(str(item["name"]), str(item.get("rate", item["name"])), float(item["max"]),
                             float(item["target"]), measure)
        if rule.max_points <= 0 or not 0 < rule.target <= 1:
            raise DomainError(M.SETTINGS_BAD_COMPONENT.format(name=rule.name))
        rules.append(rule)
    return tuple(rules)


@dataclass(frozen=True)
class Settings:
    """The province's settings; see settings.toml for the meaning of each value."""

    province: str
    week_starts_on: int
    land_env_fields: tuple[str, ...]
    default_period: str
    trend_months: int
    auto_advance_seconds: int
    due_soon_days: int
    indicators: dict[str, IndicatorSpec]
    min_dossiers: int = 0  # a unit with fewer dossiers to handle in the period is not ranked
    scorecard_months: int = 0  # the scorecard counts at least this many months back (0: the period alone)
    merged_from: tuple[str, ...] = ()  # provinces merged into this one (their rankings before the merger)
    idle_minutes: int = 30  # a session without any action for this long is signed out
    early_warning_days: int = 3  # dossiers and tasks due within this many working days are "about to go overdue"
    earliest_date: date = date(2010, 1, 1)  # an import refuses dates before it
    due_years_ahead: int = 10  # an import refuses due dates and deadlines further ahead than this
    notice: NoticeSettings = NoticeSettings()
    index_766: tuple[ComponentRule, ...] = ()  # the 766 explainer's scoring rule per component

    def indicator(self, key: str) -> IndicatorSpec:
        """Return the spec of one indicator, or raise DomainError if it is not configured."""
        check_option("indicator", key, tuple(self.indicators))
        return self.indicators[key]

    @property
    def scorecard_specs(self) -> list[IndicatorSpec]:
        """Return the specs of the district scorecard's indicators, in display order."""
        return [self.indicators[k] for k in SCORECARD_INDICATORS]


def _date(value: object, key: str) -> date:
    """Return a TOML date (2010-01-01) or ISO text as a date, or raise DomainError naming the key."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise DomainError(M.SETTINGS_BAD_DATE.format(key=key, value=value)) from exc


def parse_settings(raw: dict) -> Settings:
    """Return Settings built from a parsed TOML document, or raise DomainError naming the bad key."""
    try:
        indicators = {
            key: IndicatorSpec(
                key=key,
                higher_is_better=bool(spec["higher_is_better"]),
                green=float(spec["green"]),
                amber=float(spec["amber"]),
                weight=float(spec.get("weight", 0)),
                full=float(spec.get("full", 1)),
                zero=float(spec.get("zero", 0)),
            )
            for key, spec in raw["indicators"].items()
        }
        settings = Settings(
            province=str(raw["province"]["name"]),
            week_starts_on=int(raw["province"].get("week_starts_on", 0)),
            land_env_fields=tuple(str(f) for f in raw["land_env"]["fields"]),
            default_period=str(raw["periods"].get("default", "month")),
            trend_months=int(raw["periods"].get("trend_months", 12)),
            auto_advance_seconds=max(10, int(raw.get("presentation", {}).get("auto_advance_seconds", 60))),
            due_soon_days=int(raw["tasks"].get("due_soon_days", 7)),
            indicators=indicators,
            min_dossiers=max(0, int(raw.get("scorecard", {}).get("min_dossiers", 0))),
            scorecard_months=max(0, int(raw.get("scorecard", {}).get("window_months", 0))),
            merged_from=tuple(str(p) for p in raw["province"].get("merged_from", [])),
            idle_minutes=max(1, int(raw.get("security", {}).get("idle_minutes", 30))),
            early_warning_days=min(30, max(1, int(raw.get("early_warning", {}).get("working_days", 3)))),
            earliest_date=_date(raw.get("import", {}).get("earliest_date", date(2010, 1, 1)), "import.earliest_date"),
            due_years_ahead=max(0, int(raw.get("import", {}).get("due_years_ahead", 10))),
            notice=_notice(raw.get("notice", {})),
            index_766=_components(raw.get("index_766", {}).get("components", [])),
        )
    except KeyError as exc:
        raise DomainError(M.SETTINGS_MISSING_KEY.format(key=exc.args[0])) from exc
    check_option("periods.default", settings.default_period, PERIOD_KINDS)
    missing = [k for k in SCORECARD_INDICATORS if k not in indicators]
    if missing:
        raise DomainError(M.SETTINGS_MISSING_INDICATORS.format(names=", ".join(missing)))
    if not settings.land_env_fields:
        raise DomainError(M.SETTINGS_NO_LAND_ENV)
    return settings


@lru_cache(maxsize=4)
def load_settings(path: Path = SETTINGS_PATH) -> Settings:
    """Return the settings read from `path` (cached per process)."""
    with open(path, "rb") as handle:
        return parse_settings(tomllib.load(handle))
