"""From an accepted request to an active mentorship: the agreement both confirm, the welcome DMs, the program
channel's announcement and both Homes. Ids from buttons and private_metadata are checked against the user."""

import logging
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain import lifecycle
from bot.domain import pairing as rules
from bot.domain.timekeeping import as_utc
from bot.features.answers import ModalOrRefusal, refused
from bot.features.deps import Deps
from bot.features.home import publish_home
from bot.slack.blocks import pairing as blocks
from bot.slack.delivery import send
from bot.slack.payload import parse_id, parse_json
from storage.db import session_scope
from storage.locks import write_transaction
from storage.mentor_search import person_tz
from storage.mentorships import agree, get_mentorship, lock_mentorship
from storage.models import Mentorship
from storage.people import get_person, get_profile
from storage.programs import admin_ids, get_program

log = logging.getLogger(__name__)
DEFAULT_FIRST_MEETING = time(10, 0)


def _name(session, person_id: str) -> str:
    person = get_person(session, person_id)
    return (person.name if person and person.name else "") or person_id


def _tz(session, person_id: str) -> str:
    return person_tz(get_person(session, person_id), get_profile(session, person_id))


def terms_of(m: Mentorship) -> rules.Terms:
    return rules.Terms(goals=m.goals, cadence=m.cadence, mode=m.mode, duration_months=m.duration_months,
                       first_meeting_at=as_utc(m.first_meeting_at))


def invite_to_agree(deps: Deps, client: WebClient, mentorship_id: int, both_said_yes: bool = False) -> None:
    """both_said_yes: a matching round's pair, where both accepted a proposal (no request was sent)."""
    with session_scope(deps.engine) as session:
        m = get_mentorship(session, mentorship_id)
        mentor, mentee = _name(session, m.mentor_id), _name(session, m.mentee_id)
    if both_said_yes:
        lead = f":tada: You and *{blocks.escape(mentor)}* both said yes! Next, agree how you'll work together."
    else:
        lead = f":tada: *{blocks.escape(mentor)}* accepted your request! Next, agree how you'll work together."
    send(deps.engine, client, m.mentee_id, **blocks.invitation(m.id, m.mentor_id, mentor, lead))
    send(deps.engine, client, m.mentor_id, **blocks.invitation(
        m.id, m.mentee_id, mentee, "Thanks for saying yes! Set out how you'll work together; it's prefilled from "
                                   "the request."))


def _participant(m: Mentorship | None, user_id: str) -> bool:
    return m is not None and user_id in (m.mentor_id, m.mentee_id)


def open_agreement(deps: Deps, user_id: str, mentorship_id: int | None) -> ModalOrRefusal:
    now = deps.clock()
    with session_scope(deps.engine) as session:
        m = get_mentorship(session, mentorship_id) if mentorship_id else None
        if not _participant(m, user_id):
            return refused(blocks.not_participant())
        if m.status != lifecycle.PROPOSED:
            return refused(blocks.already_agreed())
        by_mentor = user_id == m.mentor_id
        other = m.mentee_id if by_mentor else m.mentor_id
        tz, other_name = _tz(session, user_id), _name(session, other)
        other_confirmed = m.mentee_confirmed if by_mentor else m.mentor_confirmed
        default_day = rules.first_workday(rules.in_zone(now, tz).date() + timedelta(days=3))
        default_first = rules.local_to_utc(default_day, DEFAULT_FIRST_MEETING, tz)
        return ModalOrRefusal(view=blocks.agreement_modal(m.id, terms_of(m), tz, default_first, other_name,
                                                          other_confirmed))


@dataclass
class Agreed:
    errors: dict[str, str] = field(default_factory=dict)
    mentorship_id: int = 0
    user_id: str = ""
    other_id: str = ""
    active: bool = False
    notify_other: bool = False


def _picked(values: dict, block: str, action: str, key: str) -> str:
    entry = (values.get(block) or {}).get(action) or {}
    value = entry.get(key)
    if isinstance(value, dict):
        value = value.get("value")
    return str(value or "")


def parse_terms(values: dict, tz: str) -> tuple[rules.Terms | None, dict[str, str]]:
    goals = _picked(values, "goals", "text", "value")
    try:
        day = date.fromisoformat(_picked(values, "first_date", "date", "selected_date"))
    except ValueError:
        day = None
    raw_time = _picked(values, "first_time", "time", "selected_time")
    try:
        at = time.fromisoformat(raw_time) if raw_time else DEFAULT_FIRST_MEETING
    except ValueError:
        return None, {"first_time": "Pick a time such as 10:00."}
    duration = _picked(values, "duration", "choice", "selected_option")
    terms = rules.Terms(
        goals=goals.strip(), cadence=_picked(values, "cadence", "choice", "selected_option"),
        mode=_picked(values, "mode", "choice", "selected_option"),
        duration_months=int(duration) if duration.isdigit() else 0,
        first_meeting_at=rules.local_to_utc(day, at, tz) if day else None)
    return terms, {}


def submit_agreement(deps: Deps, user_id: str, view: dict) -> Agreed:
    mentorship_id = parse_id(parse_json(view.get("private_metadata")).get("m"))
    now = deps.clock()
    values = (view.get("state") or {}).get("values") or {}
    with write_transaction(deps.engine) as session:
        m = lock_mentorship(session, mentorship_id) if mentorship_id else None
        if not _participant(m, user_id):
            return Agreed(errors={"goals": blocks.not_participant()["text"]})
        if m.status != lifecycle.PROPOSED:
            return Agreed(errors={"goals": blocks.already_agreed()["text"]})
        terms, errors = parse_terms(values, _tz(session, user_id))
        errors = errors or rules.terms_errors(terms, now)
        if errors:
            return Agreed(errors=errors)
        by_mentor = user_id == m.mentor_id
        result = rules.confirm(terms_of(m), terms, by_mentor, m.mentor_confirmed, m.mentee_confirmed)
        m.goals, m.cadence, m.mode = result.terms.goals, result.terms.cadence, result.terms.mode
        m.duration_months, m.first_meeting_at = result.terms.duration_months, result.terms.first_meeting_at
        m.mentor_confirmed, m.mentee_confirmed = result.mentor_confirmed, result.mentee_confirmed
        session.add(m)
        if result.agreed:
            agree(session, m, now)
        other = m.mentee_id if by_mentor else m.mentor_id
        return Agreed(mentorship_id=m.id, user_id=user_id, other_id=other, active=result.agreed,
                      notify_other=result.changed)


def after_agreement(deps: Deps, client: WebClient, done: Agreed) -> None:
    with session_scope(deps.engine) as session:
        m = get_mentorship(session, done.mentorship_id)
        terms = terms_of(m)
        names = {p: _name(session, p) for p in (m.mentor_id, m.mentee_id)}
        zones = {p: _tz(session, p) for p in (m.mentor_id, m.mentee_id)}
    if not done.active:
        send(deps.engine, client, done.user_id, **blocks.waiting(names[done.other_id], terms, zones[done.user_id]))
        if done.notify_other:
            send(deps.engine, client, done.other_id, **blocks.changed(m.id, done.user_id, names[done.user_id]))
        return
    for me, other, role in ((m.mentor_id, m.mentee_id, "mentee"), (m.mentee_id, m.mentor_id, "mentor")):
        send(deps.engine, client, me, **blocks.welcome(other, names[other], role, terms, zones[me]))
    announce(deps, client, m)
    for person in (m.mentor_id, m.mentee_id):
        publish_home(deps, client, person)


def announce(deps: Deps, client: WebClient, m: Mentorship) -> str:
    """Post the pairing in the program's channel. Returns what happened: posted | no_program | admins_told."""
    with session_scope(deps.engine) as session:
        program = get_program(session, m.program_id)
        admins = admin_ids(session, program.id) if program else []
    if program is None or not program.channel_id:
        return "no_program"
    post = blocks.announcement(m.mentor_id, m.mentee_id, program.name)
    try:
        client.chat_postMessage(channel=program.channel_id, **post)
        return "posted"
    except SlackApiError as exc:
        error = exc.response.get("error", "")
        if error not in ("not_in_channel", "channel_not_found"):
            log.warning("pairing announcement failed: %s", error)
            return "failed"
    try:
        client.conversations_join(channel=program.channel_id)
        client.chat_postMessage(channel=program.channel_id, **post)
        return "posted"
    except SlackApiError as exc:
        error = exc.response.get("error", "unknown")
    log.warning("cannot post in the program channel: %s; telling %d admin(s)", error, len(admins))
    for admin in admins:
        try:
            send(deps.engine, client, admin, **blocks.channel_help(program.channel_id, program.name, error))
        except SlackApiError as exc:
            log.warning("could not DM a program admin: %s", exc.response.get("error"))
    return "admins_told"
