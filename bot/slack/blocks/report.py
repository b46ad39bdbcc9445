"""The admin report in Slack: one section per part, at-risk pairs by name with their signal. Pure Block Kit
builders; program names are escaped."""

from bot.domain.insight import AGAIN, END_REASONS, GOALS_ACHIEVED, HELPING
from bot.domain.report import Report, summary
from bot.domain.text import escape, mention
from bot.slack.blocks.common import actions, button, context, divider, header, message, section

LABELS = {"reasons": END_REASONS, "helping": HELPING, "goals": GOALS_ACHIEVED, "again": AGAIN}
PRIVACY = ("Counts only: figures about fewer than 5 people show as “fewer than 5”. Notes, goal text and anyone's "
           "own ratings stay private.")
AT_RISK_SHOWN = 10
ACTION_REPORT = "admin_report"


def report_blocks(r: Report) -> list[dict]:
    blocks = [header(f"Program report: {r.program}")]
    for heading, lines in summary(r, LABELS):
        blocks.append(section(f"*{heading}*\n" + "\n".join(escape(line) for line in lines)))
    if r.at_risk:
        lines = [f"• {mention(mentor)} and {mention(mentee)}: {escape(signal)}"
                 for mentor, mentee, signal in r.at_risk[:AT_RISK_SHOWN]]
        more = len(r.at_risk) - AT_RISK_SHOWN
        blocks.append(section("*At-risk pairs*\n" + "\n".join(lines) + (f"\n…and {more} more" if more > 0 else "")))
    else:
        blocks.append(section("*At-risk pairs*\nNone right now."))
    blocks.append(divider())
    return blocks


def reports(items: list[Report]) -> dict:
    if not items:
        text = "Only program admins can see the program report."
        return message(text, [section(text)])
    blocks = [b for r in items for b in report_blocks(r)]
    blocks.append(context(PRIVACY + " The chart and the CSV (one row per pair) are in your DM with me."))
    return message("Program report: " + ", ".join(escape(r.program) for r in items), blocks)


def admin_home_blocks(programs: list[tuple[str, int]]) -> list[dict]:
    """The App Home's section for a program admin: (program, at-risk pairs) and a button for the full report."""
    lines = [f"• *{escape(name)}*: " + (f"{n} pair{'s' if n != 1 else ''} need{'' if n != 1 else 's'} attention"
                                       if n else "no pair needs attention") for name, n in programs]
    return [divider(), section("*Programs you run*\n" + "\n".join(lines)),
            actions(button("Program report", ACTION_REPORT, style="primary"), block_id="admin_report")]
