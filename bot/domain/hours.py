"""A person's own working hours and work week, as stored on their profile ('09:00-17:00', 'mon,tue,...'). Pure.

Empty means the default, 09:00-17:00 Monday to Friday. Hours are a same-day window (no overnight shifts): a
message is never delivered between the end of one working day and the start of the next."""

from dataclasses import dataclass
from datetime import time

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_LABELS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MIN_WINDOW_MINUTES = 60  # a shorter window would leave messages hardly any room to arrive


@dataclass(frozen=True)
class Hours:
    start: time = time(9, 0)
    end: time = time(17, 0)
    days: frozenset[int] = frozenset(range(5))  # Monday=0 .. Sunday=6


DEFAULT = Hours()


def parse_window(text: str) -> tuple[time, time] | None:
    """'9:00-13:30' or '09:00 - 13:30' -> (start, end); None when it is not a same-day window of an hour or more."""
    parts = [p.strip() for p in (text or "").replace("–", "-").split("-")]
    if len(parts) != 2:
        return None
    try:
        start, end = (time.fromisoformat(p if len(p) == 5 else p.zfill(5)) for p in parts)
    except ValueError:
        return None
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return (start, end) if minutes >= MIN_WINDOW_MINUTES else None


def parse_days(text: str) -> frozenset[int] | None:
    """'sun,mon,tue,wed,thu' -> {6, 0, 1, 2, 3}; None when empty or unknown."""
    names = [d.strip().casefold()[:3] for d in (text or "").split(",") if d.strip()]
    if not names or any(n not in DAY_NAMES for n in names):
        return None
    return frozenset(DAY_NAMES.index(n) for n in names)


def hours_of(window: str, days: str) -> Hours:
    """What a profile's stored text means; anything empty or unreadable falls back to the default."""
    parsed = parse_window(window)
    picked = parse_days(days)
    return Hours(start=parsed[0] if parsed else DEFAULT.start, end=parsed[1] if parsed else DEFAULT.end,
                 days=picked or DEFAULT.days)


def window_text(hours: Hours) -> str:
    return f"{hours.start:%H:%M}-{hours.end:%H:%M}"


def days_text(days: frozenset[int]) -> str:
    return ",".join(DAY_NAMES[d] for d in sorted(days))
