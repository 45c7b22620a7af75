"""dossier_steps.place, first_at_step, first_at_agency: each step's place in its dossier, numbered when steps are
written (data_access.store.step_order); data_access.store.migrate numbers the steps already stored

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('dossier_steps') as batch:
        batch.add_column(sa.Column('place', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('first_at_step', sa.Boolean(), nullable=True))
        batch.add_column(sa.Column('first_at_agency', sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('dossier_steps') as batch:
        batch.drop_column('first_at_agency')
        batch.drop_column('first_at_step')
        batch.drop_column('place')
