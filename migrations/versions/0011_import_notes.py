"""import_log.notes: what an import decided on its own, one line each (a bare unit name read at the level of its
column: "1.204 dòng: «Diên Khánh» ở cột «Địa bàn» được hiểu là Huyện Diên Khánh")

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('import_log') as batch:
        batch.add_column(sa.Column('notes', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('import_log') as batch:
        batch.drop_column('notes')
