from datetime import datetime

from sqlmodel import Field, SQLModel

from storage.models._common import tz_datetime_column, utcnow


class Mentorship(SQLModel, table=True):
    """An agreed pairing: goals, cadence, mode and duration, as the guide's 'clear expectations'."""

    __tablename__ = "mentorship"

    id: int | None = Field(default=None, primary_key=True)
    mentor_id: str = Field(foreign_key="person.slack_id", index=True, max_length=32)
    mentee_id: str = Field(foreign_key="person.slack_id", index=True, max_length=32)
    program_id: int | None = Field(default=None, foreign_key="program.id")
    intro_request_id: int | None = Field(default=None, foreign_key="intro_request.id")
    # proposed (accepted, agreement pending) | active | paused | ended
    status: str = Field(default="proposed", max_length=16, index=True)  # bot/domain/lifecycle.py owns its moves
    cadence: str = Field(default="biweekly", max_length=16)  # weekly | biweekly | monthly
    mode: str = Field(default="video", max_length=16)  # huddle | video | in_person
    duration_months: int = Field(default=6)
    goals: str = Field(default="", max_length=3000)  # the shared goals, as agreed
    first_meeting_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())
    mentor_confirmed: bool = Field(default=False)
    mentee_confirmed: bool = Field(default=False)
    pause_reason: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
    started_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())
    ended_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())
    # How it ended (bot.domain.insight.END_REASONS), who wrapped it up, and their thank-you for the other person.
    end_reason: str = Field(default="", max_length=16)
    ended_by: str = Field(default="", max_length=32)
    thank_you: str = Field(default="", max_length=1000)
    # Tallies the admin report reads instead of aggregating a year of check-ins: sessions someone answered "met"
    # and distinct (person, session) answers. Kept by storage.checkins.recount on every check-in write.
    sessions_held: int = Field(default=0)
    checkins_answered: int = Field(default=0)
