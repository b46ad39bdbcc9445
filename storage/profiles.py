"""Saving what a person says about themselves: the profile modal and the self-assessment."""

from sqlmodel import Session

from bot.domain.profile import ProfileData
from bot.domain.timekeeping import effective_tz
from storage.models import Person, Profile
from storage.models._common import utcnow


def ensure_person(session: Session, slack_id: str) -> Person:
    """The person row a profile or goal hangs on; created bare if the directory has not seen them yet."""
    person = session.get(Person, slack_id)
    if person is None:
        person = Person(slack_id=slack_id)
        session.add(person)
        session.flush()
    return person


def save_profile(session: Session, person_id: str, data: ProfileData) -> Profile:
    ensure_person(session, person_id)
    profile = session.get(Profile, person_id) or Profile(person_id=person_id)
    for name in ("role", "title", "years_experience", "career_path", "career_aspiration", "capacity",
                 "offer_cadence", "offer_format", "timezone", "bio", "work_hours", "work_days", "proud_of"):
        setattr(profile, name, getattr(data, name))
    # Fresh lists, so SQLAlchemy sees the JSON columns change.
    profile.expertise = list(data.expertise)
    profile.values = list(data.values)
    profile.languages = list(data.languages)
    profile.updated_at = utcnow()
    session.add(profile)
    return profile


def save_self_assessment(session: Session, person_id: str, strengths: str, areas: str) -> Profile:
    ensure_person(session, person_id)
    profile = session.get(Profile, person_id) or Profile(person_id=person_id)
    profile.strengths = strengths.strip()
    profile.areas_to_improve = areas.strip()
    profile.updated_at = utcnow()
    session.add(profile)
    return profile


def person_tz(session: Session, slack_id: str) -> str:
    """The zone a person lives in: their profile's override, else what Slack said, else UTC."""
    profile, person = session.get(Profile, slack_id), session.get(Person, slack_id)
    return effective_tz(person.tz if person else None, profile.timezone if profile else None)
