"""Database schema (SQLAlchemy Core). Dates are calendar dates; no applicant data is ever stored."""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from metrics.rollup import DAILY_COUNTERS

metadata = MetaData()
OVERDUE_COVER = ("received_on", "unit_id", "agency_id", "level", "field_id", "procedure_id", "current_agency_id")

# Territorial units of every era (DOMAIN §8): the 16 districts and 194 communes until 30/6/2025, the 65 communes
# from 1/7/2025. A GSO code means a unit only with its validity (codes are reused), so the key is `ident`:
# "<code or name key>|<valid_from or ''>".
units = Table(
    "units",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ident", String(260), nullable=False),
    Column("code", String(20)),
    Column("name", String(200), nullable=False),
    Column("short_name", String(200), nullable=False),
    Column("name_key", String(200), nullable=False),
    Column("kind", String(40)),
    Column("level", String(10)),  # 'Huyện' (district level) or 'Xã' (commune level); None when unknown
    Column("parent_id", Integer, ForeignKey("units.id")),  # an old commune's district
    Column("province", String(100)),  # the former province of an old unit
    Column("latitude", Float),
    Column("longitude", Float),
    Column("valid_from", Date),
    Column("valid_to", Date),
    UniqueConstraint("ident", name="uq_units_ident"),
    Index("ix_units_name_key", "name_key"),
    Index("ix_units_code", "code"),
)

# Which old unit went into which new one, from when, and whether whole or in part.
unit_lineage = Table(
    "unit_lineage",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("old_unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("new_unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("effective", Date, nullable=False),
    Column("merge", String(10), nullable=False),  # 'whole' | 'part'
    UniqueConstraint("old_unit_id", "new_unit_id", name="uq_unit_lineage"),
)

fields = Table(
    "fields",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("name_key", String(200), nullable=False, unique=True),
    Column("is_land_env", Boolean, nullable=False, default=False),
)

agencies = Table(
    "agencies",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False),
    Column("name_key", String(300), nullable=False, unique=True),
    Column("kind", String(30)),
    Column("level", String(10)),
    Column("unit_id", Integer, ForeignKey("units.id")),
    Column("valid_from", Date),
    Column("valid_to", Date),
)

# A merged agency's successor (Nghị định 45/2025/NĐ-CP, 1/3/2025; the provinces' merger, 1/7/2025).
agency_lineage = Table(
    "agency_lineage",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("old_agency_id", Integer, ForeignKey("agencies.id"), nullable=False),
    Column("new_agency_id", Integer, ForeignKey("agencies.id"), nullable=False),
    Column("effective", Date, nullable=False),
    UniqueConstraint("old_agency_id", "new_agency_id", name="uq_agency_lineage"),
)

procedures = Table(
    "procedures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(40)),
    Column("name", String(500), nullable=False),
    Column("name_key", String(500), nullable=False, unique=True),
    Column("field_id", Integer, ForeignKey("fields.id")),
)

dossiers = Table(
    "dossiers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(80), nullable=False, unique=True),
    Column("procedure_id", Integer, ForeignKey("procedures.id")),
    Column("field_id", Integer, ForeignKey("fields.id"), nullable=False),
    Column("agency_id", Integer, ForeignKey("agencies.id"), nullable=False),
    Column("level", String(10)),
    Column("unit_id", Integer, ForeignKey("units.id")),
    Column("received_on", Date, nullable=False),
    Column("due_on", Date),
    Column("result_on", Date),
    Column("status", String(120)),
    Column("ended", Boolean, nullable=False, default=False),
    Column("waiting_supplement", Boolean, nullable=False, default=False),
    Column("channel", String(12), nullable=False),
    Column("synced", Boolean, nullable=False, default=False),
    Column("apology", Boolean, nullable=False, default=False),
    Column("digitised", Boolean, nullable=False, default=False),
    Column("current_agency_id", Integer, ForeignKey("agencies.id")),
    # Counting a period only needs dossiers still open at its start or closed after it.
    Index("ix_dossiers_result_on_received_on", "result_on", "received_on"),
    Index("ix_dossiers_received_on", "received_on"),
    Index("ix_dossiers_unit_received", "unit_id", "received_on"),
    Index("ix_dossiers_agency_received", "agency_id", "received_on"),
    # Overdue-only breakdowns (procedure, agency holding the dossier, age): open dossiers and late results.
    # Partial and covering (every column those queries read), so they never touch the table's pages.
    Index("ix_dossiers_open_due", "due_on", *OVERDUE_COVER, "result_on", sqlite_where=text("result_on IS NULL"),
          postgresql_where=text("result_on IS NULL")),
    Index("ix_dossiers_late_result", "result_on", "due_on", "ended", *OVERDUE_COVER,
          sqlite_where=text("result_on > due_on"), postgresql_where=text("result_on > due_on")),
)

tasks = Table(
    "tasks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("task_key", String(64), nullable=False, unique=True),
    Column("doc_number", String(80), nullable=False),
    Column("doc_date", Date),
    Column("issuer", String(300)),
    Column("content", Text, nullable=False),
    Column("lead_agency_id", Integer, ForeignKey("agencies.id"), nullable=False),
    Column("coordinating", Text),
    Column("leader", String(200)),
    Column("deadline", Date),
    Column("completed_on", Date),
    Column("progress_note", Text),
    Column("source_meeting_id", Integer),  # the meeting whose conclusions created it (meetings.id), if any
    Index("ix_tasks_doc_date", "doc_date"),
    Index("ix_tasks_lead_agency", "lead_agency_id"),
)

index_results = Table(
    "index_results",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("index_name", String(30), nullable=False),
    Column("period", String(12), nullable=False),
    Column("province", String(100), nullable=False),
    Column("score", Float),
    Column("rank", Integer),
    Column("n_ranked", Integer),
    Column("component", String(300), nullable=False, default=""),
    Column("max_points", Float),
    Column("source", Text),
    Column("note", Text),
    Column("is_demo", Boolean, nullable=False, default=False),
    UniqueConstraint("index_name", "period", "province", "component", name="uq_index_result"),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(50), primary_key=True),
    Column("value", Text),
    Column("updated_at", DateTime),
)



dossier_steps = Table(
    "dossier_steps",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dossier_code", String(80), nullable=False),
    Column("step", String(200), nullable=False),
    Column("agency_id", Integer, ForeignKey("agencies.id"), nullable=False),
    Column("started_on", Date, nullable=False),
    Column("ended_on", Date),
    Column("due_on", Date),
    # its place among the dossier's steps (by start, then as recorded) and whether it is the dossier's first passage
    # at this step, and at this step with this agency: numbered when steps are written (data_access.store.step_order)
    Column("place", Integer),
    Column("first_at_step", Boolean),
    Column("first_at_agency", Boolean),
    UniqueConstraint("dossier_code", "step", "started_on", name="uq_dossier_step"),
)

import_log = Table(
    "import_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("imported_at", DateTime, nullable=False),
    Column("file_name", String(300), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("sheet", String(200)),
    Column("rows_read", Integer, nullable=False),
    Column("inserted", Integer, nullable=False),
    Column("updated", Integer, nullable=False),
    Column("unchanged", Integer, nullable=False),
    Column("rejected", Integer, nullable=False),
    Column("warnings", Integer, nullable=False),
    Column("imported_by", String(80)),  # the account that imported it (None from the command line)
    Column("older_allowed", Integer),  # stored dossiers it rolled back on purpose (--allow-older), else None
    Column("notes", Text),  # what it decided on its own, one line each (ImportReport.decision_lines), else None
    Index("ix_import_log_imported_at", "imported_at"),
)


# Per-day sums of dossier events (see metrics/rollup.py); rebuilt or updated by every load.
def rollup_columns(period: str) -> list[Column]:
    """Return the columns of a rollup table (its `period` date, the four keys, the counters), without id."""
    return [
        Column(period, Date, nullable=False),
        Column("agency_id", Integer, nullable=False),
        Column("field_id", Integer, nullable=False),
        Column("unit_id", Integer, nullable=False),  # 0 = not attached to a territorial unit
        Column("level", String(10), nullable=False),  # '' = level unknown
        *[Column(name, Integer, nullable=False) for name in DAILY_COUNTERS],
    ]


dossier_daily = Table(
    "dossier_daily",
    metadata,
    Column("id", Integer, primary_key=True),
    *rollup_columns("day"),
    UniqueConstraint("day", "agency_id", "field_id", "unit_id", "level", name="uq_dossier_daily"),
    Index("ix_dossier_daily_unit_day", "unit_id", "day"),
)

# The same sums per month (`month` = its first day): pages read whole months here and only the few months
# that a period boundary cuts from dossier_daily, so a query reads about the same rows at any volume.
dossier_monthly = Table(
    "dossier_monthly",
    metadata,
    Column("id", Integer, primary_key=True),
    *rollup_columns("month"),
    UniqueConstraint("month", "agency_id", "field_id", "unit_id", "level", name="uq_dossier_monthly"),
    Index("ix_dossier_monthly_unit_month", "unit_id", "month"),
)


# Weekly review meetings: the figures are frozen at creation (as of the cut-off) and kept as the record.
meetings = Table(
    "meetings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("held_on", Date, nullable=False),
    Column("title", String(300), nullable=False),
    Column("cutoff_at", DateTime, nullable=False),
    Column("created_at", DateTime, nullable=False),
    # JSON of data_access.figures.summary at the cut-off date, written by meetings created before their frames
    # (meeting_frames) were kept; none since (revision 0016, issue #31): a meeting's figures are its frames.
    Column("figures", Text),
    # What the conclusion notice says of the meeting (revision 0015, issue #32); kept and audited with it.
    Column("chair", String(200)),  # "Nguyễn Văn A"
    Column("chair_title", String(300)),  # "Chủ tịch UBND tỉnh, Trưởng ban Chỉ đạo Cải cách hành chính tỉnh"
    Column("presenters", Text),  # JSON [[who, report heard], …] in the order heard
    Column("attendees", Text),  # a category line or names
    Column("signer_name", String(200)),  # None: settings.toml [notice] signer_name
    Column("signer_title", Text),  # the title block, one line each ("\n"); None: settings.toml [notice] signer
    Column("assessment_results", Text),  # the Office's edit of the assessment; None: written from the figures
    Column("assessment_shortcomings", Text),
    Index("ix_meetings_held_on", "held_on"),
)

# The meeting's conclusions (revision 0015, issue #32): each addressed to one body (lead agency, coordinating bodies)
# or to a category of bodies (data_access.meetings.records.CATEGORIES), with or without a deadline. One addressed to a
# body with a deadline is also a task (task_id) followed on the tasks page. `suggestion` names the standard directive
# the draft proposed from the figures and the Office accepted (its text is then the whole directive).
conclusions = Table(
    "conclusions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id"), nullable=False, index=True),
    Column("content", Text, nullable=False),
    Column("lead_agency_id", Integer, ForeignKey("agencies.id")),
    Column("category", String(40)),
    Column("coordinating", Text),
    Column("deadline", Date),
    Column("task_id", Integer, ForeignKey("tasks.id")),
    Column("suggestion", String(200)),
    Column("created_at", DateTime, nullable=False),
)

# Suggested directives the Office dropped from a meeting's notice (revision 0015).
dropped_suggestions = Table(
    "dropped_suggestions",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id"), primary_key=True),
    Column("suggestion", String(200), primary_key=True),
    Column("dropped_at", DateTime, nullable=False),
)


# Everything the pages read for a meeting, frozen at its creation (data_access.meetings.snapshots): one Parquet frame
# per name.
meeting_frames = Table(
    "meeting_frames",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id"), primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("payload", LargeBinary, nullable=False),
)

# The province's official boundary file (cli.py import boundaries): one GeoJSON geometry per unit of a level,
# matched by GSO code; when a level has none, the shipped shapes of assets/geo are drawn.
boundaries = Table(
    "boundaries",
    metadata,
    Column("level", String(10), primary_key=True),  # 'Xã' (the 65 communes) or 'Huyện' (the 16 old districts)
    Column("code", String(20), primary_key=True),
    Column("name", String(200)),
    Column("geometry", Text, nullable=False),
    Column("file_name", String(300), nullable=False),
    Column("imported_at", DateTime, nullable=False),
)


# Who may sign in (revision 0008): local accounts (argon2 hash) or single sign-on matched by e-mail.
accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(80), nullable=False, unique=True),
    Column("password_hash", String(200)),  # None: single sign-on only
    Column("email", String(200), index=True),
    Column("role", String(20), nullable=False),  # data_access.accounts.store.ROLES
    Column("agency_id", Integer, ForeignKey("agencies.id")),  # so_nganh: their agency
    Column("unit_id", Integer, ForeignKey("units.id")),  # xa: their commune
    Column("disabled", Boolean, nullable=False),
    Column("failed_count", Integer, nullable=False),
    Column("locked_until", DateTime),
    Column("is_demo", Boolean, nullable=False),  # demo accounts are disabled when real data is imported
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

# Failed sign-ins in a row of one name typed (hashed: it may be a password) from one address (revision 0012).
sign_in_failures = Table(
    "sign_in_failures",
    metadata,
    Column("name_key", String(64), primary_key=True),  # data_access.accounts.sign_in_guard.name_key
    Column("address", String(64), primary_key=True),  # '' when the address is not known (the server itself)
    Column("failed_count", Integer, nullable=False),
    Column("locked_until", DateTime),
    Column("updated_at", DateTime, nullable=False),
)

# A local account's sign-in kept by its browser (revision 0013, issue #29 §3): the browser holds a random token in an
# HttpOnly cookie; only its hash is stored. A sign-in first stores the hash of a one-time code its page hands to the
# server's /api/phien route, which stores the token's hash instead and sets the cookie.
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id"), nullable=False, index=True),
    Column("code_hash", String(64), unique=True),  # the one-time code, until the cookie is set
    Column("token_hash", String(64), unique=True),  # the cookie's token, once set
    Column("browser", String(64)),  # ui.session_binding's secret of the browser that signed in (None: unknown)
    Column("created_at", DateTime, nullable=False),
    Column("last_seen_at", DateTime, nullable=False),
    Column("ended_at", DateTime),
    Column("ended_why", String(20)),  # data_access.accounts.web_sessions.ENDINGS
)

# Days off and compensatory working days the Office added (revision 0014) beside the shipped config/holidays/*.csv.
holidays = Table(
    "holidays",
    metadata,
    Column("day", Date, primary_key=True),
    Column("kind", String(10), nullable=False),  # metrics.workdays.KINDS
    Column("name", String(200), nullable=False),
    Column("file_name", String(300)),
    Column("imported_at", DateTime, nullable=False),
)

# Append-only from the application: who did what, when, from which address.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("account", String(80)),
    Column("action", String(40), nullable=False),
    Column("detail", Text),
    Column("address", String(64)),
)
