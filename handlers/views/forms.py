"""The one shape of every modal submission: validate and write (fast, before the ack), answer with field errors, a
replacement view, or close the modal; then do the slow Slack calls after the ack."""

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient


def register_form(app: App, callback_id: str, submit: Callable[[str, dict], Any],
                  deliver: Callable[[WebClient, str, dict, Any], None] | None = None) -> None:
    """submit(user_id, view) returns a result with `.errors` ({block_id: message}, empty or None when saved),
    optionally `.replace_with` (a view to show instead of saving, e.g. "not yours") and `.then_show` (a view that
    confirms what was saved, in place of the closed modal); deliver(client, user_id, view, result) runs after the
    ack, once the submission was taken."""
    @app.view(callback_id)
    def on_submit(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id = body["user"]["id"]
        result = submit(user_id, view)
        if result.errors:
            ack(response_action="errors", errors=result.errors)
            return
        replacement = getattr(result, "replace_with", None)
        if replacement is not None:
            ack(response_action="update", view=replacement)
            return
        confirmation = getattr(result, "then_show", None)
        if confirmation is not None:
            ack(response_action="update", view=confirmation)
        else:
            ack()
        if deliver is not None:
            deliver(client, user_id, view, result)
