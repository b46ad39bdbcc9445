"""Intro request surfaces: the draft modal, the mentor's DM with Accept / Decline / Not right now, and the notes
each side gets. Pure builders; every piece of user text is escaped."""

import json

from bot.domain.intro import CADENCES, MAX_OPEN_REQUESTS, MESSAGE_MAX, NOTE_MAX
from bot.domain.text import escape, mention, truncate
from bot.slack import ids
from bot.slack.blocks.common import actions, button, context, message, section


def plain(text: str) -> dict:
    return {"type": "plain_text", "text": truncate(text, 75)}


def option(value: str, label: str) -> dict:
    return {"text": plain(label), "value": value}


def select(action_id: str, choices: dict[str, str], initial: str | None) -> dict:
    options = [option(v, label) for v, label in choices.items()]
    el = {"type": "static_select", "action_id": action_id, "options": options}
    if initial in choices:
        el["initial_option"] = option(initial, choices[initial])
    return el


def input_block(block_id: str, label: str, element: dict, optional: bool = False, hint: str = "") -> dict:
    block = {"type": "input", "block_id": block_id, "label": plain(label), "element": element}
    if optional:
        block["optional"] = True
    if hint:
        block["hint"] = {"type": "plain_text", "text": hint}
    return block


def quoted(text: str) -> str:
    return "\n".join("> " + line for line in escape(text).splitlines() or [""])


def intro_modal(mentor_name: str, draft: str, cadence: str, programs: list[tuple[int, str]],
                metadata: dict) -> dict:
    blocks = [section(f"To *{escape(mentor_name)}*. Edit the draft as you like: they will also see a short "
                      "summary of your profile and goals.")]
    blocks.append(input_block("message", "Your message", {
        "type": "plain_text_input", "action_id": "text", "multiline": True, "initial_value": draft,
        "max_length": MESSAGE_MAX}))
    blocks.append(input_block("cadence", "How often would you like to meet?", select("choice", CADENCES, cadence)))
    if len(programs) > 1:
        choices = {str(pid): name for pid, name in programs}
        blocks.append(input_block("program", "Program", select("choice", choices, str(programs[0][0]))))
    elif programs:
        blocks.append(context(f"Program: {escape(programs[0][1])}"))
    return {"type": "modal", "callback_id": ids.INTRO_SUBMIT, "title": plain("Request an intro"),
            "submit": plain("Send request"), "close": plain("Cancel"),
            "private_metadata": json.dumps(metadata, separators=(",", ":")), "blocks": blocks}


def answer_buttons(request_id: int) -> dict:
    value = str(request_id)
    return actions(button("Accept", ids.INTRO_ACCEPT, value, style="primary"),
                   button("Decline", ids.INTRO_DECLINE, value),
                   button("Not right now", ids.INTRO_NOT_NOW, value), block_id="intro_answer")


def request_for_mentor(request_id: int, mentee_id: str, mentee_name: str, about: str, goals: list[str],
                       topics: list[str], message_text: str, cadence: str, program: str = "",
                       lead: str = "") -> dict:
    """The mentor's DM. `about`: a one-line profile summary (plain text)."""
    head = lead or f"*{escape(mentee_name)}* ({mention(mentee_id)}) asks whether you would mentor them."
    fields = [{"type": "mrkdwn", "text": "*About them*\n" + escape(truncate(about, 1500) or "—")},
              {"type": "mrkdwn", "text": "*Their goals*\n" + (escape(truncate("; ".join(goals), 1500)) or "—")},
              {"type": "mrkdwn", "text": "*Proposed cadence*\n" + escape(CADENCES.get(cadence, cadence))}]
    if program:
        fields.append({"type": "mrkdwn", "text": "*Program*\n" + escape(program)})
    blocks = [section(head), section(quoted(message_text)), {"type": "section", "fields": fields}]
    if topics:
        blocks.append(context("What drew them to you: " + ", ".join(escape(t) for t in topics)))
    blocks.append(answer_buttons(request_id))
    blocks.append(context("If you don't answer within 7 days the request closes by itself."))
    return message(f"{escape(mentee_name)} asks whether you would mentor them", blocks)


def reminder_lead(mentee_name: str) -> str:
    return (f"A gentle reminder: *{escape(mentee_name)}* is waiting to hear whether you would mentor them. "
            "A quick answer either way helps them move on.")


def acknowledgement(mentor_name: str, open_requests: int) -> dict:
    text = (f"Your intro request is on its way to *{escape(mentor_name)}*. They have 7 days to answer and I'll "
            f"tell you either way. Open requests: {open_requests} of {MAX_OPEN_REQUESTS}.")
    return message(text, [section(text)])


def answered(what: str) -> dict:
    """Replaces the buttons of the mentor's DM once answered (what: mrkdwn, already escaped)."""
    return message(what, [section(what)])


def already_answered(status: str) -> dict:
    words = {"accepted": "accepted", "declined": "declined", "not_now": "answered “not right now” to",
             "expired": "let expire", "withdrawn": "saw withdrawn"}
    text = (f"This request was already answered (you {words.get(status, status)} it), so nothing changed. "
            "Each request can be answered once.")
    if status == "expired":
        text = "This request expired after 7 days, so nothing changed."
    return message(text, [section(text)])


def not_yours() -> dict:
    text = "That request isn't addressed to you, so nothing changed."
    return message(text, [section(text)])


def decline_modal(request_id: int, status: str, mentee_name: str, origin: dict) -> dict:
    title = "Decline" if status == "declined" else "Not right now"
    intro = (f"I'll let *{escape(mentee_name)}* know kindly and suggest other mentors. "
             "A word from you helps them (optional).")
    return {"type": "modal", "callback_id": ids.INTRO_DECLINE_SUBMIT, "title": plain(title),
            "submit": plain("Send"), "close": plain("Cancel"),
            "private_metadata": json.dumps({"r": request_id, "s": status, **origin}, separators=(",", ":")),
            "blocks": [section(intro), input_block("note", "A kind word", {
                "type": "plain_text_input", "action_id": "text", "multiline": True, "max_length": NOTE_MAX,
                "placeholder": plain("e.g. My plate is full until spring: Grace knows this area well.")},
                optional=True), *([ask_again_input()] if status == "not_now" else [])]}


ASK_AGAIN_WEEKS = {"2": "In 2 weeks", "4": "In 4 weeks", "8": "In 8 weeks"}


def ask_again_input() -> dict:
    """"Not right now": when the request should come back to the mentor (unlike a decline, it does)."""
    return input_block("ask_again", "Ask me again", select("choice", ASK_AGAIN_WEEKS, "4"), optional=True,
                       hint="The request comes back to you then, if they are still looking.")


def ask_again_lead(mentee_name: str, weeks: int) -> str:
    return (f"{weeks} weeks ago you said “not right now” to *{escape(mentee_name)}* and asked me to bring their "
            "request back. Is now a better time?")


def declined_lead(mentor_name: str, status: str, note: str) -> str:
    if status == "declined":
        lead = (f"*{escape(mentor_name)}* can't be your mentor this time. That happens, and it's usually about "
                "timing and fit rather than you.")
    else:
        lead = f"*{escape(mentor_name)}* can't take this on right now; maybe another time."
    if note.strip():
        lead += "\nThey wrote:\n" + quoted(note.strip())
    return lead + "\nHere are the next mentors who fit what you're looking for:"


COUNT_WORDS = {1: "One", 2: "Two", 3: "Three", 4: "Four", 5: "Five"}


def expired_lead(mentor_name: str, shown: int) -> str:
    """Says exactly how many suggestions follow (none, one, two...), never a number it does not show."""
    lead = (f"*{escape(mentor_name)}* didn't answer within 7 days, so I closed your request; nothing for you to "
            "do, and no reflection on you.")
    if shown <= 0:
        return lead
    if shown == 1:
        return lead + " Another mentor who fits:"
    return lead + f" {COUNT_WORDS.get(shown, str(shown))} other mentors who fit:"
