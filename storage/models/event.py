from datetime import datetime

from sqlmodel import Field, SQLModel

from storage.models._common import tz_datetime_column, utcnow


class ProcessedEvent(SQLModel, table=True):
    """Slack retries an event up to 3 times with the same event_id; we apply each id once."""

    __tablename__ = "processed_event"

    event_id: str = Field(primary_key=True, max_length=64)
    received_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
