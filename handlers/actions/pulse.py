"""The pulse DM's "Answer privately" button opens the pulse modal. The button value is attacker-controlled:
bot.features.pulse checks the clicker is one of the active pair and was asked that round."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.pulse import pulse_view
from bot.slack.blocks import pulse as blocks
from handlers.replies import open_or_refuse


def register(app: App, deps: Deps) -> None:
    @app.action(blocks.ACTION_OPEN)
    def open_pulse(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        view = pulse_view(deps.engine, body["user"]["id"], action.get("value"))
        open_or_refuse(client, body, respond, view, blocks.refused())
