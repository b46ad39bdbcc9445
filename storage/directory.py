"""Keeping the people table true to Slack: sync-users, team_join and user_change all land here.
A deactivated person is marked inactive (deactivated_at stamped) and their mentorships are paused; nothing is deleted
here (ERASE_AFTER_DEACTIVATION_DAYS erases them later: storage/privacy.py)."""

from datetime import datetime

from sqlmodel import Session, select

from bot.domain import lifecycle
from bot.domain.directory import DirectoryEntry
from storage.mentorships import pause_mentorships_of
from storage.models import Mentorship, Person
from storage.models._common import utcnow

DEACTIVATED_REASON = "deactivated in Slack"


def apply_entry(session: Session, entry: DirectoryEntry, now: datetime | None = None) -> str:
    """Upsert one person from Slack. Returns created | updated | deactivated | reactivated | ignored. `now` (default: the
    wall clock) stamps a deactivation: the erase grace period counts from it."""
    person = session.get(Person, entry.slack_id)
    created = person is None
    if created and entry.deleted:
        # Someone deactivated whom we do not hold (never known, or erased): nothing to pause, so nothing to store;
        # storing them would bring back the name and email an erasure removed.
        return "ignored"
    if created:
        person = Person(slack_id=entry.slack_id)
    was_active = not created and person.active
    person.name = entry.name or person.name
    person.title = entry.title
    if entry.tz:  # deleted users come without a tz; keep the last one we knew
        person.tz = entry.tz
    if entry.email:
        person.email = entry.email
    person.active = not entry.deleted
    if entry.deleted and person.deactivated_at is None:
        person.deactivated_at = now or utcnow()
    elif not entry.deleted:
        person.deactivated_at = None
    person.updated_at = utcnow()
    session.add(person)
    session.flush()
    if created:
        return "created"
    if entry.deleted and was_active:
        session.flush()
        pause_mentorships_of(session, entry.slack_id, DEACTIVATED_REASON)
        return "deactivated"
    return "reactivated" if not was_active and person.active else "updated"


def partners(session: Session, slack_id: str) -> list[str]:
    """The other person in each of slack_id's open mentorships (whose Home shows the pair)."""
    rows = session.exec(select(Mentorship).where(
        (Mentorship.mentor_id == slack_id) | (Mentorship.mentee_id == slack_id),
        Mentorship.status.in_(lifecycle.OPEN))).all()
    return sorted({m.mentee_id if m.mentor_id == slack_id else m.mentor_id for m in rows})
