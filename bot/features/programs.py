"""Programs run from Slack: the admin panel, create and edit (modal), pause / resume / archive, the channel's Join
message, enrolling the channel's members, and members joining, pausing and leaving themselves.

Who may create a program: anyone who already runs one, the people in ADMIN_USER_IDS, and Slack workspace admins and
owners (users.info). Everything about an existing program is for its admins only, checked on every click and
submission (program ids ride in button values and private_metadata). Anyone else gets "Not available"."""

import logging
from dataclasses import dataclass, field

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.domain.programs import ProgramForm, may_create, parse_form
from bot.features.deps import Deps
from bot.slack import viewstate
from bot.slack.blocks import programs as blocks
from bot.slack.payload import parse_id, parse_json
from storage.db import session_scope
from storage.locks import write_transaction
from storage.models import Program
from storage.programs import (
    ProgramExists,
    admin_ids,
    create_program,
    enrol,
    get_program,
    get_program_by_name,
    is_program_admin,
    member_counts,
    membership,
    programs_admined_by,
    set_admins,
    set_membership,
)

log = logging.getLogger(__name__)
MEMBERS_PAGE = 200  # conversations.members: Slack recommends at most 200 per page


def workspace_admin(client: WebClient, user_id: str) -> bool:
    try:
        user = client.users_info(user=user_id)["user"]
    except SlackApiError as exc:
        log.warning("users.info failed: %s", exc.response.get("error"))
        return False
    return bool(user.get("is_admin") or user.get("is_owner"))


def creator(deps: Deps, client: WebClient, session: Session, user_id: str) -> bool:
    runs = bool(programs_admined_by(session, user_id))
    if runs or user_id in deps.settings.admin_user_ids:
        return True
    return may_create(user_id, runs, deps.settings.admin_user_ids, workspace_admin(client, user_id))


def admin_rows(session: Session, user_id: str) -> list[tuple[Program, dict[str, int]]]:
    return [(p, member_counts(session, p.id)) for p in programs_admined_by(session, user_id)]


def admin_panel(deps: Deps, client: WebClient, user_id: str) -> dict:
    """`/mentor admin`: the programs you run and Create, or "Not available" (and nothing else)."""
    with session_scope(deps.engine) as session:
        rows = admin_rows(session, user_id)
        can_create = creator(deps, client, session, user_id)
    if not rows and not can_create:
        return blocks.not_available()
    return blocks.admin_panel(rows, can_create)


def _admin_program(session: Session, user_id: str, value: str | None) -> Program | None:
    program = get_program(session, parse_id(parse_json(value).get("p")))
    return program if program is not None and is_program_admin(session, program.id, user_id) else None


def form_of(session: Session, program: Program) -> ProgramForm:
    return ProgramForm(name=program.name, description=program.description, channel_id=program.channel_id,
                       admin_ids=tuple(admin_ids(session, program.id)), cohort_start=program.cohort_start,
                       cohort_end=program.cohort_end, match_mode=program.match_mode,
                       max_hours_apart=program.max_hours_apart, different_department=program.different_department)


def program_modal(deps: Deps, client: WebClient, user_id: str, value: str | None) -> dict | None:
    """The create modal (value None) or the edit modal; None when the user may not."""
    with session_scope(deps.engine) as session:
        if value is None:
            return blocks.program_modal() if creator(deps, client, session, user_id) else None
        program = _admin_program(session, user_id, value)
        return blocks.program_modal(form_of(session, program), program.id) if program else None


@dataclass
class Saved:
    errors: dict[str, str] = field(default_factory=dict)
    message: dict = field(default_factory=dict)
    admins: list[str] = field(default_factory=list)  # whose Homes to republish


def submit_program(deps: Deps, client: WebClient, user_id: str, view: dict) -> Saved:
    state = view.get("state") or {}
    form, errors = parse_form(
        viewstate.text(state, "name"), viewstate.text(state, "description"), viewstate.conversation(state, "channel"),
        viewstate.users(state, "admins"), viewstate.text(state, "start"), viewstate.text(state, "end"),
        viewstate.text(state, "mode"), viewstate.text(state, "hours"),
        "yes" in viewstate.values(state, "department"))
    if errors:
        return Saved(errors=errors)
    program_id = parse_id(parse_json(view.get("private_metadata")).get("p"))
    if program_id is None:
        with session_scope(deps.engine) as session:  # users.info, if needed, outside the write lock
            allowed = creator(deps, client, session, user_id)
        if not allowed:
            return Saved(errors={"name": "Not available."})
    with write_transaction(deps.engine) as session:
        if program_id is None:
            try:
                program = create_program(session, form.name, form.channel_id, list(form.admin_ids),
                                         **{k: v for k, v in form.settings().items() if k != "channel_id"})
            except ProgramExists:
                return Saved(errors={"name": "A program with this name exists already."})
            before: list[str] = []
        else:
            program = get_program(session, program_id)
            if program is None or not is_program_admin(session, program.id, user_id):
                return Saved(errors={"name": "Not available."})
            other = get_program_by_name(session, form.name)
            if other is not None and other.id != program.id:
                return Saved(errors={"name": "A program with this name exists already."})
            before = admin_ids(session, program.id)
            program.name = form.name
            for key, val in form.settings().items():
                setattr(program, key, val)
            session.add(program)
            set_admins(session, program.id, list(form.admin_ids))
        return Saved(message=blocks.saved(form.name, program_id is None),
                     admins=sorted({*before, *form.admin_ids, user_id}))


def set_status(deps: Deps, user_id: str, value: str | None, status: str) -> tuple[dict, list[str]]:
    """Pause, resume or archive a program. Returns the answer and whose Homes to republish."""
    with write_transaction(deps.engine) as session:
        program = _admin_program(session, user_id, value)
        if program is None:
            return blocks.not_available(), []
        if program.status == "archived":
            return blocks.note("This program is archived."), []
        program.status = status
        session.add(program)
        return blocks.status_changed(program.name, status), admin_ids(session, program.id)


def _active_program_of_admin(deps: Deps, user_id: str, value: str | None) -> tuple[Program | None, dict | None]:
    """(the program, None) when user_id runs it and it is active; (None, what to tell them) otherwise."""
    with session_scope(deps.engine) as session:
        program = _admin_program(session, user_id, value)
    if program is None:
        return None, blocks.not_available()
    if program.status != "active":
        return None, blocks.note(f"{blocks.escape(program.name)} is {program.status}: resume it first.")
    return program, None


def post_join_message(deps: Deps, client: WebClient, user_id: str, value: str | None) -> dict:
    program, refusal = _active_program_of_admin(deps, user_id, value)
    if refusal is not None:
        return refusal
    post = blocks.join_message(program)
    try:
        client.chat_postMessage(channel=program.channel_id, **post)
    except SlackApiError as exc:
        error = exc.response.get("error", "")
        if error != "not_in_channel":
            return blocks.cannot_post(program.name, program.channel_id, error)
        try:  # a public channel the bot is not in yet: join it (channels:join), then post
            client.conversations_join(channel=program.channel_id)
            client.chat_postMessage(channel=program.channel_id, **post)
        except SlackApiError as again:
            return blocks.cannot_post(program.name, program.channel_id, again.response.get("error", ""))
    return blocks.join_posted(program.name, program.channel_id)


def channel_members(client: WebClient, channel_id: str) -> list[str]:
    """Every member of the channel, page by page (conversations.members is cursor-paged)."""
    members, cursor = [], None
    while True:
        page = client.conversations_members(channel=channel_id, limit=MEMBERS_PAGE,
                                            **({"cursor": cursor} if cursor else {}))
        members += page.get("members") or []
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return members


def enrol_channel(deps: Deps, client: WebClient, user_id: str, value: str | None) -> dict:
    program, refusal = _active_program_of_admin(deps, user_id, value)
    if refusal is not None:
        return refusal
    try:
        bot_id = client.auth_test()["user_id"]
        people = [m for m in channel_members(client, program.channel_id) if m != bot_id]
    except SlackApiError as exc:
        return blocks.cannot_post(program.name, program.channel_id, exc.response.get("error", ""))
    with write_transaction(deps.engine) as session:
        added = enrol(session, program.id, people)
    return blocks.enrolled(program.name, added, len(people))


def member_choice(deps: Deps, user_id: str, value: str | None, status: str) -> dict:
    """Join (active), pause or leave a program yourself."""
    with write_transaction(deps.engine) as session:
        program = get_program(session, parse_id(parse_json(value).get("p")))
        if program is None or program.status == "archived":
            return blocks.not_available()
        current = membership(session, program.id, user_id)
        if status == "active" and program.status != "active":
            return blocks.note(f"{blocks.escape(program.name)} is paused for now; try again later.")
        if status != "active" and (current is None or current.status == "left"):
            return blocks.note(f"You're not in {blocks.escape(program.name)}.")
        before = set_membership(session, program.id, user_id, status)
        name = program.name
    if status == "left":
        return blocks.left(name)
    if status == "paused":
        return blocks.note(f"Paused: you won't be matched in *{blocks.escape(name)}* rounds until you resume.")
    return blocks.joined(name, before)
