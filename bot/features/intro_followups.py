"""Outbox renderers for intro requests: the mentor's 48-hour reminder, the 7-day expiry (told to the mentee with up
to three other mentors who fit what drew them), and "not right now" coming back to the mentor after the weeks they
picked. Each re-reads the request: once answered, nothing to send."""

from sqlmodel import Session

from bot.domain.intro import EXPIRES_AFTER
from bot.features.deps import Deps
from bot.features.findmentor import suggestions_for
from bot.features.intro import display_name, mentor_dm
from bot.slack.blocks import findmentor as find_blocks
from bot.slack.blocks import intro as blocks
from bot.slack.delivery import Outgoing
from bot.slack.payload import parse_id
from storage.intros import close_request, get_request, mentee_is_paired, pending_request, reopen
from storage.locks import lock_row
from storage.models import IntroRequest, ScheduledMessage
from storage.people import get_person


def _pending(session: Session, row: ScheduledMessage) -> IntroRequest | None:
    request_id = parse_id((row.payload or {}).get("intro_request_id"))
    request = get_request(session, request_id) if request_id else None
    if request is None:
        return None
    request = lock_row(session, IntroRequest, request.id)
    return request if request.status == "pending" else None


def render_reminder(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:  # noqa: ARG001
    request = _pending(session, row)
    if request is None:
        return None
    name = display_name(get_person(session, request.mentee_id), request.mentee_id)
    dm = mentor_dm(session, request, lead=blocks.reminder_lead(name))
    return Outgoing(channel=request.mentor_id, text=dm["text"], blocks=dm["blocks"])


def render_expiry(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:
    request = _pending(session, row)
    if request is None:
        return None
    now = deps.clock()
    close_request(session, request, "expired", now)
    mentor_name = display_name(get_person(session, request.mentor_id), request.mentor_id)
    matches = suggestions_for(session, request.mentee_id, now, list(request.matched_topics), {request.mentor_id})
    message = find_blocks.suggestions(blocks.expired_lead(mentor_name, len(matches)), matches)
    return Outgoing(channel=request.mentee_id, text=message["text"], blocks=message["blocks"])


def render_ask_again(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:
    """The request comes back to the mentor who said "not right now", unless the mentee found a mentor since or
    already asked this one again."""
    request_id = parse_id((row.payload or {}).get("intro_request_id"))
    request = lock_row(session, IntroRequest, request_id) if request_id else None
    if request is None or request.status != "not_now" or request.mentor_id != row.recipient_id:
        return None
    mentee = get_person(session, request.mentee_id)
    if mentee is None or not mentee.active or mentee_is_paired(session, request.mentee_id) \
            or pending_request(session, request.mentee_id, request.mentor_id) is not None:
        return None
    now = deps.clock()
    reopen(session, request, now, now + EXPIRES_AFTER)
    name = display_name(mentee, request.mentee_id)
    dm = mentor_dm(session, request, lead=blocks.ask_again_lead(name, int(row.payload.get("weeks") or 4)))
    return Outgoing(channel=request.mentor_id, text=dm["text"], blocks=dm["blocks"])
