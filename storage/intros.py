"""Intro requests: creating them (with the open-request limit), answering them once, and their follow-ups."""

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from bot.domain import kinds
from storage.models import Goal, IntroRequest, Mentorship, Person
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


ASK_AGAIN = kinds.INTRO_ASK_AGAIN


def ask_again_later(session: Session, request: IntroRequest, due_at: datetime, weeks: int) -> None:
    """"Not right now": the request comes back to its mentor at due_at (one row per request)."""
    request.ask_again_at = due_at
    session.add(request)
    enqueue(session, kind=ASK_AGAIN, recipient_id=request.mentor_id, due_at=due_at,
            idempotency_key=f"{ASK_AGAIN}:{request.id}", payload={"intro_request_id": request.id, "weeks": weeks})


def reopen(session: Session, request: IntroRequest, now: datetime, expires_at: datetime) -> None:
    """Back to pending (the mentor asked for it), with a new expiry."""
    request.status, request.answered_at, request.ask_again_at, request.expires_at = "pending", None, None, expires_at
    session.add(request)
    enqueue(session, kind="intro_expiry", recipient_id=request.mentee_id, due_at=expires_at,
            idempotency_key=f"intro_expiry:{request.id}:again:{now:%Y%m%d}",
            payload={"intro_request_id": request.id})


def mentee_is_paired(session: Session, mentee_id: str) -> bool:
    """Whether the mentee found a mentor meanwhile (a mentorship proposed, active or paused)."""
    return session.exec(select(Mentorship.id).where(
        Mentorship.mentee_id == mentee_id, Mentorship.status.in_(("proposed", "active", "paused")))).first() is not None
