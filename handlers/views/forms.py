"""The shape every modal submission here shares: validate and write (fast, before the ack), answer with field
errors or close the modal, then do the slow Slack calls after the ack."""

from collections.abc import Callable

from slack_bolt import Ack, App
from slack_sdk import WebClient


def register_form(app: App, callback_id: str, submit: Callable[[str, dict], object],
                  deliver: Callable[[WebClient, str, object], None]) -> None:
    """submit(user_id, view) returns a result with .errors ({block_id: message}); deliver(client, user_id, result)
    runs once the modal is closed."""
    @app.view(callback_id)
    def on_submit(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id = body["user"]["id"]
        result = submit(user_id, view)
        if result.errors:
            ack(response_action="errors", errors=result.errors)
            return
        ack()
        deliver(client, user_id, result)
