"""What each modal shows, read from the database for one person. Handlers open or push these; the
ownership check for a goal id from a payload happens here, before anything about the goal is read."""

from datetime import timedelta

from bot.domain.timekeeping import local_today
from bot.features.deps import Deps
from bot.features.directory import refresh_person
from bot.slack.blocks import goals as goal_blocks
from bot.slack.blocks import home as home_blocks
from bot.slack.blocks import pair_view as pair_blocks
from bot.slack.blocks import profile as profile_blocks
from bot.slack.blocks.common import section
from bot.slack.blocks.forms import modal
from storage.dashboard import home_data
from storage.db import session_scope
from storage.goals import last_updates, list_goals, owned_goal
from storage.pair_view import pair_view
from storage.people import get_person, get_profile
from storage.profiles import person_tz


def unavailable(text: str) -> dict:
    return modal("Not available", "not_available", [section(text)], submit=None, close="Close")


def not_yours() -> dict:
    return unavailable("That goal does not exist or is not yours, so there is nothing to show. Open your goals "
                       "from the Home or with `/mentor goals`.")


def profile(deps: Deps, client, user_id: str) -> dict:
    """Asks Slack (users.info) first, so the time zone is prefilled from what Slack knows now."""
    entry = refresh_person(deps.engine, client, user_id)
    with session_scope(deps.engine) as session:
        person = get_person(session, user_id)
        slack_tz = (entry.tz if entry else "") or (person.tz if person else "") or "UTC"
        return profile_blocks.profile_modal(get_profile(session, user_id), slack_tz)


def self_assessment(deps: Deps, user_id: str) -> dict:
    with session_scope(deps.engine) as session:
        return profile_blocks.self_assessment_modal(get_profile(session, user_id))


def goals_list(deps: Deps, user_id: str) -> dict:
    with session_scope(deps.engine) as session:
        goals = list_goals(session, user_id)
        entries = last_updates(session, [g.id for g in goals])
        return goal_blocks.goals_list_modal(goals, entries, get_profile(session, user_id))


def new_goal(deps: Deps, user_id: str) -> dict:
    with session_scope(deps.engine) as session:
        today = local_today(person_tz(session, user_id), deps.clock())
    return goal_blocks.goal_modal(None, default_date=today + timedelta(days=90))


def edit_goal(deps: Deps, user_id: str, goal_id: object) -> dict:
    with session_scope(deps.engine) as session:
        goal = owned_goal(session, goal_id, user_id)
        return goal_blocks.goal_modal(goal) if goal else not_yours()


def log_progress(deps: Deps, user_id: str, goal_id: object = None, confirm_in_dm: bool = False) -> dict:
    """With a goal id (a goal's button, also on a goal nudge): that goal, if it is the user's. Without: pick
    among active goals."""
    with session_scope(deps.engine) as session:
        if goal_id is not None:
            goal = owned_goal(session, goal_id, user_id)
            return goal_blocks.progress_modal(goal, confirm_in_dm=confirm_in_dm) if goal else not_yours()
        goals = [g for g in list_goals(session, user_id) if g.status == "active"]
    return goal_blocks.progress_modal(None, goals) if goals else goal_blocks.no_goals_modal()


def pairs(deps: Deps, user_id: str, which: str) -> dict:
    with session_scope(deps.engine) as session:
        return home_blocks.pairs_modal(home_data(session, user_id, journal_for=0), which)


def intros(deps: Deps, user_id: str) -> dict:
    with session_scope(deps.engine) as session:
        return home_blocks.intros_modal(home_data(session, user_id, journal_for=0))


def pair_journal(deps: Deps, user_id: str, mentorship_id: object) -> dict:
    """A mentee's goals and journals for their active mentor, or the pair's check-in journal for the mentee;
    the "not available" view for anyone else (checked in pair_view before anything is read)."""
    with session_scope(deps.engine) as session:
        view = pair_view(session, mentorship_id, user_id, entries=pair_blocks.SHOWN_ENTRIES,
                         checkins=pair_blocks.SHOWN_CHECKINS)
        return pair_blocks.pair_modal(view) if view else unavailable(pair_blocks.UNAVAILABLE)


def slack_tz(deps: Deps, user_id: str) -> str:
    """The zone Slack reported for the person (stored by the directory), UTC if unknown."""
    with session_scope(deps.engine) as session:
        person = get_person(session, user_id)
        return (person.tz if person else "") or "UTC"
