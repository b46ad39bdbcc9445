"""/mentor admin: the programs you run (create, edit, pause, archive, enrol, rounds); "Not available" otherwise."""

from bot.features.programs import admin_panel
from handlers.commands.mentor_command import MentorCommand


def admin_command(cmd: MentorCommand) -> None:
    cmd.respond(response_type="ephemeral", **admin_panel(cmd.deps, cmd.client, cmd.user_id))
