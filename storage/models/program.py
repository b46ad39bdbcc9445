from datetime import datetime

from sqlmodel import Field, SQLModel

from storage.models._common import tz_datetime_column, utcnow


class Program(SQLModel, table=True):
    """A mentorship program: a channel for announcements and admins who see counts, never notes."""

    __tablename__ = "program"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    channel_id: str = Field(default="", max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))


class ProgramAdmin(SQLModel, table=True):
    __tablename__ = "program_admin"

    program_id: int = Field(foreign_key="program.id", primary_key=True)
    person_id: str = Field(foreign_key="person.slack_id", primary_key=True, max_length=32)


class ProgramMember(SQLModel, table=True):
    __tablename__ = "program_member"

    program_id: int = Field(foreign_key="program.id", primary_key=True)
    person_id: str = Field(foreign_key="person.slack_id", primary_key=True, max_length=32)
