"""Events listeners: one module per feature, each with register(app, deps), wired in MODULES order."""

from slack_bolt import App

from bot.features.deps import Deps
from handlers.events import checkin_replies, directory, home, lifecycle

MODULES = [lifecycle, home, directory, checkin_replies]


def register(app: App, deps: Deps) -> None:
    for module in MODULES:
        module.register(app, deps)
