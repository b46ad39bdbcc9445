"""Answers every interactive handler gives the same way: refuse under the clicked message, or open a modal (pushed
onto an open modal, else a new one)."""

import logging

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.features.answers import ModalOrRefusal

log = logging.getLogger(__name__)


def refuse(respond: Respond, message: dict) -> None:
    """An ephemeral answer under the clicked message, leaving the message itself alone."""
    respond(response_type="ephemeral", replace_original=False, **message)


def show(client: WebClient, body: dict, view: dict) -> None:
    """Push onto an open modal (max 3 deep), else open a new one."""
    in_modal = (body.get("container") or {}).get("type") == "view" and (body.get("view") or {}).get("type") == "modal"
    try:
        if in_modal:
            client.views_push(trigger_id=body["trigger_id"], view=view)
        else:
            client.views_open(trigger_id=body["trigger_id"], view=view)
    except SlackApiError as exc:
        log.warning("opening a modal failed: %s", exc.response.get("error"))


def open_or_refuse(client: WebClient, body: dict, respond: Respond, view: dict | None, refusal: dict) -> None:
    """Open `view` for the clicker, or say why not when the use case refused (view is None)."""
    if view is None:
        refuse(respond, refusal)
        return
    show(client, body, view)


def open_answer(client: WebClient, body: dict, respond: Respond, answer: ModalOrRefusal) -> None:
    open_or_refuse(client, body, respond, answer.view, answer.refusal or {})
