"""/mentor journal (the pair's check-ins, for the pair) and /mentor report (counts, for program admins)."""

from bot.blocks import checkins as blocks
from bot.checkins import journal_entries, report_for
from handlers.commands.mentor import MentorCommand, subcommand


@subcommand("journal", "your check-in journal (only you and your pair see it)")
def journal(cmd: MentorCommand) -> None:
    entries = journal_entries(cmd.deps.engine, cmd.user_id)
    cmd.respond(response_type="ephemeral", **blocks.journal(entries, cmd.user_id))


@subcommand("report", "program admins: met / not-met counts per program (never notes)")
def report(cmd: MentorCommand) -> None:
    cmd.respond(response_type="ephemeral", **blocks.report(report_for(cmd.deps.engine, cmd.user_id)))
