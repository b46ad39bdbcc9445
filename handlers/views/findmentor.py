"""The Refine modal of /findmentor: the words and filters, validated; the answer comes as a DM (a modal has no
response_url), like "Find a mentor" from the App Home."""

from typing import NamedTuple

from slack_bolt import App
from slack_sdk import WebClient

from bot.domain.search_filters import Filters, from_form
from bot.features.deps import Deps
from bot.features.findmentor import find_mentors
from bot.slack import viewstate
from bot.slack.blocks.findmentor_refine import REFINE_CALLBACK
from bot.slack.delivery import send
from handlers.views.forms import register_form


class Refined(NamedTuple):
    errors: dict[str, str]
    words: str
    filters: Filters


def register(app: App, deps: Deps) -> None:
    def submit(_user_id: str, view: dict) -> Refined:
        state, t = view["state"], viewstate.text
        filters, errors = from_form(t(state, "languages"), t(state, "tz"), t(state, "format"), t(state, "program"),
                                    t(state, "department"), t(state, "level"))
        return Refined(errors, t(state, "words"), filters)

    def deliver(client: WebClient, user_id: str, _view: dict, refined: Refined) -> None:
        answer = find_mentors(deps.engine, user_id, refined.words, deps.clock(), filters=refined.filters)
        send(deps.engine, client, user_id, **answer)  # ranking happens after the ack

    register_form(app, REFINE_CALLBACK, submit, deliver)
