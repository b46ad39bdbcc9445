"""Out of office: a person's pause and re-timing their pending outbox rows."""

from datetime import date, datetime

from sqlalchemy import bindparam, select, update
from sqlmodel import Session

from bot.domain.timekeeping import as_utc
from storage.models import ScheduledMessage
from storage.people import get_person, get_profile, upsert_person

SM = ScheduledMessage.__table__


def availability(session: Session, slack_id: str) -> tuple[str, date | None]:
    """(time zone, paused_until) of a person; someone the bot has not seen yet is created (UTC, not paused)."""
    person = get_person(session, slack_id) or upsert_person(session, slack_id)
    profile = get_profile(session, slack_id)
    return (profile.timezone if profile and profile.timezone else person.tz), person.paused_until


def set_paused_until(session: Session, slack_id: str, until: date | None) -> None:
    upsert_person(session, slack_id, paused_until=until)


def pending_rows(session: Session, recipient_id: str) -> list[tuple[int, datetime, datetime | None]]:
    """(id, due_at, deferred_from) of the person's pending rows, times in UTC."""
    query = select(SM.c.id, SM.c.due_at, SM.c.deferred_from).where(
        SM.c.recipient_id == recipient_id, SM.c.status == "pending")
    return [(r.id, as_utc(r.due_at), as_utc(r.deferred_from)) for r in session.connection().execute(query)]


def retime(session: Session, moves: list[tuple[int, datetime, datetime | None]]) -> None:
    """Set (id, due_at, deferred_from) on pending rows."""
    if moves:
        session.connection().execute(
            update(SM).where(SM.c.id == bindparam("b_id"), SM.c.status == "pending")
            .values(due_at=bindparam("b_due"), deferred_from=bindparam("b_from")),
            [{"b_id": i, "b_due": due, "b_from": origin} for i, due, origin in moves])
