"""/mentor journal (the pair's check-ins, for the pair) and /mentor report (counts, for program admins)."""

from bot.features.checkins import journal_entries, report_for
from bot.features.privacy import record_read
from bot.slack.blocks import checkins as blocks
from handlers.commands.mentor_command import MentorCommand


def journal(cmd: MentorCommand) -> None:
    entries = journal_entries(cmd.deps.engine, cmd.user_id)
    cmd.respond(response_type="ephemeral", **blocks.journal(entries, cmd.user_id))


def report(cmd: MentorCommand) -> None:
    record_read(cmd.deps.engine, cmd.user_id, "report", cmd.deps.clock())  # the audit log: who, which, when
    cmd.respond(response_type="ephemeral", **blocks.report(report_for(cmd.deps.engine, cmd.user_id)))
