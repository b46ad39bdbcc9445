from datetime import date, datetime

from sqlmodel import Field, SQLModel

from storage.models._common import tz_datetime_column, utcnow


class Program(SQLModel, table=True):
    """A mentorship program: a channel for announcements and admins who see counts, never notes."""

    __tablename__ = "program"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    channel_id: str = Field(default="", max_length=32)
    description: str = Field(default="", max_length=1000)
    status: str = Field(default="active", max_length=16)  # active | paused | archived
    match_mode: str = Field(default="both", max_length=16)  # self_serve | rounds | both
    cohort_start: date | None = Field(default=None)
    cohort_end: date | None = Field(default=None)
    # Matching rounds: the widest time-zone gap between a mentee and their proposed mentor, and whether the
    # two must be in different departments (bot/domain/rounds.py).
    max_hours_apart: int = Field(default=6)
    different_department: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))


class ProgramAdmin(SQLModel, table=True):
    __tablename__ = "program_admin"

    program_id: int = Field(foreign_key="program.id", primary_key=True)
    person_id: str = Field(foreign_key="person.slack_id", primary_key=True, max_length=32)


class ProgramMember(SQLModel, table=True):
    """A membership is never deleted: someone who leaves is marked `left` (not matched again; history stays)."""

    __tablename__ = "program_member"

    program_id: int = Field(foreign_key="program.id", primary_key=True)
    person_id: str = Field(foreign_key="person.slack_id", primary_key=True, max_length=32)
    status: str = Field(default="active", max_length=16)  # active | paused | left
