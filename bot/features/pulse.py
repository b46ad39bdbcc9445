"""The pulse: after the pair's second session and then monthly, each person is asked privately how the mentorship
is going (1-5), whether it helps with their goals (yes / somewhat / no) and, if they like, a private note.

Rows (idempotency keys make the sweep safe to repeat):
  pulse   pulse:<mentorship>:<round>:<person>
The renderer re-checks that the pair is still active and the person has not answered that round. Answers are
stored per person and round; nothing ever shows one person's answer to the other (admins see counts over >= 5).
"""

from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.domain import kinds
from bot.domain.cadence import INTERVAL_DAYS, mentorship_end, normal_cadence, session_times
from bot.domain.checkin_plan import anchor_of, attending, other_of
from bot.domain.insight import HELPING, RATINGS, pulse_rounds
from bot.domain.working_hours import next_delivery_time
from bot.features.deps import Deps
from bot.slack.blocks import pulse as blocks
from bot.slack.delivery import Outgoing
from storage import checkins as store
from storage import insight
from storage.db import session_scope
from storage.models import Mentorship, ScheduledMessage
from storage.outbox import enqueue_new

PULSE = kinds.PULSE
LOOKAHEAD = timedelta(days=7)
LOOKBACK = timedelta(days=7)  # a round missed by a stopped worker is still asked a week late, never older ones


def pulse_key(mentorship_id: int, round_: int, person: str) -> str:
    return f"pulse:{mentorship_id}:{round_}:{person}"


def second_session(m: Mentorship, tz: str | None) -> datetime | None:
    anchor = anchor_of(m)
    if anchor is None:
        return None
    horizon = anchor + timedelta(days=2 * INTERVAL_DAYS[normal_cadence(m.cadence)] + 1)
    sessions = session_times(anchor, m.cadence, tz, anchor, horizon)
    return sessions[1] if len(sessions) > 1 else None


def rounds_of(m: Mentorship, tz: str | None, start: datetime, end: datetime) -> list[tuple[int, datetime]]:
    second = second_session(m, tz)
    if second is None:
        return []
    return pulse_rounds(second, mentorship_end(anchor_of(m), m.duration_months), start, end)


def sweep_pulse(deps: Deps, session: Session, now: datetime) -> int:  # noqa: ARG001
    mentorships = store.active_mentorships(session)
    people = store.recipients(session, [p for m in mentorships for p in (m.mentor_id, m.mentee_id)])
    planned = []
    for m in mentorships:
        mentor = people.get(m.mentor_id)
        for round_, instant in rounds_of(m, mentor.tz if mentor else None, now - LOOKBACK, now + LOOKAHEAD):
            for me, person in attending(m, people):
                planned.append({"kind": PULSE, "recipient_id": me, "mentorship_id": m.id,
                                "due_at": next_delivery_time(person.tz, instant, person.paused_until),
                                "idempotency_key": pulse_key(m.id, round_, me), "payload": {"round": round_}})
    return enqueue_new(session, planned)


def render_pulse(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:  # noqa: ARG001
    m = session.get(Mentorship, row.mentorship_id) if row.mentorship_id else None
    if m is None or m.status != "active" or row.recipient_id not in (m.mentor_id, m.mentee_id):
        return None
    round_ = int(row.payload.get("round", 0))
    if insight.pulse_answer(session, m.id, row.recipient_id, round_) is not None:
        return None
    return Outgoing(channel=row.recipient_id,
                    **blocks.prompt(other_of(m, row.recipient_id), blocks.value_of(m.id, round_)))


def _asked(session: Session, user_id: str, value: str | None) -> tuple[Mentorship, int] | None:
    """The mentorship and round a button value or private_metadata points at, only if user_id is one of the active
    pair and was sent that round's pulse: values are attacker-controlled."""
    parsed = blocks.parse_value(value)
    if parsed is None:
        return None
    m = store.live_mentorship_of(session, parsed[0], user_id)
    prompt = store.row_by_key(session, pulse_key(parsed[0], parsed[1], user_id))
    if m is None or m.status != "active" or prompt is None or prompt.status != "sent":
        return None
    return m, parsed[1]


def pulse_view(engine: Engine, user_id: str, value: str | None) -> dict | None:
    """The pulse modal, or None if refused. It never shows a previous answer of the other person."""
    with session_scope(engine) as session:
        found = _asked(session, user_id, value)
        if found is None:
            return None
        other = other_of(found[0], user_id)
        person = store.recipients(session, [other]).get(other)
        return blocks.pulse_modal(blocks.value_of(found[0].id, found[1]), person.name if person else other)


def parse_answer(rating: str, helping: str, note: str) -> tuple[dict, tuple[int, str, str] | None]:
    """Field errors, or (rating, helping, note). Pure."""
    errors = {}
    if rating not in {str(r) for r in RATINGS}:
        errors[blocks.RATING_BLOCK] = "Pick how it is going, from 1 to 5."
    if helping not in HELPING:
        errors[blocks.HELPING_BLOCK] = "Pick yes, somewhat or no."
    if len(note) > blocks.NOTE_LIMIT:
        errors[blocks.NOTE_BLOCK] = f"Keep it under {blocks.NOTE_LIMIT} characters."
    return errors, None if errors else (int(rating), helping, note.strip())


def record_pulse(engine: Engine, user_id: str, value: str | None, rating: int, helping: str,
                 note: str) -> str | None:
    """Store the user's answer for that round. Returns the other person's id (for the thanks), None if refused."""
    with session_scope(engine) as session:
        found = _asked(session, user_id, value)
        if found is None:
            return None
        m, round_ = found
        insight.save_pulse(session, mentorship_id=m.id, person_id=user_id, round_=round_, rating=rating,
                           helping=helping, note=note)
        return other_of(m, user_id)
