"""The admin report, per program: funnel, engagement against each pair's cadence, goal progress, quality (pulse,
exit survey, end reasons), mentor load, who is waiting, the supply gap from /findmentor topics and at-risk pairs;
plus the CSV (one row per pair) written in the same pass over the pairs. Counts come from storage.report;
figures about fewer than 5 people are suppressed where shown (bot.domain.report.figure)."""

import csv
import io
from datetime import datetime, timedelta
from typing import TextIO

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.domain import escalation as escalation_rules
from bot.domain.cadence import mentorship_end
from bot.domain.report import (
    CSV_COLUMNS,
    MIN_GROUP,
    Report,
    expected_sessions,
    median_days,
    month_of,
    topic_words,
)
from storage import report as store
from storage.checkins import programs_administered
from storage.db import session_scope
from storage.models import Program

RECENT_ASKS = timedelta(days=30)  # "over-asked": requests in this window beyond the mentor's free slots
OVER_ASKED_MIN = 3
GAP_WINDOW = timedelta(days=90)
GAP_TOP = 10


def build(session: Session, program: Program, now: datetime, csv_out: TextIO | None = None) -> Report:
    """The program's report; with csv_out, the per-pair CSV is written in the same streamed pass."""
    r = Report(program=program.name, funnel=store.funnel(session, program.id))
    writer = csv.writer(csv_out) if csv_out is not None else None
    if writer:
        writer.writerow(CSV_COLUMNS)
    for pid, cadence, anchor, started, ended, months, status, reason, held, answered in store.pair_rows(
            session, program.id):
        until = min(now, ended or now, mentorship_end(anchor, months))
        expected = expected_sessions(anchor, cadence, until)
        r.pairs += 1
        r.sessions_held += held
        r.sessions_expected += expected
        r.checkins_answered += answered
        r.checkins_expected += 2 * expected
        if writer:
            writer.writerow((pid, program.name, started.date().isoformat(), ended.date().isoformat() if ended else "",
                             cadence, held, expected, status, reason))
    for day, pairs in store.held_by_day(session, program.id):
        month = month_of(day)
        r.held_by_month[month] = r.held_by_month.get(month, 0) + pairs
    waits = [days for days in store.request_to_match_days(session, program.id) if days >= 0]
    r.matched_with_request = len(waits)
    r.days_to_match = median_days([timedelta(days=days) for days in waits])
    r.goals = store.goal_people(session, program.id)
    r.pulse_rating, r.pulse_helping = store.pulse_distribution(session, program.id)
    r.exit_overall, r.exit_goals, r.exit_again = store.exit_distribution(session, program.id)
    r.end_reasons = store.end_reasons(session, program.id)
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
                 for mentor, mentee, signals in store.at_risk(session, program.id)]
    return r


def supply_gap(session: Session, now: datetime, active: dict[str, int]) -> list[tuple[str, int]]:
    """Topic words asked for at least MIN_GROUP times lately that no mentor with room offers."""
    offered: set[str] = set()
    for expertise in store.offered_expertise(session, active):
        offered.update(topic_words(expertise, limit=None))
    asked = store.asked_topics(session, (now - GAP_WINDOW).date(), MIN_GROUP)
    return [(word, n) for word, n in asked if word not in offered][:GAP_TOP]


def reports_for(engine: Engine, user_id: str, now: datetime) -> list[tuple[Report, bytes]]:
    """(report, CSV bytes) per program the user administers; empty for anyone else."""
    out = []
    with session_scope(engine) as session:
        for program in programs_administered(session, user_id):
            buffer = io.StringIO()
            out.append((build(session, program, now, buffer), buffer.getvalue().encode()))
    return out


def count_query_topics(engine: Engine, words: str, now: datetime) -> None:
    """Count a /findmentor query's topic words for the supply gap, without who asked."""
    topics = topic_words(words)
    if topics:
        with session_scope(engine) as session:
            store.count_topic_words(session, now.date(), topics)
