"""Programs: a name, a channel for pairing announcements, admins, and members (from the profile CSV)."""

from sqlalchemy import func
from sqlmodel import Session, select

from bot.domain.profiles_csv import ProfileRow, RowError
from storage.models import Person, Program, ProgramAdmin, ProgramMember
from storage.models._common import utcnow


class ProgramExists(Exception):
    pass


def create_program(session: Session, name: str, channel_id: str, admin_ids: list[str] = (), **settings) -> Program:
    """settings: any other Program column (description, match_mode, cohort_start, ...)."""
    if get_program_by_name(session, name) is not None:
        raise ProgramExists(name)
    program = Program(name=name.strip(), channel_id=channel_id, **settings)
    session.add(program)
    session.flush()
    set_admins(session, program.id, list(admin_ids))
    return program


def get_program(session: Session, program_id: int | None) -> Program | None:
    return session.get(Program, program_id) if program_id is not None else None


def get_program_by_name(session: Session, name: str) -> Program | None:
    folded = name.strip().casefold()
    return next((p for p in session.exec(select(Program)).all() if p.name.casefold() == folded), None)


def programs_of(session: Session, person_id: str) -> list[Program]:
    """The programs a person belongs to (not left, not archived)."""
    return list(session.exec(
        select(Program).join(ProgramMember, ProgramMember.program_id == Program.id)
        .where(ProgramMember.person_id == person_id, ProgramMember.status != "left", Program.status != "archived")
        .order_by(Program.name)).all())


def admin_ids(session: Session, program_id: int) -> list[str]:
    return list(session.exec(select(ProgramAdmin.person_id).where(ProgramAdmin.program_id == program_id)
                             .order_by(ProgramAdmin.person_id)).all())


def program_row_errors(session: Session, rows: list[ProfileRow]) -> list[RowError]:
    """Rows naming a program that does not exist (create it first with `mentorbot program create`)."""
    known = {p.name.casefold() for p in session.exec(select(Program)).all()}
    errors = []
    for row in rows:
        unknown = [name for name in row.programs if name.casefold() not in known]
        if unknown:
            errors.append(RowError(row.line, "unknown program(s): " + ", ".join(unknown)
                                   + " (create with `mentorbot program create NAME --channel CHANNEL_ID`)"))
    return errors


def add_memberships(session: Session, person_id: str, names: list[str]) -> None:
    """Upsert: the person becomes a member of these programs (already a member = no-op). Rows never remove
    memberships, since a CSV without the programs column must not empty every program."""
    by_name = {p.name.casefold(): p for p in session.exec(select(Program)).all()}
    for name in names:
        program = by_name.get(name.casefold())
        if program is None:
            raise ValueError(f"unknown program {name!r}")
        if session.get(ProgramMember, (program.id, person_id)) is None:
            session.add(ProgramMember(program_id=program.id, person_id=person_id))
            _touch(session, person_id)
            session.flush()


def _touch(session: Session, person_id: str) -> None:
    """Stamp the person: their programs are on their mentor card, and /findmentor's index re-reads the people
    stamped since it was made (bot/features/findmentor.py) instead of building anew."""
    person = session.get(Person, person_id)
    if person is not None:
        person.updated_at = utcnow()
        session.add(person)


# ---- Run from Slack: settings, admins, members ------------------------------------------------------------

def ensure_person(session: Session, person_id: str) -> None:
    """Admins and members need not have a profile yet; a bare person row lets us DM them."""
    if session.get(Person, person_id) is None:
        session.add(Person(slack_id=person_id))
        session.flush()


def set_admins(session: Session, program_id: int, person_ids: list[str]) -> None:
    """Make exactly these people the program's admins (adding and removing)."""
    wanted = list(dict.fromkeys(person_ids))
    for row in session.exec(select(ProgramAdmin).where(ProgramAdmin.program_id == program_id)).all():
        if row.person_id not in wanted:
            session.delete(row)
    for person_id in wanted:
        ensure_person(session, person_id)
        if session.get(ProgramAdmin, (program_id, person_id)) is None:
            session.add(ProgramAdmin(program_id=program_id, person_id=person_id))
    session.flush()


def programs_admined_by(session: Session, person_id: str) -> list[Program]:
    return list(session.exec(
        select(Program).join(ProgramAdmin, ProgramAdmin.program_id == Program.id)
        .where(ProgramAdmin.person_id == person_id).order_by(Program.status != "active", Program.name)).all())


def is_program_admin(session: Session, program_id: int | None, person_id: str) -> bool:
    return program_id is not None and session.get(ProgramAdmin, (program_id, person_id)) is not None


def member_counts(session: Session, program_id: int) -> dict[str, int]:
    """status -> how many members (active, paused, left)."""
    rows = session.exec(select(ProgramMember.status, func.count()).where(ProgramMember.program_id == program_id)
                        .group_by(ProgramMember.status)).all()
    return dict(rows)


def set_membership(session: Session, program_id: int, person_id: str, status: str) -> str:
    """Join (active), pause or leave: upsert the membership. Returns the previous status ('' if none).
    Leaving never deletes: past pairs and rounds keep their history."""
    ensure_person(session, person_id)
    _touch(session, person_id)
    member = session.get(ProgramMember, (program_id, person_id))
    if member is None:
        session.add(ProgramMember(program_id=program_id, person_id=person_id, status=status))
        session.flush()
        return ""
    before = member.status
    member.status = status
    session.add(member)
    session.flush()
    return before


def enrol(session: Session, program_id: int, person_ids: list[str]) -> int:
    """Add people as active members; existing memberships (including people who left) are left as they are:
    someone who left chose to. Returns how many joined."""
    known = set(session.exec(select(ProgramMember.person_id).where(ProgramMember.program_id == program_id)).all())
    added = 0
    for person_id in dict.fromkeys(person_ids):
        if person_id not in known:
            set_membership(session, program_id, person_id, "active")
            added += 1
    return added


def membership(session: Session, program_id: int, person_id: str) -> ProgramMember | None:
    return session.get(ProgramMember, (program_id, person_id))


def memberships_of(session: Session, person_id: str) -> list[tuple[Program, ProgramMember]]:
    return list(session.exec(
        select(Program, ProgramMember).join(ProgramMember, ProgramMember.program_id == Program.id)
        .where(ProgramMember.person_id == person_id, Program.status != "archived").order_by(Program.name)).all())


def sole_program(session: Session) -> Program | None:
    """The workspace's only active program, if there is exactly one: then every mentorship belongs to it."""
    active = session.exec(select(Program).where(Program.status == "active").limit(2)).all()
    return active[0] if len(active) == 1 else None


def admin_programs_with_counts(session: Session, person_id: str) -> list[tuple[Program, dict[str, int]]]:
    """The programs a person runs, each with its member counts by status: two statements whatever the number."""
    programs = programs_admined_by(session, person_id)
    if not programs:
        return []
    rows = session.exec(select(ProgramMember.program_id, ProgramMember.status, func.count())
                        .where(ProgramMember.program_id.in_([p.id for p in programs]))
                        .group_by(ProgramMember.program_id, ProgramMember.status)).all()
    counts: dict[int, dict[str, int]] = {}
    for program_id, status, n in rows:
        counts.setdefault(program_id, {})[status] = n
    return [(p, counts.get(p.id, {})) for p in programs]
