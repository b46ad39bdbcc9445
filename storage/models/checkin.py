from datetime import date, datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from storage.models._common import tz_datetime_column, utcnow


class CheckIn(SQLModel, table=True):
    """An answer to a check-in prompt: the pair's journal. Seen by the pair only; admins get met/not-met counts."""

    __tablename__ = "check_in"
    # The admin report's counts (sessions held per pair and per day, answers per person) each read one of these
    # covering indexes instead of the table.
    __table_args__ = (Index("ix_check_in_outcome_mentorship", "outcome", "mentorship_id", "period"),
                      Index("ix_check_in_outcome_period", "outcome", "period", "mentorship_id"),
                      Index("ix_check_in_mentorship_author", "mentorship_id", "author_id", "period"))

    id: int | None = Field(default=None, primary_key=True)
    mentorship_id: int = Field(foreign_key="mentorship.id", index=True)
    author_id: str = Field(foreign_key="person.slack_id", max_length=32)
    period: date | None = Field(default=None)  # the session the prompt asked about
    outcome: str = Field(default="", max_length=16)  # met | not_met | rescheduled | '' (notes only)
    note: str = Field(default="", max_length=3000)
    source: str = Field(default="", max_length=16)  # button | thread | modal
    slack_ts: str = Field(default="", max_length=32)  # the prompt's ts (the DM thread answered in)
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
