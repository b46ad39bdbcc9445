"""Escalating a drifting pair on its own cadence (rules: bot.domain.escalation): a gentle nudge to both, then a
private "is this still working for you?" to each (keep going / change the agreement / pause / end with no fault;
a mentee who ends gets new suggestions straight away), then the program admins. It stops when the pair recovers.

Rows (idempotency keys make the sweep safe to repeat):
  drift_nudge   drift-nudge:<escalation>:<person>
  drift_ask     drift-ask:<escalation>:<person>
  drift_alert   drift:<mentorship>:<escalation>:<admin>
Renderers re-check that the escalation is still open and the pair active, so a pair that recovered hears nothing.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.domain import escalation as rules
from bot.domain import kinds
from bot.domain.cadence import normal_cadence, session_state
from bot.domain.checkin_plan import other_of
from bot.domain.timekeeping import as_utc, zone
from bot.domain.working_hours import next_delivery_time
from bot.features import availability
from bot.features.deps import Deps
from bot.features.ending import Outcome, wrap_up
from bot.features.findmentor import suggestions_for
from bot.slack.blocks import escalation as blocks
from bot.slack.blocks import findmentor as find_blocks
from bot.slack.delivery import Outgoing
from storage import checkins as store
from storage import escalation as esc
from storage.db import session_scope
from storage.ending import cancel_pending
from storage.models import Escalation, IntroRequest, Mentorship, Program, ScheduledMessage
from storage.outbox import enqueue

NUDGE, ASK, ALERT = kinds.DRIFT_NUDGE, kinds.DRIFT_ASK, kinds.DRIFT_ALERT
WINDOW = timedelta(days=130)  # enough sessions back for rules.WINDOW monthly sessions


def session_states(sessions: dict[date, datetime], answers: dict[date, list[tuple[str, str]]],
                   pair: tuple[str, str], cadence: str, now: datetime) -> list[str]:
    """Per session asked about, oldest first: its state once the next one is due, or 'ok' as soon as it is
    answered as held. Pure."""
    interval = rules.period(cadence)
    out = []
    for period, at in sorted(sessions.items()):
        state = session_state(answers.get(period, []), pair)
        if at + interval <= now or (answers.get(period) and state == "ok"):
            out.append(state)
    return out


def signals_of(session: Session, mentorships: list[Mentorship], now: datetime) -> dict[int, list[str]]:
    ids = [m.id for m in mentorships]
    sessions: dict[int, dict[date, datetime]] = defaultdict(dict)
    for mid, payload in store.sent_prompt_sessions(session, ids, now - WINDOW):
        sessions[mid][date.fromisoformat(payload["period"])] = datetime.fromisoformat(payload["session_at"])
    answers: dict[int, dict[date, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for mid, author, period, outcome in store.answers(session, ids, (now - WINDOW).date()):
        answers[mid][period].append((author, outcome))
    low = esc.low_pulse_at(session, ids)
    chosen = esc.last_choice_at(session, ids)
    goals = esc.goal_activity(session, [m.mentee_id for m in mentorships])
    out = {}
    for m in mentorships:
        found = []
        states = session_states(sessions[m.id], answers[m.id], (m.mentor_id, m.mentee_id), m.cadence, now)
        if rules.sessions_drifting(states):
            found.append("sessions")
        if rules.pulse_drifting(low.get(m.id), chosen.get(m.id)):
            found.append("pulse")
        started = as_utc(m.first_meeting_at or m.started_at) or now
        if rules.goals_drifting(m.mentee_id in goals, goals.get(m.mentee_id), started, m.cadence, now):
            found.append("goals")
        out[m.id] = found
    return out


def _enqueue_to(session: Session, recipients: list[str], kind: str, m: Mentorship, now: datetime, key_of,
                payload: dict) -> int:
    """One row of `kind` to each active recipient, due at their next working moment; returns how many."""
    people = store.recipients(session, recipients)
    written = 0
    for who in recipients:
        person = people.get(who)
        if person is None or not person.active:
            continue
        enqueue(session, kind=kind, recipient_id=who, mentorship_id=m.id,
                due_at=next_delivery_time(person.tz, now, person.paused_until), idempotency_key=key_of(who),
                payload=payload)
        written += 1
    return written


def _to_pair(session: Session, kind: str, m: Mentorship, e: Escalation, now: datetime) -> int:
    return _enqueue_to(session, [m.mentor_id, m.mentee_id], kind, m, now,
                       lambda me: f"{kind.replace('_', '-')}:{e.id}:{me}", {"escalation": e.id})


def _to_admins(session: Session, m: Mentorship, e: Escalation, now: datetime) -> int:
    return _enqueue_to(session, store.program_admin_ids(session, m.program_id), ALERT, m, now,
                       lambda admin: f"drift:{m.id}:{e.id}:{admin}", {"escalation": e.id})


def sweep_escalation(deps: Deps, session: Session, now: datetime) -> int:  # noqa: ARG001
    mentorships = store.active_mentorships(session)
    if not mentorships:
        return 0
    signals = signals_of(session, mentorships, now)
    current = esc.open_escalations(session, [m.id for m in mentorships])
    written = 0
    for m in mentorships:
        e = current.get(m.id)
        found = signals[m.id]
        step = rules.next_step(rules.Open(e.step, as_utc(e.step_at)) if e else None, set(found), m.cadence, now)
        if e is not None and found:
            e.signals = ",".join(found)
            session.add(e)
        if step == "resolve":
            esc.resolve(session, e, now)
            for kind in (NUDGE, ASK, ALERT):
                cancel_pending(session, m.id, kind)
        elif step == "nudge":
            written += _to_pair(session, NUDGE, m, esc.start(session, m.id, found, now), now)
        elif step == "ask":
            esc.set_step(session, e, rules.ASK, now)
            written += _to_pair(session, ASK, m, e, now)
        elif step == "admins":
            esc.set_step(session, e, rules.ADMINS, now)
            written += _to_admins(session, m, e, now)
    return written


def _still_open(session: Session, row: ScheduledMessage) -> tuple[Mentorship, Escalation] | None:
    m = session.get(Mentorship, row.mentorship_id) if row.mentorship_id else None
    if m is None or m.status != "active":
        return None
    e = esc.open_escalation(session, m.id)
    if e is None or e.id != row.payload.get("escalation"):
        return None  # the pair recovered (or a newer streak is being escalated)
    return m, e


def render_nudge(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:  # noqa: ARG001
    found = _still_open(session, row)
    if found is None or row.recipient_id not in (found[0].mentor_id, found[0].mentee_id):
        return None
    return Outgoing(channel=row.recipient_id, **blocks.nudge(other_of(found[0], row.recipient_id)))


def render_ask(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:  # noqa: ARG001
    found = _still_open(session, row)
    if found is None or row.recipient_id not in (found[0].mentor_id, found[0].mentee_id):
        return None
    return Outgoing(channel=row.recipient_id, **blocks.ask(other_of(found[0], row.recipient_id), str(found[0].id)))


def render_alert(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:  # noqa: ARG001
    found = _still_open(session, row)
    if found is None:
        return None
    m, e = found
    if row.recipient_id not in store.program_admin_ids(session, m.program_id):
        return None  # no longer an admin of this program
    program = session.get(Program, m.program_id)
    return Outgoing(channel=row.recipient_id, **blocks.admin_alert(
        m.mentor_id, m.mentee_id, program.name if program else "your program", normal_cadence(m.cadence),
        rules.signal_text(e.signals.split(","))))


# ---- the person's choice ---------------------------------------------------------------------------------------

@dataclass
class Choice:
    """What a choice did: messages for the clicker (mine), for the other person, and new suggestions."""

    mine: dict
    other_id: str = ""
    theirs: dict | None = None
    suggestions: dict | None = None
    ok: bool = False
    extra: dict = field(default_factory=dict)


def _asked(session: Session, user_id: str, value: str | None) -> tuple[Mentorship, Escalation] | None:
    """The mentorship a choice button points at, only if user_id is one of the active pair and was asked (an open
    escalation at step 2 or later): button values are attacker-controlled."""
    mid = blocks.parse_value(value)
    m = store.live_mentorship_of(session, mid, user_id) if mid is not None else None
    if m is None or m.status != "active":
        return None
    e = esc.open_escalation(session, m.id)
    if e is None or e.step < rules.ASK:
        return None
    return m, e


def choose(engine: Engine, user_id: str, value: str | None, choice: str, now: datetime) -> Choice:
    """keep / pause / end (change opens a modal: change_view). Each records that the person answered."""
    with session_scope(engine) as session:
        found = _asked(session, user_id, value)
        if found is None or choice not in rules.CHOICES:
            return Choice(blocks.refused())
        m, e = found
        other = other_of(m, user_id)
        if choice == "keep":
            esc.record_choice(session, e, now, now)
            return Choice(blocks.kept(other), ok=True)
        if choice == "pause":
            tz, _ = availability.availability(session, user_id)
            until = now.astimezone(zone(tz)).date() + timedelta(days=rules.PAUSE_DAYS)
            esc.record_choice(session, e, now, now + timedelta(days=rules.PAUSE_DAYS))
    if choice == "pause":
        availability.pause(engine, user_id, f"until {until.isoformat()}", now)
        return Choice(blocks.paused(f"{until:%A} {until.day} {until:%B}"), ok=True)
    if choice == "end":
        return _end_no_fault(engine, user_id, m, now)
    return Choice(blocks.refused())


def _end_no_fault(engine: Engine, user_id: str, m: Mentorship, now: datetime) -> Choice:
    ended: Outcome = wrap_up(engine, user_id, str(m.id), "", "fit", now)
    if not ended.ok:
        return Choice(ended.mine)
    with session_scope(engine) as session:
        esc.resolve_all(session, m.id, now)
        suggestions = None
        if user_id == m.mentee_id:
            request = session.get(IntroRequest, m.intro_request_id) if m.intro_request_id else None
            topics = list(request.matched_topics) if request else []
            matches = suggestions_for(session, m.mentee_id, now, topics, {m.mentor_id})
            suggestions = find_blocks.suggestions(blocks.rematch_lead(), matches)
    return Choice(ended.mine, ended.other_id, ended.theirs, suggestions, True)


def change_view(engine: Engine, user_id: str, value: str | None) -> dict | None:
    with session_scope(engine) as session:
        found = _asked(session, user_id, value)
        if found is None:
            return None
        m = found[0]
        other = other_of(m, user_id)
        person = store.recipients(session, [other]).get(other)
        return blocks.change_modal(m.id, person.name if person else other, normal_cadence(m.cadence))


def change_cadence(engine: Engine, user_id: str, metadata: str | None, cadence: str, now: datetime) -> Choice:
    """A new cadence for the pair, from one person's step-2 answer; both are told."""
    with session_scope(engine) as session:
        found = _asked(session, user_id, metadata)
        if found is None or cadence not in blocks.CADENCE_LABELS:
            return Choice(blocks.refused())
        m, e = found
        m.cadence = cadence
        session.add(m)
        esc.record_choice(session, e, now, now)
        other = other_of(m, user_id)
        return Choice(blocks.cadence_changed(user_id, other, cadence, mine=True), other,
                      blocks.cadence_changed(user_id, other, cadence, mine=False), ok=True)
