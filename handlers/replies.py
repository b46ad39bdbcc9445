"""Answers every button handler gives the same way."""

from slack_bolt import Respond
from slack_sdk import WebClient


def refuse(respond: Respond, message: dict) -> None:
    """An ephemeral answer under the clicked message, leaving the message itself alone."""
    respond(response_type="ephemeral", replace_original=False, **message)


def open_or_refuse(client: WebClient, body: dict, respond: Respond, view: dict | None, refusal: dict) -> None:
    """Open `view` for the clicker, or say why not when the domain refused (view is None)."""
    if view is None:
        refuse(respond, refusal)
        return
    client.views_open(trigger_id=body["trigger_id"], view=view)
