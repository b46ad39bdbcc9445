"""Saving goals, progress and the self-assessment, and the profile. Each returns field errors for the modal, the
view to show instead (a goal id that is not the user's), or None when saved. Goal ids arrive in private_metadata or
a picked option and are attacker-controlled: they are checked against the submitting user before anything is read
or written."""

from dataclasses import dataclass, replace

from bot.domain.goals import validate_goal, validate_progress
from bot.domain.profile import ProfileForm, validate_profile, validate_self_assessment
from bot.domain.timekeeping import local_today
from bot.features import screens
from bot.features.deps import Deps
from bot.slack.blocks import goals as goal_blocks
from storage.db import session_scope
from storage.events import claim_event
from storage.goals import create_goal, log_progress, owned_goal, update_goal
from storage.profiles import person_tz, save_profile, save_self_assessment


@dataclass
class Saved:
    errors: dict[str, str] | None = None  # field errors: answer response_action=errors
    replace_with: dict | None = None  # a view to show instead (e.g. "not yours")
    confirmation: dict | None = None  # a DM to send once saved (progress logged)

    @property
    def ok(self) -> bool:
        return not self.errors and self.replace_with is None


def save_goal(deps: Deps, user_id: str, goal_id: object, fields: dict[str, str], once_key: str) -> Saved:
    """once_key names this submission (bot.slack.viewstate.submission_key): a retried delivery of it writes nothing."""
    with session_scope(deps.engine) as session:
        goal = owned_goal(session, goal_id, user_id) if goal_id is not None else None
        if goal_id is not None and goal is None:
            return Saved(replace_with=screens.not_yours())
        today = local_today(person_tz(session, user_id), deps.clock())
        data, errors = validate_goal(fields["horizon"], fields["title"], fields["target"], fields["target_date"],
                                     fields["status"] or (goal.status if goal else ""), today)
        if errors:
            return Saved(errors=errors)
        if not claim_event(session, once_key):
            pass  # a retried delivery of a submission already saved
        elif goal is None:
            create_goal(session, user_id, data, deps.clock())
        else:
            update_goal(session, goal, data, deps.clock())
    return Saved()


def save_progress(deps: Deps, user_id: str, goal_id: object, percent: str, milestone: str, note: str,
                  once_key: str) -> Saved:
    with session_scope(deps.engine) as session:
        goal = owned_goal(session, goal_id, user_id)
        if goal is None:
            return Saved(replace_with=screens.not_yours())
        data, errors = validate_progress(percent, milestone, note)
        if errors:
            return Saved(errors=errors)
        was_active = goal.status == "active"
        if claim_event(session, once_key):  # not again for a retried delivery
            log_progress(session, goal, user_id, data, deps.clock())
        finished = was_active and goal.status == "done"
        return Saved(confirmation=goal_blocks.progress_logged(goal.title, data, finished))


def save_self_assessment_form(deps: Deps, user_id: str, strengths: str, areas: str) -> Saved:
    errors = validate_self_assessment(strengths, areas)
    if errors:
        return Saved(errors=errors)
    with session_scope(deps.engine) as session:
        save_self_assessment(session, user_id, strengths, areas)
    return Saved()


def save_profile_form(deps: Deps, user_id: str, form: ProfileForm) -> Saved:
    data, errors = validate_profile(form)
    if errors:
        return Saved(errors=errors)
    # Slack's own zone is not an override: store '' so a later change in Slack still applies.
    if data.timezone == screens.slack_tz(deps, user_id):
        data = replace(data, timezone="")
    with session_scope(deps.engine) as session:
        save_profile(session, user_id, data)
    return Saved()
