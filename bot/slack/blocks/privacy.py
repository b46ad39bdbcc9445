"""Export, erase, purge and the audit log: what people and admins see. Pure Block Kit builders."""

from datetime import datetime

from bot.domain.text import escape
from bot.slack import ids
from bot.slack.blocks.common import context, message, section
from bot.slack.blocks.forms import input_block, modal, text_input

ERASE_CALLBACK, PURGE_CALLBACK = ids.ERASE_CALLBACK, ids.PURGE_CALLBACK
CONFIRM_BLOCK = "confirm"
ERASE_WORD, PURGE_WORD = "ERASE", "PURGE"

WHAT_GOES = (
    "• your profile, self-assessment, goals and career journal (deleted)\n"
    "• every check-in note, intro message and answer you wrote (blanked)\n"
    "• your name, email, title and Slack id everywhere the bot keeps them\n"
    "• messages the bot still had queued for you (cancelled)\n"
    "• your open mentorships end: the other person is told it ended, not why\n"
    "• your pending intro requests are withdrawn")
WHAT_STAYS = (
    "• an anonymous placeholder, so program counts (pairs, sessions met) stay true\n"
    "• your pairs' own notes: those are theirs\n"
    "• messages already in Slack (delete them in Slack), and database backups until they expire")


def export_started() -> dict:
    return message("Your data export is on its way to your DMs.", [
        section("Your data export is on its way: a zip file in your DMs with everything the bot holds about you "
                "(`data.json`, and a `README.txt` that explains it).")])


def export_comment() -> str:
    return "Here is everything mentorbot holds about you. Only you received this file."


def nothing_held() -> dict:
    return message("The bot holds no data about you.", [section("The bot holds no data about you.")])


def erase_modal() -> dict:
    return modal("Erase my data", ERASE_CALLBACK, [
        section("*This cannot be undone.*"),
        section(f"*What goes*\n{WHAT_GOES}"),
        section(f"*What stays*\n{WHAT_STAYS}"),
        context("Want a copy first? Cancel and run `/mentor export`."),
        input_block(CONFIRM_BLOCK, f"Type {ERASE_WORD} to confirm", text_input(max_length=10)),
    ], submit="Erase everything")


def confirm_error(word: str) -> str:
    return f"Type {word} (in capitals) to confirm."


def erased() -> dict:
    text = "Your data has been erased. Thank you for being part of the program."
    return message(text, [section(text), context("You can set up a new profile any time with `/mentor profile`.")])


def pair_ended(started: datetime | None, was_mentor: bool) -> dict:
    since = f" (since {started:%-d %b %Y})" if started else ""
    role = "mentee" if was_mentor else "mentor"
    text = f"Your mentorship with your {role}{since} has ended."
    return message(text, [section(f"{text} Thank you for the time and care you gave it. Your own check-in notes "
                                  "stay yours; when you are ready, `/findmentor` or your App Home is the next step.")])


def admins_only(what: str) -> dict:
    text = f"Only program admins can {what}."
    return message(text, [section(text)])


def purge_modal() -> dict:
    return modal("Purge all data", PURGE_CALLBACK, [
        section("*This deletes every person, profile, goal, journal, note, mentorship, program and queued message "
                "the bot holds for this workspace. It cannot be undone.*"),
        context("Only the audit log keeps one line: who purged, and when."),
        input_block(CONFIRM_BLOCK, f"Type {PURGE_WORD} to confirm", text_input(max_length=10)),
    ], submit="Purge everything")


def purged(rows: int) -> dict:
    text = f"All of the workspace's data is purged ({rows} rows deleted)."
    return message(text, [section(text)])


def audit_log(entries: list) -> dict:
    """Who did what, when: no content, so the log may be shown to every admin."""
    if not entries:
        return message("The audit log is empty.", [section("The audit log is empty.")])
    lines = [f"{e.at:%Y-%m-%d %H:%M} UTC  {escape(e.action)}  by {escape(e.actor)}"
             + (f"  ({escape(e.detail)})" if e.detail else "") for e in entries]
    return message(f"The last {len(entries)} audit log entries.",
                   [section("*Audit log* (latest first)\n```" + "\n".join(lines) + "```")])
