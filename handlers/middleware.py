"""Global middleware: apply each Slack event once, however often Slack retries it."""

import logging

from slack_bolt import App
from slack_bolt.response import BoltResponse

from bot.features.dedupe import first_delivery
from bot.features.deps import Deps

log = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    @app.middleware
    def dedupe_events(body, next):
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if event_id:
            if not first_delivery(deps.engine, event_id):
                log.info("duplicate event %s skipped", event_id)
                return BoltResponse(status=200, body="")
        return next()
