"""The admin report in Slack: one program's (or cohort's) report, one section per part, at-risk pairs by name with
their signal, and a cohort picker; for an admin of several programs, a compact overview (a line per program) with a
program picker, so 30 programs fit Slack's 50 blocks. Pure Block Kit builders; program names are escaped."""

from bot.domain.insight import AGAIN, END_REASONS, GOALS_ACHIEVED, HELPING
from bot.domain.report import WHOLE_PROGRAM, ProgramLine, Report, figure, summary, title
from bot.domain.text import escape, mention, truncate
from bot.slack import ids
from bot.slack.blocks.common import (
    SECTION_TEXT_LIMIT,
    actions,
    button,
    context,
    divider,
    header,
    message,
    section,
)
from bot.slack.blocks.forms import option, static_select

LABELS = {"reasons": END_REASONS, "helping": HELPING, "goals": GOALS_ACHIEVED, "again": AGAIN}
PRIVACY = ("Counts only: figures about fewer than 5 people show as “fewer than 5”. Notes, goal text and anyone's "
           "own ratings stay private.")
AT_RISK_SHOWN = 10
ACTION_REPORT = "admin_report"
PICKER_OPTIONS = 100  # a static_select's most options
WHOLE_PROGRAM_LABEL = "Whole program"


def report_blocks(r: Report) -> list[dict]:
    blocks = [header(title(r))]
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


def not_admin() -> dict:
    text = "Only program admins can see the program report."
    return message(text, [section(text)])


def refusal(text: str) -> dict:
    """A refusal or a "no such cohort" answer: it may echo what was typed, so escaped in the fallback too."""
    return message(escape(text), [section(escape(text))])


def cohort_picker(program_id: int, cohorts: dict[str, str], selected: str) -> dict:
    """A static_select of the program's cohorts; each value names the program too (checked again on the click)."""
    options = [option(WHOLE_PROGRAM_LABEL, f"{program_id}:{WHOLE_PROGRAM}")] + [
        option(label, f"{program_id}:{key}") for key, label in cohorts.items()]
    initial = next((o for o in options if o["value"] == f"{program_id}:{selected}"), None)
    return {**static_select(options[:PICKER_OPTIONS], initial, "Pick a cohort"), "action_id": ids.REPORT_COHORT}


def program_report(r: Report, program_id: int, cohorts: dict[str, str], selected: str) -> dict:
    """One program's report (the whole program or one cohort), with the cohort picker."""
    blocks = report_blocks(r)
    blocks.append(section("*Cohort*: each matching round's pairs, or the pairs formed by request.",
                          accessory=cohort_picker(program_id, cohorts, selected)))
    blocks.append(context(PRIVACY + " The chart and the CSV (one row per pair) are in your DM with me."))
    return message(escape(title(r)), blocks)


def overview_line(p: ProgramLine) -> str:
    attention = (f"{p.at_risk} pair{'s' if p.at_risk != 1 else ''} need{'' if p.at_risk != 1 else 's'} attention"
                 if p.at_risk else "no pair needs attention")
    return (f"• *{escape(p.name)}*: {figure(p.members)} members · {figure(p.active_pairs)} active pairs · "
            f"{attention}")


def program_picker(lines: list[ProgramLine]) -> dict:
    options = [option(p.name, str(p.program_id)) for p in lines[:PICKER_OPTIONS]]
    return {**static_select(options, placeholder="Open a program's report"), "action_id": ids.REPORT_PICK_PROGRAM}


def _sections(lines: list[str]) -> list[dict]:
    """Lines packed into as few sections as fit SECTION_TEXT_LIMIT each."""
    out: list[str] = []
    for line in lines:
        line = truncate(line, SECTION_TEXT_LIMIT)
        if out and len(out[-1]) + 1 + len(line) <= SECTION_TEXT_LIMIT:
            out[-1] += "\n" + line
        else:
            out.append(line)
    return [section(text) for text in out]


def overview(lines: list[ProgramLine]) -> dict:
    """The programs an admin runs, a line each, and a picker that opens one program's full report."""
    if not lines:
        return not_admin()
    more = len(lines) - PICKER_OPTIONS
    blocks = [header(f"Your programs ({len(lines)})"), *_sections([overview_line(p) for p in lines]),
              actions(program_picker(lines), block_id="report_programs"),
              context("Pick a program for its full report (funnel, engagement, quality, mentors, waiting, at-risk "
                      "pairs), its chart and its CSV, or type `/mentor report PROGRAM` (add `cohort:1` for a "
                      "round's pairs)." + (f" The picker lists the first {PICKER_OPTIONS}; type the other {more}."
                                           if more > 0 else "")),
              context(PRIVACY)]
    return message(f"Your programs: {len(lines)}. Pick one for its report.", blocks)


def admin_home_blocks(lines: list[ProgramLine]) -> list[dict]:
    """The App Home's section for a program admin: a line per program, the report of all (a DM: one program's
    report, or the overview of several) and a picker that sends one program's report to the DM."""
    elements = [button("Program report", ACTION_REPORT, style="primary")]
    if len(lines) > 1:
        elements.append(program_picker(lines))
    head, *rest = _sections([overview_line(p) for p in lines])
    head["text"]["text"] = truncate("*Programs you run*\n" + head["text"]["text"], SECTION_TEXT_LIMIT)
    return [divider(), head, *rest, actions(*elements, block_id="admin_report")]
