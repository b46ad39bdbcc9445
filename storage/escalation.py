"""Escalations of drifting pairs, and the signals read for them: outcomes, pulse lows and goal activity only; never
a note, never whose pulse was low."""

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.domain.insight import is_low_pulse
from bot.domain.timekeeping import as_utc
from storage.checkins import CHUNK, one_of
from storage.models import Escalation, Goal, PulseAnswer


def open_escalations(session: Session, mentorship_ids: list[int]) -> dict[int, Escalation]:
    out: dict[int, Escalation] = {}
    for i in range(0, len(mentorship_ids), CHUNK):
        for e in session.exec(select(Escalation).where(
                one_of(session, Escalation.mentorship_id, mentorship_ids[i:i + CHUNK]),
                col(Escalation.resolved_at).is_(None)).order_by(Escalation.id)).all():
            out[e.mentorship_id] = e
    return out


def open_escalation(session: Session, mentorship_id: int) -> Escalation | None:
    return open_escalations(session, [mentorship_id]).get(mentorship_id)


def low_pulse_at(session: Session, mentorship_ids: list[int]) -> dict[int, datetime]:
    """Per mentorship, when the newest low answer was given among each person's latest pulse answer."""
    latest: dict[tuple[int, str], tuple[int, int, str, datetime]] = {}
    for i in range(0, len(mentorship_ids), CHUNK):
        for mid, person, round_, rating, helping, at in session.exec(select(
                PulseAnswer.mentorship_id, PulseAnswer.person_id, PulseAnswer.round, PulseAnswer.rating,
                PulseAnswer.helping, PulseAnswer.created_at).where(
                one_of(session, PulseAnswer.mentorship_id, mentorship_ids[i:i + CHUNK]))).all():
            if (mid, person) not in latest or latest[(mid, person)][0] < round_:
                latest[(mid, person)] = (round_, rating, helping, as_utc(at))
    out: dict[int, datetime] = {}
    for (mid, _), (_, rating, helping, at) in latest.items():
        if is_low_pulse(rating, helping) and (mid not in out or out[mid] < at):
            out[mid] = at
    return out


def goal_activity(session: Session, owner_ids: list[str]) -> dict[str, datetime]:
    """Per person with active goals: the last time any of them was set or moved."""
    out: dict[str, datetime] = {}
    last = func.max(func.coalesce(Goal.last_progress_at, Goal.created_at))
    for i in range(0, len(owner_ids), CHUNK):
        for owner, at in session.exec(select(Goal.owner_id, last).where(
                one_of(session, Goal.owner_id, owner_ids[i:i + CHUNK]), Goal.status == "active")
                .group_by(Goal.owner_id)).all():
            out[owner] = as_utc(at)
    return out


def start(session: Session, mentorship_id: int, signals: list[str], now: datetime) -> Escalation:
    e = Escalation(mentorship_id=mentorship_id, signals=",".join(signals), step=1, step_at=now, started_at=now)
    session.add(e)
    session.flush()
    return e


def set_step(session: Session, e: Escalation, step: int, now: datetime) -> None:
    e.step, e.step_at = step, now
    session.add(e)


def record_choice(session: Session, e: Escalation, now: datetime, next_step_from: datetime) -> None:
    """A person answered "is this still working?": the next step waits a period from `next_step_from`."""
    e.choice_at, e.step_at = now, next_step_from
    session.add(e)


def resolve(session: Session, e: Escalation, now: datetime) -> None:
    e.resolved_at = now
    session.add(e)


def resolve_all(session: Session, mentorship_id: int, now: datetime) -> None:
    for e in open_escalations(session, [mentorship_id]).values():
        resolve(session, e, now)


def last_choice_at(session: Session, mentorship_ids: list[int]) -> dict[int, datetime]:
    """Per mentorship, the last time either person answered "is this still working?" (any escalation)."""
    out: dict[int, datetime] = {}
    for i in range(0, len(mentorship_ids), CHUNK):
        for mid, at in session.exec(select(Escalation.mentorship_id, func.max(Escalation.choice_at)).where(
                one_of(session, Escalation.mentorship_id, mentorship_ids[i:i + CHUNK]),
                col(Escalation.choice_at).is_not(None)).group_by(Escalation.mentorship_id)).all():
            out[mid] = as_utc(at)
    return out
