"""Out of office as rules: reading `/mentor pause until DATE`, and which queued messages a pause or a resume moves.
Pure. While paused, the drain defers the person's rows to 09:00 on the date (their zone); rows already pending are
moved right away, remembering their due time in deferred_from, so that resume brings each back to its own due time
or now, whichever is later, inside working hours."""

import re
from datetime import date, datetime, timedelta

from bot.domain.text import escape, truncate
from bot.domain.working_hours import next_delivery_time

MAX_PAUSE_DAYS = 366
EXAMPLE = "`/mentor pause until 2026-12-15`"


class PauseError(ValueError):
    """A message for the person: why their pause was not set."""


def parse_pause(args: str, today: date) -> date:
    """'until 2026-12-15' or '2026-12-15' -> the date messages start again (after `today`, within a year)."""
    text = re.sub(r"^until\b", "", args.strip(), flags=re.IGNORECASE).strip()
    if not text:
        raise PauseError(f"Until when? For example {EXAMPLE}: I'll hold your mentorship messages until that day.")
    try:
        until = date.fromisoformat(text)
    except ValueError:
        shown = escape(truncate(text, 40))
        raise PauseError(f"I couldn't read “{shown}” as a date. Use YYYY-MM-DD, for example {EXAMPLE}.") from None
    if until <= today:
        raise PauseError(f"{until.isoformat()} is not in the future (today is {today.isoformat()} where you are). "
                         f"Give the day you're back, for example {EXAMPLE}.")
    if until > today + timedelta(days=MAX_PAUSE_DAYS):
        raise PauseError("That's more than a year away. For a longer break, end the mentorship instead, or pause "
                         "until a nearer date.")
    return until


def paused_moves(rows, tz: str, until: date, now: datetime):
    """(id, due_at, deferred_from) for pending rows the pause moves: due before `until` -> 09:00 on `until`.
    A row already moved by an earlier pause is re-timed from its original due time."""
    moves = []
    for row_id, due, origin in rows:
        base = origin or due
        target = next_delivery_time(tz, max(base, now), until)
        if target != due:
            moves.append((row_id, target, base if target > base else None))
    return moves


def resumed_moves(rows, tz: str, now: datetime):
    """Rows a pause held come back: their own due time or now, whichever is later, inside working hours."""
    return [(row_id, next_delivery_time(tz, max(origin, now)), None) for row_id, _due, origin in rows if origin]
