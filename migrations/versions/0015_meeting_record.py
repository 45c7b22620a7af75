"""the meeting record the conclusion notice needs (chair, presenters, attendees, signer, the Office's assessment) and
conclusions addressed to a body or a category, with or without a deadline (issue #32); the conclusions recorded
before, each a task, are copied in

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

MEETING_COLUMNS = (
    ('chair', sa.String(200)), ('chair_title', sa.String(300)), ('presenters', sa.Text()), ('attendees', sa.Text()),
    ('signer_name', sa.String(200)), ('signer_title', sa.Text()), ('assessment_results', sa.Text()),
    ('assessment_shortcomings', sa.Text()),
)


def upgrade() -> None:
    with op.batch_alter_table('meetings') as batch:
        for name, kind in MEETING_COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))
    op.create_table(
        'conclusions',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('meeting_id', sa.Integer(), sa.ForeignKey('meetings.id'), nullable=False),
        sa.Column('content', sa.Text(), nullable=False),
        sa.Column('lead_agency_id', sa.Integer(), sa.ForeignKey('agencies.id'), nullable=True),
        sa.Column('category', sa.String(40), nullable=True),
        sa.Column('coordinating', sa.Text(), nullable=True),
        sa.Column('deadline', sa.Date(), nullable=True),
        sa.Column('task_id', sa.Integer(), sa.ForeignKey('tasks.id'), nullable=True),
        sa.Column('suggestion', sa.String(200), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    op.create_index('ix_conclusions_meeting_id', 'conclusions', ['meeting_id'], unique=False)
    op.create_table(
        'dropped_suggestions',
        sa.Column('meeting_id', sa.Integer(), sa.ForeignKey('meetings.id'), primary_key=True),
        sa.Column('suggestion', sa.String(200), primary_key=True),
        sa.Column('dropped_at', sa.DateTime(), nullable=False),
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    op.get_bind().execute(sa.text(
        "INSERT INTO conclusions (meeting_id, content, lead_agency_id, coordinating, deadline, task_id, created_at) "
        "SELECT t.source_meeting_id, t.content, t.lead_agency_id, t.coordinating, t.deadline, t.id, :now "
        "FROM tasks t JOIN meetings m ON m.id = t.source_meeting_id ORDER BY t.id"), {"now": now})


def downgrade() -> None:
    op.drop_table('dropped_suggestions')
    op.drop_index('ix_conclusions_meeting_id', table_name='conclusions')
    op.drop_table('conclusions')
    with op.batch_alter_table('meetings') as batch:
        for name, _ in reversed(MEETING_COLUMNS):
            batch.drop_column(name)
