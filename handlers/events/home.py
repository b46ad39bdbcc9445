"""app_home_opened: publish the dashboard. Someone the directory has not seen yet is looked up first."""

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.directory import refresh_person
from bot.features.home import publish_home
from storage.db import session_scope
from storage.people import get_person


def register(app: App, deps: Deps) -> None:
    @app.event("app_home_opened")
    def home_opened(ack: Ack, event: dict, client: WebClient):
        ack()
        if event.get("tab") != "home":
            return
        user_id = event["user"]
        with session_scope(deps.engine) as session:
            known = get_person(session, user_id) is not None
        if not known:
            refresh_person(deps.engine, client, user_id)
        publish_home(deps, client, user_id)
