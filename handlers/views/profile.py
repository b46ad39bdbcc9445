"""Profile, self-assessment and the Home's "Find a mentor" modal: validate, save, then republish the Home."""

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.profile import ProfileForm
from bot.features import goals, screens
from bot.features.deps import Deps
from bot.features.findmentor import find_mentors
from bot.features.goals import Saved
from bot.features.home import publish_home
from bot.slack import viewstate
from bot.slack.blocks import home as home_blocks
from bot.slack.blocks import profile as profile_blocks
from bot.slack.delivery import send
from handlers.views.forms import register_form

log = logging.getLogger(__name__)


def profile_form(state: dict) -> ProfileForm:
    t, v = viewstate.text, viewstate.values
    return ProfileForm(
        role=t(state, "role"), title=t(state, "title"), topics_picked=v(state, "topics"),
        topics_other=t(state, "topics_other"), years=t(state, "years"), career_path=t(state, "career_path"),
        aspiration=t(state, "aspiration"), values=v(state, "values"), capacity=t(state, "capacity"),
        cadence=t(state, "cadence"), formats=v(state, "formats"), languages=t(state, "languages"),
        timezone=t(state, "timezone"), bio=t(state, "bio"), work_hours=t(state, "work_hours"),
        work_days=v(state, "work_days"), proud_of=t(state, "proud_of"))


def refresh_goals_list(deps: Deps, client: WebClient, view: dict, user_id: str) -> None:
    """A modal pushed from the goals list: show the list up to date when this one closes."""
    previous = view.get("previous_view_id")
    if previous:
        try:
            client.views_update(view_id=previous, view=screens.goals_list(deps, user_id))
        except SlackApiError as exc:
            log.info("goals list not updated: %s", exc.response.get("error"))


def register(app: App, deps: Deps) -> None:
    def after_profile(client: WebClient, user_id: str, _view: dict, _saved: Saved) -> None:
        publish_home(deps, client, user_id)

    def after_assessment(client: WebClient, user_id: str, view: dict, _saved: Saved) -> None:
        refresh_goals_list(deps, client, view, user_id)
        publish_home(deps, client, user_id)

    def find(client: WebClient, user_id: str, view: dict, _saved: Saved) -> None:
        # Ranking happens after the ack; the answer comes as a DM.
        answer = find_mentors(deps.engine, user_id, viewstate.text(view["state"], "words"), deps.clock())
        send(deps.engine, client, user_id, **answer)

    register_form(app, profile_blocks.PROFILE_CALLBACK,
                  lambda user, view: goals.save_profile_form(deps, user, profile_form(view["state"])), after_profile)
    register_form(app, profile_blocks.SELF_ASSESSMENT_CALLBACK,
                  lambda user, view: goals.save_self_assessment_form(
                      deps, user, viewstate.text(view["state"], "strengths"), viewstate.text(view["state"], "areas")),
                  after_assessment)
    register_form(app, home_blocks.FIND_MENTOR_CALLBACK, lambda _user, _view: Saved(), find)
