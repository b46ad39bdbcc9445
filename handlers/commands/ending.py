"""/mentor end: your active mentorships, each with a Wrap up button."""

from bot.features.ending import end_choices
from handlers.commands.mentor_command import MentorCommand


def end_command(cmd: MentorCommand) -> None:
    cmd.respond(response_type="ephemeral", **end_choices(cmd.deps.engine, cmd.user_id))
