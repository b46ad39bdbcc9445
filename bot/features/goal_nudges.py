"""Goal nudges: to a goal's owner when it has had no progress in 14 days (again every 14 days it stays
stale), and when its target date is within 7 days. Keys:
  goal-stale:<goal>:<last activity date>:<round>   progress since then starts a new series
  goal-due:<goal>:<target date>                     a new target date gets its own nudge
The renderer returns None when the goal is done or archived, or moved on, since the row was written, and for a
stale round older than the current one (a pause holds every round's row until it ends: one nudge, not three).
The nudge's buttons are the goal flow's own (handlers/actions/home.py, handlers/views/goals.py)."""

from datetime import datetime

from sqlmodel import Session

from bot.domain import kinds
from bot.domain.cadence import due_soon, stale_round
from bot.domain.resources import suggest
from bot.domain.timekeeping import as_utc, zone
from bot.domain.working_hours import next_delivery_time
from bot.features.deps import Deps
from bot.slack.blocks import goal_nudges as blocks
from bot.slack.blocks import resources as resource_blocks
from bot.slack.blocks.snooze import snooze_block
from bot.slack.delivery import Outgoing
from storage import goal_nudges as goals_store
from storage import resources as resource_store
from storage.checkins import recipients
from storage.models import Goal, ScheduledMessage
from storage.outbox import enqueue_new

KIND = kinds.GOAL_NUDGE


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
             {"goal_id": goal.id, "reason": "stale", "last": last.isoformat(), "round": rounds})]


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
    return enqueue_new(session, [{"kind": KIND, "recipient_id": owner_id, "due_at": due, "idempotency_key": key,
                                  "payload": payload} for key, payload, owner_id, due in planned])


def row_round(row: ScheduledMessage) -> int:
    """The stale round a row was written for (older rows carry it only in their key)."""
    found = row.payload.get("round")
    if found is None:
        found = row.idempotency_key.split("~")[0].rsplit(":", 1)[-1]
    try:
        return int(found)
    except (TypeError, ValueError):
        return 0


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
        out = Outgoing(channel=goal.owner_id, **blocks.due_nudge(goal.id, goal.title, goal.progress,
                                                                 goal.target_date, days_left))
        out.blocks.append(snooze_block(row.id))
        return out
    last = last_activity(goal)
    if last.isoformat() != row.payload.get("last"):
        return None  # progress was logged since
    if row_round(row) < (stale_round(last, now) or 0):
        return None  # a later round is queued too (held by a pause): only the latest one is worth sending
    out = Outgoing(channel=goal.owner_id, **blocks.stale_nudge(goal.id, goal.title, goal.progress,
                                                               (now - last).days))
    # A stuck goal is where a book, a course or a club helps most: the library's matches for it.
    out.blocks += resource_blocks.reminder_blocks(
        suggest(resource_store.library(session), f"{goal.title} {goal.target}"), 0, None)
    out.blocks.append(snooze_block(row.id))
    return out
