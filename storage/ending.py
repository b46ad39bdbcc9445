"""Ending a mentorship well: the pair's active mentorship, extending it, ending it and cancelling what was still
queued for it."""

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, or_, select

from bot.domain import lifecycle
from storage.models import Mentorship, ScheduledMessage


def active_pair_mentorship(session: Session, mentorship_id: int, user_id: str) -> Mentorship | None:
    """The mentorship, only if it is active and user_id is one of its pair: ids from Slack are attacker-controlled."""
    m = session.get(Mentorship, mentorship_id)
    if m is None or m.status != lifecycle.ACTIVE or user_id not in (m.mentor_id, m.mentee_id):
        return None
    return m


def active_mentorships_of(session: Session, user_id: str) -> list[Mentorship]:
    return list(session.exec(select(Mentorship).where(
        Mentorship.status == lifecycle.ACTIVE, or_(Mentorship.mentor_id == user_id, Mentorship.mentee_id == user_id))
        .order_by(Mentorship.id)).all())


def cancel_pending(session: Session, mentorship_id: int, kind: str | None = None) -> int:
    """Cancel the mentorship's pending outbox rows (of one kind, or all). Returns how many."""
    query = (update(ScheduledMessage)
             .where(ScheduledMessage.mentorship_id == mentorship_id, ScheduledMessage.status == "pending"))
    if kind is not None:
        query = query.where(ScheduledMessage.kind == kind)
    return session.execute(query.values(status="cancelled")).rowcount


def extend(session: Session, m: Mentorship, months: int) -> None:
    lifecycle.transition(m, lifecycle.Action.EXTEND)
    m.duration_months += months
    session.add(m)


def end(session: Session, m: Mentorship, now: datetime, *, reason: str = "", by: str = "",
        thank_you: str = "") -> int:
    """Mark the mentorship ended (its mentor's slot frees up), keep how it ended and the thank-you note for the
    other person, and cancel what was queued for it."""
    lifecycle.transition(m, lifecycle.Action.END)
    m.ended_at = now
    m.end_reason, m.ended_by, m.thank_you = reason, by, thank_you
    session.add(m)
    session.flush()
    return cancel_pending(session, m.id)


def ended_pair_mentorship(session: Session, mentorship_id: int, user_id: str) -> Mentorship | None:
    """The mentorship, only if it has ended and user_id was one of its pair (for their exit survey)."""
    m = session.get(Mentorship, mentorship_id)
    if m is None or m.status != lifecycle.ENDED or user_id not in (m.mentor_id, m.mentee_id):
        return None
    return m
