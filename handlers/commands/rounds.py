"""/mentor round PROGRAM: a program admin plans a matching round and gets the preview (nothing is sent yet)."""

from bot.features.rounds import start_from_slack
from handlers.commands.mentor_command import MentorCommand


def round_command(cmd: MentorCommand) -> None:
    cmd.respond(response_type="ephemeral", **start_from_slack(cmd.deps, cmd.user_id, cmd.args))
