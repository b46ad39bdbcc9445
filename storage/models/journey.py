from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models._common import json_list_column, tz_datetime_column, utcnow


class SessionChange(SQLModel, table=True):
    """One session of the agreement moved (new_at) or cancelled (new_at None). The agreement keeps planning the
    other sessions; `sequence` goes up with every change so calendars replace the event (same UID)."""

    __tablename__ = "session_change"
    __table_args__ = (UniqueConstraint("mentorship_id", "slot_at", name="uq_session_change_slot"),)

    id: int | None = Field(default=None, primary_key=True)
    mentorship_id: int = Field(foreign_key="mentorship.id", index=True)
    slot_at: datetime = Field(sa_column=tz_datetime_column(nullable=False))  # the session as the agreement set it
    new_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())  # None: cancelled
    sequence: int = Field(default=1)
    changed_by: str = Field(max_length=32)
    changed_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))


class AgreementChange(SQLModel, table=True):
    """A proposed new version of a pair's agreement. Once the other person confirms (`decided_at`), its terms
    become the mentorship's and every later session follows them, the first at `meeting_at`; `prev_cadence` /
    `prev_anchor` keep the version it replaced, so sessions already held stay (their prompts are not lost)."""

    __tablename__ = "agreement_change"

    id: int | None = Field(default=None, primary_key=True)
    mentorship_id: int = Field(foreign_key="mentorship.id", index=True)
    proposed_by: str = Field(max_length=32)
    # pending | confirmed | declined | superseded
    status: str = Field(default="pending", max_length=16)
    goals: str = Field(default="", max_length=3000)
    cadence: str = Field(default="biweekly", max_length=16)
    mode: str = Field(default="video", max_length=16)
    duration_months: int = Field(default=6)
    meeting_at: datetime = Field(sa_column=tz_datetime_column(nullable=False))  # first session on the new terms
    prev_cadence: str = Field(default="", max_length=16)
    prev_anchor: datetime | None = Field(default=None, sa_column=tz_datetime_column())
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
    decided_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())


class AgendaItem(SQLModel, table=True):
    """Something the mentee wants to cover at one session (the guide: the mentee sets the agenda). Tied to the
    session's agreed slot, so it follows the session when it moves. Seen by the pair only."""

    __tablename__ = "agenda_item"

    id: int | None = Field(default=None, primary_key=True)
    mentorship_id: int = Field(foreign_key="mentorship.id", index=True)
    slot_at: datetime = Field(sa_column=tz_datetime_column(nullable=False))
    author_id: str = Field(max_length=32)
    text: str = Field(max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))


class ActionItem(SQLModel, table=True):
    """A follow-up agreed at a session: who does what, by when. Open until ticked off. Seen by the pair only."""

    __tablename__ = "action_item"

    id: int | None = Field(default=None, primary_key=True)
    mentorship_id: int = Field(foreign_key="mentorship.id", index=True)
    owner_id: str = Field(max_length=32)
    text: str = Field(max_length=500)
    due_on: date | None = Field(default=None)
    created_by: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
    done_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())
    done_by: str = Field(default="", max_length=32)


class Resource(SQLModel, table=True):
    """A learning resource in the program's library (a book, a course, a club...), suggested by topic in meeting
    reminders. Seeded with the guide's own references (migration 0040)."""

    __tablename__ = "resource"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    kind: str = Field(default="book", max_length=16)  # book | course | club | article | video
    link: str = Field(default="", max_length=500)  # https only
    topics: list[str] = Field(default_factory=list, sa_column=json_list_column())
    added_by: str = Field(default="", max_length=32)  # '' = seeded
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
