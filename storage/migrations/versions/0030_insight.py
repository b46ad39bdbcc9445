"""Is it working? Private pulse answers, exit surveys, escalations of drifting pairs, how a mentorship ended
(reason, who, thank-you), /findmentor topic words per day (never who asked), and an index for the admin report.

Revision ID: 0030
Revises: 0040
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0030"
down_revision: str | Sequence[str] | None = "0040"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pulse_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("helping", sa.String(length=16), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("latest", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["mentorship_id"], ["mentorship.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.slack_id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mentorship_id", "person_id", "round", name="uq_pulse_answer_round"),
    )
    op.create_index("ix_pulse_answer_mentorship_id", "pulse_answer", ["mentorship_id"])
    op.create_table(
        "exit_survey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.String(length=32), nullable=False),
        sa.Column("overall", sa.Integer(), nullable=False),
        sa.Column("goals_achieved", sa.String(length=16), nullable=False),
        sa.Column("again", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["mentorship_id"], ["mentorship.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.slack_id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mentorship_id", "person_id", name="uq_exit_survey_person"),
    )
    op.create_index("ix_exit_survey_mentorship_id", "exit_survey", ["mentorship_id"])
    op.create_table(
        "escalation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("signals", sa.String(length=100), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("step_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("choice_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["mentorship_id"], ["mentorship.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_escalation_mentorship_id", "escalation", ["mentorship_id"])
    op.create_table(
        "search_topic",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("word", sa.String(length=40), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "word"),
    )
    # The report's per-pair aggregates read check-ins by outcome.
    op.create_index("ix_check_in_outcome_mentorship", "check_in", ["outcome", "mentorship_id", "period"])
    op.create_index("ix_check_in_outcome_period", "check_in", ["outcome", "period", "mentorship_id"])
    op.create_index("ix_check_in_mentorship_author", "check_in", ["mentorship_id", "author_id", "period"])
    with op.batch_alter_table("mentorship", schema=None) as batch_op:
        batch_op.add_column(sa.Column("end_reason", sa.String(length=16), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("ended_by", sa.String(length=32), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("thank_you", sa.String(length=1000), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("mentorship", schema=None) as batch_op:
        batch_op.drop_column("thank_you")
        batch_op.drop_column("ended_by")
        batch_op.drop_column("end_reason")
    op.drop_index("ix_check_in_mentorship_author", table_name="check_in")
    op.drop_index("ix_check_in_outcome_period", table_name="check_in")
    op.drop_index("ix_check_in_outcome_mentorship", table_name="check_in")
    op.drop_table("search_topic")
    op.drop_index("ix_escalation_mentorship_id", table_name="escalation")
    op.drop_table("escalation")
    op.drop_index("ix_exit_survey_mentorship_id", table_name="exit_survey")
    op.drop_table("exit_survey")
    op.drop_index("ix_pulse_answer_mentorship_id", table_name="pulse_answer")
    op.drop_table("pulse_answer")
