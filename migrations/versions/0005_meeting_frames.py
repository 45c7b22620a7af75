"""frames every page reads for a meeting, frozen at its creation

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

Meetings created before this revision keep only their headline figures; the pages show them with live data
as of their cut-off and say so.
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('meeting_frames',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('payload', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id']),
    sa.PrimaryKeyConstraint('meeting_id', 'name')
    )


def downgrade() -> None:
    op.drop_table('meeting_frames')
