"""The pulse modal: validate, store privately, thank the person in their DM."""

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.pulse import parse_answer, record_pulse
from bot.slack import viewstate
from bot.slack.blocks import pulse as blocks
from bot.slack.delivery import send


def register(app: App, deps: Deps) -> None:
    @app.view(blocks.CALLBACK)
    def submit_pulse(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id, state = body["user"]["id"], view["state"]
        errors, answer = parse_answer(viewstate.text(state, blocks.RATING_BLOCK),
                                      viewstate.text(state, blocks.HELPING_BLOCK),
                                      viewstate.text(state, blocks.NOTE_BLOCK))
        if answer is None:
            ack(response_action="errors", errors=errors)
            return
        other = record_pulse(deps.engine, user_id, view.get("private_metadata"), *answer)
        if other is None:
            ack(response_action="errors", errors={blocks.RATING_BLOCK: blocks.refused()["text"]})
            return
        ack()
        send(deps.engine, client, user_id, **blocks.thanks(other))
