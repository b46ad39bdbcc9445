"""Submitting an intro request, and the mentor's optional kind word when declining."""

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.deps import Deps
from bot.intro_flow import after_decline, deliver_request, submit_decline, submit_intro


def register(app: App, deps: Deps) -> None:
    @app.view("intro_submit")
    def on_submit(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id = body["user"]["id"]
        sent = submit_intro(deps, user_id, view)
        if sent.errors:
            ack(response_action="errors", errors=sent.errors)
            return
        ack()
        deliver_request(client, user_id, sent)

    @app.view("intro_decline_submit")
    def on_decline(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id = body["user"]["id"]
        done = submit_decline(deps, user_id, view)
        if done.errors:
            ack(response_action="errors", errors=done.errors)
            return
        ack()
        after_decline(client, user_id, done)
