"""Global middleware: give every listener an ack that answers Slack in time (handlers/acks.py), apply each Slack
event once however often Slack retries it, and refuse control characters (NUL, ...) in every modal input and slash
command before any listener sees them (bot.domain.plain_text)."""

import json
import logging

from slack_bolt import App
from slack_bolt.response import BoltResponse

from bot.domain.plain_text import control_error, strip_controls
from bot.features.dedupe import first_delivery
from bot.features.deps import Deps
from bot.slack import viewstate
from handlers.acks import DeadlineAck, StickyAck

log = logging.getLogger(__name__)

COMMAND_CONTROL = ("Your command holds control characters (such as NUL) that I can't take. "
                   "Type it again without them.")


def _json(payload: dict) -> BoltResponse:
    return BoltResponse(status=200, body=json.dumps(payload), headers={"content-type": "application/json"})


def register(app: App, deps: Deps) -> None:
    @app.middleware
    def answer_in_time(body, context, client, next):
        view = body.get("view") if isinstance(body, dict) and body.get("type") == "view_submission" else None
        if isinstance(view, dict) and view.get("id"):
            context["ack"] = DeadlineAck(client, view["id"])
        else:
            context["ack"] = StickyAck()
        return next()

    @app.middleware
    def dedupe_events(body, next):
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if event_id:
            if not first_delivery(deps.engine, event_id):
                log.info("duplicate event %s skipped", event_id)
                return BoltResponse(status=200, body="")
        return next()

    @app.middleware
    def refuse_control_characters(body, next):
        if not isinstance(body, dict):
            return next()
        if body.get("type") == "view_submission" and isinstance(body.get("view"), dict):
            errors = viewstate.control_errors(body["view"])
            if errors:
                return _json({"response_action": "errors", "errors": errors})
        elif isinstance(body.get("command"), str) and control_error(str(body.get("text") or "")):
            return _json({"response_type": "ephemeral", "text": COMMAND_CONTROL})
        elif body.get("type") == "event_callback":
            # A DM reply cannot be sent back for correction: what is kept is the text without control characters.
            event = body.get("event") or {}
            if isinstance(event.get("text"), str):
                event["text"] = strip_controls(event["text"])
        return next()
