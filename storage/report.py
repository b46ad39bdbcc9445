"""The admin report's SQL: counts grouped in the database, per-pair rows streamed (memory does not grow with the
number of check-ins). Nothing here reads a note, goal text or which person gave a rating.

Profile complete, in SQL: a profile with a title, a career path and a bio (the text fields every role needs; the
App Home's bot.profile_rules.completeness has the full per-role list and is for the person themselves).

Cohorts: a `cohort` argument (None for the whole program, else a round's id as text or BY_REQUEST) narrows the pairs
(the round's pairs, or the program's pairs no round formed) and the people (the round's mentees, or those who asked
by intro request) every figure is counted over. Nothing from another program can enter: pairs are always the
program's own."""

from collections.abc import Iterator
from datetime import date, datetime

from sqlalchemy import String, case, cast, distinct, exists, func, or_, union
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from bot.domain.report import BY_REQUEST, WHOLE_PROGRAM
from bot.domain.timekeeping import as_utc
from storage.models import (
    CheckIn,
    Escalation,
    ExitSurvey,
    Goal,
    IntroRequest,
    MatchRound,
    Mentorship,
    Profile,
    ProgramMember,
    PulseAnswer,
    RoundPair,
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


def _whole(cohort: str | None) -> bool:
    return cohort in (None, WHOLE_PROGRAM)


def _round_id(cohort: str) -> int:
    return int(cohort) if cohort.isdigit() else -1  # anything else names no round


def _in_rounds():
    return select(RoundPair.mentorship_id).where(col(RoundPair.mentorship_id).is_not(None))


def _cohort_filter(program_id: int, cohort: str | None) -> list:
    """Where-clauses over Mentorship: the program's pairs, narrowed to the cohort's."""
    where = [Mentorship.program_id == program_id]
    if cohort == BY_REQUEST:
        where.append(col(Mentorship.id).not_in(_in_rounds()))
    elif not _whole(cohort):
        where.append(col(Mentorship.id).in_(_in_rounds().where(RoundPair.round_id == _round_id(cohort))))
    return where


def _program_pairs(program_id: int, cohort: str | None = None):
    return select(Mentorship.id).where(*_cohort_filter(program_id, cohort))


def _placed(program_id: int, cohort: str | None = None):
    """Mentees placed in a matching round of the program: proposed in a preview, or published (whatever they
    answered); not lines the admin removed, people skipped at approval, or rounds discarded."""
    query = (select(RoundPair.mentee_id.label("p")).join(MatchRound, MatchRound.id == RoundPair.round_id)
             .where(MatchRound.program_id == program_id, MatchRound.status != "cancelled",
                    col(RoundPair.mentor_id).is_not(None),
                    col(RoundPair.status).in_(("planned", "proposed", "accepted", "declined"))))
    return query if _whole(cohort) else query.where(RoundPair.round_id == _round_id(cohort))


def _requested(program_id: int):
    return select(IntroRequest.mentee_id.label("p")).where(IntroRequest.program_id == program_id)


def _people(program_id: int, cohort: str | None):
    """Whom the funnel counts: the program's members; a round's cohort: the mentees the round listed (matched or
    not, as long as the program still has them); the by-request cohort: members who sent an intro request in the
    program or mentee in one of its pairs no round formed."""
    if _whole(cohort):
        return _members(program_id)
    if cohort == BY_REQUEST:
        asked = union(_requested(program_id),
                      select(Mentorship.mentee_id.label("p")).where(*_cohort_filter(program_id, cohort))).subquery()
        return _members(program_id).where(col(ProgramMember.person_id).in_(select(asked.c.p)))
    listed = select(RoundPair.mentee_id).join(MatchRound, MatchRound.id == RoundPair.round_id).where(
        MatchRound.program_id == program_id, RoundPair.round_id == _round_id(cohort))
    return _members(program_id).where(col(ProgramMember.person_id).in_(listed))


def cohort_rounds(session: Session, program_id: int) -> list[int]:
    """The program's approved rounds, in the order they were approved: round N of the report is the Nth."""
    return list(session.exec(select(MatchRound.id).where(MatchRound.program_id == program_id,
                                                         MatchRound.status == "approved")
                             .order_by(MatchRound.approved_at, MatchRound.id)).all())


def funnel(session: Session, program_id: int, cohort: str | None = None) -> dict[str, int]:
    people = _people(program_id, cohort)
    pairs = _cohort_filter(program_id, cohort)
    if _whole(cohort):
        asked_or_placed = union(_requested(program_id), select(Mentorship.mentee_id.label("p")).where(*pairs),
                                _placed(program_id))
    elif cohort == BY_REQUEST:
        asked_or_placed = union(_requested(program_id).where(col(IntroRequest.mentee_id).in_(people)),
                                select(Mentorship.mentee_id.label("p")).where(*pairs))
    else:
        asked_or_placed = union(_placed(program_id, cohort), select(Mentorship.mentee_id.label("p")).where(*pairs))
    return {
        "enrolled": _count(session, people),
        "profile complete": _count(session, select(Profile.person_id).where(
            col(Profile.person_id).in_(people), Profile.title != "", Profile.career_path != "", Profile.bio != "")),
        "goals set": _count(session, select(Goal.owner_id).distinct().where(col(Goal.owner_id).in_(people))),
        "requested or in a round": _count(session, asked_or_placed),
        "matched": _count(session, select(Mentorship.mentee_id).distinct().where(*pairs)),
        "active": _count(session, select(Mentorship.mentee_id).distinct().where(*pairs,
                                                                                Mentorship.status == "active")),
        "completed": _count(session, select(Mentorship.mentee_id).distinct().where(*pairs,
                                                                                   Mentorship.status == "ended")),
    }


def pair_rows(session: Session, program_id: int, cohort: str | None = None) -> Iterator[tuple]:
    """Per started pair of the program (or cohort), streamed in id order: (id, round id or None, cadence, anchor,
    started, ended, duration months, status, end reason, sessions held, check-ins answered). The last two are the
    pair's tallies (storage.checkins.recount), so no check-in is read here."""
    query = (select(Mentorship.id, RoundPair.round_id, Mentorship.cadence,
                    func.coalesce(Mentorship.first_meeting_at, Mentorship.started_at),
                    Mentorship.started_at, Mentorship.ended_at, Mentorship.duration_months, Mentorship.status,
                    Mentorship.end_reason, Mentorship.sessions_held, Mentorship.checkins_answered)
             .outerjoin(RoundPair, RoundPair.mentorship_id == Mentorship.id)
             .where(*_cohort_filter(program_id, cohort), col(Mentorship.started_at).is_not(None))
             .order_by(Mentorship.id))
    for row in session.execute(query.execution_options(yield_per=STREAM)):
        yield (*row[:3], as_utc(row[3]), as_utc(row[4]), as_utc(row[5]), *row[6:])


def held_by_day(session: Session, program_id: int, cohort: str | None = None) -> list[tuple[date, int]]:
    """(day, pairs that held a session that day): one row per calendar day, however many check-ins. Both forms
    walk the (outcome, period, mentorship_id) index in day order; measured (bench/report.py), SQLite is fastest
    checking each row against the program's pair ids (`mentorship_id + 0` keeps it from looking pairs up one by
    one and sorting by day), PostgreSQL joining the pair (memoized) instead: 0.11 s and 0.21 s for a year of
    20k pairs, against 0.15 s and 0.35 s for the other form."""
    query = select(CheckIn.period, func.count(distinct(CheckIn.mentorship_id))).where(
        CheckIn.outcome == "met", col(CheckIn.period).is_not(None))
    if session.get_bind().dialect.name == "postgresql":
        query = query.join(Mentorship, Mentorship.id == CheckIn.mentorship_id).where(
            *_cohort_filter(program_id, cohort))
    else:
        query = query.where((CheckIn.mentorship_id + 0).in_(_program_pairs(program_id, cohort)))
    return list(session.exec(query.group_by(CheckIn.period)).all())


def request_to_match_days(session: Session, program_id: int, cohort: str | None = None) -> list[float]:
    """Days from each intro request to its pair starting, computed in the database (no timestamps parsed)."""
    if session.get_bind().dialect.name == "postgresql":
        days = func.extract("epoch", Mentorship.started_at - IntroRequest.created_at) / 86400.0
    else:
        days = func.julianday(Mentorship.started_at) - func.julianday(IntroRequest.created_at)
    return [float(d) for d in session.exec(
        select(days).join(IntroRequest, IntroRequest.id == Mentorship.intro_request_id)
        .where(*_cohort_filter(program_id, cohort), col(Mentorship.started_at).is_not(None))).all()]


def goal_people(session: Session, program_id: int, cohort: str | None = None) -> dict[str, int]:
    """People of the program who set a goal, moved one, completed one: one grouped pass over their goals."""
    moved = or_(Goal.progress > 0, col(Goal.last_progress_at).is_not(None))
    per_owner = (select(Goal.owner_id, func.max(case((moved, 1), else_=0)).label("moved"),
                        func.max(case((Goal.status == "done", 1), else_=0)).label("done"))
                 .where(col(Goal.owner_id).in_(_people(program_id, cohort))).group_by(Goal.owner_id).subquery())
    n, moved_n, done_n = session.exec(select(func.count(), func.coalesce(func.sum(per_owner.c.moved), 0),
                                             func.coalesce(func.sum(per_owner.c.done), 0))).one()
    return {"set": n, "moved": moved_n, "completed": done_n}


def pulse_distribution(session: Session, program_id: int,
                       cohort: str | None = None) -> tuple[dict[int, int], dict[str, int]]:
    """Each person's latest pulse per mentorship (PulseAnswer.latest), counted by rating and by helping."""
    ratings: dict[int, int] = {}
    helping: dict[str, int] = {}
    for rating, helps, n in session.exec(
            select(PulseAnswer.rating, PulseAnswer.helping, func.count())
            .where(PulseAnswer.latest, col(PulseAnswer.mentorship_id).in_(_program_pairs(program_id, cohort)))
            .group_by(PulseAnswer.rating, PulseAnswer.helping)).all():
        ratings[rating] = ratings.get(rating, 0) + n
        helping[helps] = helping.get(helps, 0) + n
    return ratings, helping


def _grouped(session: Session, column, program_id: int, cohort: str | None, *where) -> dict:
    return dict(session.exec(select(column, func.count()).join(Mentorship, Mentorship.id == ExitSurvey.mentorship_id)
                             .where(*_cohort_filter(program_id, cohort), *where).group_by(column)).all())


def exit_distribution(session: Session, program_id: int,
                      cohort: str | None = None) -> tuple[dict[int, int], dict[str, int], dict[str, int]]:
    return (_grouped(session, ExitSurvey.overall, program_id, cohort, ExitSurvey.overall > 0),
            _grouped(session, ExitSurvey.goals_achieved, program_id, cohort, ExitSurvey.goals_achieved != ""),
            _grouped(session, ExitSurvey.again, program_id, cohort, ExitSurvey.again != ""))


def end_reasons(session: Session, program_id: int, cohort: str | None = None) -> dict[str, int]:
    return dict(session.exec(select(Mentorship.end_reason, func.count()).where(
        *_cohort_filter(program_id, cohort), Mentorship.status == "ended").group_by(Mentorship.end_reason)).all())


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


def at_risk(session: Session, program_id: int, cohort: str | None = None) -> list[tuple[str, str, str]]:
    """(mentor, mentee, signals) of the program's active pairs with an open escalation."""
    return list(session.exec(select(Mentorship.mentor_id, Mentorship.mentee_id, Escalation.signals)
                             .join(Escalation, Escalation.mentorship_id == Mentorship.id)
                             .where(*_cohort_filter(program_id, cohort), Mentorship.status == "active",
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


def overview_counts(session: Session, program_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    """Per program: (members, active pairs, at-risk pairs), three grouped statements whatever the number of
    programs (the overview of an admin of many)."""
    if not program_ids:
        return {}
    members = dict(session.exec(select(ProgramMember.program_id, func.count())
                                .where(col(ProgramMember.program_id).in_(program_ids))
                                .group_by(ProgramMember.program_id)).all())
    active = col(Mentorship.program_id).in_(program_ids), Mentorship.status == "active"
    pairs = dict(session.exec(select(Mentorship.program_id, func.count()).where(*active)
                              .group_by(Mentorship.program_id)).all())
    risky = dict(session.exec(select(Mentorship.program_id, func.count(distinct(Mentorship.id)))
                              .join(Escalation, Escalation.mentorship_id == Mentorship.id)
                              .where(*active, col(Escalation.resolved_at).is_(None))
                              .group_by(Mentorship.program_id)).all())
    return {pid: (members.get(pid, 0), pairs.get(pid, 0), risky.get(pid, 0)) for pid in program_ids}
