"""Goal queries the nudges need: active goals, the owner's goal, and the two edits a nudge offers."""

from datetime import date, datetime

from sqlmodel import Session, select

from storage.models import Goal, GoalUpdate


def active_goals(session: Session) -> list[Goal]:
    return list(session.exec(select(Goal).where(Goal.status == "active").order_by(Goal.id)).all())


def owned_goal(session: Session, goal_id: int, user_id: str) -> Goal | None:
    """The goal only if user_id owns it and it is still active: ids from Slack are attacker-controlled."""
    goal = session.get(Goal, goal_id)
    if goal is None or goal.owner_id != user_id or goal.status != "active":
        return None
    return goal


def log_progress(session: Session, goal: Goal, author_id: str, percent: int, note: str, now: datetime) -> None:
    """A journal entry plus the goal's new progress; 100% marks it done (which stops its nudges)."""
    session.add(GoalUpdate(goal_id=goal.id, author_id=author_id, progress=percent, note=note, created_at=now))
    goal.progress, goal.last_progress_at, goal.updated_at = percent, now, now
    if percent >= 100:
        goal.status = "done"
    session.add(goal)


def adjust_goal(session: Session, goal: Goal, target: str, target_date: date | None, now: datetime) -> None:
    goal.target, goal.target_date, goal.updated_at = target, target_date, now
    session.add(goal)
