"""What ranking needs from the database: mentors who can take someone now, and the seeker."""

from sqlalchemy import func
from sqlmodel import Session, select

from bot.domain import lifecycle
from bot.domain.ranking import Seeker
from bot.domain.timekeeping import effective_tz
from storage.models import Goal, Mentorship, Person, Profile

# Mentorships that use a mentor's capacity.


def _tz(person: Person, profile: Profile | None) -> str:
    return effective_tz(person.tz, profile.timezone if profile else None)


def active_mentee_counts(session: Session) -> dict[str, int]:
    rows = session.exec(
        select(Mentorship.mentor_id, func.count())
        .where(Mentorship.status.in_(lifecycle.OPEN))
        .group_by(Mentorship.mentor_id)
    ).all()
    return dict(rows)


def seeker_for(session: Session, slack_id: str, words: str) -> Seeker:
    """One statement: the person, their profile and their active goals (one row per goal, or one row without)."""
    rows = session.exec(
        select(Person, Profile, Goal.title, Goal.target)
        .outerjoin(Profile, Profile.person_id == Person.slack_id)
        .outerjoin(Goal, (Goal.owner_id == Person.slack_id) & (Goal.status == "active"))
        .where(Person.slack_id == slack_id)
        .order_by(Goal.id)
    ).all()
    person, profile = (rows[0][0], rows[0][1]) if rows else (None, None)
    goal_text = " ".join(f"{title} {target}" for _, _, title, target in rows if title is not None)
    if profile and profile.areas_to_improve:
        goal_text = f"{goal_text} {profile.areas_to_improve}".strip()
    return Seeker(
        person_id=slack_id,
        words=words,
        goals=goal_text,
        # Where they want to go; a path like "data analyst aiming for ML engineer" says it too.
        career_aspiration=(profile.career_aspiration or profile.career_path) if profile else "",
        values=tuple(profile.values) if profile else (),
        languages=tuple(profile.languages) if profile else (),
        tz=_tz(person, profile) if person else "UTC",
    )
