"""Confirming (or adjusting) the mentoring agreement."""

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.deps import Deps
from bot.intro_flow import parse_id, parse_json
from bot.pairing_flow import after_agreement, submit_agreement


def register(app: App, deps: Deps) -> None:
    @app.view("agreement_submit")
    def on_submit(ack: Ack, body: dict, view: dict, client: WebClient):
        mentorship_id = parse_id(parse_json(view.get("private_metadata")).get("m"))
        done = submit_agreement(deps, body["user"]["id"], view, mentorship_id)
        if done.errors:
            ack(response_action="errors", errors=done.errors)
            return
        ack()
        after_agreement(deps, client, done)
