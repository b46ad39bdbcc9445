"""Agendas and action items: the modals, what meeting reminders and the App Home list, and the notes. Pure
builders; every piece of user text goes through escape()."""

from datetime import date, datetime

from bot.domain.text import escape, mention, truncate
from bot.slack.blocks.checkins import ACTION_ADD_ACTION, day_label
from bot.slack.blocks.common import actions, button, context, message, section

ADD_AGENDA, AGENDA_CALLBACK = "agenda_add", "agenda_submit"
ADD_ACTION, ACTION_CALLBACK, DONE = ACTION_ADD_ACTION, "action_item_submit", "action_item_done"
TEXT_BLOCK, OWNER_BLOCK, DUE_BLOCK = "text", "owner", "due"
TEXT_LIMIT = 500
SHOWN_ACTIONS = 5
PRIVACY = "Only you and your pair see your agenda and action items."


def _plain(text: str) -> dict:
    return {"type": "plain_text", "text": truncate(text, 75)}


def _text_input(label: str, hint: str) -> dict:
    return {"type": "input", "block_id": TEXT_BLOCK, "label": _plain(label), "hint": _plain(hint),
            "element": {"type": "plain_text_input", "action_id": "value", "multiline": True,
                        "max_length": TEXT_LIMIT}}


def agenda_modal(value: str, other_name: str, when: str) -> dict:
    return {"type": "modal", "callback_id": AGENDA_CALLBACK, "private_metadata": value,
            "title": _plain("Add to the agenda"), "submit": _plain("Add"), "close": _plain("Cancel"),
            "blocks": [section(f"Your session with *{escape(other_name)}* on {when}. You set the agenda: what "
                               "do you want from this session?"),
                       _text_input("Agenda item", "A topic, a question, a decision you want help with."),
                       context(PRIVACY)]}


def action_modal(value: str, me: str, other_id: str, other_name: str, period: date) -> dict:
    owners = [{"text": _plain("Me"), "value": me}, {"text": _plain(other_name), "value": other_id}]
    return {"type": "modal", "callback_id": ACTION_CALLBACK, "private_metadata": value,
            "title": _plain("Action item"), "submit": _plain("Save"), "close": _plain("Cancel"),
            "blocks": [section(f"From your session with *{escape(other_name)}* on {day_label(period)}."),
                       _text_input("What", "One concrete next step."),
                       {"type": "input", "block_id": OWNER_BLOCK, "label": _plain("Who"),
                        "element": {"type": "static_select", "action_id": "value", "options": owners,
                                    "initial_option": owners[0]}},
                       {"type": "input", "block_id": DUE_BLOCK, "label": _plain("By when"), "optional": True,
                        "element": {"type": "datepicker", "action_id": "value"}},
                       context(PRIVACY)]}


def action_line(text: str, owner_id: str, due_on: date | None, viewer: str) -> str:
    who = "You" if owner_id == viewer else mention(owner_id)
    due = f", by {day_label(due_on)}" if due_on else ""
    return f"• {escape(truncate(text, 300))} ({who}{due})"


def action_sections(items: list, viewer: str) -> list[dict]:
    """One section per open item with a Done button (value: the item id); the first SHOWN_ACTIONS only."""
    out = [section(action_line(a.text, a.owner_id, a.due_on, viewer), accessory=button("Done", DONE, str(a.id)))
           for a in items[:SHOWN_ACTIONS]]
    if len(items) > SHOWN_ACTIONS:
        out.append(context(f"and {len(items) - SHOWN_ACTIONS} more."))
    return out


def agenda_text(items: list[str]) -> str:
    return "\n".join(f"• {escape(truncate(t, 300))}" for t in items)


def reminder_blocks(agenda: list[str], open_items: list, viewer: str, is_mentee: bool, value: str) -> list[dict]:
    """What a meeting reminder adds: the agenda so far (the mentee can add to it) and the open action items."""
    out = []
    if agenda:
        out.append(section("*Agenda* (set by the mentee):\n" + agenda_text(agenda)))
    elif not is_mentee:
        out.append(section("*Agenda*: none yet; your mentee sets it."))
    if is_mentee:
        out.append(actions(button("Add to the agenda", ADD_AGENDA, value), block_id="agenda"))
    if open_items:
        out.append(section("*Open action items* (tick them off when done):"))
        out += action_sections(open_items, viewer)
    return out


def home_blocks(agendas: list[tuple[str, datetime, list[str]]], open_items: list, viewer: str) -> list[dict]:
    """The Home's part: each pair's agenda for their next session, and the open action items."""
    if not agendas and not open_items:
        return []
    out = [section("*Next sessions and action items*")]
    for other_id, at, items in agendas[:SHOWN_ACTIONS]:
        when = f"<!date^{int(at.timestamp())}^{{date_short_pretty}} at {{time}}|{at:%a %d %b %H:%M} UTC>"
        out.append(section(f"With {mention(other_id)} on {when}. Agenda:\n{agenda_text(items)}"))
    out += action_sections(open_items, viewer)
    return out


def agenda_added(author_id: str, when: str, text: str) -> dict:
    line = f"{mention(author_id)} added to the agenda for your session on {when}:\n• {escape(truncate(text, 300))}"
    return message(f"Your mentee added to the agenda for {when}.", [section(line), context(PRIVACY)])


def action_added(by_id: str, text: str, owner_id: str, due_on: date | None, viewer: str) -> dict:
    line = f"{mention(by_id)} noted an action item from your session:\n{action_line(text, owner_id, due_on, viewer)}"
    return message("A new action item from your mentoring session.", [section(line), context(PRIVACY)])


def saved(what: str) -> dict:
    text = f"Saved: {escape(truncate(what, 200))}"
    return message(text, [section(text)])


def ticked(text: str) -> dict:
    line = f"Ticked off: {escape(truncate(text, 200))}. Well done!"
    return message(line, [section(line)])


def refused() -> dict:
    text = "That isn't one of your sessions or action items, or the mentorship has ended, so nothing changed."
    return message(text, [section(text)])


def mentee_sets_agenda() -> dict:
    text = "In mentoring the mentee sets the agenda, so only your mentee can add to it; share ideas with them."
    return message(text, [section(text)])
