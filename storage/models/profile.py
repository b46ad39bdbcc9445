from datetime import datetime

from sqlmodel import Field, SQLModel

from storage.models._common import json_list_column, tz_datetime_column, utcnow


class Profile(SQLModel, table=True):
    """What matching needs to know about a person: the guide's experience, career path, values and time."""

    __tablename__ = "profile"

    person_id: str = Field(primary_key=True, foreign_key="person.slack_id", max_length=32)
    role: str = Field(default="mentee", max_length=16)  # mentor | mentee | both
    title: str = Field(default="", max_length=255)
    expertise: list[str] = Field(default_factory=list, sa_column=json_list_column())
    years_experience: int = Field(default=0)
    career_path: str = Field(default="", max_length=500)  # the track the person is on
    career_aspiration: str = Field(default="", max_length=500)  # where they want to go
    values: list[str] = Field(default_factory=list, sa_column=json_list_column())
    capacity: int = Field(default=0)  # mentees a mentor takes; 0 = paused / not taking any
    offer_cadence: str = Field(default="", max_length=32)  # weekly | biweekly | monthly ('' = flexible)
    offer_format: str = Field(default="", max_length=64)  # e.g. huddle, video, in person
    languages: list[str] = Field(default_factory=list, sa_column=json_list_column())
    timezone: str = Field(default="", max_length=64)  # override of Person.tz; '' = ask Slack
    bio: str = Field(default="", max_length=2000)
    # Self-assessment (the guide's first step): strengths and areas to improve.
    strengths: str = Field(default="", max_length=1000)
    areas_to_improve: str = Field(default="", max_length=1000)
    # Personal working hours and work week (bot.domain.hours); '' = 09:00-17:00, Monday to Friday.
    work_hours: str = Field(default="", max_length=16)  # e.g. 09:00-13:00
    work_days: str = Field(default="", max_length=32)  # e.g. sun,mon,tue,wed,thu
    # What I'm proud of / projects I can talk about: the intro draft quotes it (the guide's template).
    proud_of: str = Field(default="", max_length=500)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
