"""The admin report's SQL: counts grouped in the database, per-pair rows streamed (memory does not grow with the
number of check-ins). Nothing here reads a note, goal text or which person gave a rating.

Profile complete, in SQL: a profile with a title, a career path and a bio (the text fields every role needs; the
App Home's bot.profile_rules.completeness has the full per-role list and is for the person themselves)."""

from collections.abc import Iterator
from datetime import date, datetime

from sqlalchemy import String, case, cast, distinct, exists, func, or_, union
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from bot.domain.timekeeping import as_utc
from storage.models import (
    CheckIn,
    Escalation,
    ExitSurvey,
    Goal,
    IntroRequest,
    Mentorship,
    Profile,
    ProgramMember,
    PulseAnswer,
    SearchTopic,
)

STREAM = 2000  # rows fetched at a time when streaming per-pair rows


def count_topic_words(session: Session, day: date, words: list[str]) -> None:
    """Add one ask to each word's count for the day (never who asked). One statement per word, race-free."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    for word in words:
        stmt = insert(SearchTopic).values(day=day, word=word, count=1)
        session.execute(stmt.on_conflict_do_update(index_elements=["day", "word"],
                                                   set_={"count": SearchTopic.count + 1}))


def _members(program_id: int):
    return select(ProgramMember.person_id).where(ProgramMember.program_id == program_id)


def _count(session: Session, query) -> int:
    return session.exec(select(func.count()).select_from(query.subquery())).one()


def funnel(session: Session, program_id: int) -> dict[str, int]:
    members = _members(program_id)
    in_program = Mentorship.program_id == program_id
    requested = union(
        select(IntroRequest.mentee_id.label("p")).where(IntroRequest.program_id == program_id),
        select(Mentorship.mentee_id.label("p")).where(in_program))
    return {
        "enrolled": _count(session, members),
        "profile complete": _count(session, select(Profile.person_id).where(
            col(Profile.person_id).in_(members), Profile.title != "", Profile.career_path != "", Profile.bio != "")),
        "goals set": _count(session, select(Goal.owner_id).distinct().where(col(Goal.owner_id).in_(members))),
        "requested": _count(session, requested),
        "matched": _count(session, select(Mentorship.mentee_id).distinct().where(in_program)),
        "active": _count(session, select(Mentorship.mentee_id).distinct().where(in_program,
                                                                                Mentorship.status == "active")),
        "completed": _count(session, select(Mentorship.mentee_id).distinct().where(in_program,
                                                                                   Mentorship.status == "ended")),
    }


def _program_pairs(program_id: int):
    return select(Mentorship.id).where(Mentorship.program_id == program_id)


def pair_rows(session: Session, program_id: int) -> Iterator[tuple]:
    """Per started pair of the program, streamed in id order: (id, cadence, anchor, started, ended, duration
    months, status, end reason, sessions held, check-ins answered). The last two are the pair's tallies
    (storage.checkins.recount), so no check-in is read here."""
    query = (select(Mentorship.id, Mentorship.cadence, func.coalesce(Mentorship.first_meeting_at,
                                                                     Mentorship.started_at),
                    Mentorship.started_at, Mentorship.ended_at, Mentorship.duration_months, Mentorship.status,
                    Mentorship.end_reason, Mentorship.sessions_held, Mentorship.checkins_answered)
             .where(Mentorship.program_id == program_id, col(Mentorship.started_at).is_not(None))
             .order_by(Mentorship.id))
    for row in session.execute(query.execution_options(yield_per=STREAM)):
        yield (row[0], row[1], as_utc(row[2]), as_utc(row[3]), as_utc(row[4]), *row[5:])


def held_by_day(session: Session, program_id: int) -> list[tuple[date, int]]:
    """(day, pairs that held a session that day): one row per calendar day, however many check-ins. Both forms
    walk the (outcome, period, mentorship_id) index in day order; measured (bench/report.py), SQLite is fastest
    checking each row against the program's pair ids (`mentorship_id + 0` keeps it from looking pairs up one by
    one and sorting by day), PostgreSQL joining the pair (memoized) instead: 0.11 s and 0.21 s for a year of
    20k pairs, against 0.15 s and 0.35 s for the other form."""
    query = select(CheckIn.period, func.count(distinct(CheckIn.mentorship_id))).where(
        CheckIn.outcome == "met", col(CheckIn.period).is_not(None))
    if session.get_bind().dialect.name == "postgresql":
        query = query.join(Mentorship, Mentorship.id == CheckIn.mentorship_id).where(
            Mentorship.program_id == program_id)
    else:
        query = query.where((CheckIn.mentorship_id + 0).in_(_program_pairs(program_id)))
    return list(session.exec(query.group_by(CheckIn.period)).all())


def request_to_match_days(session: Session, program_id: int) -> list[float]:
    """Days from each intro request to its pair starting, computed in the database (no timestamps parsed)."""
    if session.get_bind().dialect.name == "postgresql":
        days = func.extract("epoch", Mentorship.started_at - IntroRequest.created_at) / 86400.0
    else:
        days = func.julianday(Mentorship.started_at) - func.julianday(IntroRequest.created_at)
    return [float(d) for d in session.exec(
        select(days).join(IntroRequest, IntroRequest.id == Mentorship.intro_request_id)
        .where(Mentorship.program_id == program_id, col(Mentorship.started_at).is_not(None))).all()]


def goal_people(session: Session, program_id: int) -> dict[str, int]:
    """People of the program who set a goal, moved one, completed one: one grouped pass over their goals."""
    moved = or_(Goal.progress > 0, col(Goal.last_progress_at).is_not(None))
    per_owner = (select(Goal.owner_id, func.max(case((moved, 1), else_=0)).label("moved"),
                        func.max(case((Goal.status == "done", 1), else_=0)).label("done"))
                 .where(col(Goal.owner_id).in_(_members(program_id))).group_by(Goal.owner_id).subquery())
    n, moved_n, done_n = session.exec(select(func.count(), func.coalesce(func.sum(per_owner.c.moved), 0),
                                             func.coalesce(func.sum(per_owner.c.done), 0))).one()
    return {"set": n, "moved": moved_n, "completed": done_n}


def pulse_distribution(session: Session, program_id: int) -> tuple[dict[int, int], dict[str, int]]:
    """Each person's latest pulse per mentorship (PulseAnswer.latest), counted by rating and by helping."""
    ratings: dict[int, int] = {}
    helping: dict[str, int] = {}
    for rating, helps, n in session.exec(
            select(PulseAnswer.rating, PulseAnswer.helping, func.count())
            .where(PulseAnswer.latest, col(PulseAnswer.mentorship_id).in_(_program_pairs(program_id)))
            .group_by(PulseAnswer.rating, PulseAnswer.helping)).all():
        ratings[rating] = ratings.get(rating, 0) + n
        helping[helps] = helping.get(helps, 0) + n
    return ratings, helping


def _grouped(session: Session, column, program_id: int, *where) -> dict:
    return dict(session.exec(select(column, func.count()).join(Mentorship, Mentorship.id == ExitSurvey.mentorship_id)
                             .where(Mentorship.program_id == program_id, *where).group_by(column)).all())


def exit_distribution(session: Session, program_id: int) -> tuple[dict[int, int], dict[str, int], dict[str, int]]:
    return (_grouped(session, ExitSurvey.overall, program_id, ExitSurvey.overall > 0),
            _grouped(session, ExitSurvey.goals_achieved, program_id, ExitSurvey.goals_achieved != ""),
            _grouped(session, ExitSurvey.again, program_id, ExitSurvey.again != ""))


def end_reasons(session: Session, program_id: int) -> dict[str, int]:
    return dict(session.exec(select(Mentorship.end_reason, func.count()).where(
        Mentorship.program_id == program_id, Mentorship.status == "ended").group_by(Mentorship.end_reason)).all())


def active_mentees(session: Session) -> dict[str, int]:
    """Active mentorships per mentor, workspace-wide (a mentor's load counts every program)."""
    return dict(session.exec(select(Mentorship.mentor_id, func.count()).where(Mentorship.status == "active")
                             .group_by(Mentorship.mentor_id)).all())


def mentor_rows(session: Session, program_id: int, since: datetime) -> Iterator[tuple[str, int, int, int]]:
    """Per mentor of the program (role mentor or both): (id, capacity, requests since `since`, requests ever)."""
    asked = {mentor: (ever, recent) for mentor, ever, recent in session.exec(
        select(IntroRequest.mentor_id, func.count(), func.sum(case((IntroRequest.created_at >= since, 1), else_=0)))
        .group_by(IntroRequest.mentor_id)).all()}
    query = select(Profile.person_id, Profile.capacity).where(
        col(Profile.person_id).in_(_members(program_id)), col(Profile.role).in_(("mentor", "both")))
    for person, capacity in session.execute(query.execution_options(yield_per=STREAM)):
        ever, recent = asked.get(person, (0, 0))
        yield person, capacity, recent or 0, ever


def waiting_since(session: Session, program_id: int) -> list[datetime]:
    """Per member with a pending request and no live mentorship: when their oldest pending request was sent."""
    live = exists().where(Mentorship.mentee_id == IntroRequest.mentee_id,
                          col(Mentorship.status).in_(("proposed", "active")))
    return [as_utc(at) for at in session.exec(
        select(func.min(IntroRequest.created_at)).where(
            IntroRequest.status == "pending", col(IntroRequest.mentee_id).in_(_members(program_id)), ~live)
        .group_by(IntroRequest.mentee_id)).all()]


def asked_topics(session: Session, since: date, at_least: int) -> list[tuple[str, int]]:
    """Topic words asked at least `at_least` times since `since`, most asked first."""
    total = func.sum(SearchTopic.count)
    return list(session.exec(select(SearchTopic.word, total).where(SearchTopic.day >= since)
                             .group_by(SearchTopic.word).having(total >= at_least)
                             .order_by(total.desc(), SearchTopic.word)).all())


def offered_expertise(session: Session, active: dict[str, int]) -> Iterator[str]:
    """The expertise of mentors who are taking mentees (capacity above their active mentees), streamed as each
    profile's raw JSON text: the caller only looks for words in it, so nothing is decoded."""
    query = select(Profile.person_id, Profile.capacity, cast(Profile.expertise, String)).where(
        col(Profile.role).in_(("mentor", "both")), Profile.capacity > 0)
    for person, capacity, expertise in session.execute(query.execution_options(yield_per=STREAM)):
        if capacity > active.get(person, 0):
            yield expertise or ""


def at_risk(session: Session, program_id: int) -> list[tuple[str, str, str]]:
    """(mentor, mentee, signals) of the program's active pairs with an open escalation."""
    return list(session.exec(select(Mentorship.mentor_id, Mentorship.mentee_id, Escalation.signals)
                             .join(Escalation, Escalation.mentorship_id == Mentorship.id)
                             .where(Mentorship.program_id == program_id, Mentorship.status == "active",
                                    col(Escalation.resolved_at).is_(None)).order_by(Mentorship.id)).all())


def week_changes(session: Session, program_id: int, since: datetime) -> dict[str, int]:
    """What changed in the program since `since`: pairs started and ended, sessions held, pairs found drifting."""
    in_program = Mentorship.program_id == program_id
    held = (select(CheckIn.mentorship_id, CheckIn.period).join(Mentorship, Mentorship.id == CheckIn.mentorship_id)
            .where(in_program, CheckIn.outcome == "met", CheckIn.period >= since.date())
            .group_by(CheckIn.mentorship_id, CheckIn.period))
    return {
        "started": _count(session, select(Mentorship.id).where(in_program, Mentorship.started_at >= since)),
        "ended": _count(session, select(Mentorship.id).where(in_program, Mentorship.ended_at >= since)),
        "held": _count(session, held),
        "drifting": _count(session, select(Escalation.id).join(Mentorship, Mentorship.id == Escalation.mentorship_id)
                           .where(in_program, Escalation.started_at >= since)),
    }
