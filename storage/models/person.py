from datetime import date, datetime

from sqlmodel import Field, SQLModel

from storage.models._common import tz_datetime_column, utcnow


class Person(SQLModel, table=True):
    """Someone in the Slack workspace. Deactivation marks them inactive (and stamps deactivated_at); erasure
    (storage/privacy.py) replaces the row with an anonymous tombstone (erased_at set, no name, email or Slack id)
    so that report counts stay true."""

    __tablename__ = "person"

    slack_id: str = Field(primary_key=True, max_length=32)
    name: str = Field(default="", max_length=255)
    email: str | None = Field(default=None, max_length=255, index=True)
    title: str = Field(default="", max_length=255)
    # IANA zone from Slack's users.info; a profile may override it (Profile.timezone).
    tz: str = Field(default="UTC", max_length=64)
    active: bool = Field(default=True, index=True)
    # Out of office (/mentor pause until DATE): the scheduler defers this person's messages until then.
    paused_until: date | None = Field(default=None)
    # The bot's DM channel with them (conversations.open, Tier 3: ~50/min), kept so it is opened once per person,
    # not once per message. Cleared and re-opened when Slack says channel_not_found (bot/slack/delivery.py).
    dm_channel_id: str | None = Field(default=None, max_length=32)
    # Org data from the profile CSV, for matching rounds (never their manager or manager's manager; optionally
    # another department). Shown to program admins only.
    manager_id: str | None = Field(default=None, max_length=32)
    department: str = Field(default="", max_length=100)
    level: str = Field(default="", max_length=50)
    # When Slack deactivated them (None while active): ERASE_AFTER_DEACTIVATION_DAYS counts from here.
    deactivated_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())
    # Set on an erased person's tombstone row only.
    erased_at: datetime | None = Field(default=None, sa_column=tz_datetime_column())
    created_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
