"""Out of office: `/mentor pause until DATE` holds a person's messages until that date, `/mentor resume` ends it.
The rules are in bot/domain/availability.py; these are the two operations."""

from datetime import date, datetime

from sqlalchemy.engine import Engine

from bot.domain.availability import EXAMPLE, PauseError, parse_pause, paused_moves, resumed_moves
from bot.domain.timekeeping import zone
from bot.slack.blocks.common import message, section
from storage.availability import availability, pending_rows, retime, set_paused_until
from storage.db import session_scope


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
