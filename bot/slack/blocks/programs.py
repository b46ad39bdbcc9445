"""Block Kit for running programs from Slack: the admin panel (on the App Home and `/mentor admin`), the program
modal, the channel's "Join the program" message, and a member's own programs. Pure functions."""

import json

from bot.domain.programs import DESCRIPTION_MAX, HOURS_APART, MATCH_MODES, NAME_MAX
from bot.domain.text import escape
from bot.slack import ids
from bot.slack.blocks.common import actions, button, context, header, message, section
from bot.slack.blocks.forms import input_block, modal, option, static_select, text_input

CALLBACK, CREATE, EDIT = ids.PROGRAM_CALLBACK, ids.PROGRAM_CREATE, ids.PROGRAM_EDIT
POST_JOIN, ENROL, ROUND = ids.PROGRAM_POST_JOIN, ids.PROGRAM_ENROL, ids.PROGRAM_ROUND
PAUSE, RESUME, ARCHIVE = ids.PROGRAM_PAUSE, ids.PROGRAM_RESUME, ids.PROGRAM_ARCHIVE
JOIN, LEAVE, MEMBER_PAUSE, MEMBER_RESUME = ids.PROGRAM_JOIN, ids.PROGRAM_LEAVE, ids.PROGRAM_MEMBER_PAUSE, ids.PROGRAM_MEMBER_RESUME
HOME_PROGRAMS = 5


def _value(program_id: int) -> str:
    return json.dumps({"p": program_id})


def program_modal(form=None, program_id: int | None = None) -> dict:
    """Create (form None) or edit. form: a ProgramForm-like object with the current settings."""
    modes = [option(label, value) for value, label in MATCH_MODES.items()]
    hours = [option(f"{h} hours", str(h)) for h in HOURS_APART]
    channel = {"type": "conversations_select", "filter": {"include": ["public", "private"],
                                                          "exclude_bot_users": True}}
    admins = {"type": "multi_users_select"}
    start, end = {"type": "datepicker"}, {"type": "datepicker"}
    dept_option = option("Mentor and mentee must be in different departments", "yes")
    dept = {"type": "checkboxes", "options": [dept_option]}
    if form is not None:
        if form.channel_id:
            channel["initial_conversation"] = form.channel_id
        if form.admin_ids:
            admins["initial_users"] = list(form.admin_ids)
        if form.cohort_start:
            start["initial_date"] = form.cohort_start.isoformat()
        if form.cohort_end:
            end["initial_date"] = form.cohort_end.isoformat()
        if form.different_department:
            dept["initial_options"] = [dept_option]
    mode_initial = next((o for o in modes if form and o["value"] == form.match_mode), modes[-1])
    hours_initial = next((o for o in hours if o["value"] == str(form.max_hours_apart if form else 6)), None)
    blocks = [
        input_block("name", "Name", text_input(form.name if form else "", max_length=NAME_MAX)),
        input_block("description", "What the program is for",
                    text_input(form.description if form else "", multiline=True, max_length=DESCRIPTION_MAX),
                    optional=True, hint="Shown on the Join message in the channel."),
        input_block("channel", "Program channel", channel,
                    hint="People join here, and new pairs are announced here."),
        input_block("admins", "Admins", admins, hint="They run rounds and see counts, never notes."),
        input_block("start", "Cohort starts", start, optional=True),
        input_block("end", "Cohort ends", end, optional=True),
        input_block("mode", "How people match", static_select(modes, mode_initial),
                    hint="Self-serve: people search with /findmentor. Rounds: admins match the cohort at once."),
        input_block("hours", "Widest time-zone gap in a round", static_select(hours, hours_initial)),
        input_block("department", "Rounds", dept, optional=True),
    ]
    meta = {"p": program_id} if program_id else {}
    view = modal("Edit program" if program_id else "New program", CALLBACK, blocks, submit="Save")
    view["private_metadata"] = json.dumps(meta)
    return view


def program_line(program, counts: dict[str, int]) -> str:
    status = "" if program.status == "active" else f" · *{program.status}*"
    cohort = ""
    if program.cohort_start or program.cohort_end:
        cohort = f" · cohort {program.cohort_start or '…'} to {program.cohort_end or '…'}"
    channel = f" · <#{program.channel_id}>" if program.channel_id else ""
    members = counts.get("active", 0)
    extra = ", ".join(f"{counts[k]} {k}" for k in ("paused", "left") if counts.get(k))
    return (f"*{escape(program.name)}*{status}{channel} · {members} member{'s' if members != 1 else ''}"
            f"{f' ({extra})' if extra else ''} · {MATCH_MODES.get(program.match_mode, program.match_mode)}{cohort}")


def program_buttons(program) -> dict:
    value = _value(program.id)
    if program.status == "archived":
        return actions(button("Edit", EDIT, value), block_id=f"program-{program.id}")
    buttons = [button("Edit", EDIT, value)]
    if program.status == "active":
        if program.match_mode in ("rounds", "both"):
            buttons.append(button("Run a matching round", ROUND, value, style="primary"))
        buttons += [button("Post Join message", POST_JOIN, value), button("Enrol channel members", ENROL, value),
                    button("Pause", PAUSE, value)]
    else:
        buttons.append(button("Resume", RESUME, value))
    buttons.append(button("Archive", ARCHIVE, value, style="danger"))
    return actions(*buttons, block_id=f"program-{program.id}")


def admin_blocks(programs: list[tuple], can_create: bool, limit: int | None = None) -> list[dict]:
    """programs: (Program, member counts). The Admin section, for people who run or may create programs."""
    blocks = [section("*Admin* · the programs you run")]
    if not programs:
        blocks = [section("*Admin*\nNo programs yet: create one to start a cohort.")]
    for program, counts in programs[:limit]:
        blocks += [section(program_line(program, counts)), program_buttons(program)]
    if limit is not None and len(programs) > limit:
        blocks.append(context(f"{len(programs) - limit} more: `/mentor admin` lists them all."))
    if can_create:
        blocks.append(actions(button("Create a program", CREATE, style="primary"), block_id="program-create"))
    return blocks


def admin_panel(programs: list[tuple], can_create: bool) -> dict:
    return message("Your programs", admin_blocks(programs, can_create, limit=20))


def join_message(program) -> dict:
    lead = f"*{escape(program.name)}* is open: join to find a mentor, or to mentor someone."
    blocks = [header(f"Join {program.name}"[:150]), section(lead)]
    if program.description:
        blocks.append(section(escape(program.description)))
    if program.cohort_start or program.cohort_end:
        blocks.append(context(f"Cohort: {program.cohort_start or '…'} to {program.cohort_end or '…'}"))
    value = _value(program.id)
    blocks.append(actions(button("Join the program", JOIN, value, style="primary"), button("Leave", LEAVE, value),
                          block_id=f"join-{program.id}"))
    return message(f"{escape(program.name)} is open: join to find a mentor, or to mentor someone.", blocks)


def member_blocks(memberships: list[tuple]) -> list[dict]:
    """(Program, ProgramMember): a member's own programs with Pause / Resume / Leave."""
    blocks = [section("*Your programs*")]
    for program, member in memberships[:HOME_PROGRAMS]:
        if member.status == "left":
            continue
        value = _value(program.id)
        state = " · paused: not matched in rounds" if member.status == "paused" else ""
        pause = button("Resume", MEMBER_RESUME, value) if member.status == "paused" \
            else button("Pause", MEMBER_PAUSE, value)
        blocks += [section(f"{escape(program.name)}{state}"),
                   actions(pause, button("Leave", LEAVE, value), block_id=f"member-{program.id}")]
    return blocks if len(blocks) > 1 else []


def note(text: str) -> dict:
    return message(text, [section(text)])


def not_available() -> dict:
    return note("Not available.")


def saved(name: str, created: bool) -> dict:
    return note(f"{'Created' if created else 'Saved'} *{escape(name)}*.")


def status_changed(name: str, status: str) -> dict:
    what = {"active": "is running again", "paused": "is paused: no rounds, no Join button",
            "archived": "is archived: it keeps its history, and nobody is matched in it any more"}[status]
    return note(f"*{escape(name)}* {what}.")


def joined(name: str, before: str) -> dict:
    if before == "active":
        return note(f"You're already in *{escape(name)}*.")
    return note(f"Welcome to *{escape(name)}*! Set up your profile and goals on the bot's Home, then find a mentor "
                "or wait for the next matching round.")


def left(name: str) -> dict:
    return note(f"You've left *{escape(name)}*. You won't be matched in it again; your mentorships and history "
                "stay as they are.")


def enrolled(name: str, added: int, seen: int) -> dict:
    return note(f"Enrolled {added} new member{'s' if added != 1 else ''} in *{escape(name)}* from its channel "
                f"({seen} in the channel; people already in, or who left, were not changed).")


def join_posted(name: str, channel_id: str) -> dict:
    return note(f"Posted the Join message for *{escape(name)}* in <#{channel_id}>.")


def cannot_post(name: str, channel_id: str, error: str) -> dict:
    return note(f"I couldn't post in <#{channel_id}> for *{escape(name)}* ({escape(error)}): invite me to the "
                "channel with `/invite @mentorbot`, then try again.")

