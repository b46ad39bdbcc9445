"""The Refine modal of /findmentor: the words and filters, validated; the answer comes as a DM (a modal has no
response_url), like "Find a mentor" from the App Home."""

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.search_filters import from_form
from bot.features.deps import Deps
from bot.features.findmentor import find_mentors
from bot.slack import viewstate
from bot.slack.blocks.findmentor_refine import REFINE_CALLBACK
from bot.slack.delivery import send


def register(app: App, deps: Deps) -> None:
    @app.view(REFINE_CALLBACK)
    def refine(ack: Ack, body: dict, view: dict, client: WebClient):
        state, t = view["state"], viewstate.text
        filters, errors = from_form(t(state, "languages"), t(state, "tz"), t(state, "format"), t(state, "program"),
                                    t(state, "department"), t(state, "level"))
        if errors:
            ack(response_action="errors", errors=errors)
            return
        ack()  # ranking happens after
        user_id = body["user"]["id"]
        answer = find_mentors(deps.engine, user_id, t(state, "words"), deps.clock(), filters=filters)
        send(deps.engine, client, user_id, **answer)
