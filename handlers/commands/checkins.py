"""/mentor journal (the pair's check-ins, for the pair) and /mentor report (the program report, for its admins)."""

from bot.domain.report import split_report_args
from bot.features.checkins import journal_entries
from bot.features.report import administered, program_report
from bot.slack.blocks import checkins as blocks
from handlers.actions.report import deliver, report_or_overview
from handlers.commands.mentor_command import MentorCommand


def journal(cmd: MentorCommand) -> None:
    entries = journal_entries(cmd.deps.engine, cmd.user_id)
    cmd.respond(response_type="ephemeral", **blocks.journal(entries, cmd.user_id))


def report(cmd: MentorCommand) -> None:
    """`/mentor report`: one program's report, or the overview of an admin's programs with a picker;
    `/mentor report PROGRAM [cohort:N|request]`: that program's (or cohort's) report. Chart and CSV in the DM."""
    now = cmd.deps.clock()
    name, cohort = split_report_args(cmd.args)
    if not name and cohort is None:
        report_or_overview(cmd.deps, cmd.client, cmd.user_id, now, cmd.respond)
        return
    if not name:  # a cohort of the admin's one program; with several, which program is needed
        programs = administered(cmd.deps.engine, cmd.user_id)
        if len(programs) != 1:
            deliver(cmd.deps, cmd.client, cmd.user_id, "Which program? `/mentor report PROGRAM cohort:1`.", now,
                    cmd.respond)
            return
        result = program_report(cmd.deps.engine, cmd.user_id, now, program_id=programs[0].id, cohort_text=cohort)
    else:
        result = program_report(cmd.deps.engine, cmd.user_id, now, program_name=name, cohort_text=cohort)
    deliver(cmd.deps, cmd.client, cmd.user_id, result, now, cmd.respond)
