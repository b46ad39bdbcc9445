"""Actions listeners: one module per feature, each with register(app, deps), wired in MODULES order."""

from slack_bolt import App

from bot.features.deps import Deps
from handlers.actions import checkins, ending, findmentor, home, intro, pairing

MODULES = [home, findmentor, intro, pairing, checkins, ending]


def register(app: App, deps: Deps) -> None:
    for module in MODULES:
        module.register(app, deps)
