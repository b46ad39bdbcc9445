"""Setup and time-travel helpers for the check-in and goal-nudge tests (people, pairs, programs, a worker's
ticks played at exactly the instants something is due)."""

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from bot.domain.timekeeping import as_utc
from bot.outbox.tick import tick
from storage.db import session_scope
from storage.models import Goal, Mentorship, Program, ProgramAdmin, ScheduledMessage
from storage.people import upsert_person


def add_person(stack, user_id: str, name: str, tz: str) -> None:
    stack.slack.add_user(user_id, user_id.lower(), real_name=name, tz=tz)
    with session_scope(stack.engine) as s:
        upsert_person(s, user_id, name=name, tz=tz)


def add_pair(stack, mentor: str, mentee: str, cadence: str, first_meeting_at: datetime,
             program_id: int | None = None) -> int:
    with session_scope(stack.engine) as s:
        m = Mentorship(mentor_id=mentor, mentee_id=mentee, cadence=cadence, status="active",
                       first_meeting_at=first_meeting_at, started_at=first_meeting_at - timedelta(days=1),
                       program_id=program_id, mentor_confirmed=True, mentee_confirmed=True)
        s.add(m)
        s.flush()
        return m.id


def add_program(stack, name: str, admins: list[str]) -> int:
    with session_scope(stack.engine) as s:
        p = Program(name=name)
        s.add(p)
        s.flush()
        for admin in admins:
            s.add(ProgramAdmin(program_id=p.id, person_id=admin))
        return p.id


def add_goal(stack, owner: str, title: str, created_at: datetime, **fields) -> int:
    with session_scope(stack.engine) as s:
        g = Goal(owner_id=owner, title=title, created_at=created_at, updated_at=created_at, **fields)
        s.add(g)
        s.flush()
        return g.id


def rows(stack, **where) -> list[ScheduledMessage]:
    with Session(stack.engine) as s:
        query = select(ScheduledMessage).order_by(ScheduledMessage.due_at, ScheduledMessage.id)
        for key, value in where.items():
            query = query.where(getattr(ScheduledMessage, key) == value)
        return list(s.exec(query).all())


def run_until(stack, clock, end: datetime, sweep_every: timedelta = timedelta(hours=6)) -> int:
    """Play the worker from clock.now to `end`: a tick (sweeps + drain) at least every `sweep_every`, and one
    at each pending row's due instant, as a worker ticking every 30 s would send them, without thousands of
    idle ticks. Returns the number of ticks."""
    ticks = 0
    while clock.now <= end:
        tick(stack.deps, stack.app.client, clock.now)
        ticks += 1
        with Session(stack.engine) as s:
            next_due = as_utc(s.exec(select(func.min(ScheduledMessage.due_at)).where(
                ScheduledMessage.status == "pending")).one())
        step = clock.now + sweep_every
        if next_due is not None:
            step = min(step, max(next_due, clock.now + timedelta(seconds=1)))
        clock.now = step
    return ticks


def bot_dms(stack, user_id: str) -> list[dict]:
    channel = stack.slack.dm_channel(user_id)
    return [m for m in stack.slack.messages_in(channel) if m.get("via") != "user" and not m.get("ephemeral_to")]
