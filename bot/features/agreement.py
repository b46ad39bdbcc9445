"""The agreement as a living document (the guide: expectations are revisited, not set once). Either person proposes
new terms (how often, how, for how long, goals, from which session) in the agreement's own modal; the other
confirms or keeps it as is from a DM. Confirming re-plans the schedule from the confirmed version: the earlier
rhythm keeps the sessions already held (their prompts still go out), queued rows for sessions that no longer
exist are retired, and the new ones are written by the same plan as the sweep, so nothing is duplicated or lost.

At half-way both get a mid-point review: keep going, adjust (opens a change), or wrap up (ending's own flow).
  midpoint   midpoint:<mentorship>:<end date in the mentor's zone>:<person>
Ids in buttons and private_metadata are attacker-controlled: the clicker must be one of the active pair, and only
the other person may answer a proposal."""

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.domain import checkin_plan, kinds
from bot.domain import pairing as rules
from bot.domain.agreement import Version, differences
from bot.domain.checkin_plan import attending
from bot.domain.timekeeping import as_utc, zone
from bot.domain.working_hours import next_delivery_time
from bot.features import checkins, ending
from bot.features.deps import Deps
from bot.features.pairing import parse_terms, terms_of
from bot.features.sessions import next_meetings
from bot.slack.blocks import agreement as blocks
from bot.slack.blocks import ending as ending_blocks
from bot.slack.delivery import Outgoing
from bot.slack.payload import parse_id, parse_json
from storage import checkins as store
from storage import journey as journey_store
from storage.db import session_scope
from storage.locks import lock_row, write_transaction
from storage.models import AgreementChange, Mentorship, ScheduledMessage
from storage.outbox import enqueue_new

MIDPOINT = kinds.MIDPOINT
LOOKAHEAD = timedelta(days=7)
LATE_MIDPOINT = timedelta(days=7)  # pairs already well past half-way when this shipped are not asked


def _pair(session: Session, mentorship_id: int | None, user_id: str, lock: bool = False) -> Mentorship | None:
    if mentorship_id is None:
        return None
    m = lock_row(session, Mentorship, mentorship_id) if lock else session.get(Mentorship, mentorship_id)
    if m is None or m.status != "active" or user_id not in (m.mentor_id, m.mentee_id):
        return None
    return m


def _tz(session: Session, person: str) -> str:
    found = store.recipients(session, [person]).get(person)
    return (found.tz if found else "") or "UTC"


def _readable(terms: rules.Terms, next_at: datetime | None) -> Version:
    return Version(goals=terms.goals, cadence=rules.CADENCES.get(terms.cadence, terms.cadence),
                   mode=rules.MODES.get(terms.mode, terms.mode), duration=f"{terms.duration_months} months",
                   next_at=next_at)


def change_view(deps: Deps, user_id: str, value: str | None) -> dict | None:
    """The change modal for an active pair of user_id (value: the mentorship id, or `id:day` from a reminder)."""
    now = deps.clock()
    with session_scope(deps.engine) as session:
        m = _pair(session, parse_id((value or "").split(":")[0]), user_id)
        if m is None:
            return None
        upcoming = next_meetings(session, [m], now).get(m.id) or now + timedelta(days=7)
        other = checkin_plan.other_of(m, user_id)
        names = store.recipients(session, [other])
        return blocks.change_modal(m.id, replace(terms_of(m), first_meeting_at=upcoming), _tz(session, user_id),
                                   names[other].name if other in names else other)


@dataclass
class Proposed:
    errors: dict[str, str] = field(default_factory=dict)
    other_id: str = ""
    for_other: dict | None = None
    for_me: dict | None = None


def propose(deps: Deps, user_id: str, view: dict) -> Proposed:
    now = deps.clock()
    mentorship_id = parse_id(parse_json(view.get("private_metadata")).get("m"))
    values = (view.get("state") or {}).get("values") or {}
    with write_transaction(deps.engine) as session:
        m = _pair(session, mentorship_id, user_id, lock=True)
        if m is None:
            return Proposed(errors={"goals": blocks.refused()["text"]})
        terms, errors = parse_terms(values, _tz(session, user_id))
        errors = errors or rules.terms_errors(rules.normalised(terms), now)
        if errors:
            return Proposed(errors=errors)
        terms = rules.normalised(terms)
        upcoming = next_meetings(session, [m], now).get(m.id)
        diffs = differences(_readable(terms_of(m), upcoming), _readable(terms, terms.first_meeting_at))
        if not diffs:
            return Proposed(errors={"goals": blocks.nothing_changed()})
        proposal = journey_store.add_proposal(session, AgreementChange(
            mentorship_id=m.id, proposed_by=user_id, goals=terms.goals, cadence=terms.cadence, mode=terms.mode,
            duration_months=terms.duration_months, meeting_at=terms.first_meeting_at, created_at=now))
        other = checkin_plan.other_of(m, user_id)
        start = terms.first_meeting_at.astimezone(zone(_tz(session, other)))
        return Proposed(other_id=other, for_me=blocks.proposed(other), for_other=blocks.proposal(
            proposal.id, user_id, diffs, blocks.local_label(start) + " (your time)"))


@dataclass
class Decided:
    mine: dict
    theirs: dict | None = None
    other_id: str = ""
    pair: tuple[str, ...] = ()


def decide(deps: Deps, user_id: str, value: str | None, accept: bool) -> Decided:
    """Confirm (apply and re-plan) or keep as is. Only the other person of the active pair, once."""
    now = deps.clock()
    proposal_id = parse_id(value)
    with write_transaction(deps.engine) as session:
        proposal = session.get(AgreementChange, proposal_id) if proposal_id else None
        m = _pair(session, proposal.mentorship_id if proposal else None, user_id, lock=True)
        if m is None or proposal.status != "pending" or proposal.proposed_by == user_id:
            return Decided(blocks.refused())
        meeting_at = as_utc(proposal.meeting_at)
        if accept and meeting_at <= now:
            return Decided(blocks.refused())
        proposal.decided_at = now
        if not accept:
            proposal.status = "declined"
            session.add(proposal)
            return Decided(blocks.kept(user_id), blocks.kept(user_id), proposal.proposed_by)
        apply(session, m, proposal, now)
        labels = {p: blocks.local_label(meeting_at.astimezone(zone(_tz(session, p)))) + " (your time)"
                  for p in (m.mentor_id, m.mentee_id)}
        return Decided(blocks.confirmed(user_id, labels[user_id]), blocks.confirmed(user_id, labels[proposal.proposed_by]),
                       proposal.proposed_by, (m.mentor_id, m.mentee_id))


def apply(session: Session, m: Mentorship, proposal: AgreementChange, now: datetime) -> int:
    """Make the proposal the agreement and re-plan. Returns how many queued rows were retired."""
    proposal.prev_cadence, proposal.prev_anchor = m.cadence, checkin_plan.anchor_of(m)
    proposal.status, proposal.decided_at = "confirmed", now
    m.goals, m.cadence, m.mode = proposal.goals, proposal.cadence, proposal.mode
    m.duration_months, m.first_meeting_at = proposal.duration_months, as_utc(proposal.meeting_at)
    session.add_all([proposal, m])
    session.flush()
    journey_store.drop_changes_from(session, m.id, now)
    return replan(session, m, now, f"agreement{proposal.id}")


def replan(session: Session, m: Mentorship, now: datetime, tag: str) -> int:
    """Retire the queued rows whose session is no longer on the schedule, then write what the plan now holds
    (rows still on it are kept as they are: their keys are taken, so nothing is written twice)."""
    people = store.recipients(session, [m.mentor_id, m.mentee_id])
    tz = people[m.mentor_id].tz if m.mentor_id in people else None
    rows = journey_store.pending_session_rows(session, m.id)
    retired = 0
    if rows:
        ats = [datetime.fromisoformat(r.payload["session_at"]) for r in rows]
        valid = {o.at for o in checkins.occurrences_for(session, m, tz, min(ats) - timedelta(hours=1),
                                                         max(ats) + timedelta(hours=1))}
        retired = journey_store.retire(session, [r for r, at in zip(rows, ats, strict=True) if at not in valid], tag)
    checkins.write_plan(session, checkin_plan.plan(m, people, now,
                                               journey_store.changes_for(session, [m.id]).get(m.id, []),
                                               journey_store.history_for(session, [m.id]).get(m.id, [])))
    return retired


# ---- the mid-point review -------------------------------------------------------------------------------------

def sweep_midpoints(deps: Deps, session: Session, now: datetime) -> int:  # noqa: ARG001
    mentorships = [m for m in store.active_mentorships(session) if m.started_at is not None]
    people = store.recipients(session, [p for m in mentorships for p in (m.mentor_id, m.mentee_id)])
    planned = []
    for m in mentorships:
        tz = people[m.mentor_id].tz if m.mentor_id in people else None
        start = as_utc(m.started_at)
        end = ending.agreed_end(start, m.duration_months, tz)
        half = start + (end - start) / 2
        if half > now + LOOKAHEAD or now - half > LATE_MIDPOINT or now >= end:
            continue
        day = end.astimezone(zone(tz)).date().isoformat()
        for me, person in attending(m, people):
            planned.append({"kind": MIDPOINT, "recipient_id": me, "mentorship_id": m.id,
                            "due_at": next_delivery_time(person.tz, half, person.paused_until),
                            "idempotency_key": f"midpoint:{m.id}:{day}:{me}", "payload": {"end": day}})
    return enqueue_new(session, planned)


def render_midpoint(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:  # noqa: ARG001
    m = session.get(Mentorship, row.mentorship_id) if row.mentorship_id else None
    if m is None or m.status != "active" or row.recipient_id not in (m.mentor_id, m.mentee_id):
        return None
    day = ending.end_day(session, m)
    if day is None or day.isoformat() != row.payload.get("end"):
        return None  # the months changed since: that end has its own half-way
    return Outgoing(channel=row.recipient_id, **blocks.midpoint(
        checkin_plan.other_of(m, row.recipient_id), m.duration_months, day, m.id, ending_blocks.value_of(m.id, day)))


def keep_going(deps: Deps, user_id: str, value: str | None) -> dict | None:
    with session_scope(deps.engine) as session:
        m = _pair(session, parse_id(value), user_id)
        return blocks.keep_going(checkin_plan.other_of(m, user_id)) if m else None
