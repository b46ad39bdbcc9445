"""A person's data: everything the bot holds about them (export) and erasing it (a tombstone keeps counts true).

Export is a table of sections (EXPORT_SECTIONS): each is a name, a one-line description for the README inside the
export, and a query returning plain rows. A feature with a new table about people adds its section with
`export_section(...)`. Only what the person wrote or what is about them is exported: never their pair's check-in
notes or anybody's ratings of them.

Erasure replaces the person row with a tombstone (`erased-<hex>`: no name, email, title or Slack id), points every
row that must keep counting (mentorships, check-ins, intro requests, program memberships, sent outbox rows) at the
tombstone, deletes their profile, goals and journal, blanks every text they wrote, replaces their Slack id inside
other rows' text with the tombstone, ends their open mentorships and withdraws their pending intro requests.
"""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import String, cast, delete, func, update
from sqlmodel import Session, SQLModel, or_, select

from bot.domain import lifecycle
from bot.domain.erasure import TOMBSTONE_PREFIX, is_tombstone
from storage.ending import end as end_mentorship
from storage.intros import FOLLOWUP_KINDS
from storage.models import (
    CheckIn,
    ExitSurvey,
    Goal,
    GoalUpdate,
    IntroRequest,
    MatchRound,
    Mentorship,
    Person,
    Profile,
    ProgramAdmin,
    ProgramMember,
    PulseAnswer,
    RoundPair,
    ScheduledMessage,
)
from storage.outbox import cancel


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _rows(objs, drop: tuple[str, ...] = ()) -> list[dict]:
    return [{k: _plain(v) for k, v in obj.model_dump().items() if k not in drop} for obj in objs]


# name -> (description for README.txt, query(session, slack_id) -> list of rows)
Section = Callable[[Session, str], list[dict]]
EXPORT_SECTIONS: dict[str, tuple[str, Section]] = {}


def export_section(name: str, description: str):
    def decorate(fn: Section) -> Section:
        EXPORT_SECTIONS[name] = (description, fn)
        return fn
    return decorate


@export_section("person", "who you are to the bot: name, email, title, time zone, out-of-office, from Slack")
def _person(session: Session, slack_id: str) -> list[dict]:
    return _rows([p for p in [session.get(Person, slack_id)] if p])


@export_section("profile", "your mentoring profile: role, expertise, years, career path and aspiration, values, "
                           "capacity, languages, bio")
def _profile(session: Session, slack_id: str) -> list[dict]:
    return _rows([p for p in [session.get(Profile, slack_id)] if p], drop=("strengths", "areas_to_improve"))


@export_section("self_assessment", "your self-assessment: strengths and areas to improve")
def _self_assessment(session: Session, slack_id: str) -> list[dict]:
    p = session.get(Profile, slack_id)
    return [{"strengths": p.strengths, "areas_to_improve": p.areas_to_improve}] if p else []


@export_section("goals", "your career goals with their targets, dates, status and progress")
def _goals(session: Session, slack_id: str) -> list[dict]:
    return _rows(session.exec(select(Goal).where(Goal.owner_id == slack_id).order_by(Goal.id)).all())


@export_section("journal", "your career journal: progress and notes you logged on your goals")
def _journal(session: Session, slack_id: str) -> list[dict]:
    return _rows(session.exec(select(GoalUpdate).where(GoalUpdate.author_id == slack_id)
                              .order_by(GoalUpdate.id)).all())


@export_section("checkin_notes", "check-in answers and notes you wrote (your pair's own notes are theirs, not here)")
def _checkins(session: Session, slack_id: str) -> list[dict]:
    return _rows(session.exec(select(CheckIn).where(CheckIn.author_id == slack_id).order_by(CheckIn.id)).all())


@export_section("intro_requests_sent", "intro requests you sent to mentors, and their answers")
def _intros_sent(session: Session, slack_id: str) -> list[dict]:
    return _rows(session.exec(select(IntroRequest).where(IntroRequest.mentee_id == slack_id)
                              .order_by(IntroRequest.id)).all())


@export_section("intro_requests_received", "intro requests mentees sent you, and your answers")
def _intros_received(session: Session, slack_id: str) -> list[dict]:
    return _rows(session.exec(select(IntroRequest).where(IntroRequest.mentor_id == slack_id)
                              .order_by(IntroRequest.id)).all())


@export_section("mentorships", "your mentorships (as mentor or mentee) and their agreements: goals, cadence, mode, "
                               "duration, dates")
def _mentorships(session: Session, slack_id: str) -> list[dict]:
    return _rows(session.exec(select(Mentorship).where(
        or_(Mentorship.mentor_id == slack_id, Mentorship.mentee_id == slack_id)).order_by(Mentorship.id)).all())


@export_section("programs", "the mentorship programs you are a member or an admin of")
def _programs(session: Session, slack_id: str) -> list[dict]:
    member = session.exec(select(ProgramMember.program_id).where(ProgramMember.person_id == slack_id)).all()
    admin = session.exec(select(ProgramAdmin.program_id).where(ProgramAdmin.person_id == slack_id)).all()
    return ([{"program_id": p, "as": "member"} for p in member] + [{"program_id": p, "as": "admin"} for p in admin])


@export_section("queued_messages", "messages the bot still plans to send you (kind, when, status)")
def _queued(session: Session, slack_id: str) -> list[dict]:
    rows = session.exec(select(ScheduledMessage).where(
        ScheduledMessage.recipient_id == slack_id, ScheduledMessage.status.in_(("pending", "sending")))
        .order_by(ScheduledMessage.due_at)).all()
    return [{"kind": r.kind, "due_at": _plain(r.due_at), "status": r.status} for r in rows]


@export_section("pulses", "your private answers to \"how is this mentorship going?\" (never shown to your pair)")
def _pulses(session: Session, slack_id: str) -> list[dict]:
    rows = session.exec(select(PulseAnswer).where(PulseAnswer.person_id == slack_id)
                        .order_by(PulseAnswer.created_at)).all()
    return [{"mentorship_id": r.mentorship_id, "rating": r.rating, "helping": r.helping, "note": r.note,
             "at": _plain(r.created_at)} for r in rows]


@export_section("exit_surveys", "your private exit surveys when a mentorship ended")
def _exit_surveys(session: Session, slack_id: str) -> list[dict]:
    rows = session.exec(select(ExitSurvey).where(ExitSurvey.person_id == slack_id)
                        .order_by(ExitSurvey.created_at)).all()
    return [{"mentorship_id": r.mentorship_id, "overall": r.overall, "goals_achieved": r.goals_achieved,
             "again": r.again, "at": _plain(r.created_at)} for r in rows]


def export_data(session: Session, slack_id: str) -> dict[str, list[dict]] | None:
    """Every section for one person; None if the bot holds nothing about them."""
    if session.get(Person, slack_id) is None:
        return None
    return {name: fn(session, slack_id) for name, (_, fn) in EXPORT_SECTIONS.items()}


# ---- erasure ------------------------------------------------------------------------------------------------------

# Rows that keep counting after an erasure: (table, column holding the person's Slack id).
_REPOINT = [(Mentorship, "mentor_id"), (Mentorship, "mentee_id"), (IntroRequest, "mentee_id"),
            (IntroRequest, "mentor_id"), (CheckIn, "author_id"), (ProgramMember, "person_id"),
            (ScheduledMessage, "recipient_id"), (RoundPair, "mentee_id"), (RoundPair, "mentor_id")]
# Rows that go with the person (deleted by _blank_their_words or erase_person).
_DELETED = [(Goal, "owner_id"), (GoalUpdate, "author_id"), (ProgramAdmin, "person_id"), (Profile, "person_id"),
            # Their ratings go with them (the pulse and exit-survey distributions lose their answers).
            (PulseAnswer, "person_id"), (ExitSurvey, "person_id")]


def handled_references() -> set[tuple[str, str]]:
    """(table, column) of every reference to a person that erasure repoints or deletes: a new table referencing
    person.slack_id must be added here, or erasing fails on its foreign key (tests/unit/test_erasure_tables.py)."""
    return {(model.__tablename__, column) for model, column in _REPOINT + _DELETED}


# Free text where someone else may have written the person's Slack id (e.g. <@U123>): replaced by the tombstone.
_TEXT_COLUMNS = [(CheckIn, "note"), (Mentorship, "goals"), (Mentorship, "pause_reason"), (IntroRequest, "message"),
                 (IntroRequest, "response_note"), (GoalUpdate, "note"), (Goal, "title"), (Goal, "target"), (Profile, "bio"),
                 (ScheduledMessage, "idempotency_key"), (ScheduledMessage, "last_error"),
                 # Ids held without a foreign key: who planned a round, and other people's manager.
                 (MatchRound, "created_by"), (Person, "manager_id"), (Mentorship, "ended_by")]


@dataclass
class Erasure:
    tombstone: str
    # (mentorship id, the other person) of each mentorship the erasure ended
    ended_with: list[tuple[int, str]] = field(default_factory=list)
    withdrawn_intros: int = 0
    cancelled_messages: int = 0


def erase_person(session: Session, slack_id: str, now: datetime) -> Erasure | None:
    """Erase one person in the caller's transaction (see the module docstring). None if there is no such person."""
    person = session.get(Person, slack_id)
    if person is None or is_tombstone(slack_id):
        return None
    result = Erasure(tombstone=f"{TOMBSTONE_PREFIX}{uuid.uuid4().hex[:20]}")
    session.add(Person(slack_id=result.tombstone, name="", email=None, title="", tz="UTC", active=False,
                       erased_at=now, created_at=person.created_at, updated_at=now))
    session.flush()
    for m in session.exec(select(Mentorship).where(
            or_(Mentorship.mentor_id == slack_id, Mentorship.mentee_id == slack_id),
            Mentorship.status.in_(lifecycle.OPEN))).all():
        result.ended_with.append((m.id, m.mentee_id if m.mentor_id == slack_id else m.mentor_id))
        result.cancelled_messages += end_mentorship(session, m, now)
    for request in session.exec(select(IntroRequest).where(
            or_(IntroRequest.mentee_id == slack_id, IntroRequest.mentor_id == slack_id),
            IntroRequest.status == "pending")).all():
        request.status, request.answered_at = "withdrawn", now
        session.add(request)
        for kind in FOLLOWUP_KINDS:
            result.cancelled_messages += cancel(session, kind=kind, payload_match={"intro_request_id": request.id})
        result.withdrawn_intros += 1
    result.cancelled_messages += session.execute(
        update(ScheduledMessage).where(ScheduledMessage.recipient_id == slack_id,
                                       ScheduledMessage.status.in_(("pending", "sending")))
        .values(status="cancelled")).rowcount or 0
    _blank_their_words(session, slack_id)
    for model, column in _REPOINT:
        col = getattr(model, column)
        session.execute(update(model).where(col == slack_id).values({column: result.tombstone}))
    for model, column in _TEXT_COLUMNS:
        col = getattr(model, column)
        session.execute(update(model).where(col.contains(slack_id))
                        .values({column: func.replace(col, slack_id, result.tombstone)}))
    _scrub_payloads(session, slack_id, result.tombstone)
    session.execute(delete(ProgramAdmin).where(ProgramAdmin.person_id == slack_id))
    session.execute(delete(PulseAnswer).where(PulseAnswer.person_id == slack_id))
    session.execute(delete(ExitSurvey).where(ExitSurvey.person_id == slack_id))
    session.execute(delete(Profile).where(Profile.person_id == slack_id))
    session.flush()
    session.delete(person)
    session.flush()
    return result


def _blank_their_words(session: Session, slack_id: str) -> None:
    """Delete their goals and journal; blank the text they wrote in rows that keep counting."""
    goal_ids = select(Goal.id).where(Goal.owner_id == slack_id)
    session.execute(delete(GoalUpdate).where(or_(GoalUpdate.goal_id.in_(goal_ids), GoalUpdate.author_id == slack_id)))
    session.execute(delete(Goal).where(Goal.owner_id == slack_id))
    session.execute(update(CheckIn).where(CheckIn.author_id == slack_id).values(note=""))
    session.execute(update(IntroRequest).where(IntroRequest.mentee_id == slack_id)
                    .values(message="", matched_topics=[]))
    session.execute(update(IntroRequest).where(IntroRequest.mentor_id == slack_id).values(response_note=""))
    # The agreement's shared goals were drafted from the mentee's goals: they go with either person.
    session.execute(update(Mentorship).where(or_(Mentorship.mentor_id == slack_id, Mentorship.mentee_id == slack_id))
                    .values(goals=""))
    session.execute(update(ScheduledMessage).where(ScheduledMessage.recipient_id == slack_id).values(payload={}))
    # The thank-you note they left when they wrapped a mentorship up.
    session.execute(update(Mentorship).where(Mentorship.ended_by == slack_id).values(thank_you=""))


def _scrub_payloads(session: Session, slack_id: str, tombstone: str) -> None:
    """Outbox payloads (JSON) naming the person: their id becomes the tombstone, the structure stays."""
    for row in session.exec(select(ScheduledMessage).where(
            cast(ScheduledMessage.payload, String).contains(slack_id))).all():
        row.payload = json.loads(json.dumps(row.payload).replace(slack_id, tombstone))
        session.add(row)


def counts(session: Session) -> dict[str, int]:
    """Row counts of the tables reports count from (tests check an erasure keeps them)."""
    return {model.__tablename__: session.exec(select(func.count()).select_from(model)).one()
            for model in (Person, Mentorship, CheckIn, IntroRequest, ProgramMember)}


# ---- nothing left in the files ------------------------------------------------------------------------------------

def overwrite_deleted(session: Session) -> None:
    """SQLite: this connection zeroes what it deletes or overwrites (PRAGMA secure_delete), so freed cells and pages
    keep no old text. Call first in an erasing transaction. PostgreSQL rewrites rows as new versions; the old ones
    are dead tuples that VACUUM reclaims (see README, "Your data")."""
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("PRAGMA secure_delete=ON")


def flush_files(engine) -> bool:
    """After an erasing commit. SQLite: copy the WAL into the database file and truncate it, so old page images in
    the -wal file are gone too. PostgreSQL: VACUUM the tables that held the text, so dead row versions are pruned.
    Returns False if SQLite could not truncate the WAL (a reader held it; the next erase or checkpoint does)."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()[0]
        return busy == 0
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in ("person", "profile", "goal", "goal_update", "check_in", "intro_request", "mentorship",
                      "scheduled_message"):
            conn.exec_driver_sql(f"VACUUM {table}")
    return True


# ---- retention and purge ------------------------------------------------------------------------------------------

def deactivated_before(session: Session, cutoff: datetime) -> list[str]:
    return list(session.exec(select(Person.slack_id).where(
        Person.active.is_(False), Person.erased_at.is_(None), Person.deactivated_at.is_not(None),
        Person.deactivated_at < cutoff)).all())


def blank_old_notes(session: Session, cutoff: datetime) -> int:
    """Blank the check-in notes (the pair's journal) of mentorships that ended before cutoff. The answers stay
    (met / not met), so counts in reports stay true. Returns how many notes were blanked."""
    ended = select(Mentorship.id).where(Mentorship.status == "ended", Mentorship.ended_at.is_not(None),
                                        Mentorship.ended_at < cutoff)
    return session.execute(update(CheckIn).where(CheckIn.mentorship_id.in_(ended), CheckIn.note != "")
                           .values(note="")).rowcount or 0


def purge_all(session: Session) -> int:
    """Delete every row of every table (children first), except the audit log. Returns rows deleted."""


    deleted = 0
    for table in reversed(SQLModel.metadata.sorted_tables):
        if table.name != "audit_log":
            deleted += session.execute(table.delete()).rowcount or 0
    return deleted
