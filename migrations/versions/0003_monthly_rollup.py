"""monthly rollup, due events on the first overdue day, overdue-only indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

dossier_daily now dates "overdue from" and "cleared by due" events on the day after the due date, so its rows
are emptied here; data_access.store.migrate rebuilds both rollups from the dossiers after the upgrade.
"""

import sqlalchemy as sa
from alembic import op

# The counters as they were at this revision, frozen here: a migration must not change when live code does.
DAILY_COUNTERS = (
    "n_received", "n_received_online", "n_received_postal", "n_received_synced", "n_open_supplement",
    "n_closed", "n_resolved", "n_resolved_early", "n_resolved_on_day", "n_resolved_late", "n_resolved_digitised",
    "n_ended",
    "n_late_apology", "n_due", "n_due_apology", "n_cleared_after_due", "n_cleared_after_due_apology",
    "n_cleared_by_due", "n_cleared_by_due_apology",
)

COVER = ['received_on', 'unit_id', 'agency_id', 'level', 'field_id', 'procedure_id', 'current_agency_id']
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dossier_monthly',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('field_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    *[sa.Column(name, sa.Integer(), nullable=False) for name in DAILY_COUNTERS],
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('month', 'agency_id', 'field_id', 'unit_id', 'level', name='uq_dossier_monthly')
    )
    op.create_index('ix_dossier_monthly_unit_month', 'dossier_monthly', ['unit_id', 'month'], unique=False)
    op.create_index('ix_dossiers_open_due', 'dossiers', ['due_on', *COVER, 'result_on'], unique=False,
                    sqlite_where=sa.text('result_on IS NULL'), postgresql_where=sa.text('result_on IS NULL'))
    op.create_index('ix_dossiers_late_result', 'dossiers', ['result_on', 'due_on', 'ended', *COVER], unique=False,
                    sqlite_where=sa.text('result_on > due_on'), postgresql_where=sa.text('result_on > due_on'))
    op.execute(sa.text('DELETE FROM dossier_daily'))


def downgrade() -> None:
    op.drop_index('ix_dossiers_late_result', table_name='dossiers')
    op.drop_index('ix_dossiers_open_due', table_name='dossiers')
    op.drop_index('ix_dossier_monthly_unit_month', table_name='dossier_monthly')
    op.drop_table('dossier_monthly')
    op.execute(sa.text('DELETE FROM dossier_daily'))
