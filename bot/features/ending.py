"""Ending well (the guide's last section): when the agreed months are up, both people are asked to extend or wrap up;
wrapping up ends the mentorship with thanks and an honest reason, frees the mentor's slot and leaves the door open.

Rows (idempotency keys make the sweep safe to repeat):
  wrap_up   wrap_up:<mentorship>:<end date in the mentor's zone>:<person>
Extending moves the end date, so the next prompt has a new key; the renderer re-checks that the row's end date is
still the agreed one and the pair still active, so nothing stale is sent.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.domain import kinds, lifecycle
from bot.domain.cadence import add_months
from bot.domain.checkin_plan import attending
from bot.domain.insight import END_REASONS, Survey, invite_to_mentor
from bot.domain.timekeeping import as_utc, zone
from bot.features.deps import Deps
from bot.slack.blocks import ending as blocks
from bot.slack.delivery import Outgoing
from storage import ending as store
from storage import insight
from storage.checkins import active_mentorships, recipients
from storage.db import session_scope
from storage.models import Mentorship, ScheduledMessage
from storage.outbox import enqueue_new

WRAP_UP = kinds.WRAP_UP
LOOKAHEAD = timedelta(days=7)  # rows are written up to a week ahead; the renderer re-checks them when due


def agreed_end(started_at: datetime, duration_months: int, tz: str | None) -> datetime:
    """started_at + duration_months on the mentor's calendar (same local time of day), as UTC. Pure."""
    local = as_utc(started_at).astimezone(zone(tz))
    day = add_months(local.date(), max(duration_months, 0))
    return as_utc(datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=local.tzinfo))


def end_of(session: Session, m: Mentorship) -> datetime | None:
    if m.started_at is None:
        return None
    mentor = recipients(session, [m.mentor_id]).get(m.mentor_id)
    return agreed_end(m.started_at, m.duration_months, mentor.tz if mentor else None)


def end_day(session: Session, m: Mentorship) -> date | None:
    end = end_of(session, m)
    if end is None:
        return None
    mentor = recipients(session, [m.mentor_id]).get(m.mentor_id)
    return end.astimezone(zone(mentor.tz if mentor else None)).date()


def other_of(m: Mentorship, person: str) -> str:
    return m.mentee_id if person == m.mentor_id else m.mentor_id


def sweep_wrap_ups(deps: Deps, session: Session, now: datetime) -> int:  # noqa: ARG001
    mentorships = [m for m in active_mentorships(session) if m.started_at is not None]
    people = recipients(session, [p for m in mentorships for p in (m.mentor_id, m.mentee_id)])
    planned = []
    for m in mentorships:
        mentor = people.get(m.mentor_id)
        tz = mentor.tz if mentor else None
        end = agreed_end(m.started_at, m.duration_months, tz)
        if end > now + LOOKAHEAD:
            continue
        day = end.astimezone(zone(tz)).date().isoformat()
        for me, _ in attending(m, people):
            planned.append({"kind": WRAP_UP, "recipient_id": me, "due_at": end, "mentorship_id": m.id,
                            "idempotency_key": f"wrap_up:{m.id}:{day}:{me}", "payload": {"end": day}})
    return enqueue_new(session, planned)


def render_wrap_up(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:  # noqa: ARG001
    m = session.get(Mentorship, row.mentorship_id) if row.mentorship_id else None
    if m is None or m.status != lifecycle.ACTIVE or row.recipient_id not in (m.mentor_id, m.mentee_id):
        return None
    day = end_day(session, m)
    if day is None or day.isoformat() != row.payload.get("end"):
        return None  # extended (or its dates changed) since the row was written
    return Outgoing(channel=row.recipient_id, **blocks.wrap_up_prompt(
        other_of(m, row.recipient_id), m.duration_months, day, blocks.value_of(m.id, day)))


# ---- actions --------------------------------------------------------------------------------------------------

@dataclass
class Outcome:
    """What an action did: the message for the clicker, and for the other person (None: refused / nothing)."""

    mine: dict
    theirs: dict | None = None
    other_id: str = ""
    ok: bool = False
    errors: dict[str, str] | None = None  # field errors for the wrap-up modal


def _mentorship(session: Session, user_id: str, value: str | None) -> tuple[Mentorship, date | None] | None:
    parsed = blocks.parse_value(value)
    if parsed is None:
        return None
    m = store.active_pair_mentorship(session, parsed[0], user_id)
    return (m, parsed[1]) if m is not None else None


def extend(engine: Engine, user_id: str, value: str | None) -> Outcome:
    """Extend by EXTEND_MONTHS, if user_id is one of the active pair and the button's end date is still the agreed
    one (both got the prompt: two clicks extend once)."""
    with session_scope(engine) as session:
        found = _mentorship(session, user_id, value)
        if found is None:
            return Outcome(blocks.refused())
        m, clicked_day = found
        if clicked_day is None or clicked_day != end_day(session, m):
            return Outcome(blocks.stale_extend())
        store.extend(session, m, blocks.EXTEND_MONTHS)
        store.cancel_pending(session, m.id, WRAP_UP)
        session.flush()
        day, other = end_day(session, m), other_of(m, user_id)
        return Outcome(blocks.extended(other, user_id, m.duration_months, day),
                       blocks.extended(user_id, user_id, m.duration_months, day), other, True)


def wrap_up_view(engine: Engine, user_id: str, value: str | None) -> dict | None:
    """The wrap-up modal for an active mentorship of user_id; None if refused."""
    with session_scope(engine) as session:
        found = _mentorship(session, user_id, value)
        if found is None:
            return None
        m = found[0]
        other = other_of(m, user_id)
        person = recipients(session, [other]).get(other)
        return blocks.wrap_up_modal(m.id, person.name if person else other, role_of(m, user_id))


def role_of(m: Mentorship, person: str) -> str:
    return "mentor" if person == m.mentor_id else "mentee"


def wrap_up(engine: Engine, user_id: str, metadata: str | None, note: str, reason: str, now: datetime,
            survey: Survey | None = None) -> Outcome:
    """End the mentorship (status, reason, thank-you, ended_at, queued rows cancelled), keep the wrapper's private
    exit survey, and say goodbye to both; the other person is offered their own survey. `reason` is a key of
    END_REASONS. Field errors when the note is too long, no reason is chosen, or the mentorship is not the
    submitter's to end."""
    errors = {}
    if len(note) > blocks.NOTE_LIMIT:
        errors[blocks.NOTE_BLOCK] = f"Keep it under {blocks.NOTE_LIMIT} characters."
    if reason not in END_REASONS:
        errors[blocks.REASON_BLOCK] = "Choose why it's ending."
    if errors:
        return Outcome({}, errors=errors)
    with session_scope(engine) as session:
        found = _mentorship(session, user_id, metadata)
        if found is None:
            refused = blocks.refused()
            return Outcome(refused, errors={blocks.NOTE_BLOCK: refused["text"]})
        m = found[0]
        store.end(session, m, now, reason=reason, by=user_id, thank_you=note.strip())
        if survey is not None and survey != Survey():
            insight.save_exit_survey(session, mentorship_id=m.id, person_id=user_id, overall=survey.overall,
                                     goals_achieved=survey.goals_achieved, again=survey.again)
        other = other_of(m, user_id)
        invite = invite_to_mentor(role_of(m, user_id), reason, survey.again if survey else "")
        return Outcome(blocks.closing(other, user_id, note, reason, invite=invite),
                       blocks.closing(user_id, user_id, note, reason, survey_value=str(m.id)), other, True)


def survey_view(engine: Engine, user_id: str, value: str | None) -> dict | None:
    """The exit survey modal for one of an ended pair; None if refused (the value is attacker-controlled)."""
    with session_scope(engine) as session:
        parsed = blocks.parse_value(value)
        m = store.ended_pair_mentorship(session, parsed[0], user_id) if parsed else None
        if m is None:
            return None
        other = other_of(m, user_id)
        person = recipients(session, [other]).get(other)
        return blocks.survey_modal(m.id, person.name if person else other, role_of(m, user_id))


def record_survey(engine: Engine, user_id: str, metadata: str | None, survey: Survey) -> dict | None:
    """Keep one of an ended pair's private exit survey. Returns the thanks (with an invitation to mentor for a
    mentee who ended well and would do it again), or None if refused."""
    with session_scope(engine) as session:
        parsed = blocks.parse_value(metadata)
        m = store.ended_pair_mentorship(session, parsed[0], user_id) if parsed else None
        if m is None:
            return None
        insight.save_exit_survey(session, mentorship_id=m.id, person_id=user_id, overall=survey.overall,
                                 goals_achieved=survey.goals_achieved, again=survey.again)
        return blocks.survey_thanks(invite_to_mentor(role_of(m, user_id), m.end_reason, survey.again))


def end_choices(engine: Engine, user_id: str) -> dict:
    """/mentor end: the user's active mentorships, each with a Wrap up button."""
    with session_scope(engine) as session:
        return blocks.end_list([(m.id, other_of(m, user_id), "mentor" if m.mentor_id == user_id else "mentee",
                                 end_day(session, m)) for m in store.active_mentorships_of(session, user_id)])
