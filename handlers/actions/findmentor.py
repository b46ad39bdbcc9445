"""Buttons on /findmentor results: Show more, View profile, Request intro."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.findmentor import find_mentors, profile_view
from bot.features.intro import open_intro_modal
from bot.slack import ids
from bot.slack.blocks import findmentor as render
from bot.slack.payload import parse_json
from handlers.replies import open_answer, open_or_refuse


def register(app: App, deps: Deps) -> None:
    @app.action(ids.FINDMENTOR_MORE)
    def show_more(ack: Ack, body: dict, action: dict, respond: Respond):
        ack()
        data = parse_json(action.get("value"))
        offset = data.get("o") if isinstance(data.get("o"), int) else 0
        answer = find_mentors(deps.engine, body["user"]["id"], str(data.get("q") or ""), deps.clock(), offset)
        respond(replace_original=True, response_type="ephemeral", **answer)

    @app.action(ids.PROFILE_VIEW)
    def view_profile(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        view = profile_view(deps.engine, str(action.get("value") or ""))
        open_or_refuse(client, body, respond, view, render.not_available())

    @app.action(ids.INTRO_OPEN)
    def request_intro(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        open_answer(client, body, respond, open_intro_modal(deps, body["user"]["id"], action.get("value") or ""))
