"""Mentorships: taking a mentor's slot (safely under concurrency) and recording the agreement."""

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from storage.locks import lock_row
from storage.matching import OPEN_MENTORSHIP_STATES
from storage.models import IntroRequest, Mentorship, Profile


class NoSlotLeft(Exception):
    def __init__(self, capacity: int):
        super().__init__(capacity)
        self.capacity = capacity


def open_mentorship_count(session: Session, mentor_id: str) -> int:
    return session.exec(select(func.count()).select_from(Mentorship).where(
        Mentorship.mentor_id == mentor_id, Mentorship.status.in_(OPEN_MENTORSHIP_STATES))).one()


def take_slot(session: Session, request: IntroRequest, goals: str, now: datetime) -> Mentorship:
    """Create the proposed mentorship for an accepted request, if the mentor has a slot left.
    Run inside storage.locks.write_transaction: the mentor's Profile row is locked before counting, so two
    accepts racing for the last slot are serialised and the second one sees the first one's mentorship."""
    profile = lock_row(session, Profile, request.mentor_id)
    capacity = profile.capacity if profile else 0
    if open_mentorship_count(session, request.mentor_id) >= capacity:
        raise NoSlotLeft(capacity)
    mentorship = Mentorship(mentor_id=request.mentor_id, mentee_id=request.mentee_id,
                            program_id=request.program_id, intro_request_id=request.id, status="proposed",
                            cadence=request.cadence, goals=goals, created_at=now)
    session.add(mentorship)
    session.flush()
    return mentorship


def get_mentorship(session: Session, mentorship_id: int) -> Mentorship | None:
    return session.get(Mentorship, mentorship_id)


def lock_mentorship(session: Session, mentorship_id: int) -> Mentorship | None:
    return lock_row(session, Mentorship, mentorship_id)
