"""Intro requests end to end: open the drafted modal, send the request, and the mentor's answer.
Handlers call these after parsing; every id that arrives in a button value or private_metadata is checked
against the clicking user here before anything is written."""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.domain import intro as rules
from bot.domain.search_text import analyse
from bot.domain.text import escape, mention
from bot.features.answers import ModalOrRefusal, refused
from bot.features.deps import Deps
from bot.features.findmentor import available_card, suggestions_for
from bot.features.home import publish_home
from bot.features.pairing import invite_to_agree
from bot.slack.blocks import findmentor as find_blocks
from bot.slack.blocks import intro as blocks
from bot.slack.delivery import dm_channel, send
from bot.slack.payload import parse_id, parse_json
from storage.db import session_scope
from storage.intros import (
    active_goal_titles,
    ask_again_later,
    close_request,
    create_request,
    get_request,
    lock_mentee,
    open_request_count,
    pending_request,
)
from storage.locks import lock_row, write_transaction
from storage.mentor_search import person_tz
from storage.mentorships import NoSlotLeft, take_slot
from storage.models import IntroRequest, Person, Profile
from storage.people import get_person, get_profile
from storage.programs import get_program, programs_of, sole_program

log = logging.getLogger(__name__)


def mentee_goals(session: Session, person_id: str, words: str = "") -> list[str]:
    goals = active_goal_titles(session, person_id)
    if not goals:
        profile = get_profile(session, person_id)
        if profile and profile.areas_to_improve.strip():
            goals = [profile.areas_to_improve.strip()]
    if not goals and words.strip():
        goals = [words.strip()]
    return goals


def about_line(person: Person | None, profile: Profile | None) -> str:
    if person is None:
        return ""
    bits = [profile.title if profile and profile.title else person.title]
    if profile:
        bits.append(f"{profile.years_experience} yrs experience")
        bits.append(profile.career_aspiration or profile.career_path)
        if profile.languages:
            bits.append("speaks " + ", ".join(profile.languages))
    bits.append(person_tz(person, profile))
    return " · ".join(b for b in bits if b)


def display_name(person: Person | None, fallback: str) -> str:
    return (person.name if person and person.name else "") or fallback


# ---- 1. "Request intro": the drafted modal ----------------------------------------------------------------

def open_intro_modal(deps: Deps, user_id: str, value: str) -> ModalOrRefusal:
    """The drafted modal, or an ephemeral message when the request can't be made."""
    data = parse_json(value)
    mentor_id, words = str(data.get("m") or ""), str(data.get("q") or "")
    now = deps.clock()
    with session_scope(deps.engine) as session:
        if rules.limit_reached(open_request_count(session, user_id)):
            return refused(find_blocks.message(rules.limit_message(), [find_blocks.section(rules.limit_message())]))
        if pending_request(session, user_id, mentor_id):
            text = "You have already asked them; I'll tell you as soon as they answer."
            return refused(find_blocks.message(text, [find_blocks.section(text)]))
        found = available_card(session, user_id, mentor_id, now)
        if found is None:
            return refused(find_blocks.not_available())
        card, _ = found
        me, my_profile = get_person(session, user_id), get_profile(session, user_id)
        goals = mentee_goals(session, user_id)  # never the search words: the draft asks for a line instead
        query = set(analyse(" ".join([words, *goals])))
        topics = [t for t in card.expertise if query & set(analyse(t))][:3] or list(card.expertise[:2])
        mentor_profile = get_profile(session, mentor_id)
        draft = rules.draft_message(rules.DraftInput(
            mentor_name=card.name, mentee_name=display_name(me, "a colleague"),
            mentee_role=(my_profile.title if my_profile and my_profile.title else (me.title if me else "")),
            topics=tuple(topics), goals=tuple(goals),
            mentor_project=mentor_profile.proud_of if mentor_profile else "",
            mentee_aim=(my_profile.career_aspiration or my_profile.career_path) if my_profile else ""))
        programs = [(p.id, p.name) for p in programs_of(session, user_id)]
        cadence = card.offer_cadence if card.offer_cadence in rules.CADENCES else rules.DEFAULT_CADENCE
    view = blocks.intro_modal(card.name, draft, cadence, programs, {"m": mentor_id, "t": topics})
    return ModalOrRefusal(view=view)


# ---- 2. Sending it ----------------------------------------------------------------------------------------

@dataclass
class Sent:
    request_id: int = 0
    errors: dict[str, str] = field(default_factory=dict)
    mentor_id: str = ""
    mentor_name: str = ""
    dm: dict = field(default_factory=dict)
    open_requests: int = 0


def _selected(values: dict, block: str) -> str:
    return str((((values.get(block) or {}).get("choice") or {}).get("selected_option") or {}).get("value") or "")


def submit_intro(deps: Deps, user_id: str, view: dict) -> Sent:
    meta = parse_json(view.get("private_metadata"))
    mentor_id = str(meta.get("m") or "")
    topics = [str(t)[:100] for t in meta.get("t") or [] if isinstance(t, str)][:5]
    values = (view.get("state") or {}).get("values") or {}
    text = str(((values.get("message") or {}).get("text") or {}).get("value") or "")
    cadence = _selected(values, "cadence")
    program_choice = _selected(values, "program")
    error = rules.message_error(text)
    if error:
        return Sent(errors={"message": error})
    if cadence not in rules.CADENCES:
        return Sent(errors={"cadence": "Pick weekly, every two weeks or monthly."})
    now = deps.clock()
    with write_transaction(deps.engine) as session:
        lock_mentee(session, user_id)  # one mentee's submits are serialised: the limit holds under double clicks
        if rules.limit_reached(open_request_count(session, user_id)):
            return Sent(errors={"message": rules.limit_message()})
        if pending_request(session, user_id, mentor_id):
            return Sent(errors={"message": "You have already asked this mentor; wait for their answer."})
        found = available_card(session, user_id, mentor_id, now)
        if found is None:
            return Sent(errors={"message": "This mentor can't take a request from you right now (no free slot, "
                                           "away, or already asked). Close this and run /findmentor again."})
        card, _ = found
        programs = {str(p.id): p for p in programs_of(session, user_id)}
        if program_choice and program_choice not in programs:
            return Sent(errors={"program": "Pick one of your programs."})
        # Every mentorship belongs to a program: the one picked, the requester's only one, else the workspace's
        # only program (with several and no membership, none is guessed).
        program = programs.get(program_choice) or next(iter(programs.values()), None) or sole_program(session)
        request = create_request(session, mentee_id=user_id, mentor_id=mentor_id, message=text.strip(),
                                 cadence=cadence, matched_topics=topics,
                                 program_id=program.id if program else None, now=now,
                                 followups=rules.followups(mentor_id, user_id, now))
        dm = mentor_dm(session, request)
        count = open_request_count(session, user_id)
    return Sent(request_id=request.id, mentor_id=mentor_id, mentor_name=card.name, dm=dm, open_requests=count)


def mentor_dm(session: Session, request: IntroRequest, lead: str = "") -> dict:
    mentee, profile = get_person(session, request.mentee_id), get_profile(session, request.mentee_id)
    program = get_program(session, request.program_id)
    name = display_name(mentee, request.mentee_id)
    return blocks.request_for_mentor(
        request.id, request.mentee_id, name, about_line(mentee, profile),
        mentee_goals(session, request.mentee_id), list(request.matched_topics), request.message,
        request.cadence, program.name if program else "", lead=lead)


def deliver_request(deps: Deps, client: WebClient, user_id: str, sent: Sent) -> None:
    send(deps.engine, client, sent.mentor_id, **sent.dm)
    send(deps.engine, client, user_id, **blocks.acknowledgement(sent.mentor_name, sent.open_requests))


# ---- 3. The mentor's answer -------------------------------------------------------------------------------

@dataclass
class Answer:
    reply: dict | None = None  # ephemeral to the clicker when nothing changed
    mentorship_id: int | None = None
    mentee_id: str = ""
    mentee_name: str = ""


def _check_answerable(session: Session, user_id: str, request_id: int | None) -> tuple[IntroRequest | None, dict | None]:
    request = get_request(session, request_id) if request_id else None
    if request is None or request.mentor_id != user_id:
        return None, blocks.not_yours()
    if request.status != "pending":
        return None, blocks.already_answered(request.status)
    return request, None


def accept(deps: Deps, user_id: str, raw_id: str) -> Answer:
    request_id = parse_id(raw_id)
    now = deps.clock()
    with write_transaction(deps.engine) as session:
        request, problem = _check_answerable(session, user_id, request_id)
        if problem:
            return Answer(reply=problem)
        # Lock order everywhere: the mentor's profile, then the request (see storage.mentorships.take_slot).
        lock_row(session, Profile, user_id)
        request = lock_row(session, IntroRequest, request_id)
        if request.status != "pending":
            return Answer(reply=blocks.already_answered(request.status))
        mentee = get_person(session, request.mentee_id)
        goals = "\n".join(mentee_goals(session, request.mentee_id) or list(request.matched_topics))
        try:
            mentorship = take_slot(session, request, goals, now)
        except NoSlotLeft as full:
            text = (f"You have no free mentee slot left (your capacity is {full.capacity}, and all are taken; "
                    f"a pairing may have just been confirmed). Nothing changed: use Decline or Not right now to let "
                    f"{escape(display_name(mentee, request.mentee_id))} know, or raise your capacity in your "
                    "profile first.")
            return Answer(reply=find_blocks.message(text, [find_blocks.section(text)]))
        close_request(session, request, "accepted", now)
        return Answer(mentorship_id=mentorship.id, mentee_id=request.mentee_id,
                      mentee_name=display_name(mentee, request.mentee_id))


def open_decline_modal(deps: Deps, user_id: str, raw_id: str, status: str, container: dict) -> ModalOrRefusal:
    with session_scope(deps.engine) as session:
        request, problem = _check_answerable(session, user_id, parse_id(raw_id))
        if problem:
            return refused(problem)
        name = display_name(get_person(session, request.mentee_id), request.mentee_id)
    origin = {"c": str(container.get("channel_id") or ""), "ts": str(container.get("message_ts") or "")}
    return ModalOrRefusal(view=blocks.decline_modal(request.id, status, name, origin))


@dataclass
class Declined:
    errors: dict[str, str] = field(default_factory=dict)
    mentee_id: str = ""
    mentee_name: str = ""
    suggestions: dict = field(default_factory=dict)
    origin: dict = field(default_factory=dict)
    status: str = ""


def submit_decline(deps: Deps, user_id: str, view: dict) -> Declined:
    meta = parse_json(view.get("private_metadata"))
    status = meta.get("s") if meta.get("s") in ("declined", "not_now") else "declined"
    note = str((((view.get("state") or {}).get("values") or {}).get("note") or {}).get("text", {}).get("value") or "")
    if len(note) > rules.NOTE_MAX:
        return Declined(errors={"note": f"Please keep it under {rules.NOTE_MAX} characters."})
    request_id = parse_id(meta.get("r"))
    now = deps.clock()
    with write_transaction(deps.engine) as session:
        request, problem = _check_answerable(session, user_id, request_id)
        if request is not None:
            request = lock_row(session, IntroRequest, request_id)
            problem = None if request.status == "pending" else blocks.already_answered(request.status)
        if problem:
            return Declined(errors={"note": problem["text"]})
        close_request(session, request, status, now, note.strip())
        if status == "not_now":
            weeks = ask_again_weeks(view)
            ask_again_later(session, request, now + timedelta(weeks=weeks), weeks)
        me = get_person(session, user_id)
        lead = blocks.declined_lead(display_name(me, user_id), status, note)
        matches = suggestions_for(session, request.mentee_id, now, list(request.matched_topics), {user_id})
        mentee_name = display_name(get_person(session, request.mentee_id), request.mentee_id)
        return Declined(mentee_id=request.mentee_id, mentee_name=mentee_name,
                        suggestions=find_blocks.suggestions(lead, matches), origin=meta, status=status)


def ask_again_weeks(view: dict) -> int:
    """The weeks picked in the "Not right now" modal: 2, 4 or 8 (4 when absent or forged)."""
    picked = (((((view.get("state") or {}).get("values") or {}).get("ask_again") or {}).get("choice") or {})
              .get("selected_option") or {}).get("value")
    return int(picked) if picked in blocks.ASK_AGAIN_WEEKS else 4


def after_decline(deps: Deps, client: WebClient, user_id: str, done: Declined) -> None:
    send(deps.engine, client, done.mentee_id, **done.suggestions)
    what = "declined" if done.status == "declined" else "answered “not right now” to"
    later = " I'll bring it back to you when you asked." if done.status == "not_now" else ""
    _update_origin(deps, client, user_id, done.origin,
                   blocks.answered(f"You {what} {escape(done.mentee_name)}'s request. Thank you for answering; "
                                   f"I've let them know kindly and suggested other mentors.{later}"))


def _update_origin(deps: Deps, client: WebClient, user_id: str, origin: dict, new_message: dict) -> None:
    """Replace the buttons of the mentor's DM, if the metadata points at that DM (never another channel)."""
    channel, ts = str(origin.get("c") or ""), str(origin.get("ts") or "")
    if not channel or not ts:
        return
    try:
        with session_scope(deps.engine) as session:
            dm, _ = dm_channel(session, client, user_id)
        if dm == channel:
            client.chat_update(channel=channel, ts=ts, **new_message)
    except SlackApiError as exc:
        log.info("could not update the answered request message: %s", exc.response.get("error"))


def after_accept(deps: Deps, client: WebClient, user_id: str, answer: Answer, respond) -> None:
    respond(replace_original=True, **blocks.answered(
        f"You accepted {escape(answer.mentee_name)}'s request ({mention(answer.mentee_id)}). "
        "Next: agree how you'll work together; I've sent you both the agreement."))
    invite_to_agree(deps, client, answer.mentorship_id)
    for person in (user_id, answer.mentee_id):
        publish_home(deps, client, person)
