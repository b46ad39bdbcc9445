"""A pair's actual sessions: the agreement's slots (bot.cadence.session_times) with the moved and cancelled ones
applied. Pure: no Slack, no database.

A session is keyed on the pair's calendar by its *period* (its local date in the pair's zone, as bot.cadence's
period_of): prompts, reminders and answers hang off it. A moved session takes the period of its new date; the
slot it came from stays its calendar identity (`slot_at`), so its .ics keeps one UID and only the SEQUENCE goes up.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@dataclass(frozen=True)
class Change:
    """A slot of the agreement moved to `new_at`, or cancelled (new_at None), at its `sequence`-th change."""

    slot_at: datetime
    new_at: datetime | None
    sequence: int


@dataclass(frozen=True)
class Version:
    """An earlier version of the agreement's rhythm: sessions from `anchor` every `cadence`, before `until` (when
    the confirmed change that replaced it took over)."""

    anchor: datetime
    cadence: str
    until: datetime


@dataclass(frozen=True)
class Occurrence:
    at: datetime  # when it happens (UTC)
    slot_at: datetime  # the agreement's slot it stands for (UTC): the calendar UID
    sequence: int = 0  # 0 = as agreed; n = the n-th change


def _zone(tz: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(tz or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_date(instant: datetime, tz: str | None):
    return instant.astimezone(_zone(tz)).date()


def occurrences(slots: list[datetime], changes: list[Change], start: datetime, end: datetime) -> list[Occurrence]:
    """The sessions happening in [start, end], in time order: the agreement's `slots` (which the caller took over
    a window wide enough) minus every changed slot, plus moved sessions whose new time is in the window."""
    changed = {c.slot_at: c for c in changes}
    out = [Occurrence(at, at) for at in slots if at not in changed and start <= at <= end]
    out += [Occurrence(c.new_at, c.slot_at, c.sequence) for c in changes
            if c.new_at is not None and start <= c.new_at <= end]
    return sorted(out, key=lambda o: (o.at, o.slot_at))


def find_on(found: list[Occurrence], day, tz: str | None) -> Occurrence | None:
    """The session on that local date, if any (at most one: a move may not land on another session's day)."""
    return next((o for o in found if local_date(o.at, tz) == day), None)


# How far a session may move: far enough to skip a holiday, not so far that it swallows the next one unnoticed.
MAX_MOVE = timedelta(days=62)


def move_problem(new_at: datetime, now: datetime, ends_at: datetime | None, taken_days: set, tz: str | None) -> str:
    """Why a session cannot move to `new_at` ('' when it can). `taken_days`: local dates of the pair's other
    sessions around then (a day holds one session: its check-in is keyed by that day)."""
    if new_at <= now:
        return "Pick a time in the future."
    if new_at - now > MAX_MOVE:
        return "Pick a time within the next two months."
    if ends_at is not None and new_at >= ends_at:
        return "That is after your mentorship's agreed end."
    if local_date(new_at, tz) in taken_days:
        return "You already have a session that day: pick another day, or reschedule that one."
    return ""
