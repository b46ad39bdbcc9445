from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models._common import tz_datetime_column, utcnow


class PulseAnswer(SQLModel, table=True):
    """One person's private answer to one pulse round of their mentorship. Never shown to the other person; admins
    see distributions over at least 5 people only."""

    __tablename__ = "pulse_answer"
    __table_args__ = (UniqueConstraint("mentorship_id", "person_id", "round", name="uq_pulse_answer_round"),)

    id: int | None = Field(default=None, primary_key=True)
    mentorship_id: int = Field(foreign_key="mentorship.id", index=True)
    person_id: str = Field(foreign_key="person.slack_id", max_length=32)
    round: int = Field(default=0)  # 0 after the second session, then one per month
    rating: int = Field(default=0)  # 1-5: how is this mentorship going?
    helping: str = Field(default="", max_length=16)  # yes | somewhat | no: is it helping with your goals?
    note: str = Field(default="", max_length=1000)  # private to its author
    latest: bool = Field(default=True)  # this person's newest round for the mentorship: what the report counts
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))


class ExitSurvey(SQLModel, table=True):
    """One person's private answers when a mentorship ends. Admins see distributions over at least 5 people."""

    __tablename__ = "exit_survey"
    __table_args__ = (UniqueConstraint("mentorship_id", "person_id", name="uq_exit_survey_person"),)

    id: int | None = Field(default=None, primary_key=True)
    mentorship_id: int = Field(foreign_key="mentorship.id", index=True)
    person_id: str = Field(foreign_key="person.slack_id", max_length=32)
    overall: int = Field(default=0)  # 1-5, 0 = not answered
    goals_achieved: str = Field(default="", max_length=16)  # yes | partly | no | ''
    again: str = Field(default="", max_length=16)  # yes | no | '': would you mentor or be mentored again?
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))


class Escalation(SQLModel, table=True):
    """One drifting streak of a mentorship and how far it has been escalated: 1 nudge to both, 2 "is this still
    working?" to each, 3 the program admins. Resolved when the pair recovers (or ends)."""

    __tablename__ = "escalation"

    id: int | None = Field(default=None, primary_key=True)
    mentorship_id: int = Field(foreign_key="mentorship.id", index=True)
    signals: str = Field(default="", max_length=100)  # comma-separated bot.domain.escalation signals
    step: int = Field(default=1)
    step_at: datetime = Field(sa_column=tz_datetime_column(nullable=False))  # when the step was taken (or deferred)
    started_at: datetime = Field(sa_column=tz_datetime_column(nullable=False))
    choice_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())  # a person's last step-2 answer
    resolved_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())


class SearchTopic(SQLModel, table=True):
    """How often a topic word was asked for in /findmentor on a day: the supply gap's input. Who asked is never
    stored."""

    __tablename__ = "search_topic"

    day: date = Field(primary_key=True)
    word: str = Field(primary_key=True, max_length=40)
    count: int = Field(default=0)
