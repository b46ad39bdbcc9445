"""App lifecycle events: uninstall and token revocation."""

import logging

from slack_bolt import App

from bot.features.deps import Deps

log = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:  # noqa: ARG001
    @app.event("app_uninstalled")
    def app_uninstalled(ack):
        ack()
        log.warning("the app was uninstalled from the workspace")

    @app.event("tokens_revoked")
    def tokens_revoked(ack):
        ack()
        log.warning("tokens were revoked")
