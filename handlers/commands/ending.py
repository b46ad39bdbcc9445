"""/mentor end: your active mentorships, each with a Wrap up button."""

from bot.ending import end_choices
from handlers.commands.mentor import MentorCommand, subcommand


@subcommand("end", "wrap up one of your mentorships, with a thank-you and the door left open")
def end_command(cmd: MentorCommand) -> None:
    cmd.respond(response_type="ephemeral", **end_choices(cmd.deps.engine, cmd.user_id))
