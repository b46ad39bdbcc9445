"""Programs run from Slack and cohort matching rounds: program settings and status, membership status (leave and
pause keep history), org data on people (manager, department, level), and the round tables.

Revision ID: 0020
Revises: 0007
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0020"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("program", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description", S(length=1000), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("status", S(length=16), nullable=False, server_default="active"))
        batch_op.add_column(sa.Column("match_mode", S(length=16), nullable=False, server_default="both"))
        batch_op.add_column(sa.Column("cohort_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("cohort_end", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("max_hours_apart", sa.Integer(), nullable=False, server_default="6"))
        batch_op.add_column(sa.Column("different_department", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table("program_member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", S(length=16), nullable=False, server_default="active"))
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("manager_id", S(length=32), nullable=True))
        batch_op.add_column(sa.Column("department", S(length=100), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("level", S(length=50), nullable=False, server_default=""))
    op.create_table(
        "match_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("status", S(length=16), nullable=False),
        sa.Column("kind", S(length=8), nullable=False),
        sa.Column("created_by", S(length=32), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["program_id"], ["program.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_match_round_program_id", "match_round", ["program_id"])
    op.create_index("ix_match_round_one_preview", "match_round", ["program_id"], unique=True,
                    sqlite_where=sa.text("status = 'preview'"), postgresql_where=sa.text("status = 'preview'"))
    op.create_table(
        "round_pair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", S(length=32), nullable=False),
        sa.Column("mentor_id", S(length=32), nullable=True),
        sa.Column("fit", sa.Float(), nullable=False),
        sa.Column("why", S(length=1000), nullable=False),
        sa.Column("status", S(length=16), nullable=False),
        sa.Column("mentee_accepted", sa.Boolean(), nullable=False),
        sa.Column("mentor_accepted", sa.Boolean(), nullable=False),
        sa.Column("mentorship_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["round_id"], ["match_round.id"]),
        sa.ForeignKeyConstraint(["mentee_id"], ["person.slack_id"]),
        sa.ForeignKeyConstraint(["mentor_id"], ["person.slack_id"]),
        sa.ForeignKeyConstraint(["mentorship_id"], ["mentorship.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_round_pair_round_id", "round_pair", ["round_id"])
    op.create_index("ix_round_pair_mentee_id", "round_pair", ["mentee_id"])
    op.create_index("ix_round_pair_mentor_id", "round_pair", ["mentor_id"])


def downgrade() -> None:
    op.drop_table("round_pair")
    op.drop_index("ix_match_round_one_preview", table_name="match_round")
    op.drop_table("match_round")
    with op.batch_alter_table("person", schema=None) as batch_op:
        for column in ("level", "department", "manager_id"):
            batch_op.drop_column(column)
    with op.batch_alter_table("program_member", schema=None) as batch_op:
        batch_op.drop_column("status")
    with op.batch_alter_table("program", schema=None) as batch_op:
        for column in ("different_department", "max_hours_apart", "cohort_end", "cohort_start", "match_mode",
                       "status", "description"):
            batch_op.drop_column(column)
