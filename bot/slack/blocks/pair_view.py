"""The "Goals & journal" modal a mentor opens from a mentee's line on the App Home (and the "Check-in journal"
a mentee opens from a mentor's line). Pure: a storage.pair_view.PairView in, a modal out; user text escaped."""

from bot.domain.text import escape, mention, truncate
from bot.slack import ids
from bot.slack.blocks.checkins import journal_line
from bot.slack.blocks.common import context, divider, section
from bot.slack.blocks.forms import modal
from bot.slack.blocks.goals import entry_line, goal_line

CALLBACK = ids.PAIR_JOURNAL_CALLBACK
SHOWN_GOALS = 20
SHOWN_ENTRIES = 10
SHOWN_CHECKINS = 10
PRIVACY = ("Private to the pair: a mentee's goals and career journal are seen by them and their active mentors; "
           "the check-in journal by the two of you.")
UNAVAILABLE = ("That mentorship is not one of yours, or it is not active, so there is nothing to show. "
               "Goals and journals are shared only within an active mentorship.")


def _more(shown: int, total: int, what: str) -> list[dict]:
    return [context(f"{total - shown} older {what} not shown.")] if total > shown else []


def _goal_blocks(view) -> list[dict]:
    if not view.goals:
        blocks = [section("*Goals*\nNo active goals yet.")]
    else:
        blocks = [section(f"*Goals* · {len(view.goals)} active")]
        blocks += [section(goal_line(g)) for g in view.goals[:SHOWN_GOALS]]
        if len(view.goals) > SHOWN_GOALS:
            blocks.append(context(f"{len(view.goals) - SHOWN_GOALS} more active goals not shown."))
    if view.strengths or view.areas_to_improve:
        blocks += [divider(), section("*Self-assessment*\n"
                                      f"Strengths: {escape(truncate(view.strengths, 1200)) or '—'}\n"
                                      f"To improve: {escape(truncate(view.areas_to_improve, 1200)) or '—'}")]
    blocks += [divider(), section("*Career journal*" + ("" if view.entries else "\nNo entries yet."))]
    blocks += [section(entry_line(e, label=f"*{escape(truncate(g.title, 80))}* ·", snippet=500))
               for e, g in view.entries]
    return blocks + _more(len(view.entries), view.entry_count, "entries")


def pair_modal(view) -> dict:
    m = view.mentorship
    role = "your mentee" if view.as_mentor else "your mentor"
    blocks = [section(f"{mention(view.other_id)} ({role}) · meeting {escape(m.cadence)}")]
    if view.as_mentor:
        blocks += [*_goal_blocks(view), divider()]
    blocks.append(section("*Check-in journal*" + ("" if view.checkins else
                                                  "\nEmpty so far: it fills as you answer check-in prompts.")))
    blocks += [section(journal_line(c.author_id, c.period, c.outcome, c.note, view.viewer_id)) for c in view.checkins]
    blocks += _more(len(view.checkins), view.checkin_count, "check-ins")
    blocks.append(context(PRIVACY))
    title = "Goals & journal" if view.as_mentor else "Check-in journal"
    return modal(title, CALLBACK, blocks, submit=None, close="Close")
