"""People and their profiles."""

from sqlalchemy import func
from sqlmodel import Session, select

from bot.domain.profiles_csv import ProfileRow, RowError
from storage.models import Person, Profile
from storage.models._common import utcnow
from storage.programs import add_memberships, program_row_errors


def get_person(session: Session, slack_id: str) -> Person | None:
    return session.get(Person, slack_id)


def get_profile(session: Session, slack_id: str) -> Profile | None:
    return session.get(Profile, slack_id)


def upsert_person(session: Session, slack_id: str, **fields) -> Person:
    person = session.get(Person, slack_id)
    if person is None:
        person = Person(slack_id=slack_id, **fields)
        session.add(person)
    else:
        for key, value in fields.items():
            setattr(person, key, value)
        person.updated_at = utcnow()
    return person


def import_profile_rows(session: Session, rows: list[ProfileRow]) -> tuple[int, int]:
    """Upsert people and profiles keyed by Slack id: importing twice updates, never duplicates.
    Returns (created, updated)."""
    bad = program_row_errors(session, rows)
    if bad:
        # Nothing is half-imported: the caller reports these (with line numbers) or filters the rows out first.
        raise ValueError("; ".join(map(str, bad)))
    created = updated = 0
    for row in rows:
        existing = session.get(Person, row.slack_id)
        person_fields = {"name": row.name, "email": row.email, "title": row.title}
        if row.timezone:
            person_fields["tz"] = row.timezone
        upsert_person(session, row.slack_id, **person_fields)
        session.flush()
        profile = session.get(Profile, row.slack_id) or Profile(person_id=row.slack_id)
        profile.role = row.role
        profile.title = row.title
        profile.expertise = list(row.expertise)
        profile.years_experience = row.years_experience
        profile.career_path = row.career_path
        profile.values = list(row.values)
        profile.capacity = row.capacity
        profile.timezone = row.timezone
        profile.languages = list(row.languages)
        profile.bio = row.bio
        if row.proud_of:  # an optional column: an empty cell keeps what the person wrote themselves
            profile.proud_of = row.proud_of
        profile.updated_at = utcnow()
        session.add(profile)
        add_memberships(session, row.slack_id, row.programs)
        if row.department is not None:
            upsert_person(session, row.slack_id, department=row.department)
        if row.level is not None:
            upsert_person(session, row.slack_id, level=row.level)
        if existing is None:
            created += 1
        else:
            updated += 1
    session.flush()
    # Managers last: they may be people further down the same file, named by id or by email.
    for row in rows:
        if row.manager is not None:
            upsert_person(session, row.slack_id, manager_id=manager_id(session, row.manager))
    return created, updated


def manager_id(session: Session, manager: str) -> str | None:
    if not manager:
        return None
    if "@" not in manager:
        return manager
    return session.exec(select(Person.slack_id).where(func.lower(Person.email) == manager.lower())).first()


def manager_row_errors(session: Session, rows: list[ProfileRow]) -> list[RowError]:
    """Rows whose manager email matches nobody, in the file or already imported."""
    in_file = {(r.email or "").lower() for r in rows if r.email}
    errors = []
    for row in rows:
        if row.manager and "@" in row.manager and row.manager.lower() not in in_file \
                and manager_id(session, row.manager) is None:
            errors.append(RowError(row.line, f"manager {row.manager!r} matches nobody's email"))
    return errors
