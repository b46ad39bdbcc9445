"""app_home_opened: publish the dashboard. Someone the directory has not seen yet is looked up first."""

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.features import home
from bot.features.deps import Deps


def register(app: App, deps: Deps) -> None:
    @app.event("app_home_opened")
    def home_opened(ack: Ack, event: dict, client: WebClient):
        ack()
        if event.get("tab") != "home":
            return
        home.home_opened(deps, client, event["user"])
