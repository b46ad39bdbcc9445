"""Programs: a name, a channel for pairing announcements, admins, and members (from the profile CSV)."""

from sqlmodel import Session, select

from bot.domain.profiles_csv import ProfileRow, RowError
from storage.models import Person, Program, ProgramAdmin, ProgramMember


class ProgramExists(Exception):
    pass


def create_program(session: Session, name: str, channel_id: str, admin_ids: list[str] = ()) -> Program:
    if get_program_by_name(session, name) is not None:
        raise ProgramExists(name)
    program = Program(name=name.strip(), channel_id=channel_id)
    session.add(program)
    session.flush()
    for admin in dict.fromkeys(admin_ids):
        if session.get(Person, admin) is None:
            # Admins need not have a profile; a bare person row lets us DM them.
            session.add(Person(slack_id=admin))
            session.flush()
        session.add(ProgramAdmin(program_id=program.id, person_id=admin))
    session.flush()
    return program


def get_program(session: Session, program_id: int | None) -> Program | None:
    return session.get(Program, program_id) if program_id is not None else None


def get_program_by_name(session: Session, name: str) -> Program | None:
    folded = name.strip().casefold()
    return next((p for p in session.exec(select(Program)).all() if p.name.casefold() == folded), None)


def programs_of(session: Session, person_id: str) -> list[Program]:
    return list(session.exec(
        select(Program).join(ProgramMember, ProgramMember.program_id == Program.id)
        .where(ProgramMember.person_id == person_id).order_by(Program.name)).all())


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
            session.flush()
