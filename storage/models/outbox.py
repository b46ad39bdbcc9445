from datetime import datetime

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from storage.models._common import tz_datetime_column, utcnow


class ScheduledMessage(SQLModel, table=True):
    """The outbox: every message the bot will send later. The database, not APScheduler, is the source of truth."""

    __tablename__ = "scheduled_message"
    # The drain's claim scans pending rows by due time; sent history must not slow it down.
    __table_args__ = (Index("ix_scheduled_message_status_due_at", "status", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32, index=True)  # checkin | meeting_reminder | goal_nudge | intro_reminder | ...
    recipient_id: str = Field(max_length=32, index=True)  # a user id (DM) or a channel id
    due_at: datetime = Field(sa_column=tz_datetime_column(nullable=False, index=True))
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))
    # pending | sending | sent | failed | cancelled
    status: str = Field(default="pending", max_length=16, index=True)
    attempts: int = Field(default=0)
    lease_until: datetime | None = Field(default=None, sa_column=tz_datetime_column())
    slack_ts: str = Field(default="", max_length=32, index=True)  # DM thread replies find their prompt by ts
    # e.g. checkin:<mentorship>:<date>: writing the same reminder twice is a no-op.
    idempotency_key: str = Field(max_length=200, unique=True)
    last_error: str = Field(default="", max_length=200)
    mentorship_id: int | None = Field(default=None, foreign_key="mentorship.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())
    # The due time before an out-of-office pause moved due_at; `/mentor resume` brings the row back from it.
    deferred_from: datetime | None = Field(default=None, sa_column=tz_datetime_column())
