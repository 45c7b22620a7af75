"""web_sessions: a local account's sign-in kept by its browser across reloads and tabs (an HttpOnly cookie holds a
random token; only its hash is stored), ended by sign-out, the idle timeout or the account's disabling

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'web_sessions',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('account_id', sa.Integer(), sa.ForeignKey('accounts.id'), nullable=False),
        sa.Column('code_hash', sa.String(64), nullable=True, unique=True),
        sa.Column('token_hash', sa.String(64), nullable=True, unique=True),
        sa.Column('browser', sa.String(64), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('last_seen_at', sa.DateTime(), nullable=False),
        sa.Column('ended_at', sa.DateTime(), nullable=True),
        sa.Column('ended_why', sa.String(20), nullable=True),
    )
    op.create_index('ix_web_sessions_account_id', 'web_sessions', ['account_id'])


def downgrade() -> None:
    op.drop_index('ix_web_sessions_account_id', 'web_sessions')
    op.drop_table('web_sessions')
