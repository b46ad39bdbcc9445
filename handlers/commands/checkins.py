"""/mentor journal (the pair's check-ins, for the pair) and /mentor report (the program report, for its admins)."""

from bot.features.checkins import journal_entries
from bot.features.report import command_answer
from bot.slack.blocks import checkins as blocks
from handlers.actions.report import deliver
from handlers.commands.mentor_command import MentorCommand


def journal(cmd: MentorCommand) -> None:
    entries = journal_entries(cmd.deps.engine, cmd.user_id)
    cmd.respond(response_type="ephemeral", **blocks.journal(entries, cmd.user_id))


def report(cmd: MentorCommand) -> None:
    """`/mentor report`: one program's report, or the overview of an admin's programs with a picker;
    `/mentor report PROGRAM [cohort:N|request]`: that program's (or cohort's) report. Chart and CSV in the DM."""
    now = cmd.deps.clock()
    answer = command_answer(cmd.deps.engine, cmd.user_id, now, cmd.args)
    deliver(cmd.deps, cmd.client, cmd.user_id, answer, now, cmd.respond)
