"""Mentorships: taking a mentor's slot (safely under concurrency) and recording the agreement."""

from datetime import datetime

from sqlalchemy import func, or_, update
from sqlmodel import Session, select

from bot.domain import lifecycle
from storage.locks import lock_row
from storage.models import IntroRequest, Mentorship, Profile


class NoSlotLeft(Exception):
    def __init__(self, capacity: int):
        super().__init__(capacity)
        self.capacity = capacity


def open_mentorship_count(session: Session, mentor_id: str) -> int:
    return session.exec(select(func.count()).select_from(Mentorship).where(
        Mentorship.mentor_id == mentor_id, Mentorship.status.in_(lifecycle.OPEN))).one()


def take_slot(session: Session, request: IntroRequest, goals: str, now: datetime) -> Mentorship:
    """Create the proposed mentorship for an accepted request, if the mentor has a slot left.
    Run inside storage.locks.write_transaction: the mentor's Profile row is locked before counting, so two
    accepts racing for the last slot are serialised and the second one sees the first one's mentorship."""
    profile = lock_row(session, Profile, request.mentor_id)
    capacity = profile.capacity if profile else 0
    if open_mentorship_count(session, request.mentor_id) >= capacity:
        raise NoSlotLeft(capacity)
    mentorship = Mentorship(mentor_id=request.mentor_id, mentee_id=request.mentee_id,
                            program_id=request.program_id, intro_request_id=request.id, status=lifecycle.INITIAL,
                            cadence=request.cadence, goals=goals, created_at=now)
    session.add(mentorship)
    session.flush()
    return mentorship


def pause_mentorships_of(session: Session, person_id: str, reason: str) -> int:
    """Pause every mentorship the person is in that may pause (they cannot be reached); returns how many. Ended
    and already paused ones stay as they are."""
    table = Mentorship.__table__
    return session.connection().execute(
        update(table)
        .where(or_(table.c.mentor_id == person_id, table.c.mentee_id == person_id),
               table.c.status.in_(lifecycle.allowed_from(lifecycle.Action.PAUSE)))
        .values(status=lifecycle.next_status(lifecycle.PROPOSED, lifecycle.Action.PAUSE).value,
                pause_reason=reason[:200])).rowcount or 0


def agree(session: Session, m: Mentorship, now: datetime) -> None:
    """Both confirmed the agreement: the mentorship starts now."""
    lifecycle.transition(m, lifecycle.Action.AGREE)
    m.started_at = now
    session.add(m)


def get_mentorship(session: Session, mentorship_id: int) -> Mentorship | None:
    return session.get(Mentorship, mentorship_id)


def lock_mentorship(session: Session, mentorship_id: int) -> Mentorship | None:
    return lock_row(session, Mentorship, mentorship_id)
