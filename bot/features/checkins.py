"""Check-ins on each pair's cadence: what the sweeps write to the outbox, what each row says when it is due,
and how people's answers (buttons, notes modal, DM thread replies) land in the pair's journal.

What to write is planned by bot.domain.checkin_plan (pure: the rows, their keys, their due times); idempotency
keys make every sweep safe to repeat. Renderers re-check the database when a row is due and return None if it no longer applies (pair ended,
cadence changed, already answered), so nothing stale is sent. Drifting pairs are escalated by
bot.features.escalation.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.domain import lifecycle
from bot.domain.cadence import (
    OUTCOME_LABELS,
    checkin_reminder_due,
)
from bot.domain.checkin_plan import (
    CHECKIN,
    Planned,
    checkin_key,
    occurrences_of,
    other_of,
    plan,
    reminder_key,
)
from bot.domain.meeting_ics import session_ics
from bot.domain.resources import suggest
from bot.domain.sessions import Occurrence
from bot.domain.text import truncate
from bot.domain.timekeeping import zone
from bot.features.deps import Deps
from bot.slack.blocks import agenda as agenda_blocks
from bot.slack.blocks import checkins as blocks
from bot.slack.blocks import resources as resource_blocks
from bot.slack.blocks import snooze as snooze_blocks
from bot.slack.delivery import Outgoing
from storage import agenda as agenda_store
from storage import checkins as store
from storage import journey as journey_store
from storage import resources as resource_store
from storage.db import session_scope
from storage.events import claim_event
from storage.models import Mentorship, ScheduledMessage
from storage.outbox import enqueue_new, superseded


def occurrences_for(session: Session, m: Mentorship, tz: str | None, start: datetime,
                    end: datetime) -> list[Occurrence]:
    """occurrences_of with the pair's changes and earlier versions read from the database."""
    return occurrences_of(m, tz, start, end, journey_store.changes_for(session, [m.id]).get(m.id, []),
                          journey_store.history_for(session, [m.id]).get(m.id, []))


def write_plan(session: Session, planned: list[Planned]) -> int:
    """Insert the planned rows whose keys are new (re-planning after a change writes what the sweep would)."""
    return _write(session, planned)


def _write(session: Session, planned: list[Planned]) -> int:
    """Insert the planned rows whose keys are new; existing keys are left alone (idempotent)."""
    return enqueue_new(session, [{"kind": p.kind, "recipient_id": p.recipient, "due_at": p.due_at,
                                  "idempotency_key": p.key, "payload": p.payload, "mentorship_id": p.mentorship_id}
                                 for p in planned])


def sweep_checkins(deps: Deps, session: Session, now: datetime) -> int:  # noqa: ARG001
    mentorships = store.active_mentorships(session)
    people = store.recipients(session, [p for m in mentorships for p in (m.mentor_id, m.mentee_id)])
    ids = [m.id for m in mentorships]
    changes, history = journey_store.changes_for(session, ids), journey_store.history_for(session, ids)
    planned = [p for m in mentorships for p in plan(m, people, now, changes.get(m.id, []), history.get(m.id, []))]
    written = _write(session, planned)
    # The one reminder per prompt is written once the prompt has gone out, timed from when it did.
    prompts = store.sent_rows(session, [p.key for p in planned if p.kind == CHECKIN])
    reminders = []
    for p in planned:
        sent = prompts.get(p.key)
        if p.kind == CHECKIN and sent is not None:
            person = people[p.recipient]
            period = date.fromisoformat(p.payload["period"])
            reminders.append(Planned(CHECKIN, p.recipient,
                                     checkin_reminder_due(sent, person.tz, person.paused_until),
                                     reminder_key(p.mentorship_id, period, p.recipient),
                                     {**p.payload, "reminder": True}, p.mentorship_id))
    return written + _write(session, reminders)


# ---- rendering ------------------------------------------------------------------------------------------------

def still_on(session: Session, row: ScheduledMessage) -> tuple[Mentorship, Occurrence, date] | None:
    """As _still_on, with the session's occurrence (its agreed slot and how many times it moved)."""
    m = session.get(Mentorship, row.mentorship_id) if row.mentorship_id else None
    if m is None or m.status != lifecycle.ACTIVE or row.recipient_id not in (m.mentor_id, m.mentee_id):
        return None
    session_at = datetime.fromisoformat(row.payload["session_at"])
    tz = store.recipients(session, [m.mentor_id]).get(m.mentor_id)
    window = occurrences_for(session, m, tz.tz if tz else None, session_at - timedelta(hours=1),
                             session_at + timedelta(hours=1))
    found = next((o for o in window if o.at == session_at), None)
    if found is None:
        return None
    return m, found, date.fromisoformat(row.payload["period"])


def _still_on(session: Session, row: ScheduledMessage) -> tuple[Mentorship, datetime, date] | None:
    """The row's mentorship, session instant and date, if the pair is active and that session is still on its
    schedule (the cadence or first meeting may have changed since the row was written, or the session moved)."""
    found = still_on(session, row)
    return (found[0], found[1].at, found[2]) if found else None


def render_checkin(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:
    found = _still_on(session, row)
    if found is None:
        return None
    m, _, period = found
    other = other_of(m, row.recipient_id)
    value = blocks.answer_value(m.id, period)
    if not row.payload.get("reminder"):
        if superseded(session, row, deps.clock()):
            return None  # a later session's prompt is due too (the drain was held up): only that one is useful
        out = Outgoing(channel=row.recipient_id, **blocks.checkin_prompt(other, period, value))
        out.blocks.append(snooze_blocks.snooze_block(row.id))
        return out
    prompt = store.row_by_key(session, checkin_key(m.id, period, row.recipient_id))
    if prompt is None or prompt.status != "sent" or not prompt.slack_ts \
            or store.has_answered(session, m.id, row.recipient_id, period):
        return None  # answered (or never asked): no reminder
    return Outgoing(channel=row.recipient_id, thread_ts=prompt.slack_ts,
                    **blocks.checkin_prompt(other, period, value, reminder=True))


def render_meeting_reminder(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:
    found = still_on(session, row)
    if found is None:
        return None
    m, occurrence, period = found
    session_at = occurrence.at
    if deps.clock() >= session_at:
        return None  # too late to help anyone prepare
    other = other_of(m, row.recipient_id)
    people = store.recipients(session, [row.recipient_id, other])
    me = people.get(row.recipient_id)
    local = session_at.astimezone(zone(me.tz if me else None))
    time_known = m.first_meeting_at is not None
    goals = store.active_goal_progress(session, m.mentee_id)
    value = blocks.answer_value(m.id, period)
    message = blocks.meeting_reminder(other, local, time_known, goals, value=value)
    agenda = [a.text for a in agenda_store.agenda_for(session, m.id, occurrence.slot_at)]
    message["blocks"][2:2] = agenda_blocks.reminder_blocks(  # after the checklist: agenda, then action items
        agenda, agenda_store.open_actions(session, [m.id]), row.recipient_id, row.recipient_id == m.mentee_id, value)
    working_on = " ".join([m.goals, *(title for title, _ in goals), *agenda])
    message["blocks"] += resource_blocks.reminder_blocks(  # the library, by topic; the mentor can recommend
        suggest(resource_store.library(session), working_on), m.id,
        m.mentee_id if row.recipient_id == m.mentor_id else None)
    out = Outgoing(channel=row.recipient_id, **message)
    if time_known:
        them = people[other].name if other in people else other
        out.ics = session_ics(mentorship_id=m.id, start=session_at, stamp=deps.clock(),
                              summary=truncate(f"Mentoring session with {them}", 200),
                              description="Prepare: an agenda, your questions, updates on your goals.",
                              slot_at=occurrence.slot_at, sequence=occurrence.sequence)
        out.ics_name = f"mentoring-{local:%Y-%m-%d}.ics"
    return out


# ---- answers --------------------------------------------------------------------------------------------------

@dataclass
class Target:
    """A check-in a person may answer: their own prompt for a session of their live mentorship."""

    mentorship: Mentorship
    period: date
    prompt_ts: str
    other_id: str


def _target(session: Session, user_id: str, mentorship_id: int, period: date) -> Target | None:
    m = store.live_mentorship_of(session, mentorship_id, user_id)
    if m is None:
        return None
    prompt = store.row_by_key(session, checkin_key(m.id, period, user_id))
    if prompt is None or prompt.status != "sent":
        return None
    return Target(m, period, prompt.slack_ts, other_of(m, user_id))


def _with_target(engine: Engine, user_id: str, value: str | None, apply=None) -> Target | None:
    """The check-in a button value or modal metadata points at, if user_id may answer it, after apply(session,
    target) in the same transaction. Values are attacker-controlled: membership of the pair and the prompt's
    existence are checked here."""
    parsed = blocks.parse_answer_value(value)
    if parsed is None:
        return None
    with session_scope(engine) as session:
        target = _target(session, user_id, *parsed)
        if target is not None and apply is not None:
            apply(session, target)
        return target


def record_click(engine: Engine, user_id: str, value: str | None, outcome: str) -> dict | None:
    """A Met / Didn't meet / Reschedule click. Returns what the prompt becomes, or None if refused."""
    target = _with_target(engine, user_id, value, lambda session, t: store.set_button_answer(
        session, mentorship_id=t.mentorship.id, author_id=user_id, period=t.period, outcome=outcome,
        slack_ts=t.prompt_ts))
    return blocks.answered(outcome, target.other_id, target.period, value) if target else None


def record_note(engine: Engine, user_id: str, value: str | None, note: str, outcome: str,
                source: str, once_key: str | None = None) -> Target | None:
    """once_key: a modal submission's key; a retried delivery of it finds the note already there."""
    def add(session, t):
        if once_key is None or claim_event(session, once_key):
            store.add_checkin(session, mentorship_id=t.mentorship.id, author_id=user_id, period=t.period,
                              outcome=outcome, note=note[:blocks.NOTE_LIMIT], source=source, slack_ts=t.prompt_ts)
    return _with_target(engine, user_id, value, add)


@dataclass
class NoteSaved:
    errors: dict[str, str] | None = None
    target: Target | None = None
    note: str = ""
    outcome: str = ""


def save_note(engine: Engine, user_id: str, value: str | None, note: str, outcome: str,
              once_key: str | None = None) -> NoteSaved:
    """The notes modal: a few words (and optionally how it went) for a check-in the user may answer."""
    outcome = outcome if outcome in OUTCOME_LABELS else ""
    if not note.strip():
        return NoteSaved(errors={blocks.NOTES_BLOCK: "Write a few words, or cancel."})
    if len(note) > blocks.NOTE_LIMIT:
        return NoteSaved(errors={blocks.NOTES_BLOCK: f"Keep it under {blocks.NOTE_LIMIT} characters."})
    target = record_note(engine, user_id, value, note.strip(), outcome, "modal", once_key=once_key)
    if target is None:
        return NoteSaved(errors={blocks.NOTES_BLOCK: "This check-in isn't one of yours, or the mentorship has ended."})
    return NoteSaved(target=target, note=note, outcome=outcome)


def record_thread_reply(engine: Engine, user_id: str, thread_ts: str | None, text: str) -> Target | None:
    """A reply in the DM thread of one of the user's check-in prompts, stored as a journal entry."""
    with session_scope(engine) as session:
        prompt = store.prompt_by_ts(session, user_id, thread_ts or "")
        if prompt is None or prompt.mentorship_id is None:
            return None
        value = blocks.answer_value(prompt.mentorship_id, date.fromisoformat(prompt.payload["period"]))
    return record_note(engine, user_id, value, text, "", "thread")


def journal_entries(engine: Engine, user_id: str) -> list[tuple[str, date | None, str, str, str]]:
    with session_scope(engine) as session:
        return [(c.author_id, c.period, c.outcome, c.note, other_of(m, user_id))
                for m, c in store.journal(session, user_id)]


def notes_view(engine: Engine, user_id: str, value: str | None) -> dict | None:
    """The notes modal for a check-in the user may answer; None if refused."""
    target = _with_target(engine, user_id, value)
    if target is None:
        return None
    with session_scope(engine) as session:
        other = store.recipients(session, [target.other_id]).get(target.other_id)
    return blocks.notes_modal(blocks.answer_value(target.mentorship.id, target.period),
                              other.name if other else target.other_id, target.period)
