"""Index scheduled_message.slack_ts: a reply in a DM thread finds its check-in prompt by the prompt's ts,
on every message.im event, so that lookup must not scan the outbox.

Revision ID: 0005
Revises: 0001
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_scheduled_message_slack_ts", "scheduled_message", ["slack_ts"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_scheduled_message_slack_ts", table_name="scheduled_message")
