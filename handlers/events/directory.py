"""team_join adds a person; user_change updates them, and a deactivation marks them inactive and pauses their
mentorships. Retries (same event_id) are dropped by handlers.middleware before they get here."""

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.directory import apply_slack_user
from bot.features.home import publish_home


def register(app: App, deps: Deps) -> None:
    @app.event("team_join")
    def team_join(ack: Ack, event: dict):
        ack()
        apply_slack_user(deps.engine, event.get("user") or {}, deps.clock())

    @app.event("user_change")
    def user_change(ack: Ack, event: dict, client: WebClient):
        ack()
        _, others = apply_slack_user(deps.engine, event.get("user") or {}, deps.clock())
        for other in others:  # their Home shows the pair as paused now
            publish_home(deps, client, other)
