"""Outbox: deferred_from (pause/resume) and a (status, due_at) index for the drain's claim.

Revision ID: 0004
Revises: 0001
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('scheduled_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deferred_from', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_scheduled_message_status_due_at', ['status', 'due_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('scheduled_message', schema=None) as batch_op:
        batch_op.drop_index('ix_scheduled_message_status_due_at')
        batch_op.drop_column('deferred_from')
