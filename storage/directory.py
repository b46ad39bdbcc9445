"""Keeping the people table true to Slack: sync-users, team_join and user_change all land here.
Nothing is ever deleted: a deactivated person is marked inactive and their mentorships are paused."""

from sqlmodel import Session, select

from bot.domain import lifecycle
from bot.domain.directory import DirectoryEntry
from storage.mentorships import pause_mentorships_of
from storage.models import Mentorship, Person
from storage.models._common import utcnow

DEACTIVATED_REASON = "deactivated in Slack"


def apply_entry(session: Session, entry: DirectoryEntry) -> str:
    """Upsert one person from Slack. Returns created | updated | deactivated | reactivated."""
    person = session.get(Person, entry.slack_id)
    created = person is None
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
    person.updated_at = utcnow()
    session.add(person)
    session.flush()
    if created:
        return "created"  # a person Slack already lists as deactivated is stored inactive
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
