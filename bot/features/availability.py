"""Out of office: `/mentor pause until DATE` holds a person's messages until that date, `/mentor resume` ends it.

Rules (pure) plus the two operations. While paused, the drain defers the person's rows to 09:00 on the date
(their zone); rows already pending are moved right away, remembering their due time in deferred_from, so that
resume brings each back to its own due time or now, whichever is later, inside working hours.
"""

import re
from datetime import date, datetime, timedelta

from sqlalchemy.engine import Engine

from bot.domain.text import escape, truncate
from bot.domain.timekeeping import zone
from bot.domain.working_hours import next_delivery_time
from bot.slack.blocks.common import message, section
from storage.availability import availability, pending_rows, retime, set_paused_until
from storage.db import session_scope

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


def _long(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def pause(engine: Engine, user_id: str, args: str, now: datetime) -> dict:
    """The ephemeral answer to `/mentor pause ...`."""
    with session_scope(engine) as session:
        tz, _ = availability(session, user_id)
        try:
            until = parse_pause(args, now.astimezone(zone(tz)).date())
        except PauseError as exc:
            return message("Pause not set", [section(str(exc))])
        set_paused_until(session, user_id, until)
        moves = paused_moves(pending_rows(session, user_id), tz, until, now)
        retime(session, moves)
    held = f" {len(moves)} message(s) held so far." if moves else ""
    text = (f"You're out of office until *{_long(until)}*. I'll hold your mentorship messages (check-ins, "
            f"reminders, nudges) until then and deliver them in your working hours.{held} "
            "`/mentor resume` ends the pause early.")
    return message(f"Paused until {until.isoformat()}", [section(text)])


def resume(engine: Engine, user_id: str, now: datetime) -> dict:
    """The ephemeral answer to `/mentor resume`."""
    with session_scope(engine) as session:
        tz, paused_until = availability(session, user_id)
        moves = resumed_moves(pending_rows(session, user_id), tz, now)
        if paused_until is None and not moves:
            return message("Not paused", [section(
                f"You're not paused: your mentorship messages arrive as usual. To go out of office: {EXAMPLE}.")])
        set_paused_until(session, user_id, None)
        retime(session, moves)
    back = f" {len(moves)} held message(s) will arrive in your working hours." if moves else ""
    return message("Welcome back", [section(f"Welcome back: your pause is over.{back}")])
