"""Everything the App Home shows, read in one session. The Home decides what to show; this only fetches."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from bot.domain import lifecycle
from storage.goals import last_updates, list_goals
from storage.models import Goal, GoalUpdate, IntroRequest, Mentorship, Person, Profile, ScheduledMessage
from storage.programs import admin_programs_with_counts, memberships_of


@dataclass
class Pair:
    mentorship: Mentorship
    other_id: str
    next_checkin: datetime | None = None
    next_meeting: datetime | None = None  # from the agreement (bot.features.sessions.next_meetings)


@dataclass
class HomeData:
    user_id: str
    person: Person | None
    profile: Profile | None
    goals: list[Goal] = field(default_factory=list)  # not archived; active first
    last_entries: dict[int, GoalUpdate] = field(default_factory=dict)
    mentors: list[Pair] = field(default_factory=list)  # the user is the mentee
    mentees: list[Pair] = field(default_factory=list)  # the user is the mentor
    intros_in: list[IntroRequest] = field(default_factory=list)  # pending, to the user as mentor
    intros_out: list[IntroRequest] = field(default_factory=list)  # pending, sent by the user
    admin_programs: list[tuple] = field(default_factory=list)  # (Program, member counts) the user runs
    memberships: list[tuple] = field(default_factory=list)  # (Program, ProgramMember) the user is in
    journey_blocks: list[dict] = field(default_factory=list)  # agendas and action items (bot.features.agenda)

    @property
    def capacity_left(self) -> int:
        return max(0, (self.profile.capacity if self.profile else 0) - len(self.mentees))

    @property
    def is_new(self) -> bool:
        return self.profile is None and not self.goals and not self.mentors and not self.mentees


def next_checkins(session: Session, mentorship_ids: list[int]) -> dict[int, datetime]:
    """The earliest pending check-in prompt per mentorship (the outbox is the schedule)."""
    if not mentorship_ids:
        return {}
    rows = session.exec(select(ScheduledMessage.mentorship_id, func.min(ScheduledMessage.due_at)).where(
        ScheduledMessage.kind == "checkin", ScheduledMessage.status == "pending",
        ScheduledMessage.mentorship_id.in_(mentorship_ids)).group_by(ScheduledMessage.mentorship_id)).all()
    return dict(rows)


def home_data(session: Session, user_id: str, journal_for: int | None = None) -> HomeData:
    """journal_for: how many goals need their last journal entry (the Home shows a few; None = all)."""
    goals = list_goals(session, user_id)
    pairs = session.exec(select(Mentorship).where(
        (Mentorship.mentor_id == user_id) | (Mentorship.mentee_id == user_id),
        Mentorship.status.in_(lifecycle.OPEN)).order_by(Mentorship.id)).all()
    checkins = next_checkins(session, [m.id for m in pairs])
    data = HomeData(user_id=user_id, person=session.get(Person, user_id), profile=session.get(Profile, user_id),
                    goals=goals)
    data.last_entries = last_updates(session, [g.id for g in goals[:journal_for]])
    for m in pairs:
        if m.mentee_id == user_id:
            data.mentors.append(Pair(m, m.mentor_id, checkins.get(m.id)))
        else:
            data.mentees.append(Pair(m, m.mentee_id, checkins.get(m.id)))
    pending = session.exec(select(IntroRequest).where(
        (IntroRequest.mentor_id == user_id) | (IntroRequest.mentee_id == user_id),
        IntroRequest.status == "pending").order_by(IntroRequest.created_at)).all()
    data.intros_in = [r for r in pending if r.mentor_id == user_id]
    data.intros_out = [r for r in pending if r.mentee_id == user_id]
    data.admin_programs = admin_programs_with_counts(session, user_id)
    data.memberships = memberships_of(session, user_id)
    return data
