"""The App Home dashboard and its "see all" modals. Pure: HomeData in, view JSON out.

Whatever the data, the Home stays within Slack's 100 blocks: every list shows a few rows and links a modal."""

from datetime import UTC, datetime

from bot.domain import lifecycle
from bot.domain.profile import Completeness, is_mentee, is_mentor
from bot.domain.text import escape, mention
from bot.slack import ids
from bot.slack.blocks import programs as program_blocks
from bot.slack.blocks.common import actions, button, context, divider, header, section
from bot.slack.blocks.forms import VIEW_BLOCK_LIMIT, input_block, modal, text_input
from bot.slack.blocks.goals import ADD_GOAL, LOG_PROGRESS, SELF_ASSESSMENT, entry_line, goal_line
from storage.dashboard import HomeData, Pair

HOME_GOALS = 5
HOME_PAIRS = 5
HOME_INTROS = 3
# Action ids of the Home's buttons.
FIND_MENTOR, EDIT_PROFILE, UPDATE_GOALS, LOG_ANY = ids.FIND_MENTOR, ids.EDIT_PROFILE, ids.UPDATE_GOALS, ids.LOG_ANY
SEE_MENTORS, SEE_MENTEES, SEE_INTROS = ids.SEE_MENTORS, ids.SEE_MENTEES, ids.SEE_INTROS
PAIR_JOURNAL, FIND_MENTOR_CALLBACK = ids.PAIR_JOURNAL, ids.FIND_MENTOR_CALLBACK

WELCOME = ("*Welcome to mentoring!* It works in three steps:\n"
           "1. *Set up your profile*: whether you want a mentor or can be one, what you know, and where you want "
           "to go.\n"
           "2. *Write down your goals*: one for this year and one for the next few years, each with a target "
           "you can measure.\n"
           "3. *Find a mentor*: mentorbot ranks mentors by fit and says why. Send an intro, agree how often you "
           "meet, then log progress here as you go.")
PRIVACY = "Your goals and journal are private: only you and your active mentors see them."


def _when(moment: datetime) -> str:
    """Slack shows <!date^…> in each reader's own time zone; the fallback (notifications, old clients) says UTC."""
    fallback = moment.astimezone(UTC).strftime("%a %d %b %Y, %H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} at {{time}}|{fallback}>"


def pair_line(pair: Pair, as_mentor: bool) -> str:
    m = pair.mentorship
    status = f"paused: {m.pause_reason}" if m.status == lifecycle.PAUSED and m.pause_reason else m.status
    parts = [escape(m.cadence), escape(status)]
    if pair.next_meeting:
        parts.append(f"next meeting {_when(pair.next_meeting)}")
    elif pair.next_checkin:
        parts.append(f"next check-in {_when(pair.next_checkin)}")
    role = "your mentee" if as_mentor else "your mentor"
    return f"{mention(pair.other_id)} ({role}) · " + " · ".join(parts)


def pair_section(pair: Pair, as_mentor: bool) -> dict:
    """A pair's line; while the mentorship is active, with a button to the mentee's goals and the pair's journal."""
    if pair.mentorship.status != lifecycle.ACTIVE:
        return section(pair_line(pair, as_mentor))
    label = "Goals & journal" if as_mentor else "Check-in journal"
    return section(pair_line(pair, as_mentor), accessory=button(label, PAIR_JOURNAL, str(pair.mentorship.id)))


def intro_line(req, incoming: bool) -> str:
    sent = req.created_at.date().isoformat()
    if incoming:
        return f"{mention(req.mentee_id)} asked you to mentor them · sent {sent}"
    return f"You asked {mention(req.mentor_id)} to mentor you · waiting since {sent}"


def _profile_blocks(data: HomeData, done: Completeness) -> list[dict]:
    if done.complete:
        text = "*Profile* · complete ✓"
    else:
        text = f"*Profile* · {done.percent}% complete\nTo add: " + ", ".join(done.missing)
    edit = button("Edit profile" if data.profile else "Set up your profile", EDIT_PROFILE,
                  style=None if data.profile else "primary")
    return [section(text, accessory=edit)]


def _goal_blocks(data: HomeData) -> list[dict]:
    active = [g for g in data.goals if g.status == "active"]
    blocks = [section(f"*Your goals* · {len(active)} active, {len(data.goals) - len(active)} done")]
    if not data.goals:
        blocks = [section("*Your goals*\nNo goals yet. Start with one short-term goal (within a year) and one "
                          "long-term goal, each with a target you can measure.",
                          accessory=button("Add a goal", ADD_GOAL, style="primary"))]
    for goal in data.goals[:HOME_GOALS]:
        accessory = button("Log progress", LOG_PROGRESS, str(goal.id)) if goal.status == "active" else None
        blocks.append(section(goal_line(goal), **({"accessory": accessory} if accessory else {})))
        entry = data.last_entries.get(goal.id)
        if entry:
            blocks.append(context(entry_line(entry)))
    more = len(data.goals) - HOME_GOALS
    if data.goals:
        blocks.append(actions(button(f"See all {len(data.goals)} goals" if more > 0 else "Manage goals",
                                     UPDATE_GOALS),
                              button("Add a goal", ADD_GOAL), button("Self-assessment", SELF_ASSESSMENT),
                              block_id="goal_tools"))
    return blocks


def _pair_blocks(pairs: list[Pair], as_mentor: bool, heading: str) -> list[dict]:
    blocks = [section(heading)]
    for pair in pairs[:HOME_PAIRS]:
        blocks.append(pair_section(pair, as_mentor))
    if len(pairs) > HOME_PAIRS:
        blocks.append(actions(button(f"See all {len(pairs)}", SEE_MENTEES if as_mentor else SEE_MENTORS),
                              block_id=f"see_{'mentees' if as_mentor else 'mentors'}"))
    return blocks


def _intro_blocks(data: HomeData) -> list[dict]:
    if not data.intros_in and not data.intros_out:
        return [section("*Intro requests*\nNone waiting.")]
    lines = [intro_line(r, True) for r in data.intros_in[:HOME_INTROS]]
    lines += [intro_line(r, False) for r in data.intros_out[:HOME_INTROS]]
    blocks = [section("*Intro requests*\n" + "\n".join(lines))]
    if len(data.intros_in) > HOME_INTROS or len(data.intros_out) > HOME_INTROS:
        blocks.append(actions(button(f"See all {len(data.intros_in) + len(data.intros_out)}", SEE_INTROS),
                              block_id="see_intros"))
    return blocks


def quick_actions(has_goals: bool) -> dict:
    return actions(button("Find a mentor", FIND_MENTOR, style="primary"), button("Edit profile", EDIT_PROFILE),
                   button("Update goals", UPDATE_GOALS if has_goals else ADD_GOAL),
                   button("Log progress", LOG_ANY), block_id="quick_actions")


def home_view(data: HomeData, done: Completeness) -> dict:
    blocks = [header("Your mentoring")]
    if data.is_new:
        blocks += [section(WELCOME), actions(button("Set up your profile", EDIT_PROFILE, style="primary"),
                                             button("Add a goal", ADD_GOAL), button("Find a mentor", FIND_MENTOR),
                                             block_id="welcome")]
        if data.admin_programs:  # an HR admin need not mentor: their programs show anyway
            blocks += [divider(), *program_blocks.admin_blocks(data.admin_programs, True,
                                                               limit=program_blocks.HOME_PROGRAMS)]
        return {"type": "home", "blocks": blocks}
    blocks += _profile_blocks(data, done)
    blocks.append(quick_actions(bool(data.goals)))
    blocks += [divider(), *_goal_blocks(data)]
    role = data.profile.role if data.profile else "mentee"
    if data.mentors or is_mentee(role):
        heading = "*Your mentors*" + ("" if data.mentors else "\nNone yet: *Find a mentor* when your goals are in.")
        blocks += [divider(), *_pair_blocks(data.mentors, False, heading)]
    if data.mentees or is_mentor(role):
        capacity = data.profile.capacity if data.profile else 0
        heading = (f"*Your mentees* · {len(data.mentees)} of {capacity}, "
                   f"{data.capacity_left} slot{'s' if data.capacity_left != 1 else ''} left")
        if capacity == 0:
            heading += " (capacity 0: you are paused for new requests)"
        blocks += [divider(), *_pair_blocks(data.mentees, True, heading)]
    if data.journey_blocks:
        blocks += [divider(), *data.journey_blocks]
    blocks += [divider(), *_intro_blocks(data)]
    mine = program_blocks.member_blocks(data.memberships)
    if mine:
        blocks += [divider(), *mine]
    if data.admin_programs:  # people who run programs; others create theirs from `/mentor admin`
        blocks += [divider(), *program_blocks.admin_blocks(data.admin_programs, True,
                                                           limit=program_blocks.HOME_PROGRAMS)]
    blocks.append(context(PRIVACY))
    return {"type": "home", "blocks": blocks[:VIEW_BLOCK_LIMIT]}


def list_modal(title: str, lines: list[str | dict], empty: str = "Nothing here.") -> dict:
    """A "see all" modal: one section per line (or a ready block), cut to stay within 100 blocks."""
    room = VIEW_BLOCK_LIMIT - 1
    blocks = [section(line) if isinstance(line, str) else line for line in lines[:room]] or [section(empty)]
    if len(lines) > room:
        blocks.append(context(f"{len(lines) - room} more not shown."))
    return modal(title, "see_all", blocks, submit=None, close="Close")


def pairs_modal(data: HomeData, which: str) -> dict:
    as_mentor = which == "mentees"
    pairs = data.mentees if as_mentor else data.mentors
    return list_modal("Your mentees" if as_mentor else "Your mentors", [pair_section(p, as_mentor) for p in pairs])


def intros_modal(data: HomeData) -> dict:
    lines = [intro_line(r, True) for r in data.intros_in] + [intro_line(r, False) for r in data.intros_out]
    return list_modal("Intro requests", lines, "No intro requests waiting.")


def find_mentor_modal() -> dict:
    return modal("Find a mentor", FIND_MENTOR_CALLBACK, [
        input_block("words", "What do you want to learn?",
                    text_input(max_length=200, placeholder="e.g. public speaking, python, people management"),
                    optional=True, hint="Leave it empty to use your goals. The answer comes as a DM."),
    ], submit="Find")
