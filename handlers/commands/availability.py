"""/mentor pause until DATE and /mentor resume: out of office."""

from bot.availability import pause, resume
from handlers.commands.mentor import MentorCommand, subcommand


@subcommand("pause", "until YYYY-MM-DD — out of office: your mentorship messages wait until that day")
def pause_command(cmd: MentorCommand) -> None:
    cmd.respond(response_type="ephemeral", **pause(cmd.deps.engine, cmd.user_id, cmd.args, cmd.deps.clock()))


@subcommand("resume", "end your pause: held messages arrive in your working hours")
def resume_command(cmd: MentorCommand) -> None:
    cmd.respond(response_type="ephemeral", **resume(cmd.deps.engine, cmd.user_id, cmd.deps.clock()))
