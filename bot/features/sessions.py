"""Rescheduling for real: move one session to a new date and time, or cancel it, from the meeting reminder or the
check-in prompt. One transaction each: the change is recorded (storage.journey), the session's queued prompt and
reminder are retired, the schedule is re-planned from the agreement plus its changes (the same plan the sweep
writes, so the sweep adds nothing twice), and both people get a note with the calendar file updated (same UID,
higher SEQUENCE) or cancelled (METHOD:CANCEL).

Button values and private_metadata are attacker-controlled: the session is looked up from (mentorship, day) and
the clicker must be one of the active pair."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session

from bot.domain import checkin_plan, kinds
from bot.domain.cadence import mentorship_end, period_of
from bot.domain.meeting_ics import session_ics
from bot.domain.sessions import MAX_MOVE, Occurrence, find_on, local_date, move_problem
from bot.domain.text import truncate
from bot.domain.timekeeping import zone
from bot.domain.working_hours import at_local
from bot.features import checkins
from bot.features.deps import Deps
from bot.slack.blocks import sessions as blocks
from bot.slack.blocks.checkins import parse_answer_value
from bot.slack.delivery import Outgoing
from storage import checkins as store
from storage import journey as journey_store
from storage.db import session_scope
from storage.locks import lock_row, write_transaction
from storage.models import Mentorship, ScheduledMessage
from storage.outbox import enqueue

UPDATE = kinds.SESSION_UPDATE


@dataclass
class Found:
    mentorship: Mentorship
    occurrence: Occurrence
    tz: str | None  # the pair's zone (the mentor's): session days are counted in it
    people: dict[str, store.Recipient]


def find_session(session: Session, user_id: str, value: str | None, lock: bool = False) -> Found | None:
    parsed = parse_answer_value(value)
    if parsed is None:
        return None
    mentorship_id, day = parsed
    m = lock_row(session, Mentorship, mentorship_id) if lock else session.get(Mentorship, mentorship_id)
    if m is None or m.status != "active" or user_id not in (m.mentor_id, m.mentee_id):
        return None
    people = store.recipients(session, [m.mentor_id, m.mentee_id])
    tz = people[m.mentor_id].tz if m.mentor_id in people else None
    start = at_local(tz, day, time(0))
    found = find_on(_occurrences(session, m, tz, start - timedelta(hours=1), start + timedelta(days=1)), day, tz)
    return Found(m, found, tz, people) if found else None


def _occurrences(session: Session, m: Mentorship, tz: str | None, start: datetime, end: datetime):
    return checkins.occurrences_for(session, m, tz, start, end)


def _my_tz(found: Found, user_id: str) -> str | None:
    me = found.people.get(user_id)
    return me.tz if me else None


def move_view(deps: Deps, user_id: str, value: str | None) -> dict | None:
    """The reschedule modal for one of the user's sessions; None if refused."""
    with session_scope(deps.engine) as session:
        found = find_session(session, user_id, value)
    if found is None:
        return None
    other = found.people.get(checkin_plan.other_of(found.mentorship, user_id))
    tz = _my_tz(found, user_id) or "UTC"
    return blocks.move_modal(value, other.name if other else "your pair", found.occurrence.at.astimezone(zone(tz)),
                             tz)


NEXT_WITHIN = timedelta(days=93)  # a monthly pair's next session, even with one cancelled


def next_meetings(session: Session, mentorships: list[Mentorship], now: datetime) -> dict[int, datetime]:
    """The next session of each active pair, from its agreement and changes (not from queued rows, which only
    reach a week ahead): what the App Home shows."""
    return {mid: o.at for mid, o in next_occurrences(session, mentorships, now).items()}


def next_occurrences(session: Session, mentorships: list[Mentorship], now: datetime) -> dict[int, Occurrence]:
    """As next_meetings, with each session's agreed slot (its agenda hangs off it)."""
    active = [m for m in mentorships if m.status == "active" and checkin_plan.anchor_of(m) is not None]
    if not active:
        return {}
    people = store.recipients(session, [m.mentor_id for m in active])
    ids = [m.id for m in active]
    changes, history = journey_store.changes_for(session, ids), journey_store.history_for(session, ids)
    out = {}
    for m in active:
        tz = people[m.mentor_id].tz if m.mentor_id in people else None
        upcoming = checkin_plan.occurrences_of(m, tz, now, now + NEXT_WITHIN, changes.get(m.id, []),
                                           history.get(m.id, []))
        if upcoming:
            out[m.id] = upcoming[0]
    return out


@dataclass
class Outcome:
    errors: dict[str, str] | None = None
    reply: dict | None = None  # what the user is told (ephemeral / DM)
    pair: tuple[str, ...] = ()  # whose Homes to republish after a change

    @property
    def then_show(self) -> dict | None:
        """After a move: the modal becomes its confirmation."""
        return blocks.moved_view(self.reply["text"]) if self.reply and not self.errors else None


def _parse(day: str, at: str) -> tuple[date | None, time | None]:
    try:
        return date.fromisoformat(day or ""), time.fromisoformat(at or "")
    except ValueError:
        return None, None


def move(deps: Deps, user_id: str, value: str | None, day: str, at: str) -> Outcome:
    """Move the session to the new local date and time (in the user's zone)."""
    new_day, new_time = _parse(day, at)
    if new_day is None or new_time is None:
        return Outcome(errors={blocks.DATE_BLOCK: "Pick a date and a time."})
    now = deps.clock()
    with write_transaction(deps.engine) as session:
        found = find_session(session, user_id, value, lock=True)
        if found is None:
            return Outcome(errors={blocks.DATE_BLOCK: blocks.refused()["text"]})
        m, old = found.mentorship, found.occurrence
        new_at = at_local(_my_tz(found, user_id), new_day, new_time)
        if new_at == old.at:
            return Outcome(errors={blocks.TIME_BLOCK: "That is when it already is: pick another time."})
        around = _occurrences(session, m, found.tz, new_at - MAX_MOVE, new_at + MAX_MOVE)
        taken = {local_date(o.at, found.tz) for o in around if o.slot_at != old.slot_at}
        anchor = checkin_plan.anchor_of(m)
        problem = move_problem(new_at, now, mentorship_end(anchor, m.duration_months) if anchor else None, taken,
                               found.tz)
        if problem:
            return Outcome(errors={blocks.DATE_BLOCK: problem})
        _change(session, found, user_id, new_at, now)
    return Outcome(reply=blocks.done_moved(new_at.astimezone(zone(_my_tz(found, user_id)))),
                   pair=(m.mentor_id, m.mentee_id))


def cancel(deps: Deps, user_id: str, value: str | None) -> Outcome:
    now = deps.clock()
    with write_transaction(deps.engine) as session:
        found = find_session(session, user_id, value, lock=True)
        if found is None or found.occurrence.at <= now:
            return Outcome(reply=blocks.refused())
        _change(session, found, user_id, None, now)
    return Outcome(reply=blocks.done_cancelled(found.occurrence.at.astimezone(zone(_my_tz(found, user_id)))),
                   pair=(found.mentorship.mentor_id, found.mentorship.mentee_id))


def _change(session: Session, found: Found, user_id: str, new_at: datetime | None, now: datetime) -> None:
    """Record, retire the old session's queued rows, re-plan, and queue the note to both."""
    m, old = found.mentorship, found.occurrence
    sequence = journey_store.record_change(session, m.id, old.slot_at, new_at, user_id, now)
    journey_store.retire_session_rows(session, m.id, period_of(old.at, found.tz).isoformat(), f"change{sequence}")
    checkins.write_plan(session, checkin_plan.plan(m, found.people, now,
                                               journey_store.changes_for(session, [m.id]).get(m.id, []),
                                               journey_store.history_for(session, [m.id]).get(m.id, [])))
    for person in (m.mentor_id, m.mentee_id):
        enqueue(session, kind=UPDATE, recipient_id=person, due_at=now, mentorship_id=m.id,
                idempotency_key=f"session-update:{m.id}:{old.slot_at:%Y%m%dT%H%M}:{sequence}:{person}",
                payload={"slot_at": old.slot_at.isoformat(), "sequence": sequence, "old_at": old.at.isoformat(),
                         "new_at": new_at.isoformat() if new_at else None, "by": user_id})


def render_update(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:
    """The note about a moved or cancelled session, unless a later change superseded it or the pair ended."""
    m = session.get(Mentorship, row.mentorship_id) if row.mentorship_id else None
    if m is None or m.status != "active" or row.recipient_id not in (m.mentor_id, m.mentee_id):
        return None
    slot_at = datetime.fromisoformat(row.payload["slot_at"])
    current = next((c for c in journey_store.changes_for(session, [m.id]).get(m.id, []) if c.slot_at == slot_at),
                   None)
    if current is None or current.sequence != row.payload.get("sequence"):
        return None
    other = checkin_plan.other_of(m, row.recipient_id)
    people = store.recipients(session, [row.recipient_id, other])
    me = people.get(row.recipient_id)
    tz = zone(me.tz if me else None)
    old_at = datetime.fromisoformat(row.payload["old_at"])
    has_time = m.first_meeting_at is not None
    if current.new_at is None:
        out = Outgoing(channel=row.recipient_id, **blocks.cancelled(row.payload["by"], old_at.astimezone(tz), has_time))
    else:
        out = Outgoing(channel=row.recipient_id, **blocks.moved(row.payload["by"], old_at.astimezone(tz),
                                                                current.new_at.astimezone(tz), has_time))
    if has_time:
        them = people[other].name if other in people else other
        start = current.new_at or old_at
        out.ics = session_ics(mentorship_id=m.id, start=start, stamp=deps.clock(), slot_at=slot_at,
                              sequence=current.sequence, cancelled=current.new_at is None,
                              summary=truncate(f"Mentoring session with {them}", 200),
                              description="Prepare: an agenda, your questions, updates on your goals.")
        out.ics_name = f"mentoring-{start.astimezone(tz):%Y-%m-%d}.ics"
    return out
