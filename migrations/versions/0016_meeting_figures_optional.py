"""a meeting's headline JSON becomes optional: meetings keep their figures in their frames (meeting_frames) and
write none since issue #31; those created before frames were keep theirs and read it

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('meetings') as batch:
        batch.alter_column('figures', existing_type=sa.Text(), nullable=True)


def downgrade() -> None:
    op.execute("UPDATE meetings SET figures = '{}' WHERE figures IS NULL")
    with op.batch_alter_table('meetings') as batch:
        batch.alter_column('figures', existing_type=sa.Text(), nullable=False)
