"""What one side of a pair may read about the other: a mentor sees the mentee's goals and career journal, and both
see the pair's check-in journal. The mentorship id comes from a button (attacker-controlled): nothing is read until
the viewer is shown to be in an ACTIVE mentorship with that id."""

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.domain import lifecycle
from storage.checkins import journal, journal_size
from storage.goals import can_see_goals, list_goals, parse_goal_id
from storage.models import CheckIn, Goal, GoalUpdate, Mentorship, Profile


@dataclass
class PairView:
    mentorship: Mentorship
    viewer_id: str
    other_id: str
    as_mentor: bool  # the viewer mentors the other person, so sees their goals and career journal
    goals: list[Goal] = field(default_factory=list)  # the mentee's active goals (mentor only)
    entries: list[tuple[GoalUpdate, Goal]] = field(default_factory=list)  # newest first (mentor only)
    entry_count: int = 0
    strengths: str = ""  # the mentee's self-assessment (mentor only)
    areas_to_improve: str = ""
    checkins: list[CheckIn] = field(default_factory=list)  # the pair's journal, newest first
    checkin_count: int = 0


def viewable_mentorship(session: Session, mentorship_id: object, viewer_id: str) -> Mentorship | None:
    """The mentorship only if it is active and viewer_id is one of its pair; None for a malformed, unknown,
    someone else's, proposed, paused or ended one."""
    mid = parse_goal_id(mentorship_id)
    m = session.get(Mentorship, mid) if mid is not None else None
    if m is None or m.status != lifecycle.ACTIVE or viewer_id not in (m.mentor_id, m.mentee_id):
        return None
    return m


def career_journal(session: Session, owner_id: str, limit: int) -> tuple[list[tuple[GoalUpdate, Goal]], int]:
    """The newest `limit` progress entries on the owner's goals (archived goals left out), and how many there are."""
    where = (Goal.owner_id == owner_id, Goal.status != "archived")
    rows = session.exec(select(GoalUpdate, Goal).join(Goal, Goal.id == GoalUpdate.goal_id).where(*where)
                        .order_by(col(GoalUpdate.created_at).desc(), col(GoalUpdate.id).desc()).limit(limit)).all()
    total = session.exec(select(func.count()).select_from(GoalUpdate)
                         .join(Goal, Goal.id == GoalUpdate.goal_id).where(*where)).one()
    return list(rows), total


def pair_view(session: Session, mentorship_id: object, viewer_id: str, *, entries: int,
              checkins: int) -> PairView | None:
    m = viewable_mentorship(session, mentorship_id, viewer_id)
    if m is None:
        return None
    as_mentor = m.mentor_id == viewer_id
    view = PairView(m, viewer_id, m.mentee_id if as_mentor else m.mentor_id, as_mentor)
    if as_mentor and can_see_goals(session, viewer_id, m.mentee_id):
        view.goals = [g for g in list_goals(session, m.mentee_id) if g.status == "active"]
        view.entries, view.entry_count = career_journal(session, m.mentee_id, entries)
        profile = session.get(Profile, m.mentee_id)
        if profile is not None:
            view.strengths, view.areas_to_improve = profile.strengths, profile.areas_to_improve
    view.checkins = [c for _, c in journal(session, viewer_id, checkins, mentorship_id=m.id)]
    view.checkin_count = journal_size(session, viewer_id, mentorship_id=m.id)
    return view
