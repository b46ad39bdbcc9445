"""The app factory: builds the Bolt App from settings and wires handlers/. Nothing else lives here."""

import logging

from slack_bolt import App

import handlers
from bot.features.deps import Deps
from bot.observability import measure_requests
from bot.slack.client import make_client
from handlers import errors

log = logging.getLogger(__name__)


def bolt_logger() -> logging.Logger:
    """Bolt copies the root level into its loggers; at DEBUG it would log request bodies (user text)."""
    logger = logging.getLogger("slack_bolt.mentorbot")
    logger.setLevel(max(logging.INFO, logging.getLogger().getEffectiveLevel()))
    return logger


def create_app(deps: Deps) -> App:
    settings = deps.settings
    app = App(
        logger=bolt_logger(),
        client=make_client(settings),
        signing_secret=settings.signing_secret or None,
        # Ack first, then do the slow work in Bolt's thread pool (Slack wants an answer within 3 s).
        process_before_response=False,
        # With no signing secret we are in Socket Mode, where requests are not signed.
        request_verification_enabled=bool(settings.signing_secret),
        raise_error_for_unhandled_request=False,
    )
    handlers.register(app, deps)
    measure_requests(app)  # Prometheus: requests by surface and outcome, ack latency (GET /metrics)

    @app.error
    def on_error(error, body, response, client, logger):
        # Exception type and where, never payload text or tokens; a database out of reach is told to the person.
        return errors.answer(error, body, response, client, logger)

    return app
