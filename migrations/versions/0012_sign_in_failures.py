"""sign_in_failures: failed sign-ins in a row per name typed (hashed) and address, so that a lock holds for the
address that failed and not for everyone (the chairman cannot be locked out from another machine)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sign_in_failures',
        sa.Column('name_key', sa.String(64), primary_key=True),
        sa.Column('address', sa.String(64), primary_key=True),
        sa.Column('failed_count', sa.Integer(), nullable=False),
        sa.Column('locked_until', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table('sign_in_failures')
