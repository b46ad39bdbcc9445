"""/mentor pause until DATE and /mentor resume: out of office."""

from bot.features.availability import pause, resume
from handlers.commands.mentor_command import MentorCommand


def pause_command(cmd: MentorCommand) -> None:
    cmd.respond(response_type="ephemeral", **pause(cmd.deps.engine, cmd.user_id, cmd.args, cmd.deps.clock()))


def resume_command(cmd: MentorCommand) -> None:
    cmd.respond(response_type="ephemeral", **resume(cmd.deps.engine, cmd.user_id, cmd.deps.clock()))
