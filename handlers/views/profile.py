"""Profile, self-assessment and the Home's "Find a mentor" modal: validate, save, then republish the Home."""

import logging

from slack_bolt import Ack, App
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

log = logging.getLogger(__name__)


def profile_form(state: dict) -> ProfileForm:
    t, v = viewstate.text, viewstate.values
    return ProfileForm(
        role=t(state, "role"), title=t(state, "title"), topics_picked=v(state, "topics"),
        topics_other=t(state, "topics_other"), years=t(state, "years"), career_path=t(state, "career_path"),
        aspiration=t(state, "aspiration"), values=v(state, "values"), capacity=t(state, "capacity"),
        cadence=t(state, "cadence"), formats=v(state, "formats"), languages=t(state, "languages"),
        timezone=t(state, "timezone"), bio=t(state, "bio"))


def answer(ack: Ack, saved: Saved) -> bool:
    """Ack a modal submission with what the use case decided; True when saved (the modal closes)."""
    if saved.errors:
        ack(response_action="errors", errors=saved.errors)
    elif saved.replace_with is not None:
        ack(response_action="update", view=saved.replace_with)
    else:
        ack()
    return saved.ok


def refresh_goals_list(deps: Deps, client: WebClient, view: dict, user_id: str) -> None:
    """A modal pushed from the goals list: show the list up to date when this one closes."""
    previous = view.get("previous_view_id")
    if previous:
        try:
            client.views_update(view_id=previous, view=screens.goals_list(deps, user_id))
        except SlackApiError as exc:
            log.info("goals list not updated: %s", exc.response.get("error"))


def register(app: App, deps: Deps) -> None:
    @app.view(profile_blocks.PROFILE_CALLBACK)
    def save(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id = body["user"]["id"]
        if not answer(ack, goals.save_profile_form(deps, user_id, profile_form(view["state"]))):
            return
        publish_home(deps, client, user_id)

    @app.view(profile_blocks.SELF_ASSESSMENT_CALLBACK)
    def save_assessment(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id = body["user"]["id"]
        saved = goals.save_self_assessment_form(deps, user_id, viewstate.text(view["state"], "strengths"),
                                                viewstate.text(view["state"], "areas"))
        if not answer(ack, saved):
            return
        refresh_goals_list(deps, client, view, user_id)
        publish_home(deps, client, user_id)

    @app.view(home_blocks.FIND_MENTOR_CALLBACK)
    def find(ack: Ack, body: dict, view: dict, client: WebClient):
        ack()  # ranking happens after; the answer comes as a DM
        user_id = body["user"]["id"]
        answer = find_mentors(deps.engine, user_id, viewstate.text(view["state"], "words"), deps.clock())
        client.chat_postMessage(channel=user_id, **answer)
