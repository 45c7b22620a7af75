"""dossier daily rollup

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dossier_daily',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('field_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('n_received', sa.Integer(), nullable=False),
    sa.Column('n_received_online', sa.Integer(), nullable=False),
    sa.Column('n_received_postal', sa.Integer(), nullable=False),
    sa.Column('n_received_synced', sa.Integer(), nullable=False),
    sa.Column('n_open_supplement', sa.Integer(), nullable=False),
    sa.Column('n_closed', sa.Integer(), nullable=False),
    sa.Column('n_resolved', sa.Integer(), nullable=False),
    sa.Column('n_resolved_early', sa.Integer(), nullable=False),
    sa.Column('n_resolved_on_day', sa.Integer(), nullable=False),
    sa.Column('n_resolved_late', sa.Integer(), nullable=False),
    sa.Column('n_resolved_digitised', sa.Integer(), nullable=False),
    sa.Column('n_ended', sa.Integer(), nullable=False),
    sa.Column('n_late_apology', sa.Integer(), nullable=False),
    sa.Column('n_due', sa.Integer(), nullable=False),
    sa.Column('n_due_apology', sa.Integer(), nullable=False),
    sa.Column('n_cleared_after_due', sa.Integer(), nullable=False),
    sa.Column('n_cleared_after_due_apology', sa.Integer(), nullable=False),
    sa.Column('n_cleared_by_due', sa.Integer(), nullable=False),
    sa.Column('n_cleared_by_due_apology', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('day', 'agency_id', 'field_id', 'unit_id', 'level', name='uq_dossier_daily')
    )
    with op.batch_alter_table('dossier_daily', schema=None) as batch_op:
        batch_op.create_index('ix_dossier_daily_unit_day', ['unit_id', 'day'], unique=False)




def downgrade() -> None:
    with op.batch_alter_table('dossier_daily', schema=None) as batch_op:
        batch_op.drop_index('ix_dossier_daily_unit_day')

    op.drop_table('dossier_daily')

