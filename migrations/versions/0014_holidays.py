"""holidays: days off and compensatory working days the Office adds (cli.py import holidays) beside the shipped
config/holidays/*.csv; dossier deadlines are counted in working days over them (issue #33)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'holidays',
        sa.Column('day', sa.Date(), primary_key=True),
        sa.Column('kind', sa.String(10), nullable=False),
        sa.Column('name', sa.String(200), nullable=False),
        sa.Column('file_name', sa.String(300), nullable=True),
        sa.Column('imported_at', sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table('holidays')
