"""/mentor resources (the library) and /mentor resource add ... (program admins)."""

from bot.features import resources
from handlers.commands.mentor_command import MentorCommand


def show_library(cmd: MentorCommand) -> None:
    cmd.respond(response_type="ephemeral", **resources.library(cmd.deps, cmd.user_id))


def add_resource(cmd: MentorCommand) -> None:
    verb, _, rest = cmd.args.partition(" ")
    if verb.lower() != "add":
        cmd.respond(response_type="ephemeral", **resources.library(cmd.deps, cmd.user_id))
        return
    cmd.respond(response_type="ephemeral", **resources.add(cmd.deps, cmd.user_id, rest))
