"""Goals and the career journal. Every read or write that starts from a Slack payload goes through owned_goal():
a goal id from a button or private_metadata is attacker-controlled."""

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from bot.domain.goals import GoalData, ProgressData
from storage.models import Goal, GoalUpdate, Mentorship
from storage.profiles import ensure_person

_STATUS_ORDER = {"active": 0, "done": 1, "archived": 2}


def parse_goal_id(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 12 else None


def owned_goal(session: Session, goal_id: object, user_id: str) -> Goal | None:
    """The goal only if user_id owns it; None for a malformed, unknown or someone else's id."""
    gid = parse_goal_id(goal_id)
    if gid is None:
        return None
    goal = session.get(Goal, gid)
    return goal if goal is not None and goal.owner_id == user_id else None


def can_see_goals(session: Session, viewer_id: str, owner_id: str) -> bool:
    """Goals and journal notes: the owner, and mentors in an ACTIVE mentorship with them. Nobody else."""
    if viewer_id == owner_id:
        return True
    pair = session.exec(select(Mentorship.id).where(
        Mentorship.mentor_id == viewer_id, Mentorship.mentee_id == owner_id, Mentorship.status == "active")).first()
    return pair is not None


def list_goals(session: Session, owner_id: str, include_archived: bool = False) -> list[Goal]:
    """Active goals first (soonest target first), then done, then archived."""
    query = select(Goal).where(Goal.owner_id == owner_id)
    if not include_archived:
        query = query.where(Goal.status != "archived")
    goals = session.exec(query).all()
    return sorted(goals, key=lambda g: (_STATUS_ORDER.get(g.status, 3), g.target_date is None,
                                        g.target_date or datetime.max.date(), g.id))


def last_updates(session: Session, goal_ids: list[int]) -> dict[int, GoalUpdate]:
    """The newest journal entry of each goal, in one query."""
    if not goal_ids:
        return {}
    newest = (select(func.max(GoalUpdate.id)).where(GoalUpdate.goal_id.in_(goal_ids))
              .group_by(GoalUpdate.goal_id))
    rows = session.exec(select(GoalUpdate).where(GoalUpdate.id.in_(newest))).all()
    return {u.goal_id: u for u in rows}


def create_goal(session: Session, owner_id: str, data: GoalData, now: datetime) -> Goal:
    ensure_person(session, owner_id)
    goal = Goal(owner_id=owner_id, horizon=data.horizon, title=data.title, target=data.target,
                target_date=data.target_date, status=data.status, created_at=now, updated_at=now)
    session.add(goal)
    session.flush()
    return goal


def update_goal(session: Session, goal: Goal, data: GoalData, now: datetime) -> Goal:
    goal.horizon, goal.title, goal.target = data.horizon, data.title, data.target
    goal.target_date, goal.status, goal.updated_at = data.target_date, data.status, now
    session.add(goal)
    return goal


def log_progress(session: Session, goal: Goal, author_id: str, data: ProgressData, now: datetime) -> GoalUpdate:
    """A journal entry; a percentage moves the goal's progress, and 100% marks it done."""
    if data.progress is not None:
        goal.progress = data.progress
        if data.progress == 100 and goal.status == "active":
            goal.status = "done"
    goal.last_progress_at = goal.updated_at = now
    entry = GoalUpdate(goal_id=goal.id, author_id=author_id, progress=goal.progress, milestone=data.milestone,
                       note=data.note, created_at=now)
    session.add(goal)
    session.add(entry)
    session.flush()
    return entry
