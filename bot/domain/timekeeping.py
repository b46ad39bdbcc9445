"""Time rules every feature shares: UTC instants from the database, a person's zone, and their local date. Pure.

One home each: `as_utc` (SQLite hands timestamps back naive, PostgreSQL aware; both are the same UTC instant),
`effective_tz` (a profile's own zone wins over the one Slack reports; UTC when neither is known), `zone` (a
ZoneInfo that never raises on a bad name) and `local_today`.
"""

from datetime import UTC, date, datetime
from functools import lru_cache
from typing import overload
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@overload
def as_utc(moment: datetime) -> datetime: ...
@overload
def as_utc(moment: None) -> None: ...
def as_utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def effective_tz(slack_tz: str | None, profile_tz: str | None) -> str:
    """The zone a person lives in: their profile's override, else what Slack said, else UTC."""
    return profile_tz or slack_tz or "UTC"


MAX_ZONE_NAME = 64  # the longest IANA name is about 30 characters


@lru_cache(maxsize=1024)
def zone_or_none(name: str | None) -> ZoneInfo | None:
    """The zone named `name` ('' or None = UTC), or None when it is not one. Names come from people (modals, CSV) and
    from Slack: ZoneInfo raises ZoneInfoNotFoundError for an unknown name, ValueError for a malformed one and OSError
    for one too long to be a file name (a 3,000-character "zone" was a 500), so every caller goes through here."""
    if not name:
        return ZoneInfo("UTC")
    if len(name) > MAX_ZONE_NAME or not name.isprintable():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def zone(tz: str | None) -> ZoneInfo:
    """The zone by IANA name; UTC for an empty, unknown or malformed name."""
    return zone_or_none(tz) or ZoneInfo("UTC")


def local_today(tz: str | None, now: datetime) -> date:
    return now.astimezone(zone(tz)).date()
