"""Buttons on /findmentor results: Show more, View profile, Request intro."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.domain import search_filters
from bot.features.deps import Deps
from bot.features.findmentor import find_mentors, profile_view
from bot.features.intro import open_intro_modal
from bot.slack import ids
from bot.slack.blocks import findmentor as render
from bot.slack.blocks.findmentor_refine import refine_modal
from bot.slack.payload import parse_json
from handlers.replies import open_answer, open_or_refuse, show


def register(app: App, deps: Deps) -> None:
    @app.action(ids.FINDMENTOR_MORE)
    def show_more(ack: Ack, body: dict, action: dict, respond: Respond):
        ack()
        data = parse_json(action.get("value"))
        offset = data.get("o") if isinstance(data.get("o"), int) else 0
        # The value is attacker-controlled: the words are only searched, the filters are re-validated.
        answer = find_mentors(deps.engine, body["user"]["id"], str(data.get("q") or ""), deps.clock(), offset,
                              search_filters.from_value(data))
        respond(replace_original=True, response_type="ephemeral", **answer)

    @app.action(ids.FINDMENTOR_REFINE)
    def refine(ack: Ack, body: dict, action: dict, client: WebClient):
        ack()
        data = parse_json(action.get("value"))  # attacker-controlled: only prefills the modal, re-validated
        words = str(data.get("q") or "")[:render.QUERY_IN_VALUE]
        show(client, body, refine_modal(words, search_filters.from_value(data)))

    @app.action(ids.PROFILE_VIEW)
    def view_profile(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        view = profile_view(deps.engine, str(action.get("value") or ""))
        open_or_refuse(client, body, respond, view, render.not_available())

    @app.action(ids.INTRO_OPEN)
    def request_intro(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        open_answer(client, body, respond, open_intro_modal(deps, body["user"]["id"], action.get("value") or ""))
