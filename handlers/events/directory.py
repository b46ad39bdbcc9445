"""team_join adds a person; user_change updates them, and a deactivation marks them inactive and pauses their
mentorships. Retries (same event_id) are dropped by handlers.middleware before they get here."""

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.directory import entry_from_slack
from bot.features.deps import Deps
from bot.features.home import publish_home
from storage.db import session_scope
from storage.directory import apply_entry, partners
from storage.people import get_person


def register(app: App, deps: Deps) -> None:
    def apply(event: dict) -> tuple[str | None, list[str]]:
        entry = entry_from_slack(event.get("user") or {})
        if entry is None:
            return None, []
        with session_scope(deps.engine) as session:
            outcome = apply_entry(session, entry)
            others = partners(session, entry.slack_id) if outcome in ("deactivated", "reactivated") else []
            others = [o for o in others if (p := get_person(session, o)) is not None and p.active]
        return outcome, others

    @app.event("team_join")
    def team_join(ack: Ack, event: dict):
        ack()
        apply(event)

    @app.event("user_change")
    def user_change(ack: Ack, event: dict, client: WebClient):
        ack()
        _, others = apply(event)
        for other in others:  # their Home shows the pair as paused now
            publish_home(deps, client, other)
