"""The weekly digest for a program's admins. Pure Block Kit builder; names are mentions, the program is escaped,
every count goes through figure()."""

from bot.domain.report import figure
from bot.domain.text import escape, mention
from bot.slack.blocks.common import context, header, message, section

AT_RISK_SHOWN = 10


def digest(program: str, changes: dict[str, int], at_risk: list[tuple[str, str, str]], waiting: int) -> dict:
    week = (f"New pairs {figure(changes['started'])} · ended {figure(changes['ended'])} · sessions held "
            f"{figure(changes['held'])} · pairs found drifting {figure(changes['drifting'])}")
    if at_risk:
        lines = [f"• {mention(mentor)} and {mention(mentee)}: {escape(signal)}"
                 for mentor, mentee, signal in at_risk[:AT_RISK_SHOWN]]
        attention = "\n".join(lines) + (f"\n…and {len(at_risk) - AT_RISK_SHOWN} more"
                                        if len(at_risk) > AT_RISK_SHOWN else "")
    else:
        attention = "No pair needs attention right now."
    return message(f"Your weekly mentoring digest for {escape(program)}", [
        header(f"Weekly digest: {program}"),
        section(f"*This week*\n{escape(week)}"),
        section(f"*Needs attention*\n{attention}\nMentees waiting for an answer: {figure(waiting)}"),
        context("`/mentor report` has the full report, the chart and the CSV. Figures about fewer than 5 people "
                "show as “fewer than 5”; notes and ratings stay private."),
    ])
