"""/mentor SUBCOMMAND ...: one table of subcommands, dispatched here."""

from collections.abc import Callable

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.slack.blocks import help as help_blocks
from handlers.commands import (
    availability,
    checkins,
    ending,
    network,
    privacy,
    profile,
    programs,
    resources,
    rounds,
)
from handlers.commands.mentor_command import MentorCommand


def show_help(cmd: MentorCommand) -> None:
    cmd.respond(response_type="ephemeral", **help_blocks.mentor_help(help_lines()))


# /mentor NAME -> (handler, one-line help), in the order the help lists them. A new subcommand is a function in its
# feature's module here in handlers/commands/ and one line in this table.
SUBCOMMANDS: dict[str, tuple[Callable[[MentorCommand], None], str]] = {
    "help": (show_help, "this list"),
    "pause": (availability.pause_command,
              "until YYYY-MM-DD — out of office: your mentorship messages wait until that day"),
    "resume": (availability.resume_command, "end your pause: held messages arrive in your working hours"),
    "journal": (checkins.journal, "your check-in journal (only you and your pair see it)"),
    "report": (checkins.report, "[PROGRAM] [cohort:N|request] — program admins: funnel, engagement, quality, "
                                "mentor load, waiting, at-risk pairs, per program or cohort; chart and CSV in your "
                                "DM (never notes)"),
    "end": (ending.end_command, "wrap up one of your mentorships, with a thank-you and the door left open"),
    "profile": (profile.profile, "create or edit your profile (role, expertise, career path, values, time)"),
    "goals": (profile.goals, "your career goals, progress journal and self-assessment"),
    "admin": (programs.admin_command, "program admins: your programs (create, edit, enrol people, run matching rounds)"),
    "round": (rounds.round_command,
              "program admins: plan a matching round for PROGRAM and preview it before anything is sent"),
    "export": (privacy.export, "a file with everything the bot holds about you, sent to your DMs"),
    "erase": (privacy.erase, "erase everything the bot holds about you (asks first; cannot be undone)"),
    "audit": (privacy.audit, "program admins: who ran which report, export or erase, and when"),
    "purge": (privacy.purge, "program admins: delete all of this workspace's data (asks first; cannot be undone)"),
    "introduce": (network.introduce, "introduce your mentee to someone in your network, in a group DM"),
    "resources": (resources.show_library, "the learning library the meeting reminders suggest from"),
    "resource": (resources.add_resource, "program admins: `resource add Title | kind | https://link | topic, topic`"),
}


def help_lines() -> dict[str, str]:
    return {name: help_text for name, (_, help_text) in SUBCOMMANDS.items()}


def register(app: App, deps: Deps) -> None:
    @app.command("/mentor")
    def mentor(ack: Ack, command: dict, client: WebClient, respond: Respond):
        ack()
        name, _, args = command.get("text", "").strip().partition(" ")
        handler, _ = SUBCOMMANDS.get(name.lower(), SUBCOMMANDS["help"])
        unknown = bool(name) and name.lower() not in SUBCOMMANDS
        if unknown:
            respond(response_type="ephemeral", **help_blocks.unknown_subcommand(
                name, help_lines()))
            return
        handler(MentorCommand(deps=deps, user_id=command["user_id"], args=args.strip(), body=command,
                              client=client, respond=respond))
