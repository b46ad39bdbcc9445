"""The pair's journey (issue 12): session_change (a session moved or cancelled off the agreement's schedule) and
agreement_change (a proposed or confirmed new version of the agreement), agenda_item and action_item; profile.work_hours / work_days / proud_of; intro_request.ask_again_at;
resource (the learning library, seeded with the guide's references).

Revision ID: 0040
Revises: 0050
"""
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0040"
down_revision: str | Sequence[str] | None = "0050"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


SEEDED_AT = datetime(2026, 11, 29, tzinfo=UTC)
# The guide's own references, and the kind of resource it suggests for public speaking. A snapshot here (not an
# import of application code), so this migration stays the same whatever the code becomes.
GUIDE_RESOURCES = [
    {"title": "The Mentor's Guide (Lois J. Zachary)", "kind": "book",
     "link": "https://www.wiley.com/en-us/search?pq=The%20Mentor%27s%20Guide%20Zachary",
     "topics": ["mentoring", "mentorship", "feedback", "goals", "learning"]},
    {"title": "Lean In (Sheryl Sandberg)", "kind": "book", "link": "https://leanin.org/book",
     "topics": ["career", "career growth", "leadership", "mentorship", "confidence"]},
    {"title": "LinkedIn Learning: courses on mentoring and career development", "kind": "course",
     "link": "https://www.linkedin.com/learning/search?keywords=mentoring",
     "topics": ["mentoring", "career", "career growth", "management", "leadership"]},
    {"title": "Toastmasters International: find a local speaking club", "kind": "club",
     "link": "https://www.toastmasters.org/find-a-club",
     "topics": ["public speaking", "presenting", "presentation", "speaking", "communication"]},
]


def upgrade() -> None:
    op.create_table(
        "session_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("slot_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("new_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=32), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["mentorship_id"], ["mentorship.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mentorship_id", "slot_at", name="uq_session_change_slot"),
    )
    op.create_index("ix_session_change_mentorship_id", "session_change", ["mentorship_id"])
    op.create_table(
        "agreement_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("proposed_by", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("goals", sa.String(length=3000), nullable=False),
        sa.Column("cadence", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("duration_months", sa.Integer(), nullable=False),
        sa.Column("meeting_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("prev_cadence", sa.String(length=16), nullable=False),
        sa.Column("prev_anchor", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["mentorship_id"], ["mentorship.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_agreement_change_mentorship_id", "agreement_change", ["mentorship_id"])
    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("slot_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["mentorship_id"], ["mentorship.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_agenda_item_mentorship_id", "agenda_item", ["mentorship_id"])
    op.create_table(
        "action_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.String(length=32), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["mentorship_id"], ["mentorship.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_action_item_mentorship_id", "action_item", ["mentorship_id"])
    resource = op.create_table(
        "resource",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("link", sa.String(length=500), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("added_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.bulk_insert(resource, [{**r, "added_by": "", "created_at": SEEDED_AT} for r in GUIDE_RESOURCES])
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("work_hours", sa.String(length=16), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("work_days", sa.String(length=32), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("proud_of", sa.String(length=500), nullable=False, server_default=""))
    with op.batch_alter_table("intro_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ask_again_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_table("resource")
    with op.batch_alter_table("intro_request", schema=None) as batch_op:
        batch_op.drop_column("ask_again_at")
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_column("proud_of")
        batch_op.drop_column("work_days")
        batch_op.drop_column("work_hours")
    op.drop_index("ix_action_item_mentorship_id", table_name="action_item")
    op.drop_table("action_item")
    op.drop_index("ix_agenda_item_mentorship_id", table_name="agenda_item")
    op.drop_table("agenda_item")
    op.drop_index("ix_agreement_change_mentorship_id", table_name="agreement_change")
    op.drop_table("agreement_change")
    op.drop_index("ix_session_change_mentorship_id", table_name="session_change")
    op.drop_table("session_change")
