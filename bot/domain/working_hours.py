"""When a person may be messaged: 09:00-17:00 on Monday to Friday in their own time zone. Pure.

Times are built from the local wall clock with zoneinfo, so a daylight-saving change moves the UTC instant
and not the local hour. 09:00 and 17:00 never fall in a DST gap in any zone that shifts at night.
"""

from datetime import UTC, date, datetime, time, timedelta

from bot.domain.timekeeping import zone

DAY_START = time(9, 0)
DAY_END = time(17, 0)
WORKDAYS = frozenset(range(5))  # Monday=0 .. Friday=4


def at_local(tz: str | None, day: date, clock: time) -> datetime:
    """The UTC instant of a local wall-clock time on a local date."""
    return datetime.combine(day, clock, tzinfo=zone(tz)).astimezone(UTC)


def is_working_time(tz: str | None, instant: datetime) -> bool:
    local = instant.astimezone(zone(tz))
    return local.weekday() in WORKDAYS and DAY_START <= local.time() < DAY_END


def next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() not in WORKDAYS:
        day += timedelta(days=1)
    return day


def previous_working_day(day: date) -> date:
    day -= timedelta(days=1)
    while day.weekday() not in WORKDAYS:
        day -= timedelta(days=1)
    return day


def next_delivery_time(tz: str | None, earliest: datetime, paused_until: date | None = None) -> datetime:
    """The first instant at or after `earliest` inside the person's working hours and after their pause."""
    local = earliest.astimezone(zone(tz))
    if paused_until is not None and local.date() < paused_until:
        local = datetime.combine(paused_until, DAY_START, tzinfo=zone(tz))
    day = local.date()
    if day.weekday() in WORKDAYS and local.time() < DAY_START:
        return at_local(tz, day, DAY_START)
    if day.weekday() in WORKDAYS and local.time() < DAY_END:
        return local.astimezone(UTC)
    return at_local(tz, next_working_day(day), DAY_START)
