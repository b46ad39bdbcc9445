"""When each program admin's weekly digest is due: Monday 09:00 in their time zone, once per week. Pure."""

from datetime import date, datetime, timedelta

from bot.domain.timekeeping import zone
from bot.domain.working_hours import DAY_START, at_local


def week_monday(tz: str | None, now: datetime) -> date:
    """The Monday of the admin's current local week."""
    today = now.astimezone(zone(tz)).date()
    return today - timedelta(days=today.weekday())


def digest_due(tz: str | None, now: datetime) -> tuple[date, datetime]:
    """(the Monday the next digest is for, its 09:00 local as UTC): this week's if that is still ahead, else next
    week's. Written ahead and keyed by the Monday, so each week has one digest, sent late if the worker was down."""
    monday = week_monday(tz, now)
    due = at_local(tz, monday, DAY_START)
    if due <= now:
        monday += timedelta(days=7)
        due = at_local(tz, monday, DAY_START)
    return monday, due


def digest_key(program_id: int, admin: str, monday: date) -> str:
    return f"digest:{program_id}:{admin}:{monday.isoformat()}"
