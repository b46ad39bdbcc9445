"""Review agreement: opens the agreement modal for either side of the pair."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.pairing import open_agreement
from bot.slack import ids
from bot.slack.payload import parse_id
from handlers.replies import open_answer


def register(app: App, deps: Deps) -> None:
    @app.action(ids.AGREEMENT_OPEN)
    def review(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        open_answer(client, body, respond, open_agreement(deps, body["user"]["id"], parse_id(action.get("value"))))
