"""meetings with frozen figures; tasks record the meeting that decided them

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('cutoff_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('figures', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_meetings_held_on', 'meetings', ['held_on'], unique=False)
    with op.batch_alter_table('tasks') as batch:
        batch.add_column(sa.Column('source_meeting_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('tasks') as batch:
        batch.drop_column('source_meeting_id')
    op.drop_index('ix_meetings_held_on', table_name='meetings')
    op.drop_table('meetings')
