"""The agreement as a living document: the change modal, the proposal the other person confirms, the answers, and
the mid-point review. Pure builders; user text escaped."""

from datetime import date, datetime

from bot.domain.pairing import Terms
from bot.domain.text import escape, mention, truncate
from bot.slack.blocks import pairing as pairing_blocks
from bot.slack.blocks.checkins import CHANGE_AGREEMENT
from bot.slack.blocks.common import actions, button, context, message, section
from bot.slack.blocks.ending import ACTION_WRAP
from bot.slack.blocks.ending import day_label as long_day

CHANGE_OPEN, CHANGE_CALLBACK = CHANGE_AGREEMENT, "agreement_change_submit"  # also under meeting reminders
CONFIRM, KEEP = "agreement_change_confirm", "agreement_change_keep"
MID_KEEP = "midpoint_keep"


def change_modal(mentorship_id: int, terms: Terms, tz: str, other_name: str) -> dict:
    """The agreement modal, prefilled with today's terms and the next session; submitting proposes, not applies."""
    view = pairing_blocks.agreement_modal(mentorship_id, terms, tz, terms.first_meeting_at, other_name, False)
    view["callback_id"] = CHANGE_CALLBACK
    view["title"] = pairing_blocks.plain("Change agreement")
    view["submit"] = pairing_blocks.plain("Propose")
    view["blocks"][0] = section(f"Propose a change to your agreement with *{escape(other_name)}*: how often, how, "
                                "for how long, your goals, or when sessions fall. Nothing changes until they "
                                "confirm.")
    for block in view["blocks"]:
        if block.get("block_id") == "first_date":
            block["label"] = pairing_blocks.plain("From the session on")
    return view


def _lines(diffs: list[tuple[str, str, str]], from_label: str) -> str:
    out = []
    for label, was, becomes in diffs:
        if not was and not becomes:
            out.append(f"• *{label}*: {from_label}")
        else:
            out.append(f"• *{label}*: {escape(truncate(was, 300)) or '—'} → *{escape(truncate(becomes, 300))}*")
    return "\n".join(out)


def proposal(proposal_id: int, proposer_id: str, diffs: list[tuple[str, str, str]], from_label: str) -> dict:
    lead = f"{mention(proposer_id)} proposes a change to your mentoring agreement:"
    value = str(proposal_id)
    return message("A change to your mentoring agreement is waiting for you to confirm.", [
        section(lead + "\n" + _lines(diffs, from_label)),
        actions(button("Confirm", CONFIRM, value, style="primary"), button("Keep as is", KEEP, value),
                block_id="agreement_change"),
        context("Confirming re-plans your sessions from then on; reminders already sent stay as they were."),
    ])


def proposed(other_id: str) -> dict:
    text = f"I've asked {mention(other_id)} to confirm your proposed change. Nothing changes until they do."
    return message(text, [section(text)])


def confirmed(by_id: str, from_label: str) -> dict:
    text = (f"{mention(by_id)} confirmed the change to your mentoring agreement. From {from_label}, your sessions "
            "follow the new terms.")
    return message(text, [section(text)])


def kept(by_id: str) -> dict:
    text = f"{mention(by_id)} would rather keep your agreement as it is, so nothing changed. Talk it over at your next session."
    return message(text, [section(text)])


def refused() -> dict:
    text = "That change isn't yours to answer, was replaced or already answered, or the mentorship has ended, so nothing changed."
    return message(text, [section(text)])


def nothing_changed() -> str:
    return "That is the agreement you have: change something to propose it."


def midpoint(other_id: str, months: int, end_day: date, mentorship_id: int, wrap_value: str) -> dict:
    lead = (f"*Half-way:* you're half-way through the {months} months you agreed with {mention(other_id)} "
            f"(until {long_day(end_day)}). A good moment to look back at your goals together: is this working?")
    return message(f"Half-way through your mentorship with {mention(other_id)}: keep going, adjust, or end?", [
        section(lead),
        actions(button("Keep going", MID_KEEP, str(mentorship_id), style="primary"),
                button("Adjust the agreement", CHANGE_OPEN, str(mentorship_id)),
                button("Wrap up", ACTION_WRAP, wrap_value), block_id="midpoint"),
        context("Adjusting proposes new terms your pair confirms; wrapping up ends the mentorship well."),
    ])


def keep_going(other_id: str) -> dict:
    text = (f"Great: carry on with {mention(other_id)}. Tip from the guide: at your next session, agree one thing to "
            "keep doing and one to try differently.")
    return message(text, [section(text)])


def local_label(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b} at {moment:%H:%M}"
