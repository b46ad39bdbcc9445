"""Buttons on /findmentor results: Show more, View profile, Request intro."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.blocks import findmentor as render
from bot.deps import Deps
from bot.findmentor import find_mentors, profile_card
from bot.intro_flow import open_intro_modal
from bot.payload import parse_json
from storage.db import session_scope
from storage.people import get_profile


def register(app: App, deps: Deps) -> None:
    @app.action("findmentor_more")
    def show_more(ack: Ack, body: dict, action: dict, respond: Respond):
        ack()
        data = parse_json(action.get("value"))
        offset = data.get("o") if isinstance(data.get("o"), int) else 0
        answer = find_mentors(deps.engine, body["user"]["id"], str(data.get("q") or ""), deps.clock(), offset)
        respond(replace_original=True, response_type="ephemeral", **answer)

    @app.action("profile_view")
    def view_profile(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        mentor_id = str(action.get("value") or "")
        with session_scope(deps.engine) as session:
            found = profile_card(session, mentor_id)
            profile = get_profile(session, mentor_id) if found else None
        if found is None:
            respond(response_type="ephemeral", replace_original=False, **render.not_available())
            return
        card, left = found
        client.views_open(trigger_id=body["trigger_id"],
                          view=render.profile_modal(card, left, profile.offer_format if profile else ""))

    @app.action("intro_open")
    def request_intro(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        problem = open_intro_modal(deps, client, body["user"]["id"], body["trigger_id"], action.get("value") or "")
        if problem:
            respond(response_type="ephemeral", replace_original=False, **problem)
