from datetime import date, datetime

from sqlmodel import Field, SQLModel

from storage.models._common import tz_datetime_column, utcnow


class Goal(SQLModel, table=True):
    """A career goal with a measurable target. Private to its owner and their active mentors."""

    __tablename__ = "goal"

    id: int | None = Field(default=None, primary_key=True)
    owner_id: str = Field(foreign_key="person.slack_id", index=True, max_length=32)
    horizon: str = Field(default="short", max_length=8)  # short (within a year) | long (several years)
    title: str = Field(max_length=200)
    target: str = Field(default="", max_length=500)  # how success is measured
    target_date: date | None = Field(default=None)
    status: str = Field(default="active", max_length=16, index=True)  # active | done | archived
    progress: int = Field(default=0)  # percent 0..100
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
    last_progress_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())


class GoalUpdate(SQLModel, table=True):
    """One entry of the career journal: progress on a goal, with a note."""

    __tablename__ = "goal_update"

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(foreign_key="goal.id", index=True)
    author_id: str = Field(foreign_key="person.slack_id", max_length=32)
    progress: int = Field(default=0)
    milestone: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=3000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
