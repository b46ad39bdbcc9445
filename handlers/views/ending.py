"""The wrap-up modal: end the mentorship, say goodbye to both in DMs, republish both Homes. The mentorship id in
private_metadata is attacker-controlled: bot.features.ending checks the submitter is one of the active pair."""

from slack_bolt import App
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.ending import Outcome, wrap_up
from bot.features.home import publish_home
from bot.slack import viewstate
from bot.slack.blocks import ending as blocks
from bot.slack.delivery import send
from handlers.views.forms import register_form


def register(app: App, deps: Deps) -> None:
    def submit(user_id: str, view: dict) -> Outcome:
        state = view["state"]
        return wrap_up(deps.engine, user_id, view.get("private_metadata"), viewstate.text(state, blocks.NOTE_BLOCK),
                       viewstate.text(state, blocks.REASON_BLOCK), deps.clock())

    def deliver(client: WebClient, user_id: str, _view: dict, outcome: Outcome) -> None:
        send(deps.engine, client, user_id, **outcome.mine)
        send(deps.engine, client, outcome.other_id, **outcome.theirs)
        for person in (user_id, outcome.other_id):
            publish_home(deps, client, person)

    register_form(app, blocks.WRAP_CALLBACK, submit, deliver)
