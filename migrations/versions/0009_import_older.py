"""import_log.older_allowed: how many stored dossiers an import rolled back on purpose (--allow-older)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('import_log') as batch:
        batch.add_column(sa.Column('older_allowed', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('import_log') as batch:
        batch.drop_column('older_allowed')
