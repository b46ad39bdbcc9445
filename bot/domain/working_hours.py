"""When a person may be messaged: inside their working hours (their profile's, else 09:00-17:00 Monday to
Friday; bot.domain.hours) in their own time zone. Pure.

Times are built from the local wall clock with zoneinfo, so a daylight-saving change moves the UTC instant
and not the local hour. 09:00 and 17:00 never fall in a DST gap in any zone that shifts at night.
"""

from datetime import UTC, date, datetime, time, timedelta

from bot.domain.hours import DEFAULT, Hours
from bot.domain.timekeeping import zone

DAY_START = time(9, 0)
DAY_END = time(17, 0)
WORKDAYS = frozenset(range(5))  # Monday=0 .. Friday=4


def at_local(tz: str | None, day: date, clock: time) -> datetime:
    """The UTC instant of a local wall-clock time on a local date."""
    return datetime.combine(day, clock, tzinfo=zone(tz)).astimezone(UTC)


def is_working_time(tz: str | None, instant: datetime, hours: Hours = DEFAULT) -> bool:
    local = instant.astimezone(zone(tz))
    return local.weekday() in hours.days and hours.start <= local.time() < hours.end


def next_working_day(day: date, hours: Hours = DEFAULT) -> date:
    day += timedelta(days=1)
    while day.weekday() not in hours.days:
        day += timedelta(days=1)
    return day


def previous_working_day(day: date, hours: Hours = DEFAULT) -> date:
    day -= timedelta(days=1)
    while day.weekday() not in hours.days:
        day -= timedelta(days=1)
    return day


def next_delivery_time(tz: str | None, earliest: datetime, paused_until: date | None = None,
                       hours: Hours = DEFAULT) -> datetime:
    """The first instant at or after `earliest` inside the person's working hours and after their pause."""
    local = earliest.astimezone(zone(tz))
    if paused_until is not None and local.date() < paused_until:
        local = datetime.combine(paused_until, hours.start, tzinfo=zone(tz))
    day = local.date()
    if day.weekday() in hours.days and local.time() < hours.start:
        return at_local(tz, day, hours.start)
    if day.weekday() in hours.days and local.time() < hours.end:
        return local.astimezone(UTC)
    return at_local(tz, next_working_day(day, hours), hours.start)
