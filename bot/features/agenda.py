"""Agendas and action items, as the guide asks: the mentee sets the agenda (from the meeting reminder; the mentor
is told and sees it in their reminder and on the Home), and a check-in records action items with an owner and a
due date; open items are listed in the next meeting reminder and on the Home until someone ticks them off.

Values and private_metadata are attacker-controlled: every use case checks the user is one of the active pair
(and, for the agenda, the mentee)."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from bot.domain import checkin_plan
from bot.domain.sessions import Occurrence
from bot.domain.timekeeping import zone
from bot.features.deps import Deps
from bot.features.sessions import find_session
from bot.slack.blocks import agenda as blocks
from bot.slack.blocks.checkins import parse_answer_value
from bot.slack.blocks.sessions import when as when_label
from bot.slack.payload import parse_id
from storage import agenda as store
from storage import checkins as checkin_store
from storage.db import session_scope
from storage.locks import write_transaction
from storage.models import ActionItem, AgendaItem, Mentorship

LIVE = ("active",)


@dataclass
class Done:
    errors: dict[str, str] | None = None
    reply: dict | None = None  # for the user
    notify: str = ""  # who else to tell
    note: dict | None = None
    pair: tuple[str, ...] = ()


def _name(session: Session, person: str) -> str:
    found = checkin_store.recipients(session, [person]).get(person)
    return found.name if found else person


def _local(session: Session, person: str, at: datetime) -> datetime:
    found = checkin_store.recipients(session, [person]).get(person)
    return at.astimezone(zone(found.tz if found else None))


def agenda_view(deps: Deps, user_id: str, value: str | None) -> dict | None:
    """The agenda modal for an upcoming session; None if refused. A mentor gets the reason instead."""
    with session_scope(deps.engine) as session:
        found = find_session(session, user_id, value)
        if found is None or found.occurrence.at <= deps.clock():
            return None
        m = found.mentorship
        if user_id != m.mentee_id:
            return blocks.mentee_sets_agenda()
        return blocks.agenda_modal(value, _name(session, m.mentor_id),
                                   when_label(_local(session, user_id, found.occurrence.at)))


def add_agenda(deps: Deps, user_id: str, value: str | None, text: str) -> Done:
    text = text.strip()
    if not text:
        return Done(errors={blocks.TEXT_BLOCK: "Write what you want to cover, or cancel."})
    if len(text) > blocks.TEXT_LIMIT:
        return Done(errors={blocks.TEXT_BLOCK: f"Keep it under {blocks.TEXT_LIMIT} characters."})
    with write_transaction(deps.engine) as session:
        found = find_session(session, user_id, value, lock=True)
        if found is None or found.occurrence.at <= deps.clock() or user_id != found.mentorship.mentee_id:
            return Done(errors={blocks.TEXT_BLOCK: blocks.refused()["text"]})
        m, at = found.mentorship, found.occurrence
        store.add_agenda(session, AgendaItem(mentorship_id=m.id, slot_at=at.slot_at, author_id=user_id, text=text,
                                             created_at=deps.clock()))
        return Done(reply=blocks.saved(text), notify=m.mentor_id, pair=(m.mentor_id, m.mentee_id),
                    note=blocks.agenda_added(user_id, when_label(_local(session, m.mentor_id, at.at)), text))


def action_view(deps: Deps, user_id: str, value: str | None) -> dict | None:
    parsed = parse_answer_value(value)
    with session_scope(deps.engine) as session:
        m = checkin_store.live_mentorship_of(session, parsed[0], user_id) if parsed else None
        if m is None or m.status not in LIVE:
            return None
        other = checkin_plan.other_of(m, user_id)
        return blocks.action_modal(value, user_id, other, _name(session, other), parsed[1])


def add_action(deps: Deps, user_id: str, value: str | None, text: str, owner: str, due: str) -> Done:
    text = text.strip()
    if not text:
        return Done(errors={blocks.TEXT_BLOCK: "Write the next step, or cancel."})
    if len(text) > blocks.TEXT_LIMIT:
        return Done(errors={blocks.TEXT_BLOCK: f"Keep it under {blocks.TEXT_LIMIT} characters."})
    try:
        due_on = date.fromisoformat(due) if due else None
    except ValueError:
        return Done(errors={blocks.DUE_BLOCK: "Pick a date."})
    parsed = parse_answer_value(value)
    with write_transaction(deps.engine) as session:
        m = checkin_store.live_mentorship_of(session, parsed[0], user_id) if parsed else None
        if m is None or m.status not in LIVE:
            return Done(errors={blocks.TEXT_BLOCK: blocks.refused()["text"]})
        if owner not in (m.mentor_id, m.mentee_id):
            return Done(errors={blocks.OWNER_BLOCK: "Pick one of you two."})
        if due_on is not None and due_on < _local(session, user_id, deps.clock()).date():
            return Done(errors={blocks.DUE_BLOCK: "Pick today or a later day."})
        store.add_action(session, ActionItem(mentorship_id=m.id, owner_id=owner, text=text, due_on=due_on,
                                             created_by=user_id, created_at=deps.clock()))
        other = checkin_plan.other_of(m, user_id)
        return Done(reply=blocks.saved(text), notify=other, pair=(m.mentor_id, m.mentee_id),
                    note=blocks.action_added(user_id, text, owner, due_on, other))


def tick(deps: Deps, user_id: str, value: str | None) -> Done:
    item_id = parse_id(value)
    with write_transaction(deps.engine) as session:
        item = session.get(ActionItem, item_id) if item_id else None
        m = session.get(Mentorship, item.mentorship_id) if item else None
        if m is None or m.status not in LIVE or user_id not in (m.mentor_id, m.mentee_id) or item.done_at:
            return Done(reply=blocks.refused())
        store.tick(session, item, user_id, deps.clock())
        return Done(reply=blocks.ticked(item.text), pair=(m.mentor_id, m.mentee_id))


# ---- what the Home shows (meeting reminders list them in bot.checkins) -------------------------------------------------------------------------

def home_extras(session: Session, user_id: str, mentorships: list[Mentorship],
                upcoming: dict[int, Occurrence]) -> list[dict]:
    """The Home's agendas (for each pair's next session, `upcoming`) and open action items: two queries."""
    active = [m for m in mentorships if m.status == "active"]
    if not active:
        return []
    agendas = store.agendas_for(session, {m.id: upcoming[m.id].slot_at for m in active if m.id in upcoming})
    shown = [(checkin_plan.other_of(m, user_id), upcoming[m.id].at, [a.text for a in agendas[m.id]])
             for m in active if m.id in agendas]
    return blocks.home_blocks(shown, store.open_actions(session, [m.id for m in active]), user_id)
