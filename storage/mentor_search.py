"""What /findmentor reads: the mentor directory (cached by a cheap version), slots taken, and who to leave out."""

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import exists, func, true, union
from sqlmodel import Session, select

from bot.domain import lifecycle
from bot.domain.ranking import MentorCard
from bot.domain.timekeeping import effective_tz
from storage.matching import active_mentee_counts
from storage.models import IntroRequest, Mentorship, Person, Profile, Program, ProgramMember

# Answers that keep a mentor out of the same person's results for a while (the guide: respect their time).
DECLINED_STATES = ("declined", "not_now")
DECLINE_MEMORY = timedelta(days=30)


def person_tz(person: Person | None, profile: Profile | None) -> str:
    return effective_tz(person.tz if person else None, profile.timezone if profile else None)


def directory_version(session: Session) -> tuple:
    """Changes whenever a card could change: profiles added or edited, people (de)activated or renamed, program
    memberships added (the program: filter reads them; memberships are never removed). Three aggregate scans in
    one statement; far cheaper than loading every row."""
    profiles = select(func.count(), func.max(Profile.updated_at)).subquery()
    people = select(func.count().label("people"), func.count().filter(Person.active.is_(True)).label("active"),
                    func.max(Person.updated_at).label("touched")).subquery()
    members = select(func.count().label("members")).select_from(ProgramMember).subquery()
    rows = select(profiles, people, members).select_from(
        profiles.join(people, true()).join(members, true()))  # one row each: a 1×1×1 join
    return tuple(session.exec(rows).one())


def _is_mentor():
    return Person.active.is_(True), Profile.role.in_(("mentor", "both")), Profile.capacity > 0


def mentor_cards(session: Session, only: Collection[str] | None = None) -> list[MentorCard]:
    """Every active person who mentors with some capacity (or those of them in `only`), capacity_left = their whole
    capacity: the slots taken right now come from taken_slots() at query time, so a cached index stays right as
    pairs form."""
    # Columns, not ORM objects: at 100k mentors the objects and their identity map cost seconds to make, and their
    # teardown holds the GIL long enough to stall requests during a background build.
    query = select(Person.slack_id, Person.name, Person.title, Person.tz, Person.department, Person.level,
                   Profile.title, Profile.expertise, Profile.years_experience, Profile.career_path, Profile.values,
                   Profile.capacity, Profile.offer_cadence, Profile.languages, Profile.timezone, Profile.bio,
                   Profile.offer_format).join(Profile, Profile.person_id == Person.slack_id).where(*_is_mentor())
    members = select(ProgramMember.person_id, Program.name).join(Program, Program.id == ProgramMember.program_id)
    if only is not None:
        query, members = query.where(Person.slack_id.in_(only)), members.where(ProgramMember.person_id.in_(only))
    programs: dict[str, list[str]] = {}
    for person_id, name in session.exec(members):
        programs.setdefault(person_id, []).append(name)
    return [MentorCard(
        person_id=pid, name=name or pid, title=profile_title or title, expertise=tuple(expertise or ()),
        years=years, career_path=career_path, values=tuple(values or ()), capacity_left=capacity,
        offer_cadence=cadence, languages=tuple(languages or ()), tz=effective_tz(tz, profile_tz), bio=bio,
        offer_format=offer_format, programs=tuple(programs.get(pid, ())), department=department or "",
        level=level or "",
    ) for (pid, name, title, tz, department, level, profile_title, expertise, years, career_path, values, capacity,
           cadence, languages, profile_tz, bio, offer_format) in session.exec(query.order_by(Person.slack_id))]


def mentor_count(session: Session) -> int:
    """How many cards mentor_cards() would return: a grown index must hold as many live rows."""
    return session.exec(select(func.count()).select_from(Person).join(Profile, Profile.person_id == Person.slack_id)
                        .where(*_is_mentor())).one()


def mentor_ids(session: Session) -> set[str]:
    """The ids mentor_cards() would return, without the cards."""
    return set(session.exec(select(Person.slack_id).join(Profile, Profile.person_id == Person.slack_id)
                            .where(*_is_mentor())).all())


def touched_since(session: Session, since: datetime, limit: int) -> set[str] | None:
    """Ids of the people whose person row or profile was stamped at or after `since`; None if more than `limit`
    (an import, a directory sync: cheaper to rebuild than to patch)."""
    ids = union(select(Person.slack_id.label("id")).where(Person.updated_at >= since),
                select(Profile.person_id).where(Profile.updated_at >= since)).limit(limit + 1)
    found = set(session.exec(ids).scalars())
    return found if len(found) <= limit else None


def taken_slots(session: Session) -> dict[str, int]:
    return active_mentee_counts(session)


def slots_version(session: Session) -> tuple:
    """Changes when a mentorship is created or leaves the open states (a mentor's mentor_id never changes)."""
    return session.exec(select(func.count().filter(Mentorship.status.in_(lifecycle.OPEN)),
                               func.max(Mentorship.id))).one()


def excluded_mentor_ids(session: Session, seeker_id: str, now: datetime, within_programs: bool = True) -> set[str]:
    """Who not to suggest to seeker_id, in one statement: their current mentors, mentors who declined them (or said
    not right now) in the last 30 days, mentors they are already waiting on, mentors out of office
    (paused_until), and, when the seeker is in any program and `within_programs`, mentors in none of their
    programs."""
    since = now - DECLINE_MEMORY
    current = select(Mentorship.mentor_id.label("mentor_id")).where(
        Mentorship.mentee_id == seeker_id, Mentorship.status.in_(lifecycle.OPEN))
    asked = select(IntroRequest.mentor_id).where(
        IntroRequest.mentee_id == seeker_id,
        (IntroRequest.status == "pending")
        | (IntroRequest.status.in_(DECLINED_STATES) & (IntroRequest.answered_at >= since)))
    paused = select(Person.slack_id).where(Person.paused_until.is_not(None), Person.paused_until >= now.date())
    # Programs: someone in a program searches its mentors (any of their programs); someone in none searches all.
    mine = select(ProgramMember.program_id).join(Program, Program.id == ProgramMember.program_id).where(
        ProgramMember.person_id == seeker_id, ProgramMember.status != "left", Program.status != "archived")
    fellow = select(ProgramMember.person_id).where(ProgramMember.program_id.in_(mine),
                                                   ProgramMember.status == "active")
    outside = select(Profile.person_id).where(exists(mine), Profile.role.in_(("mentor", "both")),
                                              Profile.person_id.not_in(fellow))
    parts = (current, asked, paused, outside) if within_programs else (current, asked, paused)
    return set(session.exec(union(*parts)).scalars())
