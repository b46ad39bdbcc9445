"""Intro requests: creating them (with the open-request limit), answering them once, and their follow-ups."""

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from bot.domain import kinds
from storage.models import Goal, IntroRequest, Person
from storage.outbox import cancel, enqueue

FOLLOWUP_KINDS = (kinds.INTRO_REMINDER, kinds.INTRO_EXPIRY)


def open_request_count(session: Session, mentee_id: str) -> int:
    return session.exec(select(func.count()).select_from(IntroRequest).where(
        IntroRequest.mentee_id == mentee_id, IntroRequest.status == "pending")).one()


def pending_request(session: Session, mentee_id: str, mentor_id: str) -> IntroRequest | None:
    return session.exec(select(IntroRequest).where(
        IntroRequest.mentee_id == mentee_id, IntroRequest.mentor_id == mentor_id,
        IntroRequest.status == "pending")).first()


def get_request(session: Session, request_id: int) -> IntroRequest | None:
    return session.get(IntroRequest, request_id)


def active_goal_titles(session: Session, person_id: str) -> list[str]:
    return list(session.exec(select(Goal.title).where(Goal.owner_id == person_id, Goal.status == "active")
                             .order_by(Goal.created_at, Goal.id)).all())


def lock_mentee(session: Session, mentee_id: str) -> Person | None:
    """Serialise one mentee's request writes (with storage.locks.write_transaction on SQLite)."""
    return session.get(Person, mentee_id, with_for_update=True, populate_existing=True)


def create_request(session: Session, *, mentee_id: str, mentor_id: str, message: str, cadence: str,
                   matched_topics: list[str], program_id: int | None, now: datetime,
                   followups: dict[str, tuple[str, datetime]]) -> IntroRequest:
    """followups: kind -> (recipient, due_at), written to the outbox in the same transaction."""
    request = IntroRequest(mentee_id=mentee_id, mentor_id=mentor_id, message=message, cadence=cadence,
                           matched_topics=list(matched_topics), program_id=program_id, created_at=now,
                           expires_at=followups[kinds.INTRO_EXPIRY][1] if kinds.INTRO_EXPIRY in followups else None)
    session.add(request)
    session.flush()
    for kind, (recipient, due_at) in followups.items():
        enqueue(session, kind=kind, recipient_id=recipient, due_at=due_at,
                idempotency_key=f"{kind}:{request.id}", payload={"intro_request_id": request.id})
    return request


def close_request(session: Session, request: IntroRequest, status: str, now: datetime, note: str = "") -> None:
    """Record the answer (or expiry) and cancel the follow-ups still waiting in the outbox."""
    request.status = status
    request.response_note = note
    request.answered_at = now
    session.add(request)
    for kind in FOLLOWUP_KINDS:
        cancel(session, idempotency_keys=[f"{kind}:{request.id}"])
