"""Check-ins: the pair's journal, the prompts that ask for it, and the counts admins may see."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import any_, bindparam, func, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session, col, select

from bot.domain import lifecycle
from bot.domain.timekeeping import as_utc
from storage.locks import lock_row
from storage.models import CheckIn, Goal, Mentorship, Person, Profile, Program, ProgramAdmin, ScheduledMessage
from storage.programs import admin_ids

CHUNK = 500  # IN (...) lists stay well under every database's parameter limit


def one_of(session: Session, column, values: list):
    """column IN values; on PostgreSQL as `= ANY(array)`, one parameter instead of hundreds."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return col(column).in_(values)


@dataclass(frozen=True)
class Recipient:
    slack_id: str
    name: str
    tz: str
    paused_until: date | None
    active: bool


def recipients(session: Session, ids: Iterable[str]) -> dict[str, Recipient]:
    """Names, time zones (a profile's override wins) and pauses for many people in two queries."""
    ids = sorted(set(ids))
    out: dict[str, Recipient] = {}
    for i in range(0, len(ids), CHUNK):
        part = ids[i:i + CHUNK]
        overrides = dict(session.exec(select(Profile.person_id, Profile.timezone)
                                      .where(one_of(session, Profile.person_id, part), Profile.timezone != "")).all())
        for p in session.exec(select(Person).where(one_of(session, Person.slack_id, part))).all():
            out[p.slack_id] = Recipient(p.slack_id, p.name or p.slack_id, overrides.get(p.slack_id) or p.tz,
                                        p.paused_until, p.active)
    return out


def active_mentorships(session: Session) -> list[Mentorship]:
    return list(session.exec(select(Mentorship).where(Mentorship.status == lifecycle.ACTIVE)
                             .order_by(Mentorship.id)).all())


def existing_keys(session: Session, keys: Iterable[str]) -> set[str]:
    """Which of these idempotency keys are already in the outbox (one query per CHUNK keys)."""
    keys = list(keys)
    found: set[str] = set()
    for i in range(0, len(keys), CHUNK):
        found.update(session.exec(select(ScheduledMessage.idempotency_key).where(
            one_of(session, ScheduledMessage.idempotency_key, keys[i:i + CHUNK]))).all())
    return found


def row_by_key(session: Session, key: str) -> ScheduledMessage | None:
    return session.exec(select(ScheduledMessage).where(ScheduledMessage.idempotency_key == key)).first()


def prompt_by_ts(session: Session, user_id: str, ts: str) -> ScheduledMessage | None:
    """The check-in prompt this user's DM thread belongs to (only ever one of their own prompts)."""
    if not ts:
        return None
    return session.exec(select(ScheduledMessage).where(
        ScheduledMessage.slack_ts == ts, ScheduledMessage.recipient_id == user_id,
        ScheduledMessage.kind == "checkin", ScheduledMessage.status == "sent")).first()


def live_mentorship_of(session: Session, mentorship_id: int, user_id: str) -> Mentorship | None:
    """The mentorship, only if user_id is one of its pair and it is still running: ids from Slack are
    attacker-controlled."""
    m = session.get(Mentorship, mentorship_id)
    if m is None or user_id not in (m.mentor_id, m.mentee_id) or m.status not in lifecycle.LIVE:
        return None
    return m


# The pair's tallies (Mentorship.sessions_held, .checkins_answered) recomputed from its own check-ins: a few dozen
# rows through the mentorship_id index. Recomputed rather than incremented, so an answer changed from "met" to
# "didn't meet", or a second answer to the same session, can never drift the count. Migration 0060 runs the same
# statement for every pair.
RECOUNT = text("""
UPDATE mentorship SET
  sessions_held = (SELECT count(DISTINCT c.period) FROM check_in c
                   WHERE c.mentorship_id = mentorship.id AND c.outcome = 'met'),
  checkins_answered = (SELECT count(*) FROM (SELECT DISTINCT c.author_id, c.period FROM check_in c
                       WHERE c.mentorship_id = mentorship.id AND c.period IS NOT NULL) AS answers)
WHERE id IN :ids""").bindparams(bindparam("ids", expanding=True))


def recount(session: Session, mentorship_ids: Iterable[int]) -> None:
    """Refresh the report's tallies of these pairs from their check-ins (after a write, or after bulk loading)."""
    ids = list(mentorship_ids)
    for i in range(0, len(ids), CHUNK):
        session.execute(RECOUNT, {"ids": ids[i:i + CHUNK]})


def _lock_pair(session: Session, mentorship_id: int) -> None:
    """Two answers to one pair at once are serialised on the pair's row (PostgreSQL), so each recount sees the
    other's check-in; SQLite's writer already holds the database lock."""
    lock_row(session, Mentorship, mentorship_id)


def add_checkin(session: Session, *, mentorship_id: int, author_id: str, period: date | None, outcome: str = "",
                note: str = "", source: str, slack_ts: str = "") -> CheckIn:
    _lock_pair(session, mentorship_id)
    row = CheckIn(mentorship_id=mentorship_id, author_id=author_id, period=period, outcome=outcome, note=note,
                  source=source, slack_ts=slack_ts)
    session.add(row)
    session.flush()
    if period is not None:  # a note with no session (a recommendation) changes no tally
        recount(session, [mentorship_id])
    return row


def set_button_answer(session: Session, *, mentorship_id: int, author_id: str, period: date, outcome: str,
                      slack_ts: str) -> CheckIn:
    """A click changes the person's one button answer for that session rather than adding another."""
    row = session.exec(select(CheckIn).where(
        CheckIn.mentorship_id == mentorship_id, CheckIn.author_id == author_id, CheckIn.period == period,
        CheckIn.source == "button")).first()
    if row is None:
        return add_checkin(session, mentorship_id=mentorship_id, author_id=author_id, period=period,
                           outcome=outcome, source="button", slack_ts=slack_ts)
    _lock_pair(session, mentorship_id)
    row.outcome = outcome
    session.add(row)
    session.flush()
    recount(session, [mentorship_id])
    return row


def has_answered(session: Session, mentorship_id: int, author_id: str, period: date) -> bool:
    return session.exec(select(CheckIn.id).where(
        CheckIn.mentorship_id == mentorship_id, CheckIn.author_id == author_id,
        CheckIn.period == period)).first() is not None


def sent_rows(session: Session, keys: Iterable[str]) -> dict[str, datetime]:
    """key -> sent_at, for those of these rows that have been sent."""
    keys = list(keys)
    out: dict[str, datetime] = {}
    for i in range(0, len(keys), CHUNK):
        out.update((key, as_utc(at)) for key, at in session.exec(select(ScheduledMessage.idempotency_key, ScheduledMessage.sent_at).where(
            one_of(session, ScheduledMessage.idempotency_key, keys[i:i + CHUNK]), ScheduledMessage.status == "sent",
            col(ScheduledMessage.sent_at).is_not(None))).all())
    return out


def sent_prompt_sessions(session: Session, mentorship_ids: list[int], since: datetime) -> list[tuple[int, dict]]:
    """(mentorship, payload) of first prompts (not reminders) sent since `since`: a session counts for drift
    once the pair was asked about it."""
    rows: list[tuple[int, dict]] = []
    for i in range(0, len(mentorship_ids), CHUNK):
        rows += session.exec(select(ScheduledMessage.mentorship_id, ScheduledMessage.payload).where(
            one_of(session, ScheduledMessage.mentorship_id, mentorship_ids[i:i + CHUNK]),
            ScheduledMessage.kind == "checkin", ScheduledMessage.status == "sent",
            col(ScheduledMessage.idempotency_key).startswith("checkin:"),
            ScheduledMessage.due_at >= since)).all()
    return rows


def answers(session: Session, mentorship_ids: list[int], since: date | None = None
            ) -> list[tuple[int, str, date | None, str]]:
    """(mentorship, author, period, outcome) in time order. Never the note: nothing downstream needs it."""
    out: list[tuple[int, str, date | None, str]] = []
    for i in range(0, len(mentorship_ids), CHUNK):
        query = select(CheckIn.mentorship_id, CheckIn.author_id, CheckIn.period, CheckIn.outcome).where(
            one_of(session, CheckIn.mentorship_id, mentorship_ids[i:i + CHUNK]))
        if since is not None:
            query = query.where(CheckIn.period >= since)
        out += session.exec(query.order_by(CheckIn.created_at, CheckIn.id)).all()
    return out


def program_admin_ids(session: Session, program_id: int | None) -> list[str]:
    return admin_ids(session, program_id) if program_id is not None else []


def programs_administered(session: Session, user_id: str) -> list[Program]:
    return list(session.exec(select(Program).join(ProgramAdmin, ProgramAdmin.program_id == Program.id)
                             .where(ProgramAdmin.person_id == user_id).order_by(Program.name)).all())


def readable_by(user_id: str):
    """THE rule for check-in notes, on every surface that shows them: the pair of a live (active or paused)
    mentorship read each other's entries; once it has ended, each keeps only what they wrote themselves.
    A where-clause over Mentorship joined with CheckIn."""
    return (((Mentorship.mentor_id == user_id) | (Mentorship.mentee_id == user_id))
            & (col(Mentorship.status).in_(lifecycle.LIVE) | (CheckIn.author_id == user_id)))


def _journal_of(user_id: str, mentorship_id: int | None):
    where = [readable_by(user_id)]
    if mentorship_id is not None:
        where.append(Mentorship.id == mentorship_id)
    return where


def journal(session: Session, user_id: str, limit: int = 10,
            mentorship_id: int | None = None) -> list[tuple[Mentorship, CheckIn]]:
    """The latest entries of every journal user_id is part of (or of one of them): theirs and their pair's,
    nobody else's."""
    return list(session.exec(
        select(Mentorship, CheckIn).join(CheckIn, CheckIn.mentorship_id == Mentorship.id)
        .where(*_journal_of(user_id, mentorship_id))
        .order_by(col(CheckIn.created_at).desc(), col(CheckIn.id).desc()).limit(limit)).all())


def journal_size(session: Session, user_id: str, mentorship_id: int | None = None) -> int:
    """How many entries journal() would return without a limit."""
    return session.exec(select(func.count()).select_from(CheckIn)
                        .join(Mentorship, Mentorship.id == CheckIn.mentorship_id)
                        .where(*_journal_of(user_id, mentorship_id))).one()


def active_goal_progress(session: Session, owner_id: str) -> list[tuple[str, int]]:
    """(title, percent) of a person's active goals, oldest first: the meeting reminder's "goals to update on"."""
    return list(session.exec(select(Goal.title, Goal.progress).where(
        Goal.owner_id == owner_id, Goal.status == "active").order_by(Goal.id)).all())
