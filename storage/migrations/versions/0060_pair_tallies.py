"""Per-pair tallies for the admin report (sessions held, check-ins answered), kept on the check-in write path, so
the report reads one row per pair instead of a year of check-ins. Filled here from the check-ins already stored.
And an index from a pair to the round that formed it (the report's cohorts).

Revision ID: 0060
Revises: 0030
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0060"
down_revision: str | Sequence[str] | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The same statement as storage.checkins.RECOUNT, for every pair (a migration does not import the app's code).
BACKFILL = """
UPDATE mentorship SET
  sessions_held = (SELECT count(DISTINCT c.period) FROM check_in c
                   WHERE c.mentorship_id = mentorship.id AND c.outcome = 'met'),
  checkins_answered = (SELECT count(*) FROM (SELECT DISTINCT c.author_id, c.period FROM check_in c
                       WHERE c.mentorship_id = mentorship.id AND c.period IS NOT NULL) AS answers)
"""


def upgrade() -> None:
    # Expand only: columns with a default, so processes of the previous release keep inserting mentorships.
    with op.batch_alter_table("mentorship", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sessions_held", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("checkins_answered", sa.Integer(), nullable=False, server_default="0"))
    op.execute(BACKFILL)
    op.create_index("ix_round_pair_mentorship_id", "round_pair", ["mentorship_id"])


def downgrade() -> None:
    op.drop_index("ix_round_pair_mentorship_id", table_name="round_pair")
    with op.batch_alter_table("mentorship", schema=None) as batch_op:
        batch_op.drop_column("checkins_answered")
        batch_op.drop_column("sessions_held")
