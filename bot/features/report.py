"""The admin report, per program: funnel, engagement against each pair's cadence, goal progress, quality (pulse,
exit survey, end reasons), mentor load, who is waiting, the supply gap from /findmentor topics and at-risk pairs;
plus the CSV (one row per pair) written in the same pass over the pairs. Counts come from storage.report;
figures about fewer than 5 people are suppressed where shown (bot.domain.report.figure)."""

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TextIO

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.domain import escalation as escalation_rules
from bot.domain.cadence import mentorship_end
from bot.domain.report import (
    BY_REQUEST,
    BY_REQUEST_LABEL,
    CSV_COLUMNS,
    MIN_GROUP,
    WHOLE_PROGRAM,
    ProgramLine,
    Report,
    expected_sessions,
    match_cohort,
    median_days,
    month_of,
    round_label,
    split_report_args,
    topic_words,
)
from bot.features.privacy import record_read
from bot.slack.blocks import report as blocks
from storage import report as store
from storage.checkins import programs_administered
from storage.db import session_scope
from storage.models import Program
from storage.programs import get_program, get_program_by_name, is_program_admin

RECENT_ASKS = timedelta(days=30)  # "over-asked": requests in this window beyond the mentor's free slots
OVER_ASKED_MIN = 3
GAP_WINDOW = timedelta(days=90)
GAP_TOP = 10


def cohort_labels(session: Session, program_id: int) -> dict[str, str]:
    """Cohort key -> label, in the order a picker lists them: the approved rounds, then the pairs by request."""
    rounds = store.cohort_rounds(session, program_id)
    return {**{str(rid): round_label(n) for n, rid in enumerate(rounds, start=1)}, BY_REQUEST: BY_REQUEST_LABEL}


def build(session: Session, program: Program, now: datetime, csv_out: TextIO | None = None,
          cohort: str | None = None) -> Report:
    """The program's report (or one cohort's: a round's key or BY_REQUEST, see cohort_labels); with csv_out, the
    per-pair CSV is written in the same streamed pass."""
    cohort = None if cohort == WHOLE_PROGRAM else cohort
    labels = cohort_labels(session, program.id)
    r = Report(program=program.name, cohort=labels.get(cohort, "") if cohort else "",
               funnel=store.funnel(session, program.id, cohort))
    writer = csv.writer(csv_out) if csv_out is not None else None
    if writer:
        writer.writerow(CSV_COLUMNS)
    for pid, round_id, cadence, anchor, started, ended, months, status, reason, held, answered in store.pair_rows(
            session, program.id, cohort):
        until = min(now, ended or now, mentorship_end(anchor, months))
        expected = expected_sessions(anchor, cadence, until)
        r.pairs += 1
        r.sessions_held += held
        r.sessions_expected += expected
        r.checkins_answered += answered
        r.checkins_expected += 2 * expected
        if writer:
            writer.writerow((pid, program.name, labels.get(str(round_id), BY_REQUEST_LABEL),
                             started.date().isoformat(), ended.date().isoformat() if ended else "",
                             cadence, held, expected, status, reason))
    for day, pairs in store.held_by_day(session, program.id, cohort):
        month = month_of(day)
        r.held_by_month[month] = r.held_by_month.get(month, 0) + pairs
    waits = [days for days in store.request_to_match_days(session, program.id, cohort) if days >= 0]
    r.matched_with_request = len(waits)
    r.days_to_match = median_days([timedelta(days=days) for days in waits])
    r.goals = store.goal_people(session, program.id, cohort)
    r.pulse_rating, r.pulse_helping = store.pulse_distribution(session, program.id, cohort)
    r.exit_overall, r.exit_goals, r.exit_again = store.exit_distribution(session, program.id, cohort)
    r.end_reasons = store.end_reasons(session, program.id, cohort)
    # Mentor load, who is waiting and the supply gap are the program's, whatever the cohort.
    active_of = store.active_mentees(session)
    for mentor, capacity, recent, ever in store.mentor_rows(session, program.id, now - RECENT_ASKS):
        active = active_of.get(mentor, 0)
        r.mentors += 1
        r.capacity += capacity
        r.taken += active
        r.full += capacity > 0 and active >= capacity
        r.over_asked += recent >= OVER_ASKED_MIN and recent > max(capacity - active, 0)
        r.never_asked += capacity > 0 and ever == 0
    waiting = store.waiting_since(session, program.id)
    r.waiting, r.waiting_days = len(waiting), median_days([now - at for at in waiting])
    r.supply_gap = supply_gap(session, now, active_of)
    r.at_risk = [(mentor, mentee, escalation_rules.signal_text(signals.split(",")))
                 for mentor, mentee, signals in store.at_risk(session, program.id, cohort)]
    return r


def supply_gap(session: Session, now: datetime, active: dict[str, int]) -> list[tuple[str, int]]:
    """Topic words asked for at least MIN_GROUP times lately that no mentor with room offers."""
    offered: set[str] = set()
    for expertise in store.offered_expertise(session, active):
        offered.update(topic_words(expertise, limit=None))
    asked = store.asked_topics(session, (now - GAP_WINDOW).date(), MIN_GROUP)
    return [(word, n) for word, n in asked if word not in offered][:GAP_TOP]


@dataclass
class ProgramReport:
    """One program's (or cohort's) report for an admin, its CSV, and the cohorts a picker offers."""

    program_id: int
    report: Report
    csv: bytes
    cohorts: dict[str, str] = field(default_factory=dict)  # key -> label (cohort_labels)
    selected: str = WHOLE_PROGRAM


def administered(engine: Engine, user_id: str) -> list[Program]:
    with session_scope(engine) as session:
        return programs_administered(session, user_id)


def overview_lines(session: Session, programs: list[Program]) -> list[ProgramLine]:
    counts = store.overview_counts(session, [p.id for p in programs])
    return [ProgramLine(p.id, p.name, *counts.get(p.id, (0, 0, 0))) for p in programs]


def overview(engine: Engine, user_id: str) -> list[ProgramLine]:
    """A line per program the user administers (none for anyone else): a few grouped counts, no full report."""
    with session_scope(engine) as session:
        return overview_lines(session, programs_administered(session, user_id))


def program_report(engine: Engine, user_id: str, now: datetime, *, program_id: int | None = None,
                   program_name: str = "", cohort_text: str | None = None,
                   cohort_key: str | None = None) -> ProgramReport | str:
    """The report of one program the user administers, for the whole program or one cohort: typed
    (`cohort_text`, "2", "round 2", "request") or picked (`cohort_key`, from a select: attacker-controlled, so it
    must be one of the program's own cohorts). Else a plain-text refusal, the same whether the program does not
    exist or is someone else's."""
    with session_scope(engine) as session:
        program = get_program(session, program_id) if program_id is not None else get_program_by_name(
            session, program_name)
        if program is None or not is_program_admin(session, program.id, user_id):
            return "Only that program's admins can see its report."
        labels = cohort_labels(session, program.id)
        if cohort_text is not None:
            cohort = match_cohort(cohort_text, store.cohort_rounds(session, program.id))
            if cohort is None:
                return (f"{program.name} has no cohort “{cohort_text}”. Its cohorts: "
                        + ", ".join(f"{label}" for label in labels.values())
                        + " (type `cohort:1` for round 1, `cohort:request` for the pairs formed by request).")
        else:
            cohort = cohort_key or WHOLE_PROGRAM
            if cohort != WHOLE_PROGRAM and cohort not in labels:
                return "Only that program's admins can see its report."
        buffer = io.StringIO()
        r = build(session, program, now, buffer, cohort)
        return ProgramReport(program.id, r, buffer.getvalue().encode(), labels, cohort)


@dataclass(frozen=True)
class Answer:
    """What an admin asked for: the message to show, and the report behind it when there is one (its chart and CSV
    go to their DM)."""
    message: dict
    report: ProgramReport | None = None


def _answer(engine: Engine, user_id: str, now: datetime, result: ProgramReport | str) -> Answer:
    if isinstance(result, str):
        return Answer(blocks.refusal(result))
    record_read(engine, user_id, "report", now)  # the audit log: who, which, when
    return Answer(blocks.program_report(result.report, result.program_id, result.cohorts, result.selected), result)


def admin_answer(engine: Engine, user_id: str, now: datetime) -> Answer:
    """`/mentor report` with no program, or the Home's button: one program's report for an admin of one, the overview
    with a picker for an admin of several, a refusal for anyone else."""
    programs = administered(engine, user_id)
    if len(programs) == 1:
        return _answer(engine, user_id, now, program_report(engine, user_id, now, program_id=programs[0].id))
    return Answer(blocks.overview(overview(engine, user_id)) if programs else blocks.not_admin())


def command_answer(engine: Engine, user_id: str, now: datetime, args: str) -> Answer:
    """`/mentor report [PROGRAM] [cohort:N|request]`."""
    name, cohort = split_report_args(args)
    if not name and cohort is None:
        return admin_answer(engine, user_id, now)
    if name:
        return _answer(engine, user_id, now,
                       program_report(engine, user_id, now, program_name=name, cohort_text=cohort))
    programs = administered(engine, user_id)  # a cohort of the admin's one program; with several, which one?
    if len(programs) != 1:
        return _answer(engine, user_id, now, "Which program? `/mentor report PROGRAM cohort:1`.")
    return _answer(engine, user_id, now,
                   program_report(engine, user_id, now, program_id=programs[0].id, cohort_text=cohort))


def picked_answer(engine: Engine, user_id: str, now: datetime, program: str, cohort: str | None = None) -> Answer:
    """A program (cohort None) or one of its cohorts picked on the overview, the Home or a report: both values are
    attacker-controlled, and program_report checks them again."""
    if not program.isdigit() or cohort == "":
        return _answer(engine, user_id, now, "Only that program's admins can see its report.")
    return _answer(engine, user_id, now,
                   program_report(engine, user_id, now, program_id=int(program), cohort_key=cohort))


def count_query_topics(engine: Engine, words: str, now: datetime) -> None:
    """Count a /findmentor query's topic words for the supply gap, without who asked."""
    topics = topic_words(words)
    if topics:
        with session_scope(engine) as session:
            store.count_topic_words(session, now.date(), topics)
