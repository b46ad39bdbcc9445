"""Change the agreement (from "is this still working for you?"): a new cadence, and both are told."""

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.escalation import change_cadence
from bot.slack import viewstate
from bot.slack.blocks import escalation as blocks
from bot.slack.delivery import send


def register(app: App, deps: Deps) -> None:
    @app.view(blocks.CHANGE_CALLBACK)
    def submit_change(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id = body["user"]["id"]
        cadence = viewstate.text(view["state"], blocks.CADENCE_BLOCK)
        done = change_cadence(deps.engine, user_id, view.get("private_metadata"), cadence, deps.clock())
        if not done.ok:
            ack(response_action="errors", errors={blocks.CADENCE_BLOCK: done.mine["text"]})
            return
        ack()
        send(deps.engine, client, user_id, **done.mine)
        send(deps.engine, client, done.other_id, **done.theirs)
