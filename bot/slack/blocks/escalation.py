"""A drifting pair: the gentle nudge to both, the private "is this still working for you?" to each (and what each
choice answers), the change-the-agreement modal and the admins' alert. Pure Block Kit builders; user text is
escaped. The nudge never says why: a low pulse is its author's alone."""

import re

from bot.domain.escalation import CHOICES, PAUSE_DAYS
from bot.domain.text import escape, mention
from bot.slack.blocks.common import actions, button, context, message, section
from bot.slack.blocks.forms import input_block, modal, option, static_select

ACTION_PREFIX = "drift_choice_"
ACTIONS = {f"{ACTION_PREFIX}{key}": key for key in CHOICES}
CHANGE_CALLBACK, CADENCE_BLOCK = "drift_change", "cadence"
CADENCE_LABELS = {"weekly": "Every week", "biweekly": "Every two weeks", "monthly": "Every month"}
PRIVATE = "Only you see this question and your answer, unless you change or end the mentorship."

_VALUE = re.compile(r"\d{1,12}")


def parse_value(value: str | None) -> int | None:
    return int(value) if _VALUE.fullmatch(value or "") else None


def nudge(other_id: str) -> dict:
    text = f"A gentle nudge: when is your next session with {mention(other_id)}?"
    return message(text, [
        section(f"*A gentle nudge:* when is your next mentoring session with {mention(other_id)}? A regular rhythm "
                "is what makes mentoring work: pick a time that suits you both, bring an update on your goals, and "
                "if the agreed cadence no longer fits, agree a new one together."),
    ])


def ask(other_id: str, value: str) -> dict:
    text = f"Is your mentorship with {mention(other_id)} still working for you?"
    return message(text, [
        section(f"*Is your mentorship with {mention(other_id)} still working for you?* Sessions or progress have "
                "slowed lately. That happens; pick what fits best now. Ending is nobody's fault."),
        actions(*[button(label, action_id, value, style="primary" if key == "keep" else None)
                  for action_id, key in ACTIONS.items() for label in [CHOICES[key]]], block_id="drift_choice"),
        context(PRIVATE),
    ])


def kept(other_id: str) -> dict:
    text = f"Great: keep going with {mention(other_id)}. Book your next session now, while it's on your mind."
    return message(text, [section(text)])


def paused(until_label: str) -> dict:
    text = (f"Paused: I'll hold your mentorship messages for {PAUSE_DAYS} days, until {until_label}. "
            "`/mentor resume` ends the pause early.")
    return message(text, [section(text)])


def change_modal(mentorship_id: int, other_name: str, cadence: str) -> dict:
    options = [option(label, key) for key, label in CADENCE_LABELS.items()]
    initial = next((o for o in options if o["value"] == cadence), None)
    return modal("Change the agreement", CHANGE_CALLBACK, [
        section(f"How often should you and *{escape(other_name)}* meet from now on? Both of you are told."),
        input_block(CADENCE_BLOCK, "How often", static_select(options, initial)),
    ], submit="Change", private_metadata=str(mentorship_id))


def cadence_changed(by_id: str, other_id: str, cadence: str, *, mine: bool) -> dict:
    who = "You" if mine else mention(by_id)
    text = (f"{who} changed the mentorship agreement with {mention(other_id if mine else by_id)}: "
            f"you now meet {CADENCE_LABELS.get(cadence, cadence).lower()}.")
    return message(text, [section(text + " Check-ins follow the new rhythm.")])


def admin_alert(mentor_id: str, mentee_id: str, program: str, cadence: str, signals: str) -> dict:
    line = (f"*A pair in {escape(program)} needs attention:* {mention(mentor_id)} (mentor) and {mention(mentee_id)} "
            f"(mentee), meeting {escape(CADENCE_LABELS.get(cadence, cadence).lower())}. Signal: {escape(signals)}.")
    return message(f"A pair in {escape(program)} needs attention: {escape(signals)}.", [
        section(line),
        section("Both were nudged, then each was asked privately whether it still works, and nothing changed. "
                "A friendly word can help: revisit expectations and cadence, or help them end well."),
        context("You see names and signals only; notes and ratings stay private to each person."),
    ])


def refused() -> dict:
    text = "That question isn't one of yours, or the mentorship has changed since, so nothing changed."
    return message(text, [section(text)])


def rematch_lead() -> str:
    return "*Ready for a new match?* Here are mentors with room who fit your goals:"
