from datetime import datetime

from sqlalchemy import JSON, Column, Index, text
from sqlmodel import Field, SQLModel

from storage.models._common import tz_datetime_column, utcnow


class MatchRound(SQLModel, table=True):
    """A cohort matching round: planned (preview), then approved once; proposals go out after approval."""

    __tablename__ = "match_round"
    # At most one round in preview per program: a second planner is refused by the database, not by luck.
    __table_args__ = (Index("ix_match_round_one_preview", "program_id", unique=True,
                            sqlite_where=text("status = 'preview'"), postgresql_where=text("status = 'preview'")),)

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True)
    status: str = Field(default="preview", max_length=16)  # preview | approved | cancelled
    kind: str = Field(default="round", max_length=8)  # round | fill
    created_by: str = Field(default="", max_length=32)  # a Slack id, or "cli"
    report: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
    approved_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())


class RoundPair(SQLModel, table=True):
    """One line of a round: a proposed pair (mentor_id set) or an unmatched mentee (mentor_id NULL, reason)."""

    __tablename__ = "round_pair"

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="match_round.id", index=True)
    mentee_id: str = Field(foreign_key="person.slack_id", index=True, max_length=32)
    mentor_id: str | None = Field(default=None, foreign_key="person.slack_id", index=True, max_length=32)
    fit: float = Field(default=0.0)
    why: str = Field(default="", max_length=1000)  # the /findmentor explanation, or why unmatched
    # planned | removed (by the admin) | skipped (left before approval) | proposed | accepted | declined | unmatched
    status: str = Field(default="planned", max_length=16)
    mentee_accepted: bool = Field(default=False)
    mentor_accepted: bool = Field(default=False)
    # The pair a round formed (its cohort, in the admin report).
    mentorship_id: int | None = Field(default=None, foreign_key="mentorship.id", index=True)
