"""/mentor journal (the pair's check-ins, for the pair) and /mentor report (the program report, for its admins)."""

from bot.features.checkins import journal_entries
from bot.features.privacy import record_read
from bot.features.report import reports_for
from bot.slack.blocks import checkins as blocks
from bot.slack.blocks.report import reports
from handlers.actions.report import share_report_files
from handlers.commands.mentor_command import MentorCommand


def journal(cmd: MentorCommand) -> None:
    entries = journal_entries(cmd.deps.engine, cmd.user_id)
    cmd.respond(response_type="ephemeral", **blocks.journal(entries, cmd.user_id))


def report(cmd: MentorCommand) -> None:
    now = cmd.deps.clock()
    record_read(cmd.deps.engine, cmd.user_id, "report", now)  # the audit log: who, which, when
    items = reports_for(cmd.deps.engine, cmd.user_id, now)
    cmd.respond(response_type="ephemeral", **reports([r for r, _ in items]))
    share_report_files(cmd.deps, cmd.client, cmd.user_id, items, now)
