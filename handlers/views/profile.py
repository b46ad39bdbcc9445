"""Profile, self-assessment and the Home's "Find a mentor" modal: validate, save, then republish the Home."""

import logging
from dataclasses import replace

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.profile import ProfileForm, validate_profile, validate_self_assessment
from bot.features import screens
from bot.features.deps import Deps
from bot.features.findmentor import find_mentors
from bot.features.home import publish_home
from bot.slack import viewstate
from bot.slack.blocks import home as home_blocks
from bot.slack.blocks import profile as profile_blocks
from storage.db import session_scope
from storage.profiles import save_profile, save_self_assessment

log = logging.getLogger(__name__)


def profile_form(state: dict) -> ProfileForm:
    t, v = viewstate.text, viewstate.values
    return ProfileForm(
        role=t(state, "role"), title=t(state, "title"), topics_picked=v(state, "topics"),
        topics_other=t(state, "topics_other"), years=t(state, "years"), career_path=t(state, "career_path"),
        aspiration=t(state, "aspiration"), values=v(state, "values"), capacity=t(state, "capacity"),
        cadence=t(state, "cadence"), formats=v(state, "formats"), languages=t(state, "languages"),
        timezone=t(state, "timezone"), bio=t(state, "bio"))


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
        data, errors = validate_profile(profile_form(view["state"]))
        if errors:
            ack(response_action="errors", errors=errors)
            return
        # Slack's own zone is not an override: store '' so a later change in Slack still applies.
        slack_tz = screens.slack_tz(deps, user_id)
        if data.timezone == slack_tz:
            data = replace(data, timezone="")
        with session_scope(deps.engine) as session:
            save_profile(session, user_id, data)
        ack()
        publish_home(deps, client, user_id)

    @app.view(profile_blocks.SELF_ASSESSMENT_CALLBACK)
    def save_assessment(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id = body["user"]["id"]
        strengths, areas = viewstate.text(view["state"], "strengths"), viewstate.text(view["state"], "areas")
        errors = validate_self_assessment(strengths, areas)
        if errors:
            ack(response_action="errors", errors=errors)
            return
        with session_scope(deps.engine) as session:
            save_self_assessment(session, user_id, strengths, areas)
        ack()
        refresh_goals_list(deps, client, view, user_id)
        publish_home(deps, client, user_id)

    @app.view(home_blocks.FIND_MENTOR_CALLBACK)
    def find(ack: Ack, body: dict, view: dict, client: WebClient):
        ack()  # ranking happens after; the answer comes as a DM
        user_id = body["user"]["id"]
        answer = find_mentors(deps.engine, user_id, viewstate.text(view["state"], "words"), deps.clock())
        client.chat_postMessage(channel=user_id, **answer)
