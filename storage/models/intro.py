from datetime import datetime

from sqlmodel import Field, SQLModel

from storage.models._common import json_list_column, tz_datetime_column, utcnow


class IntroRequest(SQLModel, table=True):
    """A mentee's request to a mentor, drafted from both profiles."""

    __tablename__ = "intro_request"

    id: int | None = Field(default=None, primary_key=True)
    mentee_id: str = Field(foreign_key="person.slack_id", index=True, max_length=32)
    mentor_id: str = Field(foreign_key="person.slack_id", index=True, max_length=32)
    program_id: int | None = Field(default=None, foreign_key="program.id")
    message: str = Field(default="", max_length=3000)
    cadence: str = Field(default="biweekly", max_length=16)
    matched_topics: list[str] = Field(default_factory=list, sa_column=json_list_column())
    # pending | accepted | declined | not_now | expired | withdrawn
    status: str = Field(default="pending", max_length=16, index=True)
    response_note: str = Field(default="", max_length=1000)  # the mentor's optional kind word
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
    answered_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())
    expires_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())
    # "Not right now": when the request comes back to the mentor (None for every other answer).
    ask_again_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())
