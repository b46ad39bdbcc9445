"""Goal nudges: to a goal's owner when it has had no progress in 14 days (again every 14 days it stays
stale), and when its target date is within 7 days. Keys:
  goal-stale:<goal>:<last activity date>:<round>   progress since then starts a new series
  goal-due:<goal>:<target date>                     a new target date gets its own nudge
The renderer returns None when the goal is done or archived, or moved on, since the row was written.
Also the two edits the nudge's buttons offer: log progress, adjust target and date."""

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.blocks import goal_nudges as blocks
from bot.cadence import due_soon, stale_round
from bot.deps import Deps
from bot.outbox import Outgoing, renderer
from bot.scheduling.sweeps import sweep
from bot.working_hours import next_delivery_time, zone
from storage import goal_nudges as goals_store
from storage.checkins import as_utc, existing_keys, recipients
from storage.db import session_scope
from storage.models import Goal, ScheduledMessage
from storage.outbox import enqueue_many

KIND = "goal_nudge"


def last_activity(goal: Goal) -> datetime:
    return as_utc(goal.last_progress_at or goal.created_at)


def planned_nudges(goal: Goal, tz: str | None, now: datetime) -> list[tuple[str, dict]]:
    """(key, payload) of the nudges this goal needs now; a due-soon nudge replaces a stale one. Pure."""
    today = now.astimezone(zone(tz)).date()
    if due_soon(goal.target_date, today):
        return [(f"goal-due:{goal.id}:{goal.target_date.isoformat()}",
                 {"goal_id": goal.id, "reason": "due", "target_date": goal.target_date.isoformat()})]
    last = last_activity(goal)
    rounds = stale_round(last, now)
    if rounds is None:
        return []
    return [(f"goal-stale:{goal.id}:{last.date().isoformat()}:{rounds}",
             {"goal_id": goal.id, "reason": "stale", "last": last.isoformat()})]


@sweep("goal_nudges")
def sweep_goal_nudges(deps: Deps, session: Session, now: datetime) -> int:  # noqa: ARG001
    goals = goals_store.active_goals(session)
    people = recipients(session, [g.owner_id for g in goals])
    planned = []
    for goal in goals:
        owner = people.get(goal.owner_id)
        if owner is None or not owner.active:
            continue
        due = next_delivery_time(owner.tz, now, owner.paused_until)
        planned += [(key, payload, goal.owner_id, due) for key, payload in planned_nudges(goal, owner.tz, now)]
    have = existing_keys(session, [p[0] for p in planned])
    new = [{"kind": KIND, "recipient_id": owner_id, "due_at": due, "idempotency_key": key, "payload": payload}
           for key, payload, owner_id, due in planned if key not in have]
    enqueue_many(session, new)
    return len(new)


@renderer(KIND)
def render_goal_nudge(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:
    goal = session.get(Goal, row.payload.get("goal_id"))
    if goal is None or goal.status != "active" or goal.owner_id != row.recipient_id:
        return None
    now = deps.clock()
    if row.payload.get("reason") == "due":
        if goal.target_date is None or goal.target_date.isoformat() != row.payload.get("target_date"):
            return None  # the date moved since
        tz = recipients(session, [goal.owner_id]).get(goal.owner_id)
        days_left = (goal.target_date - now.astimezone(zone(tz.tz if tz else None)).date()).days
        if days_left < 0:
            return None
        return Outgoing(channel=goal.owner_id, **blocks.due_nudge(goal.id, goal.title, goal.progress,
                                                                  goal.target_date, days_left))
    last = last_activity(goal)
    if last.isoformat() != row.payload.get("last"):
        return None  # progress was logged since
    return Outgoing(channel=goal.owner_id, **blocks.stale_nudge(goal.id, goal.title, goal.progress,
                                                                (now - last).days))


# ---- the nudge's buttons --------------------------------------------------------------------------------------

@dataclass
class GoalView:
    id: int
    title: str
    target: str
    target_date: date | None
    progress: int


def parse_goal_id(value: str | None) -> int | None:
    return int(value) if value and re.fullmatch(r"\d{1,12}", value) else None


def _with_goal(engine: Engine, user_id: str, value: str | None, apply=None) -> GoalView | None:
    """The goal a button value or modal metadata names, only if user_id owns it and it is active, after
    apply(session, goal) in the same transaction."""
    goal_id = parse_goal_id(value)
    if goal_id is None:
        return None
    with session_scope(engine) as session:
        goal = goals_store.owned_goal(session, goal_id, user_id)
        if goal is None:
            return None
        if apply is not None:
            apply(session, goal)
        return GoalView(goal.id, goal.title, goal.target, goal.target_date, goal.progress)


def owned(engine: Engine, user_id: str, value: str | None) -> GoalView | None:
    return _with_goal(engine, user_id, value)


def parse_percent(text: str | None) -> int | None:
    text = (text or "").strip().rstrip("%").strip()
    if not re.fullmatch(r"\d{1,3}", text):
        return None
    value = int(text)
    return value if 0 <= value <= 100 else None


def log_progress(engine: Engine, user_id: str, value: str | None, percent: int, note: str,
                 now: datetime) -> GoalView | None:
    return _with_goal(engine, user_id, value, lambda session, goal: goals_store.log_progress(
        session, goal, user_id, percent, note[:blocks.NOTE_LIMIT], now))


def adjust(engine: Engine, user_id: str, value: str | None, target: str, target_date: date | None,
           now: datetime) -> GoalView | None:
    return _with_goal(engine, user_id, value, lambda session, goal: goals_store.adjust_goal(
        session, goal, target[:blocks.TARGET_LIMIT], target_date, now))


def owner_today(engine: Engine, user_id: str, now: datetime) -> date:
    with session_scope(engine) as session:
        person = recipients(session, [user_id]).get(user_id)
    return now.astimezone(zone(person.tz if person else None)).date()
