"""App lifecycle events: uninstall and token revocation stop all sending at once. Queued rows stay pending
(nothing fails, nothing is lost); the drain resumes when the token works again (a reinstall), or an operator runs
`mentorbot resume-sending`. `mentorbot purge --yes` deletes the workspace's data for good."""

import logging

from slack_bolt import App

from bot.features import privacy
from bot.features.deps import Deps

log = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    @app.event("app_uninstalled")
    def app_uninstalled(ack):
        ack()
        privacy.stop_sending(deps, "app_uninstalled")
        log.warning("the app was uninstalled from the workspace: sending stops, queued messages stay pending")

    @app.event("tokens_revoked")
    def tokens_revoked(ack, event: dict):
        ack()
        if not (event.get("tokens") or {}).get("bot"):
            log.info("user tokens were revoked; the bot token is not affected")
            return
        privacy.stop_sending(deps, "tokens_revoked")
        log.warning("the bot token was revoked: sending stops, queued messages stay pending")
